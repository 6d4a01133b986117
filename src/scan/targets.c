/* targets.c: the programs of a build whose own metadata says what it
 * links (programs.h; src/inputs, ls_build_targets_read): each executable
 * and shared library of the build is a program of the TUs of its sources.
 * A source compiled more than once (two TUs of one file) gives a program
 * every TU of it. The TUs no target names (a file of a target the build did
 * not configure, a test left out) are one more program, "unlinked". */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "programs.h"

static int cmp_name(const void *a, const void *b) {
  return strcmp(((const ls_build_program *)a)->name, ((const ls_build_program *)b)->name);
}

static int cmp_path(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int ls_programs_from_targets(const ls_build_targets *targets, char *const *tu_paths, size_t ntus,
                             ls_build_programs *out) {
  memset(out, 0, sizeof *out);
  /* the TUs by real path, sorted, to find each target's sources */
  typedef struct { char *path; uint32_t tu; } entry;
  entry *by_path = ls_xcalloc(ntus + 1, sizeof *by_path);
  for (size_t t = 0; t < ntus; t++) {
    char buf[PATH_MAX];
    by_path[t].path = ls_xstrdup(realpath(tu_paths[t], buf) ? buf : tu_paths[t]);
    by_path[t].tu = (uint32_t)t;
  }
  qsort(by_path, ntus, sizeof *by_path, cmp_path);
  uint8_t *linked = ls_xcalloc(ntus + 1, 1);
  LS_VEC(ls_build_program) progs = {0};
  for (size_t i = 0; i < targets->len; i++) {
    const ls_build_target *tg = &targets->items[i];
    uint8_t *in = ls_xcalloc(ntus + 1, 1);
    size_t n = 0;
    for (size_t k = 0; k < tg->nsources; k++) {
      entry key = {tg->sources[k], 0};
      entry *hit = bsearch(&key, by_path, ntus, sizeof *by_path, cmp_path);
      if (!hit) continue;
      while (hit > by_path && !strcmp(hit[-1].path, key.path)) hit--;
      for (; hit < by_path + ntus && !strcmp(hit->path, key.path); hit++)
        if (!in[hit->tu]) in[hit->tu] = 1, n++;
    }
    if (n) {
      ls_build_program p = {ls_xstrdup(tg->name), UINT32_MAX, ls_xcalloc(n, sizeof(uint32_t)), 0};
      for (uint32_t t = 0; t < ntus; t++)
        if (in[t]) p.tus[p.ntus++] = t, linked[t] = 1;
      LS_VEC_PUSH(&progs, p);
    }
    free(in);
  }
  int any = progs.len > 0;
  if (any) {
    size_t rest = 0;
    for (size_t t = 0; t < ntus; t++) rest += !linked[t];
    if (rest) {
      ls_build_program p = {ls_xstrdup("unlinked"), UINT32_MAX, ls_xcalloc(rest, sizeof(uint32_t)), 0};
      for (uint32_t t = 0; t < ntus; t++)
        if (!linked[t]) p.tus[p.ntus++] = t;
      LS_VEC_PUSH(&progs, p);
    }
    /* two targets of one name (in two directories of a meson build): the
     * later ones are NAME-2, NAME-3, in the order the metadata lists them */
    char **base = ls_xcalloc(progs.len + 1, sizeof(char *));
    for (size_t i = 0; i < progs.len; i++) base[i] = ls_xstrdup(progs.items[i].name);
    for (size_t i = 0; i < progs.len; i++) {
      unsigned n = 1;
      for (size_t j = 0; j < i; j++) n += !strcmp(base[j], base[i]);
      if (n > 1) {
        free(progs.items[i].name);
        progs.items[i].name = ls_xasprintf("%s-%u", base[i], n);
      }
    }
    for (size_t i = 0; i < progs.len; i++) free(base[i]);
    free(base);
    qsort(progs.items, progs.len, sizeof *progs.items, cmp_name);
  }
  out->items = progs.items;
  out->len = progs.len;
  for (size_t t = 0; t < ntus; t++) free(by_path[t].path);
  free(by_path);
  free(linked);
  return any;
}
