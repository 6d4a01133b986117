/* source.h: source lines read back from disk for the writers (HTML snippets,
 * SARIF columns in code points).
 * This file is private to reports/.
 *
 * The cache holds at most LSR_SOURCE_FILES files and LSR_SOURCE_CACHE_BYTES
 * of their contents; the least recently used file is dropped first, so
 * memory stays bounded however many files a report names, and a report
 * whose locations span a few hundred files reads each of them once. A file
 * that cannot be read is remembered with its errno.
 */
#ifndef LAGSCAN_REPORTS_SOURCE_H
#define LAGSCAN_REPORTS_SOURCE_H

#include <stddef.h>

#define LSR_SOURCE_FILES 256                  /* files kept at once */
#define LSR_SOURCE_CACHE_BYTES (32u << 20)    /* their contents, in all */
#define LSR_SOURCE_BUCKETS 512                /* hash chains of the index */
#define LSR_SOURCE_MAX_BYTES (64u << 20)      /* larger files are not read */

typedef struct lsr_source_file {
  char *path;     /* as opened; NULL for a free entry */
  char *data;     /* whole file, NUL-terminated; NULL when unreadable */
  size_t *lines;  /* offset of each line's first byte; lines[0] is line 1 */
  size_t nlines;
  size_t size;
  int error;      /* errno when data is NULL */
  unsigned long used; /* last use, for eviction */
  int next;       /* next entry in its hash chain + 1, 0 = end */
} lsr_source_file;

typedef struct lsr_source_cache {
  const char *srcroot; /* relative paths are resolved against it (borrowed) */
  lsr_source_file files[LSR_SOURCE_FILES];
  int bucket[LSR_SOURCE_BUCKETS]; /* first entry of each chain + 1, 0 = none */
  size_t bytes;        /* contents held: at most LSR_SOURCE_CACHE_BYTES, or one file */
  unsigned long clock;
} lsr_source_cache;

void lsr_source_init(lsr_source_cache *c, const char *srcroot);
void lsr_source_free(lsr_source_cache *c);

/* The file for report path `path`, loaded if needed; never NULL (check
 * ->data and ->error). Valid until the next call. */
const lsr_source_file *lsr_source_get(lsr_source_cache *c, const char *path);

/* Line `line` (1-based) of `f` without its newline, *len its length; NULL
 * when the file is unreadable or has fewer lines. */
const char *lsr_source_line(const lsr_source_file *f, unsigned line, size_t *len);

/* Converts a 1-based byte column on `line` of `path` into a 1-based column
 * in Unicode code points. The column is returned unchanged when the file or
 * line cannot be read or the column lies past the end of the line. */
unsigned lsr_source_codepoint_col(lsr_source_cache *c, const char *path, unsigned line,
                                  unsigned col);

#endif /* LAGSCAN_REPORTS_SOURCE_H */
