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
 * that line or a NOLAGSCANNEXTLINE on the line before: the line of the
 * comment that suppresses it (line or line - 1), or 0. */
unsigned ls_is_suppressed(ls_source_cache *c, const char *path, unsigned line, const char *rule);

/* Called by ls_suppression_lint for a comment that cannot suppress
 * anything: `col` (1-based) is where its marker starts, `why` (heap, the
 * callee's) says what is wrong, naming the marker and the rule. */
typedef void ls_suppression_problem(void *ctx, unsigned col, char *why);

/* Looks at every NOLAGSCAN and NOLAGSCANNEXTLINE marker of one line of
 * text: each one without a rule list, and each unknown rule id in a list,
 * is handed to `problem`. Returns how many markers can suppress something
 * (their list names `*` or a known rule id), with *first_col the column of
 * the first of them (0 when none). */
int ls_suppression_lint(const char *text, size_t len, ls_suppression_problem *problem, void *ctx,
                        unsigned *first_col);

#endif /* LAGSCAN_SUPPRESS_H */
