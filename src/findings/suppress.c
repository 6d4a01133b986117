/* suppress.c: honours NOLAGSCAN comments (suppress.h) in the lines of
 * common's source cache. */
#include "suppress.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int ls_suppression_matches(const char *text, size_t len, const char *marker, const char *rule) {
  size_t mlen = strlen(marker);
  for (size_t i = 0; i + mlen < len; i++) {
    if (memcmp(text + i, marker, mlen) != 0) continue;
    /* NOLAGSCAN must not match the start of NOLAGSCANNEXTLINE. */
    size_t p = i + mlen;
    if (text[p] != '(') continue;
    if (i > 0 && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '_')) continue;
    p++;
    while (p < len && text[p] != ')') {
      while (p < len && (text[p] == ' ' || text[p] == ',')) p++;
      size_t s = p;
      while (p < len && text[p] != ',' && text[p] != ')' && text[p] != ' ') p++;
      size_t n = p - s;
      if (n == 1 && text[s] == '*') return 1;
      if (n == strlen(rule) && memcmp(text + s, rule, n) == 0) return 1;
    }
  }
  return 0;
}

unsigned ls_is_suppressed(ls_source_cache *c, const char *path, unsigned line,
                          const char *rule) {
  size_t len;
  const char *t = ls_source_line(c, path, line, &len);
  if (t && ls_suppression_matches(t, len, "NOLAGSCAN", rule)) return line;
  if (line > 1 && (t = ls_source_line(c, path, line - 1, &len)) &&
      ls_suppression_matches(t, len, "NOLAGSCANNEXTLINE", rule))
    return line - 1;
  return 0;
}

static int word_char(char ch) { return isalnum((unsigned char)ch) || ch == '_'; }

int ls_suppression_lint(const char *text, size_t len, ls_suppression_problem *problem, void *ctx,
                        unsigned *first_col) {
  static const char marker[] = "NOLAGSCAN", next[] = "NEXTLINE";
  const size_t mlen = sizeof marker - 1, nlen = sizeof next - 1;
  int effective = 0;
  *first_col = 0;
  for (size_t i = 0; i + mlen <= len; i++) {
    if (memcmp(text + i, marker, mlen) != 0 || (i > 0 && word_char(text[i - 1]))) continue;
    size_t p = i + mlen;
    const char *name = "NOLAGSCAN";
    if (p + nlen <= len && memcmp(text + p, next, nlen) == 0) {
      p += nlen;
      name = "NOLAGSCANNEXTLINE";
    }
    if (p < len && word_char(text[p])) continue; /* another word (NOLAGSCANS) */
    unsigned col = (unsigned)i + 1;
    int known = 0, listed = 0;
    if (p < len && text[p] == '(') {
      p++;
      while (p < len && text[p] != ')') {
        while (p < len && (text[p] == ' ' || text[p] == ',')) p++;
        size_t s = p;
        while (p < len && text[p] != ',' && text[p] != ')' && text[p] != ' ') p++;
        size_t n = p - s;
        if (!n) continue;
        listed = 1;
        char *id = ls_xstrndup(text + s, n);
        if (!strcmp(id, "*") || ls_rule_id_known(id))
          known = 1;
        else
          problem(ctx, col,
                  ls_xasprintf("%s names '%s', which is not a rule id ('lagscan rules' lists "
                               "them): it suppresses nothing for it",
                               name, id));
        free(id);
      }
    }
    if (!listed)
      problem(ctx, col,
              ls_xasprintf("%s names no rule, so it suppresses nothing: write %s(rule): reason, "
                           "or %s(*)",
                           name, name, name));
    if (known && !effective++) *first_col = col;
    i = p > i ? p - 1 : i;
  }
  return effective;
}
