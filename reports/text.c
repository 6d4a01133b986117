/* text.c: the compiler-style text report, lagscan's default output.
 *
 * The contract (docs/output-formats.md; tests and editors parse it):
 *
 *   PATH:LINE:COL: warning: MESSAGE [RULE]
 *   PATH:LINE:COL: note: STEP          one per hop, nearest caller first,
 *   ...                                the registration of the loop
 *                                      callback last
 *   PATH:LINE:COL: note: RELATED       one per other loop root
 *
 * for every finding not marked absent by a baseline, in report order. A note
 * whose place is unknown (no path or line 0) is written "note: MESSAGE" with
 * no location. After the findings comes a summary whose lines never match
 * ^\S+:\d+:\d+: (warning|note):  so a parser of the lines above can read the
 * whole output. Control characters in paths and messages are written as
 * \xNN, so nothing in a report can start a line of its own.
 *
 * With colour (--color), the finding and note lines are coloured as clang
 * colours its diagnostics: the place bold, "warning:" bold magenta, "note:"
 * bold black, a warning's message with its [rule] bold, then a reset at the
 * end of each; the summary is never coloured. Without colour not one escape
 * byte is written.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "reports.h"
#include "rutil.h"
#include "writers.h"

#define TOP_ROOTS 10 /* loop roots named in the summary */
#define TOP_FILES 5  /* files named in the summary */
#define TOP_LOOPS 5  /* event loops found in the code named in the summary */

/* Writes s with control characters escaped. */
static void put_clean(FILE *out, const char *s) {
  if (!s) s = "";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f) fprintf(out, "\\x%02x", *p);
    else putc(*p, out);
  }
}

/* clang's SGR sequences (llvm raw_ostream: changeColor(colour, bold)). */
#define SGR_BOLD "\033[1m"
#define SGR_WARNING "\033[0;1;35m" /* bold magenta */
#define SGR_NOTE "\033[0;1;30m"    /* bold black */
#define SGR_RESET "\033[0m"

/* "PATH:LINE:COL: KIND: " or, for an unknown place, "KIND: ". With colour
 * the message that follows starts bold for a warning, plain for a note. */
static void put_prefix(FILE *out, const ls_location *loc, const char *kind, int color) {
  if (loc->path && *loc->path && loc->line) {
    if (color) fputs(SGR_BOLD, out);
    put_clean(out, loc->path);
    fprintf(out, ":%u:%u: ", loc->line, loc->col);
  }
  int warning = strcmp(kind, "warning") == 0;
  if (color) fputs(warning ? SGR_WARNING : SGR_NOTE, out);
  fprintf(out, "%s: ", kind);
  if (color) fputs(warning ? SGR_RESET SGR_BOLD : SGR_RESET, out);
}

static void put_finding(FILE *out, const ls_finding *f, int color) {
  put_prefix(out, &f->loc, "warning", color);
  put_clean(out, f->message);
  fputs(" [", out);
  put_clean(out, f->rule_id);
  fputs(color ? "]" SGR_RESET "\n" : "]\n", out);
  for (size_t i = f->nsteps; i-- > 0;) {
    const ls_step *s = &f->steps[i];
    if (s->kind == LS_STEP_BLOCKING) continue;
    put_prefix(out, &s->loc, "note", color);
    put_clean(out, s->message);
    putc('\n', out);
  }
  for (size_t i = 0; i < f->nrelated; i++) {
    put_prefix(out, &f->related[i].loc, "note", color);
    put_clean(out, f->related[i].message);
    putc('\n', out);
  }
}

/* "a: 2, b: 1" for the first `max` counts, then ", and N more". */
static void put_counts(FILE *out, const lsr_count *c, size_t n, size_t max) {
  for (size_t i = 0; i < n && i < max; i++) {
    if (i) fputs(", ", out);
    put_clean(out, c[i].key);
    fprintf(out, ": %zu", c[i].n);
  }
  if (n > max) fprintf(out, ", and %zu more", n - max);
}

/* The summary. Every line starts with a digit followed by a space, a word
 * followed by a space, or two spaces; "lagscan: " lines end it. */
