/* suppress.h: suppression comments. This file is private to src/findings/.
 * Source lines come from common's cache (common.h, ls_source_cache).
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

/* Whether `comment_line` (the text of one source line) carries `marker`
 * ("NOLAGSCAN" or "NOLAGSCANNEXTLINE") naming `rule` or `*`. */
int ls_suppression_matches(const char *text, size_t len, const char *marker, const char *rule);

/* Whether a finding of `rule` at path:line is suppressed, by a NOLAGSCAN on
 * that line or a NOLAGSCANNEXTLINE on the line before. */
int ls_is_suppressed(ls_source_cache *c, const char *path, unsigned line, const char *rule);

#endif /* LAGSCAN_SUPPRESS_H */
