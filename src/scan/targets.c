/* targets.c: the programs of a build whose own metadata says what it
 * links (programs.h; src/inputs, ls_build_targets_read): each executable
 * and shared library of the build is a program of the TUs of its sources.
 * A module (a plugin the program loads at run time: lighttpd's mod_*.so),
 * or a shared library no target of the build links (irssi's modules are
 * built as such), runs inside a program, so its TUs join every executable that defines
 * none of the functions it defines, as the inference does with a TU no
 * program needs (programs.c); one that joins none is a program of its
 * own. A source compiled more than once (two TUs of one file) gives a
 * program every TU of it. The TUs no target names (a file of a target the
 * build did not configure, a test left out) are one more program,
 * "unlinked". */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "programs.h"

static int cmp_path(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}


/* Adds module TUs `mod` (a mask) to the executable programs that define
 * none of the external functions they define; returns how many it joined. */
static size_t join_module(const ls_program *all, const uint8_t *mod, size_t ntus,
                          ls_build_program *progs, const ls_target_kind *kinds, size_t nprogs) {
  uint8_t *defined = ls_xcalloc(all->nsyms + 1, 1);
  uint8_t *in = ls_xcalloc(ntus + 1, 1);
  size_t joined = 0;
  for (size_t p = 0; p < nprogs; p++) {
    if (kinds[p] != LS_TARGET_EXECUTABLE) continue;
    memset(defined, 0, all->nsyms + 1);
    memset(in, 0, ntus + 1);
    for (size_t k = 0; k < progs[p].ntus; k++) in[progs[p].tus[k]] = 1;
    for (size_t i = 0; i < all->funcs.len; i++) {
      const ls_prog_func *f = &all->funcs.items[i];
      if (f->tu < ntus && in[f->tu] && ls__external_function_key(all->sym_key[f->sym])) defined[f->sym] = 1;
    }
    int clash = 0;
    size_t add = 0;
    for (size_t i = 0; i < all->funcs.len && !clash; i++) {
      const ls_prog_func *f = &all->funcs.items[i];
      if (f->tu < ntus && mod[f->tu] && !in[f->tu] && ls__external_function_key(all->sym_key[f->sym]))
        clash = defined[f->sym];
    }
    if (clash) continue;
    for (uint32_t t = 0; t < ntus; t++) add += mod[t] && !in[t];
    progs[p].tus = ls_xrealloc(progs[p].tus, (progs[p].ntus + add + 1) * sizeof(uint32_t));
    for (uint32_t t = 0; t < ntus; t++)
      if (mod[t] && !in[t]) progs[p].tus[progs[p].ntus++] = t;
    /* ascending, as programs.h says */
    for (size_t a = 1; a < progs[p].ntus; a++)
      for (size_t b = a; b > 0 && progs[p].tus[b] < progs[p].tus[b - 1]; b--) {
        uint32_t tmp = progs[p].tus[b];
        progs[p].tus[b] = progs[p].tus[b - 1];
        progs[p].tus[b - 1] = tmp;
      }
    joined++;
  }
  free(defined);
  free(in);
  return joined;
}

int ls_programs_from_targets(const ls_build_targets *targets, const ls_program *all,
                             char *const *tu_paths, size_t ntus, ls_build_programs *out) {
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
  LS_VEC(ls_target_kind) kinds = {0};
  LS_VEC(uint8_t *) modules = {0};
  LS_VEC(const char *) module_names = {0};
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
    /* a shared library nothing in the build links is a plugin too */
    if (n && (tg->kind == LS_TARGET_MODULE || (tg->kind == LS_TARGET_SHARED && !tg->linked))) {
      LS_VEC_PUSH(&modules, in);
      LS_VEC_PUSH(&module_names, tg->name);
      continue;
    }
    if (n) {
      ls_build_program p = {ls_xstrdup(tg->name), UINT32_MAX, ls_xcalloc(n, sizeof(uint32_t)), 0};
      for (uint32_t t = 0; t < ntus; t++)
        if (in[t]) p.tus[p.ntus++] = t, linked[t] = 1;
      LS_VEC_PUSH(&progs, p);
      LS_VEC_PUSH(&kinds, tg->kind);
    }
    free(in);
  }
  /* modules, once the programs that may load them are known */
  size_t nhosts = progs.len;
  for (size_t m = 0; m < modules.len; m++) {
    uint8_t *mod = modules.items[m];
    size_t n = 0;
    for (uint32_t t = 0; t < ntus; t++) n += mod[t];
    if (!join_module(all, mod, ntus, progs.items, kinds.items, nhosts)) {
      ls_build_program p = {ls_xstrdup(module_names.items[m]), UINT32_MAX,
                            ls_xcalloc(n, sizeof(uint32_t)), 0};
      for (uint32_t t = 0; t < ntus; t++)
        if (mod[t]) p.tus[p.ntus++] = t;
      LS_VEC_PUSH(&progs, p);
      LS_VEC_PUSH(&kinds, LS_TARGET_MODULE);
    }
    for (uint32_t t = 0; t < ntus; t++)
      if (mod[t]) linked[t] = 1;
    free(mod);
  }
  LS_VEC_FREE(&modules);
  LS_VEC_FREE(&module_names);
  LS_VEC_FREE(&kinds);
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
    /* two targets of one name (in two directories of a meson build) */
    ls__programs_name_apart(progs.items, progs.len);
  }
  out->items = progs.items;
  out->len = progs.len;
  for (size_t t = 0; t < ntus; t++) free(by_path[t].path);
  free(by_path);
  free(linked);
  return any;
}
