/* loops.h: the event loops found in the code, as the report lists them
 * (loops.c). This file is private to src/findings. */
#ifndef LAGSCAN_FINDINGS_LOOPS_H
#define LAGSCAN_FINDINGS_LOOPS_H

#include "findings.h"

/* Fills report->loops from the graph's loops, ordered by place. */
void ls__report_loops(const ls_graph *g, const ls_findings_options *opt, ls_report *report);

#endif /* LAGSCAN_FINDINGS_LOOPS_H */
