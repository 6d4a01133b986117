/* programs.c: the programs of a build, for a compilation database that
 * says nothing of how its objects are linked (programs.h). Each executable
 * is analyzed as its own program, so a function of a tool is never reached
 * from a server's callback and findings never mix programs. */
#define _GNU_SOURCE
#include "programs.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Whether a function key is of an externally linked function: internal
 * linkage keys carry the declaring file ("/src/a.c|c:a.c@F@helper"). */
static int cmp_program(const void *a, const void *b) {
  return strcmp(((const ls_build_program *)a)->name, ((const ls_build_program *)b)->name);
}

int ls__external_function_key(const char *key) { return key && !strchr(key, '|'); }

void ls__programs_name_apart(ls_build_program *items, size_t n) {
  char **base = ls_xcalloc(n + 1, sizeof(char *));
  for (size_t i = 0; i < n; i++) base[i] = ls_xstrdup(items[i].name);
  for (size_t i = 0; i < n; i++) {
    unsigned k = 1;
    for (size_t j = 0; j < i; j++) k += !strcmp(base[j], base[i]);
    if (k > 1) {
      free(items[i].name);
      items[i].name = ls_xasprintf("%s-%u", base[i], k);
    }
  }
  for (size_t i = 0; i < n; i++) free(base[i]);
  free(base);
  qsort(items, n, sizeof *items, cmp_program);
}

/* The length of the common directory prefix of two paths. */
static size_t common_dir(const char *a, const char *b) {
  size_t n = 0, i = 0;
  for (; a[i] && a[i] == b[i]; i++)
    if (a[i] == '/') n = i + 1;
  return n;
}

typedef struct refs {
  uint32_t *start; /* by TU: CSR of the external functions it uses */
  uint32_t *items;
} refs;

static char *stem(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  return ls_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}


static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

