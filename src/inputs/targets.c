/* targets.c: the programs a build links, read from the build's own
 * metadata in the build directory (inputs.h, ls_build_targets_read):
 *   - CMake's File API reply (.cmake/api/v1/reply/: the codemodel-v2
 *     object, one JSON file per target), written at configure time when
 *     .cmake/api/v1/query/codemodel-v2 exists;
 *   - meson's introspection (meson-info/intro-targets.json);
 *   - the execution events of a build run under `bear intercept`
 *     (events.json: compile, archive and link commands).
 * Each executable, shared library and module is a target (a module, which
 * a program loads at run time, is told apart where the metadata says so:
 * CMake's MODULE_LIBRARY, meson's shared module); its sources are
 * its own and those of the libraries it links that the build makes
 * (static and object libraries, and shared ones: their code runs in the
 * same process), transitively. The first of the three found is used. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "inputs.h"
#include "targets_internal.h"

void ls__target_add_source(ls__target *t, const char *base, const char *path) {
  char *abs = path[0] == '/' ? ls_xstrdup(path) : ls_xasprintf("%s/%s", base, path);
  char buf[PATH_MAX];
  if (realpath(abs, buf)) {
    free(abs);
    abs = ls_xstrdup(buf);
  }
  LS_VEC_PUSH(&t->sources, abs);
}

static void target_free(ls__target *t) {
  free(t->name);
  free(t->id);
  for (size_t k = 0; k < t->sources.len; k++) free(t->sources.items[k]);
  LS_VEC_FREE(&t->sources);
  for (size_t k = 0; k < t->deps.len; k++) free(t->deps.items[k]);
  LS_VEC_FREE(&t->deps);
}

void ls__targets_drop_last(ls__target_set *s) {
  if (s->len) target_free(&s->items[--s->len]);
}

void ls__targets_free(ls__target_set *s) {
  for (size_t i = 0; i < s->len; i++) target_free(&s->items[i]);
  free(s->items);
  memset(s, 0, sizeof *s);
}

yajl_val ls__json_file(const char *path, char **err) {
  char *text = NULL;
  size_t len = 0;
  if (ls_read_file(path, &text, &len) != 0) {
    *err = ls_xasprintf("cannot read build metadata '%s'", path);
    return NULL;
  }
  char errbuf[256] = "";
  yajl_val v = yajl_tree_parse(text, errbuf, sizeof errbuf);
  free(text);
  if (!v) {
    char *nl = strchr(errbuf, '\n');
    if (nl) *nl = '\0';
    *err = ls_xasprintf("build metadata '%s' is not valid JSON: %s", path, errbuf);
  }
  return v;
}

const char *ls__json_str(yajl_val obj, const char *key) {
  const char *path[] = {key, NULL};
  yajl_val v = yajl_tree_get(obj, path, yajl_t_string);
  return v ? YAJL_GET_STRING(v) : NULL;
}

yajl_val ls__json_get(yajl_val obj, const char *key, yajl_type type) {
  const char *path[] = {key, NULL};
  return yajl_tree_get(obj, path, type);
}

/* The sources of target i and of every library it links, transitively,
 * into out (each once). */
static void closure(const ls__target_set *s, size_t i, uint8_t *seen, ls_build_target *out) {
  if (seen[i]) return;
  seen[i] = 1;
  const ls__target *t = &s->items[i];
  for (size_t k = 0; k < t->sources.len; k++) {
    int dup = 0;
    for (size_t m = 0; m < out->nsources && !dup; m++) dup = !strcmp(out->sources[m], t->sources.items[k]);
    if (dup) continue;
    out->sources = ls_xrealloc(out->sources, (out->nsources + 1) * sizeof(char *));
    out->sources[out->nsources++] = ls_xstrdup(t->sources.items[k]);
  }
  for (size_t d = 0; d < t->deps.len; d++)
    for (size_t j = 0; j < s->len; j++)
      if (s->items[j].id && !strcmp(s->items[j].id, t->deps.items[d]) &&
          s->items[j].kind != LS_TARGET_EXECUTABLE)
        closure(s, j, seen, out);
}

int ls_build_targets_read(const char *build_dir, ls_build_targets *out, char **err) {
  memset(out, 0, sizeof *out);
  ls__target_set set = {0};
  const char *source = NULL;
  int r = ls__targets_cmake(build_dir, &set, err);
  if (r == 0 && set.len) source = "the CMake File API reply";
  if (r == 0 && !set.len) {
    r = ls__targets_meson(build_dir, &set, err);
    if (r == 0 && set.len) source = "meson's introspection";
  }
  if (r == 0 && !set.len) {
    r = ls__targets_bear(build_dir, &set, err);
    if (r == 0 && set.len) source = "bear's events (events.json)";
  }
  if (r != 0) {
    ls__targets_free(&set);
    return -1;
  }
  out->source = source;
  for (size_t i = 0; i < set.len; i++) {
    if (set.items[i].kind == LS_TARGET_PART) continue;
    uint8_t *seen = ls_xcalloc(set.len + 1, 1);
    ls_build_target t = {ls_xstrdup(set.items[i].name), set.items[i].kind, NULL, 0, 0};
    for (size_t j = 0; j < set.len && !t.linked; j++)
      for (size_t d = 0; j != i && set.items[i].id && d < set.items[j].deps.len && !t.linked; d++)
        t.linked = !strcmp(set.items[j].deps.items[d], set.items[i].id);
    closure(&set, i, seen, &t);
    free(seen);
    out->items = ls_xrealloc(out->items, (out->len + 1) * sizeof *out->items);
    out->items[out->len++] = t;
  }
  ls__targets_free(&set);
  return 0;
}

void ls_build_targets_free(ls_build_targets *t) {
  for (size_t i = 0; i < t->len; i++) {
    free(t->items[i].name);
    for (size_t k = 0; k < t->items[i].nsources; k++) free(t->items[i].sources[k]);
    free(t->items[i].sources);
  }
  free(t->items);
  memset(t, 0, sizeof *t);
}
