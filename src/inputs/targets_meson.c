/* targets_meson.c: the targets of a meson build (targets_internal.h), from
 * its introspection (meson-info/intro-targets.json: each target's name,
 * type, output files and sources, absolute) and, for what each links, the
 * link edges of the build.ninja meson writes beside it (`build prog:
 * c_LINKER prog.p/a.c.o | libh.a`: the inputs of an output that are other
 * targets' outputs), since the introspection of meson 1.0 does not list
 * them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets_internal.h"

static ls_target_kind kind_of(const char *type, int *skip) {
  *skip = 0;
  if (!strcmp(type, "executable")) return LS_TARGET_EXECUTABLE;
  if (!strcmp(type, "shared library")) return LS_TARGET_SHARED;
  if (!strcmp(type, "shared module")) return LS_TARGET_MODULE;
  if (!strcmp(type, "static library")) return LS_TARGET_PART;
  *skip = 1; /* custom, run, jar, ... */
  return LS_TARGET_PART;
}

/* The output path of target t relative to the build directory (its id). */
static char *output_of(yajl_val t, const char *build_dir) {
  yajl_val files = ls__json_get(t, "filename", yajl_t_array);
  if (!files || !YAJL_GET_ARRAY(files)->len || !YAJL_IS_STRING(YAJL_GET_ARRAY(files)->values[0]))
    return NULL;
  const char *f = YAJL_GET_STRING(YAJL_GET_ARRAY(files)->values[0]);
  size_t n = strlen(build_dir);
  if (!strncmp(f, build_dir, n) && f[n] == '/') f += n + 1;
  return ls_xstrdup(f);
}

/* The deps of each target from build.ninja's edges that build its output. */
static void ninja_links(const char *build_dir, ls__target_set *set) {
  char *path = ls_xasprintf("%s/build.ninja", build_dir), *text = NULL;
  size_t len = 0;
  int ok = ls_read_file(path, &text, &len) == 0;
  free(path);
  if (!ok) return;
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if (strncmp(line, "build ", 6)) continue;
    char *colon = strstr(line, ": ");
    if (!colon) continue;
    *colon = '\0';
    const char *out = line + 6;
    ls__target *t = NULL;
    for (size_t i = 0; i < set->len && !t; i++)
      if (!strcmp(set->items[i].id, out)) t = &set->items[i];
    if (!t) continue;
    char *save = NULL;
    strtok_r(colon + 2, " ", &save); /* the rule */
    for (char *tok = strtok_r(NULL, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
      for (size_t i = 0; i < set->len; i++)
        if (&set->items[i] != t && !strcmp(set->items[i].id, tok)) LS_VEC_PUSH(&t->deps, ls_xstrdup(tok));
  }
  free(text);
}

int ls__targets_meson(const char *build_dir, ls__target_set *out, char **err) {
  char *path = ls_xasprintf("%s/meson-info/intro-targets.json", build_dir);
  FILE *probe = fopen(path, "r");
  if (!probe) {
    free(path);
    return 0;
  }
  fclose(probe);
  yajl_val root = ls__json_file(path, err);
  if (!root || !YAJL_IS_ARRAY(root)) {
    if (root) {
      *err = ls_xasprintf("build metadata '%s': not a list of targets", path);
      yajl_tree_free(root);
    }
    free(path);
    return -1;
  }
  for (size_t i = 0; i < YAJL_GET_ARRAY(root)->len; i++) {
    yajl_val t = YAJL_GET_ARRAY(root)->values[i];
    const char *name = ls__json_str(t, "name"), *type = ls__json_str(t, "type");
    int skip = 1;
    ls_target_kind kind = type ? kind_of(type, &skip) : LS_TARGET_PART;
    char *id = output_of(t, build_dir);
    if (!name || skip || !id) {
      free(id);
      continue;
    }
    ls__target tg = {ls_xstrdup(name), id, kind, {0}, {0}};
    yajl_val groups = ls__json_get(t, "target_sources", yajl_t_array);
    for (size_t g = 0; groups && g < YAJL_GET_ARRAY(groups)->len; g++) {
      yajl_val srcs = ls__json_get(YAJL_GET_ARRAY(groups)->values[g], "sources", yajl_t_array);
      for (size_t k = 0; srcs && k < YAJL_GET_ARRAY(srcs)->len; k++)
        if (YAJL_IS_STRING(YAJL_GET_ARRAY(srcs)->values[k]))
          ls__target_add_source(&tg, build_dir, YAJL_GET_STRING(YAJL_GET_ARRAY(srcs)->values[k]));
    }
    LS_VEC_PUSH(out, tg);
  }
  yajl_tree_free(root);
  free(path);
  ninja_links(build_dir, out);
  return 0;
}