void ls_programs_infer(const ls_program *all, char *const *tu_paths, const char *srcroot,
                       ls_build_programs *out) {
  memset(out, 0, sizeof *out);
  uint32_t ntus = all->ntus, nsyms = all->nsyms;
  /* TUs that define main, and each external function's defining TUs (CSR). */
  uint8_t *is_main = ls_xcalloc(ntus + 1, 1);
  uint32_t nmains = 0;
  uint32_t *def_start = ls_xcalloc(nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < all->funcs.len; i++) {
    const ls_prog_func *f = &all->funcs.items[i];
    const char *key = all->sym_key[f->sym];
    if (!ls__external_function_key(key)) continue;
    def_start[f->sym + 1]++;
    if (!strcmp(key, "c:@F@main") && !is_main[f->tu]) is_main[f->tu] = 1, nmains++;
  }
  if (nmains < 2) {
    out->items = ls_xcalloc(1, sizeof *out->items);
    out->len = 1;
    out->items[0].name = ls_xstrdup("program");
    out->items[0].main_tu = UINT32_MAX;
    out->items[0].tus = ls_xcalloc(ntus + 1, sizeof(uint32_t));
    for (uint32_t t = 0; t < ntus; t++) out->items[0].tus[t] = t;
    out->items[0].ntus = ntus;
    free(is_main);
    free(def_start);
    return;
  }
  for (uint32_t s = 0; s < nsyms; s++) def_start[s + 1] += def_start[s];
  uint32_t *defs = ls_xcalloc(all->funcs.len + 1, sizeof(uint32_t));
  uint32_t *fill = ls_xcalloc(nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < all->funcs.len; i++) {
    const ls_prog_func *f = &all->funcs.items[i];
    if (ls__external_function_key(all->sym_key[f->sym])) defs[def_start[f->sym] + fill[f->sym]++] = f->tu;
  }
  free(fill);
  /* What each TU uses: functions it calls and whose address it takes. */
  refs r = {ls_xcalloc(ntus + 2, sizeof(uint32_t)), NULL};
  size_t nrefs = 0;
  for (int pass = 0; pass < 2; pass++) {
    uint32_t *cursor = pass ? ls_xcalloc(ntus + 1, sizeof(uint32_t)) : NULL;
    for (size_t i = 0; i < all->calls.len; i++) {
      const ls_prog_call *c = &all->calls.items[i];
      if (!c->callee || !ls__external_function_key(all->sym_key[c->callee])) continue;
      if (!pass) r.start[c->tu + 1]++, nrefs++;
      else r.items[r.start[c->tu] + cursor[c->tu]++] = c->callee;
    }
    for (size_t i = 0; i < all->flows.len; i++) {
      const ls_prog_flow *fl = &all->flows.items[i];
      if (all->sym_kind[fl->src] != LS_SYM_FUNC || !ls__external_function_key(all->sym_key[fl->src])) continue;
      if (!pass) r.start[fl->tu + 1]++, nrefs++;
      else r.items[r.start[fl->tu] + cursor[fl->tu]++] = fl->src;
    }
    if (!pass) {
      for (uint32_t t = 0; t < ntus; t++) r.start[t + 1] += r.start[t];
      r.items = ls_xcalloc(nrefs + 1, sizeof(uint32_t));
    }
    free(cursor);
  }

  uint8_t *taken = ls_xcalloc(ntus + 1, 1); /* by any program */
  uint32_t *member = ls_xcalloc(ntus + 1, sizeof(uint32_t)); /* program index + 1 */
  uint32_t *defined_by = ls_xcalloc(nsyms + 1, sizeof(uint32_t)); /* program + 1 */
  LS_VEC(ls_build_program) progs = {0};
  LS_VEC(uint32_t) queue = {0};
  /* Mains in the order of their paths (then of the scan), so the copy of a
   * shared file each takes does not depend on the compile commands' order. */
  uint32_t *mains = ls_xcalloc(nmains + 1, sizeof(uint32_t));
  uint32_t nm = 0;
  for (uint32_t t = 0; t < ntus; t++)
    if (is_main[t]) mains[nm++] = t;
  for (uint32_t a = 1; a < nm; a++)
    for (uint32_t b = a; b > 0 && strcmp(tu_paths[mains[b]], tu_paths[mains[b - 1]]) < 0; b--) {
      uint32_t tmp = mains[b];
      mains[b] = mains[b - 1];
      mains[b - 1] = tmp;
    }
  for (uint32_t mi = 0; mi < nm; mi++) {
    uint32_t m = mains[mi];
    uint32_t pi = (uint32_t)progs.len + 1;
    ls_build_program p = {NULL, m, NULL, 0};
    LS_VEC(uint32_t) tus = {0};
    queue.len = 0;
    LS_VEC_PUSH(&queue, m);
    member[m] = pi;
    for (size_t qh = 0; qh < queue.len; qh++) {
      uint32_t t = queue.items[qh];
      LS_VEC_PUSH(&tus, t);
      taken[t] = 1;
      for (uint32_t k = r.start[t]; k < r.start[t + 1]; k++) {
        uint32_t s = r.items[k];
        if (defined_by[s] == pi) continue;
        /* defined by a member already, or take the nearest definition */
        uint32_t best = UINT32_MAX;
        size_t best_common = 0;
        int have = 0;
        for (uint32_t d = def_start[s]; d < def_start[s + 1]; d++) {
          uint32_t dt = defs[d];
          if (member[dt] == pi) {
            have = 1;
            break;
          }
          if (is_main[dt]) continue;
          /* nearest first; then one no other program took (a build that
           * compiles a file twice, for two programs, gives each its copy);
           * then by path and order */
          size_t cd = common_dir(tu_paths[dt], tu_paths[m]);
          int better = best == UINT32_MAX || cd > best_common;
          if (!better && cd == best_common) {
            int c = (int)taken[dt] - (int)taken[best];
            if (!c) c = strcmp(tu_paths[dt], tu_paths[best]);
            better = c < 0;
          }
          if (better) best = dt, best_common = cd;
        }
        defined_by[s] = pi;
        if (have || best == UINT32_MAX) continue;
        member[best] = pi;
        LS_VEC_PUSH(&queue, best);
      }
    }
    qsort(tus.items, tus.len, sizeof(uint32_t), cmp_u32);
    p.tus = tus.items;
    p.ntus = tus.len;
    /* members are marked per program: clear for the next one */
    for (size_t i = 0; i < tus.len; i++) member[tus.items[i]] = 0;
    LS_VEC_PUSH(&progs, p);
  }
  free(mains);
  /* TUs no main needs: plugins and libraries loaded at run time (a plugin
   * registers through the program's API), or code nothing calls. Each joins
   * every program it has no definition in common with; those that join
   * none make one more program. */
  uint32_t *tdef_start = ls_xcalloc(ntus + 2, sizeof(uint32_t));
  for (size_t i = 0; i < all->funcs.len; i++)
    if (ls__external_function_key(all->sym_key[all->funcs.items[i].sym])) tdef_start[all->funcs.items[i].tu + 1]++;
  for (uint32_t t = 0; t < ntus; t++) tdef_start[t + 1] += tdef_start[t];
  uint32_t *tdefs = ls_xcalloc(all->funcs.len + 1, sizeof(uint32_t));
  uint32_t *tfill = ls_xcalloc(ntus + 1, sizeof(uint32_t));
  for (size_t i = 0; i < all->funcs.len; i++) {
    const ls_prog_func *f = &all->funcs.items[i];
    if (ls__external_function_key(all->sym_key[f->sym])) tdefs[tdef_start[f->tu] + tfill[f->tu]++] = f->sym;
  }
  free(tfill);
  uint8_t *joined = ls_xcalloc(ntus + 1, 1);
  for (size_t pi = 0; pi < progs.len; pi++) {
    ls_build_program *p = &progs.items[pi];
    for (size_t i = 0; i < p->ntus; i++) member[p->tus[i]] = 1;
    for (uint32_t t = 0; t < ntus; t++) {
      if (taken[t]) continue;
      int clash = 0;
      for (uint32_t k = tdef_start[t]; k < tdef_start[t + 1] && !clash; k++) {
        uint32_t s = tdefs[k];
        for (uint32_t d = def_start[s]; d < def_start[s + 1] && !clash; d++)
          clash = member[defs[d]] && defs[d] != t;
      }
      if (clash) continue;
      p->tus = ls_xrealloc(p->tus, (p->ntus + 1) * sizeof(uint32_t));
      p->tus[p->ntus++] = t;
      member[t] = 1; /* a later leftover may clash with this one */
      joined[t] = 1;
    }
    for (size_t i = 0; i < p->ntus; i++) member[p->tus[i]] = 0;
    qsort(p->tus, p->ntus, sizeof(uint32_t), cmp_u32);
  }
  free(tdef_start);
  free(tdefs);
  LS_VEC(uint32_t) rest = {0};
  for (uint32_t t = 0; t < ntus; t++)
    if (!taken[t] && !joined[t]) LS_VEC_PUSH(&rest, t);
  free(joined);
  if (rest.len) {
    ls_build_program p = {ls_xstrdup("library"), UINT32_MAX, rest.items, rest.len};
    LS_VEC_PUSH(&progs, p);
  }
  /* Names: the main file's stem, or its path under srcroot (without the
   * extension) when two stems are the same. */
  for (size_t i = 0; i < progs.len; i++) {
    ls_build_program *p = &progs.items[i];
    if (p->name) continue;
    char *s = stem(tu_paths[p->main_tu]);
    int clash = 0;
    for (size_t j = 0; j < progs.len && !clash; j++) {
      if (j == i || progs.items[j].main_tu == UINT32_MAX) continue;
      char *o = stem(tu_paths[progs.items[j].main_tu]);
      clash = !strcmp(o, s);
      free(o);
    }
    if (clash) {
      const char *rel = ls_path_under(tu_paths[p->main_tu], srcroot);
      const char *path = rel ? rel : tu_paths[p->main_tu];
      const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
      free(s);
      s = ls_xstrndup(path, dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path));
    }
    p->name = s;
  }
  /* A main file compiled twice (a shared and a static build of one
   * program) gives two programs of one name: the later ones are NAME-2,
   * NAME-3, in the order of the compilation database. */
  ls__programs_name_apart(progs.items, progs.len);
  out->items = progs.items;
  out->len = progs.len;
  LS_VEC_FREE(&queue);
  free(taken);
  free(member);
  free(defined_by);
  free(r.start);
  free(r.items);
  free(defs);
  free(def_start);
  free(is_main);
}

void ls_build_programs_free(ls_build_programs *p) {
  for (size_t i = 0; i < p->len; i++) {
    free(p->items[i].name);
    free(p->items[i].tus);
  }
  free(p->items);
  memset(p, 0, sizeof *p);
}
