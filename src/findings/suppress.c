/* suppress.c: reads source lines and honours NOLAGSCAN comments
 * (suppress.h). Files are read once per scan and split into lines lazily. */
#include "suppress.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct ls_source_file {
  char *text;      /* NULL when unreadable */
  size_t len;
  LS_VEC(size_t) starts; /* offset of each line */
} ls_source_file;

static ls_source_file *get_file(ls_source_cache *c, const char *path) {
  int64_t *v = ls_strmap_get(&c->index, path);
  if (v) return c->files.items[*v];
  ls_source_file *f = ls_xcalloc(1, sizeof *f);
  if (ls_read_file(path, &f->text, &f->len) == 0) {
    LS_VEC_PUSH(&f->starts, 0);
    for (size_t i = 0; i < f->len; i++)
      if (f->text[i] == '\n' && i + 1 <= f->len) LS_VEC_PUSH(&f->starts, i + 1);
  }
  LS_VEC_PUSH(&c->files, f);
  ls_strmap_put(&c->index, path, (int64_t)c->files.len - 1, NULL);
  return f;
}

const char *ls_source_line(ls_source_cache *c, const char *path, unsigned line, size_t *len) {
  ls_source_file *f = get_file(c, path);
  if (!f->text || line == 0 || line > f->starts.len) return NULL;
  size_t s = f->starts.items[line - 1];
  if (s > f->len) return NULL;
  size_t e = s;
  while (e < f->len && f->text[e] != '\n') e++;
  if (e > s && f->text[e - 1] == '\r') e--;
  *len = e - s;
  return f->text + s;
}

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

void ls_source_cache_free(ls_source_cache *c) {
  for (size_t i = 0; i < c->files.len; i++) {
    free(c->files.items[i]->text);
    LS_VEC_FREE(&c->files.items[i]->starts);
    free(c->files.items[i]);
  }
  LS_VEC_FREE(&c->files);
  ls_strmap_free(&c->index);
}
