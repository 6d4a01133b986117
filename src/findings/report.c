/* report.c: ownership of the report model (findings.h).
 *
 * Every string and array reachable from an ls_report is a separate heap
 * allocation owned by the report; ls_report_free() releases them all. The
 * rule descriptions are strings of the catalogue the report was built from,
 * and the report owns that catalogue too (ls_report.catalogue): rules is an
 * array of copies of its ls_rule_info, freed with it.
 */
#include <stdlib.h>

#include "findings.h"
#include "rules.h"

static void free_location(ls_location *loc) { free((char *)loc->path); }

void ls_steps_free(ls_step *steps, size_t n) {
  for (size_t s = 0; s < n; s++) {
    free_location(&steps[s].loc);
    free((char *)steps[s].function);
    free((char *)steps[s].callee);
    free((char *)steps[s].api);
    free((char *)steps[s].message);
  }
  free(steps);
}

void ls_report_free(ls_report *report) {
  if (!report) return;
  for (size_t i = 0; i < report->nfindings; i++) {
    ls_finding *f = &report->findings[i];
    free_location(&f->loc);
    free((char *)f->rule_id);
    free((char *)f->message);
    free((char *)f->callee);
    free((char *)f->function);
    free((char *)f->root);
    ls_steps_free(f->steps, f->nsteps);
    for (size_t r = 0; r < f->nrelated; r++) {
      free_location(&f->related[r].loc);
      free((char *)f->related[r].root);
      free((char *)f->related[r].api);
      free((char *)f->related[r].message);
    }
    free(f->related);
  }
  free(report->findings);
  free(report->rules);
  for (size_t i = 0; i < report->nnotes; i++) {
    free((char *)report->notes[i].path);
    free((char *)report->notes[i].message);
  }
  free(report->notes);
  for (size_t i = 0; i < report->nremarks; i++) {
    free_location(&report->remarks[i].loc);
    free((char *)report->remarks[i].message);
  }
  free(report->remarks);
  report->remarks = NULL;
  report->nremarks = 0;
  for (size_t i = 0; i < report->nloops; i++) {
    ls_loop_found *l = &report->loops[i];
    free_location(&l->loc);
    free((char *)l->function);
    free((char *)l->wait);
    for (size_t k = 0; k < l->nslots; k++) free((char *)l->slots[k]);
    free(l->slots);
  }
  free(report->loops);
  report->loops = NULL;
  report->nloops = 0;
  for (size_t i = 0; i < report->nprograms; i++) free(report->programs[i].name);
  free(report->programs);
  report->programs = NULL;
  report->nprograms = 0;
  free(report->programs_from);
  report->programs_from = NULL;
  ls_free_strings(report->pack_warnings, report->npack_warnings);
  report->pack_warnings = NULL;
  report->npack_warnings = 0;
  free((char *)report->srcroot);
  free((char *)report->command_line);
  report->findings = NULL;
  report->nfindings = 0;
  report->rules = NULL;
  report->nrules = 0;
  report->notes = NULL;
  report->nnotes = 0;
  report->srcroot = NULL;
  report->command_line = NULL;
  if (report->catalogue) {
    ls_catalogue_free(report->catalogue);
    free(report->catalogue);
    report->catalogue = NULL;
  }
}
