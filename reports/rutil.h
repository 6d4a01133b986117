/* rutil.h: helpers shared by the report writers: checked allocation, a
 * growable byte buffer, UTF-8 repair, URI encoding, path placement against the
 * source root, and the tallies behind every writer's summary.
 * This file is private to reports/.
 */
#ifndef LAGSCAN_REPORTS_RUTIL_H
#define LAGSCAN_REPORTS_RUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "findings.h"

/* Allocation never returns NULL: on exhaustion the process aborts with a
 * message, as the analyzer does (analyzer/util.h). */
void *lsr_xmalloc(size_t n);
void *lsr_xcalloc(size_t n, size_t size);
void *lsr_xrealloc(void *p, size_t n);
char *lsr_xstrdup(const char *s);
char *lsr_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer. Invariant: data is NUL-terminated whenever
 * cap > 0, and len never counts the terminator. */
typedef struct lsr_buf {
  char *data;
  size_t len, cap;
} lsr_buf;

void lsr_buf_add(lsr_buf *b, const void *p, size_t n);
void lsr_buf_puts(lsr_buf *b, const char *s);
void lsr_buf_putc(lsr_buf *b, char c);
void lsr_buf_printf(lsr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lsr_buf_reset(lsr_buf *b); /* len = 0, keeps the memory */
void lsr_buf_free(lsr_buf *b);
/* The contents as a C string ("" for an empty, never-grown buffer). */
const char *lsr_buf_str(const lsr_buf *b);

/* Appends `s` (NUL-terminated) to `b` as valid UTF-8: every byte sequence
 * that is not well-formed UTF-8 (stray continuation bytes, overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) becomes
 * U+FFFD. Returns the number of replacements made. */
size_t lsr_utf8_append(lsr_buf *b, const char *s);

/* Length of the well-formed UTF-8 sequence starting at s[0] (1-4), or 0 when
 * s[0..n) does not start with one. */
size_t lsr_utf8_seq_len(const unsigned char *s, size_t n);

/* Appends `s` percent-encoded for use in a URI path: every byte except the
 * RFC 3986 unreserved characters and '/' becomes %XX. */
void lsr_uri_append_path(lsr_buf *b, const char *s);

/* Where `path` lies relative to `srcroot`: for a relative path, the path
 * itself; for an absolute path inside srcroot, the part after "srcroot/";
 * otherwise NULL. */
const char *lsr_path_under(const char *path, const char *srcroot);

/* The file to open for a report path: relative paths are resolved against
 * srcroot. Returns a malloc'ed string. */
char *lsr_path_on_disk(const char *path, const char *srcroot);

/* "2024-05-01T12:00:00Z" for unix seconds t, into out. Returns 0, or -1
 * when t cannot be represented. */
int lsr_iso8601(int64_t t, char out[32]);

/* ---- tallies: how many findings per key -------------------------------- */

typedef struct lsr_count {
  const char *key; /* borrowed from the report */
  size_t n;
} lsr_count;

/* A hash table of counts keyed by borrowed strings. */
typedef struct lsr_tally {
  lsr_count *slots;
  size_t cap, len;
} lsr_tally;

void lsr_tally_add(lsr_tally *t, const char *key);
/* The slot of `key`, added with n = 0 when absent (*added then set to 1). The
 * pointer is valid until the next insertion. */
lsr_count *lsr_tally_slot(lsr_tally *t, const char *key, int *added);
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
