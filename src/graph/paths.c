/* paths.c: roots and paths (internal.h): one root per function and
 * context, at its first registration in the source; the rule packs'
 * blockers of every function, looked up once; each function's distinct
 * callees; the shortest path from any loop root to every function (one
 * breadth-first search from all loop roots at once); then the other roots
 * that reach each function (reach.c). */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_root(const void *a, const void *b, void *gp) {
  const ls_graph *g = gp;
  const ls_groot *x = a, *y = b;
  int r = x->context - y->context;
  if (!r) r = ls__cmp_key(g, x->func, y->func);
  if (!r) {
    uint32_t fx, lx, cx, fy, ly, cy;
    ls_graph_root_site(g, x, &fx, &lx, &cx);
    ls_graph_root_site(g, y, &fy, &ly, &cy);
    r = ls__cmp_site(g, fx, lx, cx, fy, ly, cy);
  }
  if (!r) r = ls__cmp_key(g, x->slot, y->slot);
  return r;
}

/* One root per (function, context): of the slots and sites that make it
 * one, the first registration in the source. Roots are ordered by context,
 * then by their function's key. A function a pack says runs off the loop
 * is no loop root (whatever slot it is stored in, or if it is an event loop
 * found in the code), and, when the program defines it, a worker root. */
void ls__find_roots(builder *b) {
  ls_graph *g = b->g;
  for (uint32_t s = 1; s < g->nsyms; s++) {
    if (!g->slot_context[s]) continue;
    for (uint32_t p = g->pts_head[s]; p; p = g->pts[p - 1].next) {
      uint32_t f = g->pts[p - 1].func;
      if (g->off_loop[f] && g->slot_context[s] != LS_CTX_WORKER) continue;
      ls_groot r = {f, s, g->pts[p - 1].origin, g->slot_context[s], 0, 0};
      LS_VEC_PUSH(&g->roots, r);
    }
  }
  for (size_t i = 0; i < g->loops.len; i++) {
    if (g->off_loop[g->loops.items[i].func]) continue;
    ls_groot r = {g->loops.items[i].func, 0, 0, LS_CTX_LOOP, (uint32_t)i + 1, 0};
    LS_VEC_PUSH(&g->roots, r);
  }
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (!g->off_loop[f] || !g->def_file[f]) continue;
    ls_groot r = {f, 0, 0, LS_CTX_WORKER, 0, LS_ROOT_OFF_LOOP};
    LS_VEC_PUSH(&g->roots, r);
  }
  ls__override_roots(b);
  if (g->roots.len) qsort_r(g->roots.items, g->roots.len, sizeof *g->roots.items, cmp_root, g);
  size_t kept = 0;
  for (size_t i = 0; i < g->roots.len; i++) {
    ls_groot r = g->roots.items[i];
    if (kept && g->roots.items[kept - 1].func == r.func &&
        g->roots.items[kept - 1].context == r.context)
      continue;
    g->roots.items[kept++] = r;
    if (r.context == LS_CTX_LOOP && !g->loop_root_of[r.func]) g->loop_root_of[r.func] = (uint32_t)kept;
  }
  g->roots.len = kept;
}

/* The rule packs' blockers of every function, by name, once: the walks and
 * the findings ask for them at every call site. */
static void pack_blockers(ls_graph *g) {
  g->pack_blockers = ls_xcalloc(g->nsyms, sizeof *g->pack_blockers);
  g->npack_blockers = ls_xcalloc(g->nsyms, sizeof(uint32_t));
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f]) continue;
    size_t n = 0;
    g->pack_blockers[f] = ls_catalogue_blockers(g->cat, g->sym_name[f], &n);
    size_t base = ls_graph_base_name_length(g->sym_name[f]);
    if (!n && g->sym_name[f][base]) {
      /* "std::sort(__gnu_cxx::__normal_iterator)": the entries for std::sort */
      char *plain = ls_xstrndup(g->sym_name[f], base);
      g->pack_blockers[f] = ls_catalogue_blockers(g->cat, plain, &n);
      free(plain);
    }
    g->npack_blockers[f] = (uint32_t)n;
  }
}

