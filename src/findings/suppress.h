/* suppress.h: suppression comments and source lines. This file is private
 * to analyzer/.
 *
 *   foo();  // NOLAGSCAN(sync-fs): reason        suppresses on its own line
 *   // NOLAGSCANNEXTLINE(sync-fs, sleep): reason  suppresses the next line
 * The rule list may be `*` for every rule. A comment without a list, or
 * with an unknown rule id, suppresses nothing (a typo must not hide a
 * finding).
 */
#ifndef LAGSCAN_SUPPRESS_H
#define LAGSCAN_SUPPRESS_H

#include "common.h"

typedef struct ls_source_cache {
  ls_strmap index;                    /* path -> index in files */
  LS_VEC(struct ls_source_file *) files;
} ls_source_cache;

/* The text of a line (1-based) without its newline, or NULL if the file or
 * line does not exist. Valid until the cache is freed. */
const char *ls_source_line(ls_source_cache *c, const char *path, unsigned line, size_t *len);

/* Whether `comment_line` (the text of one source line) carries `marker`
 * ("NOLAGSCAN" or "NOLAGSCANNEXTLINE") naming `rule` or `*`. */
int ls_suppression_matches(const char *text, size_t len, const char *marker, const char *rule);

/* Whether a finding of `rule` at path:line is suppressed. */
int ls_is_suppressed(ls_source_cache *c, const char *path, unsigned line, const char *rule);

void ls_source_cache_free(ls_source_cache *c);

#endif /* LAGSCAN_SUPPRESS_H */
