/* findings.h: turns the graph into findings, the report model's content.
 * This file is private to analyzer/.
 *
 * One finding per (blocking call site, rule): the call's target is blocking
 * by a rule pack entry whose argument conditions hold, or by a
 * lagscan::blocking annotation, and the call's function is reachable from a
 * loop root. Also one finding per call that re-schedules a function on a
 * next-tick queue from within a cycle that leads back to it.
 */
#ifndef LAGSCAN_FINDINGS_H
#define LAGSCAN_FINDINGS_H

#include "analyzer.h"
#include "graph.h"

typedef struct ls_findings_options {
  const char *srcroot;      /* absolute; paths under it are reported relative */
  char *const *only_files;  /* absolute paths: report only findings there */
  size_t nonly;
  const struct ls_config *config; /* exclusions; may be NULL */
} ls_findings_options;

/* Appends findings to report->findings (sorted by file, line, column, rule).
 * Returns 0, or -1 with *err set. */
int ls_findings_build(ls_graph *g, const ls_findings_options *opt, ls_report *report,
                      char **err);

#endif /* LAGSCAN_FINDINGS_H */