static void build_out_edges(ls_graph *g) {
  g->out_start = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  g->out_calls = ls_xcalloc(g->calls.len + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++) g->out_start[g->calls.items[i].caller + 1]++;
  for (uint32_t s = 0; s < g->nsyms; s++) g->out_start[s + 1] += g->out_start[s];
  uint32_t *fill = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++) {
    uint32_t c = g->calls.items[i].caller;
    g->out_calls[g->out_start[c] + fill[c]++] = (uint32_t)i;
  }
  free(fill);
  /* Distinct successors, in call order. last[t] == f + 1 marks t as taken. */
  g->succ_start = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  uint32_t *last = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  LS_VEC(uint32_t) succ = {0};
  for (uint32_t f = 0; f < g->nsyms; f++) {
    g->succ_start[f] = (uint32_t)succ.len;
    for (uint32_t k = g->out_start[f]; k < g->out_start[f + 1]; k++) {
      const ls_gcall *c = &g->calls.items[g->out_calls[k]];
      for (uint32_t t = 0; t < c->ntargets; t++) {
        uint32_t callee = g->targets.items[c->first_target + t];
        if (last[callee] == f + 1) continue;
        last[callee] = f + 1;
        LS_VEC_PUSH(&succ, callee);
      }
    }
  }
  g->succ_start[g->nsyms] = (uint32_t)succ.len;
  g->succ = succ.items ? succ.items : ls_xcalloc(1, sizeof(uint32_t));
  free(last);
}

static void shortest_paths(ls_graph *g) {
  size_t n = g->nsyms;
  g->dist = ls_xmalloc(n * sizeof(uint32_t));
  g->parent_call = ls_xmalloc(n * sizeof(uint32_t));
  memset(g->dist, 0xff, n * sizeof(uint32_t));
  memset(g->parent_call, 0xff, n * sizeof(uint32_t));
  uint32_t *queue = ls_xmalloc((n + 1) * sizeof(uint32_t));
  size_t qh = 0, qt = 0;
  for (size_t r = 0; r < g->roots.len; r++) {
    const ls_groot *root = &g->roots.items[r];
    if (root->context != LS_CTX_LOOP || g->dist[root->func] == 0) continue;
    g->dist[root->func] = 0;
    queue[qt++] = root->func;
  }
  while (qh < qt) {
    uint32_t f = queue[qh++];
    if (g->dist[f] && !ls_graph_enters(g, f)) continue;
    if (!g->dist[f] && g->nonblocking[f]) continue;
    for (uint32_t k = g->out_start[f]; k < g->out_start[f + 1]; k++) {
      const ls_gcall *c = &g->calls.items[g->out_calls[k]];
      if (g->call_off_loop[g->out_calls[k]]) continue;
      for (uint32_t t = 0; t < c->ntargets; t++) {
        uint32_t callee = g->targets.items[c->first_target + t];
        if (g->off_loop[callee]) continue; /* runs off the loop: never entered */
        if (g->dist[callee] == LS_UNREACHED) {
          g->dist[callee] = g->dist[f] + 1;
          g->parent_call[callee] = g->out_calls[k];
          queue[qt++] = callee;
        } else if (g->dist[callee] == g->dist[f] + 1 &&
                   ls__call_before(g, g->out_calls[k], g->parent_call[callee])) {
          /* Another shortest path: every caller at this distance is seen
           * before the callee leaves the queue, so the first in the source wins. */
          g->parent_call[callee] = g->out_calls[k];
        }
      }
    }
  }
  free(queue);
}

void ls__paths(ls_graph *g) {
  pack_blockers(g);
  ls__inherit_blockers(g);
  build_out_edges(g);
  shortest_paths(g);
  ls__reaching_roots(g);
}
