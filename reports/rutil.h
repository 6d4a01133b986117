/* rutil.h: helpers shared by the report writers: URI encoding, times, and
 * the tallies behind every writer's summary. Allocation, the byte buffer,
 * UTF-8 repair, JSON, paths, the source cache and the atomic write are
 * common's (common.h).
 * This file is private to reports/.
 */
#ifndef LAGSCAN_REPORTS_RUTIL_H
#define LAGSCAN_REPORTS_RUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "findings.h"

/* Appends `s` percent-encoded for use in a URI path: every byte except the
 * RFC 3986 unreserved characters and '/' becomes %XX. */
void lsr_uri_append_path(ls_buf *b, const char *s);

/* "2024-05-01T12:00:00Z" for unix seconds t, into out. Returns 0, or -1
 * when t cannot be represented. */
int lsr_iso8601(int64_t t, char out[32]);

/* ---- tallies: how many findings per key -------------------------------- */

typedef struct lsr_count {
  const char *key; /* borrowed from the report */
  size_t n;
} lsr_count;

/* Counts keyed by borrowed strings: the index maps a key to its entry in
 * `counts`, in order of first appearance. */
typedef struct lsr_tally {
  ls_strmap index;
  LS_VEC(lsr_count) counts;
} lsr_tally;

void lsr_tally_add(lsr_tally *t, const char *key);
/* The counts, most frequent first, ties by key; *n gets how many. The array
 * is malloc'ed; its keys are still borrowed. */
lsr_count *lsr_tally_sorted(const lsr_tally *t, size_t *n);
void lsr_tally_free(lsr_tally *t);

/* What every summary says about a report. Findings whose baseline state is
 * LS_BASELINE_ABSENT count only in `absent`. */
typedef struct lsr_summary {
  size_t present, absent, fresh, unchanged;
  lsr_count *rules, *roots, *files; /* sorted as by lsr_tally_sorted */
  size_t nrules, nroots, nfiles;
  size_t fatal_notes;
} lsr_summary;

void lsr_summary_build(const ls_report *r, lsr_summary *s);
void lsr_summary_free(lsr_summary *s);

#endif /* LAGSCAN_REPORTS_RUTIL_H */
