/* reach.c: the other loop roots that reach each function, for the "also
 * reaches" notes of a finding (graph.h, ls_graph_other_roots). The notes
 * are meant to say something the path does not: another registration API,
 * another file. So each function keeps candidates chosen for being
 * different, and the notes are chosen among them when a finding is made.
 *
 * A root's *API* is the owner of its registration slot (ls_graph_slot_owner:
 * "uv_timer_start", "napi_property_descriptor.method"), or, for every event
 * loop found in the code, one API of their own; its *file* is the file of
 * its registration site (ls_graph_root_site). Both are compared for
 * equality only, so their numbering does not matter.
 *
 * The candidates of a function f, among the loop roots that reach it, in
 * root order (context, function key, site: canonical, never ids):
 *   - the first FIRST roots;
 *   - the first root of each of the first FIRST APIs (APIs ordered by
 *     their first root);
 *   - the first root of each of the first FIRST files.
 * At most 3 * FIRST = LS_REACH_CANDIDATES roots. ls_graph_other_roots
 * picks LS_ALSO_REACHES of them greedily, each time the first root with an
 * API that neither the path's root nor a root picked before has, else the
 * first with a file none of them has, else the first left; each pick
 * excludes at most FIRST - 1 APIs, files or roots, so the candidates always
 * hold the root the same greedy choice over all reaching roots would pick.
 *
 * The walk keeps these sets exactly, and bounded: one depth-first walk per
 * loop root, in root order, through functions that take the root. Whether
 * f takes root r depends only on the roots before r that reach f, and a
 * function that takes r passes it on: if g calls f, the roots before r that
 * reach g reach f, so when f takes r every function on a path from r to f
 * takes it too (a first root of f, or of one of f's first APIs or files, is
 * one of g's). A function takes at most LS_REACH_CANDIDATES roots and is
 * walked from once per root it takes, so the work is bounded by
 * LS_REACH_CANDIDATES * edges; in practice by how many roots of different
 * APIs and files reach it, which is small. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FIRST (LS_ALSO_REACHES + 1) /* the path's root, and one per note */
_Static_assert(LS_REACH_CANDIDATES == 3 * FIRST, "the candidates: FIRST of each of three kinds");

/* What the walk knows of one function's candidates (in g->reach_roots). */
typedef struct cand {
  uint8_t n;               /* candidates so far */
  uint8_t napi, nfile;     /* distinct APIs and files among them, up to FIRST */
  uint32_t last;           /* the last candidate taken, root index + 1 */
  uint32_t api[FIRST], file[FIRST];
} cand;

/* Each root's API and file (see above), by root index. Loop roots share
 * API 0; slot roots get 1 + the order their owner was first met in. */
static void root_classes(ls_graph *g) {
  size_t n = g->roots.len;
  g->root_api = ls_xcalloc(n + 1, sizeof(uint32_t));
  g->root_file = ls_xcalloc(n + 1, sizeof(uint32_t));
  ls_strmap owners = {0};
  for (size_t i = 0; i < n; i++) {
    const ls_groot *r = &g->roots.items[i];
    uint32_t line, col;
    ls_graph_root_site(g, r, &g->root_file[i], &line, &col);
    if (r->loop) continue;
    char *owner = ls_graph_slot_owner(g, r->slot);
    int inserted = 0;
    int64_t *v = ls_strmap_put(&owners, owner, (int64_t)owners.len + 1, &inserted);
    g->root_api[i] = (uint32_t)*v;
    free(owner);
  }
  ls_strmap_free(&owners);
}

static int has(const uint32_t *v, uint32_t n, uint32_t x) {
  for (uint32_t i = 0; i < n; i++)
    if (v[i] == x) return 1;
  return 0;
}

/* Whether a function with candidates `c` takes root r (index + 1 `r1`, of
 * API `api` and file `file`), all roots before r walked. */
static int takes(const cand *c, uint32_t r1, uint32_t api, uint32_t file) {
  if (c->last == r1) return 0; /* taken already in this walk */
  if (c->n < FIRST) return 1;
  if (c->napi < FIRST && !has(c->api, c->napi, api)) return 1;
  return c->nfile < FIRST && !has(c->file, c->nfile, file);
}

static void take(cand *c, uint32_t *set, uint32_t r1, uint32_t api, uint32_t file) {
  /* Each root taken adds a first root, a new API or a new file, each at
   * most FIRST times: the set never overflows. */
  set[c->n++] = r1;
  c->last = r1;
  if (c->napi < FIRST && !has(c->api, c->napi, api)) c->api[c->napi++] = api;
  if (c->nfile < FIRST && !has(c->file, c->nfile, file)) c->file[c->nfile++] = file;
}