static void put_summary(FILE *out, const ls_report *r) {
  lsr_summary s;
  lsr_summary_build(r, &s);
  if (s.present == 0) {
    fputs("no findings\n", out);
  } else {
    fprintf(out, "%zu finding%s (", s.present, s.present == 1 ? "" : "s");
    put_counts(out, s.rules, s.nrules, s.nrules);
    fputs(")\n", out);
    if (s.fresh || s.unchanged)
      fprintf(out, "  against the baseline: %zu new, %zu unchanged\n", s.fresh, s.unchanged);
    fputs("  per loop root: ", out);
    put_counts(out, s.roots, s.nroots, TOP_ROOTS);
    fputs("\n  top files: ", out);
    put_counts(out, s.files, s.nfiles, TOP_FILES);
    putc('\n', out);
  }
  if (s.absent) {
    fprintf(out, "  %zu baseline finding%s no longer present\n", s.absent,
            s.absent == 1 ? "" : "s");
    for (size_t i = 0; i < r->nfindings; i++) {
      const ls_finding *f = &r->findings[i];
      if (f->baseline != LS_BASELINE_ABSENT) continue;
      fputs("    ", out);
      put_clean(out, f->loc.path && *f->loc.path ? f->loc.path : "(unknown file)");
      fputs(" [", out);
      put_clean(out, f->rule_id);
      fputs("]", out);
      if (f->function) {
        fputs(" in '", out);
        put_clean(out, f->function);
        fputs("'", out);
      }
      fprintf(out, " (fingerprint %.12s)\n", f->fingerprint);
    }
  }
  if (r->nprograms > 1) {
    /* "  programs: cli (12 TUs), server (40 TUs)" */
    fputs("  programs: ", out);
    for (size_t i = 0; i < r->nprograms; i++) {
      if (i) fputs(", ", out);
      put_clean(out, r->programs[i].name);
      fprintf(out, " (%zu TU%s)", r->programs[i].ntus, r->programs[i].ntus == 1 ? "" : "s");
    }
    /* "; read from the CMake File API reply": where the programs came from */
    if (r->programs_from) fprintf(out, "; read from %s", r->programs_from);
    putc('\n', out);
  }
  if (r->nloops) {
    /* "  event loops found in the code: process_events (ae.c:62, epoll_wait,
     * through 'poll_api'), and 2 more" */
    fputs("  event loops found in the code: ", out);
    for (size_t i = 0; i < r->nloops && i < TOP_LOOPS; i++) {
      const ls_loop_found *l = &r->loops[i];
      if (i) fputs(", ", out);
      put_clean(out, l->function);
      fputs(" (", out);
      put_clean(out, l->loc.path);
      fprintf(out, ":%u, ", l->loc.line);
      put_clean(out, l->wait);
      putc(')', out);
    }
    if (r->nloops > TOP_LOOPS) fprintf(out, ", and %zu more", r->nloops - TOP_LOOPS);
    putc('\n', out);
  }
  if (r->tus_total)
    fprintf(out, "  %zu translation unit%s: %zu parsed, %zu unchanged, %zu failed\n", r->tus_total,
            r->tus_total == 1 ? "" : "s", r->tus_parsed, r->tus_cached, r->tus_failed);
  for (size_t i = 0; i < r->nnotes; i++) {
    const ls_notification *n = &r->notes[i];
    fprintf(out, "lagscan: %s: ", n->fatal ? "error" : "warning");
    put_clean(out, n->path && *n->path ? n->path : "(unknown file)");
    fputs(": ", out);
    put_clean(out, n->message);
    putc('\n', out);
  }
  lsr_summary_free(&s);
}

int lsr_write_text(const ls_report *r, FILE *out) { return lsr_write_text_color(r, out, 0); }

int lsr_write_text_color(const ls_report *r, FILE *out, int color) {
  errno = 0;
  size_t shown = 0;
  for (size_t i = 0; i < r->nfindings; i++) {
    if (r->findings[i].baseline == LS_BASELINE_ABSENT) continue;
    put_finding(out, &r->findings[i], color);
    shown++;
  }
  if (shown) putc('\n', out);
  put_summary(out, r);
  if (fflush(out) != 0 || ferror(out)) return -(errno ? errno : EIO);
  return 0;
}

int ls_report_write_text(const ls_report *report, FILE *out) {
  return lsr_write_text(report, out);
}
