/* suppress.c: honours NOLAGSCAN comments (suppress.h) in the lines of
 * common's source cache. */
#include "suppress.h"

#include <ctype.h>
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

int ls_is_suppressed(ls_source_cache *c, const char *path, unsigned line, const char *rule) {
  size_t len;
  const char *t = ls_source_line(c, path, line, &len);
  if (t && ls_suppression_matches(t, len, "NOLAGSCAN", rule)) return 1;
  if (line > 1 && (t = ls_source_line(c, path, line - 1, &len)) &&
      ls_suppression_matches(t, len, "NOLAGSCANNEXTLINE", rule))
    return 1;
  return 0;
}