void ls__reaching_roots(ls_graph *g) {
  size_t n = g->nsyms;
  root_classes(g);
  g->reach_roots = ls_xcalloc(n, sizeof *g->reach_roots);
  cand *cands = ls_xcalloc(n, sizeof *cands);
  uint8_t *restricted = ls_xcalloc(n + 1, 1); /* has calls off the loop */
  for (size_t i = 0; i < g->calls.len; i++)
    if (g->call_off_loop[i]) restricted[g->calls.items[i].caller] = 1;
  LS_VEC(uint32_t) stack = {0};
  for (size_t r = 0; r < g->roots.len; r++) {
    const ls_groot *root = &g->roots.items[r];
    if (root->context != LS_CTX_LOOP) continue;
    uint32_t r1 = (uint32_t)r + 1, api = g->root_api[r], file = g->root_file[r];
    LS_VEC_PUSH(&stack, root->func);
    while (stack.len) {
      uint32_t f = stack.items[--stack.len];
      /* pushed when f took r, but f may have taken r since */
      if (!takes(&cands[f], r1, api, file)) continue;
      take(&cands[f], g->reach_roots[f], r1, api, file);
      if (g->dist[f] && !ls_graph_enters(g, f)) continue;
      if (g->nonblocking[f]) continue;
      if (restricted[f]) {
        /* an event loop's function: only the calls of its loop */
        for (uint32_t k = g->out_start[f]; k < g->out_start[f + 1]; k++) {
          const ls_gcall *c = &g->calls.items[g->out_calls[k]];
          if (g->call_off_loop[g->out_calls[k]]) continue;
          for (uint32_t t = 0; t < c->ntargets; t++) {
            uint32_t callee = g->targets.items[c->first_target + t];
            if (g->off_loop[callee]) continue; /* a pack says it runs off the loop */
            if (takes(&cands[callee], r1, api, file)) LS_VEC_PUSH(&stack, callee);
          }
        }
        continue;
      }
      for (uint32_t k = g->succ_start[f]; k < g->succ_start[f + 1]; k++) {
        uint32_t callee = g->succ[k];
        if (g->off_loop[callee]) continue;
        if (takes(&cands[callee], r1, api, file)) LS_VEC_PUSH(&stack, callee);
      }
    }
  }
  LS_VEC_FREE(&stack);
  free(restricted);
  free(cands);
}

/* Whether root index i has an API, or a file, that none of `picked` (root
 * indexes, n of them) has. */
static int new_api(const ls_graph *g, uint32_t i, const uint32_t *picked, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (g->root_api[picked[k]] == g->root_api[i]) return 0;
  return 1;
}

static int new_file(const ls_graph *g, uint32_t i, const uint32_t *picked, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (g->root_file[picked[k]] == g->root_file[i]) return 0;
  return 1;
}

size_t ls_graph_other_roots(const ls_graph *g, uint32_t func, uint32_t path_root,
                            uint32_t out[LS_ALSO_REACHES]) {
  if (!g->reach_roots || !func || func >= g->nsyms) return 0;
  const uint32_t *set = g->reach_roots[func];
  /* picked[0] is the path's root when it is a loop root: the notes differ
   * from it too */
  uint32_t picked[LS_ALSO_REACHES + 1];
  size_t np = 0;
  uint32_t self = path_root < g->nsyms ? g->loop_root_of[path_root] : 0;
  if (self) picked[np++] = self - 1;
  size_t nout = 0;
  while (nout < LS_ALSO_REACHES) {
    uint32_t best = LS_NO_INDEX;
    /* tier 0: another API; 1: another file; 2: any */
    for (int tier = 0; tier < 3 && best == LS_NO_INDEX; tier++) {
      for (int j = 0; j < LS_REACH_CANDIDATES && set[j]; j++) {
        uint32_t i = set[j] - 1;
        if (g->roots.items[i].func == path_root) continue;
        int taken = 0;
        for (size_t k = 0; k < np; k++) taken |= picked[k] == i;
        if (taken) continue;
        if (tier == 0 && !new_api(g, i, picked, np)) continue;
        if (tier == 1 && !new_file(g, i, picked, np)) continue;
        best = i;
        break;
      }
    }
    if (best == LS_NO_INDEX) break;
    picked[np++] = best;
    out[nout++] = best;
  }
  return nout;
}
