/* flows.c: which function addresses may reach which slot (points-to, a
 * worklist over flow edges), and every call's targets (internal.h). An
 * indirect call whose slot gains a function adds flows from its arguments
 * into that function's parameters, so wrappers called through pointers
 * still carry callbacks. A call that nothing flows into falls back to the
 * address-taken functions defined with its type, but for those whose
 * address only goes to registration slots (the library that took them
 * calls them); one through a field that nothing stores into, to those of
 * them that may be in a field without a flow saying so (candidates()). */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint64_t mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

static int pairset_add(pairset *s, uint64_t key) {
  if ((s->len + 1) * 2 > s->cap) {
    pairset n = {ls_xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(uint64_t)),
                 s->cap ? s->cap * 2 : 1024, s->len};
    for (size_t i = 0; i < s->cap; i++) {
      if (!s->keys[i]) continue;
      size_t j = mix(s->keys[i]) & (n.cap - 1);
      while (n.keys[j]) j = (j + 1) & (n.cap - 1);
      n.keys[j] = s->keys[i];
    }
    free(s->keys);
    *s = n;
  }
  uint64_t k = key + 1;
  size_t j = mix(k) & (s->cap - 1);
  while (s->keys[j]) {
    if (s->keys[j] == k) return 0;
    j = (j + 1) & (s->cap - 1);
  }
  s->keys[j] = k;
  s->len++;
  return 1;
}

static void add_pts(builder *b, uint32_t slot, uint32_t func, uint32_t origin) {
  if (!slot || !pairset_add(&b->seen, ((uint64_t)slot << 32) | func)) return;
  ls_graph *g = b->g;
  if (g->npts == g->cappts) {
    g->cappts = g->cappts ? g->cappts * 2 : 1024;
    g->pts = ls_xrealloc(g->pts, g->cappts * sizeof *g->pts);
  }
  g->pts[g->npts] = (struct ls_pts){func, origin, g->pts_head[slot]};
  g->pts_head[slot] = (uint32_t)++g->npts;
  work w = {slot, func, origin};
  LS_VEC_PUSH(&b->queue, w);
}

static void add_edge(builder *b, uint32_t src, uint32_t dst) {
  if (!src || !dst || src == dst) return;
  edge e = {dst, b->edge_head[src]};
  LS_VEC_PUSH(&b->edges, e);
  b->edge_head[src] = (uint32_t)b->edges.len;
  /* The new edge carries what src already holds. */
  for (uint32_t i = b->g->pts_head[src]; i; i = b->g->pts[i - 1].next)
    add_pts(b, dst, b->g->pts[i - 1].func, b->g->pts[i - 1].origin);
}

/* A call through a slot (or by type) now reaches `func`: its function and
 * slot arguments flow into func's parameters. */
static void bind_args(builder *b, uint32_t call, uint32_t func) {
  ls_graph *g = b->g;
  if (!b->carg_start[call]) return;
  const ls_gcall *c = &g->calls.items[call];
  for (size_t i = b->carg_start[call] - 1; i < b->cargs.len && b->cargs.items[i].call == call; i++) {
    const callarg *a = &b->cargs.items[i];
    uint32_t p = ls__param_of(b, func, a->idx);
    if (!p) continue;
    if (a->kind == LS_ARG_FUNC) {
      ls_gflow fl = {a->sym, p, c->caller, c->file, c->line, c->col};
      LS_VEC_PUSH(&g->flows, fl);
      add_pts(b, p, a->sym, (uint32_t)g->flows.len - 1);
    } else {
      add_edge(b, a->sym, p);
    }
  }
}

static void drain(builder *b) {
  ls_graph *g = b->g;
  while (b->qhead < b->queue.len) {
    work w = b->queue.items[b->qhead++];
    for (uint32_t e = b->edge_head[w.slot]; e; e = b->edges.items[e - 1].next)
      add_pts(b, b->edges.items[e - 1].dst, w.func, w.origin);
    for (uint32_t c = b->via_head[w.slot]; c; c = b->via_next[c - 1]) bind_args(b, c - 1, w.func);
    (void)g;
  }
}

/* Which address-taken functions a call by type may reach (`by_type`), and
 * which of them a call through a field nothing stores a function into may
 * reach (`in_field`), from the flows and points-to sets after the first
 * drain:
 *   - a function whose address goes only into registration slots (a pack's
 *     or an annotation's API argument or field: pthread_create's start
 *     routine, uv_timer_start's callback) is called by the library that
 *     took it, in that slot's context, and not by type from the program;
 *     so is one whose address goes only into those, dispatch registers'
 *     callback parameters and parameters that go nowhere (tracked_slots);
 *   - a field that no flow feeds can hold a function only through copies
 *     the facts do not show: memcpy or a cast between record types (which
 *     only move addresses already in some field), a `void *` or other
 *     escape (`p->data = f`, `(void *)f`, `return f`), or a library that
 *     was given the address (a parameter of a function the program does
 *     not define). So such a call reaches the functions of its type that
 *     are in some field, escape, or are given to a library; that is the
 *     assumption: a function whose address only reaches locals,
 *     parameters of defined functions and globals is never in a field.
 * Appends, as the flows are in g->flows. */
/* The slots a function's address may go into without becoming a by-type
 * candidate, besides registration slots: a dispatch register's callback
 * parameter (a pack's `dispatch:`: the callbacks filed there are run by
 * the emits of its table, which dispatch.c resolves, and through the hook
 * field that holds them, which the points-to sets resolve), and a
 * parameter of a defined function that goes nowhere, neither called
 * through nor copied (irssi's signal_remove_full(name, func, data), which
 * only compares func). */
static uint8_t *tracked_slots(builder *b, const ls_strmap *fkeys) {
  ls_graph *g = b->g;
  uint8_t *tracked = ls_xcalloc(g->nsyms + 1, 1);
  const ls_catalogue *cat = g->cat;
  for (size_t i = 0; i < cat->ndispatch; i++) {
    const ls_dispatch *d = &cat->dispatch[i];
    if (d->emit || d->builder || d->lookup) continue;
    char *fkey = ls_key_c_function(d->function);
    char *key = ls_key_param(fkey, (unsigned)d->callback_arg);
    int64_t *v = ls_strmap_get(&b->param_key, key);
    if (v) tracked[*v] = 1;
    free(key);
    free(fkey);
  }
  /* Parameters that go nowhere: of a defined function, never called
   * through, every flow out of them into another such (to a fixed point,
   * removing those with a flow elsewhere: an escape, a field, a variable). */
  uint8_t *dead = ls_xcalloc(g->nsyms + 1, 1);
  for (uint32_t s = 1; s < g->nsyms; s++) {
    if (g->sym_kind[s] != LS_SYM_PARAM || b->via_head[s] || !g->sym_key[s]) continue;
    const char *k = g->sym_key[s], *hash = strrchr(k, '#');
    char *fkey = hash && hash > k + 2 ? ls_xstrndup(k + 2, (size_t)(hash - k - 2)) : NULL;
    int64_t *owner = fkey ? ls_strmap_get(fkeys, fkey) : NULL;
    dead[s] = owner && g->def_file[*owner];
    free(fkey);
  }
  /* the flows into each slot (CSR by destination), to undo their sources */
  uint32_t *start = ls_xcalloc(g->nsyms + 2, sizeof(uint32_t));
  for (size_t i = 0; i < g->flows.len; i++) start[g->flows.items[i].dst + 1]++;
  for (uint32_t s = 0; s <= g->nsyms; s++) start[s + 1] += start[s];
  uint32_t *into = ls_xcalloc(g->flows.len + 1, sizeof(uint32_t));
  uint32_t *fill = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->flows.len; i++) {
    uint32_t d = g->flows.items[i].dst;
    into[start[d] + fill[d]++] = (uint32_t)i;
  }
  free(fill);
  LS_VEC(uint32_t) undone = {0};
  for (size_t i = 0; i < g->flows.len; i++) {
    const ls_gflow *fl = &g->flows.items[i];
    if (dead[fl->src] && (!fl->dst || !dead[fl->dst])) {
      dead[fl->src] = 0;
      LS_VEC_PUSH(&undone, fl->src);
    }
  }
  while (undone.len) {
    uint32_t d = undone.items[--undone.len];
    for (uint32_t k = start[d]; k < start[d + 1]; k++) {
      uint32_t src = g->flows.items[into[k]].src;
      if (!dead[src]) continue;
      dead[src] = 0;
      LS_VEC_PUSH(&undone, src);
    }
  }
  LS_VEC_FREE(&undone);
  free(start);
  free(into);
  for (uint32_t s = 1; s < g->nsyms; s++) tracked[s] |= dead[s];
  free(dead);
  return tracked;
}

static void candidates(builder *b, uint8_t *by_type, uint8_t *in_field) {
  ls_graph *g = b->g;
  ls_strmap fkeys = {0}; /* function key -> sym id, for parameters' owners */
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (g->sym_kind[f] == LS_SYM_FUNC && g->sym_key[f]) ls_strmap_put(&fkeys, g->sym_key[f], f, NULL);
  uint8_t *tracked = tracked_slots(b, &fkeys);
  for (size_t i = 0; i < g->flows.len; i++) {
    const ls_gflow *fl = &g->flows.items[i];
    if (g->sym_kind[fl->src] != LS_SYM_FUNC) continue;
    if (!fl->dst || (!g->slot_context[fl->dst] && !tracked[fl->dst])) by_type[fl->src] = 1;
    if (!fl->dst) {
      in_field[fl->src] = 1;
    } else if (g->sym_kind[fl->dst] == LS_SYM_PARAM && g->sym_key[fl->dst]) {
      /* "P:" key "#i": the parameter of a function the program defines? */
      const char *k = g->sym_key[fl->dst], *hash = strrchr(k, '#');
      char *fkey = hash && hash > k + 2 ? ls_xstrndup(k + 2, (size_t)(hash - k - 2)) : NULL;
      int64_t *owner = fkey ? ls_strmap_get(&fkeys, fkey) : NULL;
      if (!owner || !g->def_file[*owner]) in_field[fl->src] = 1;
      free(fkey);
    }
  }
  for (uint32_t s = 1; s < g->nsyms; s++)
    if (g->sym_kind[s] == LS_SYM_FIELD)
      for (uint32_t i = g->pts_head[s]; i; i = g->pts[i - 1].next) in_field[g->pts[i - 1].func] = 1;
  for (uint32_t f = 1; f < g->nsyms; f++) in_field[f] &= by_type[f];
  free(tracked);
  ls_strmap_free(&fkeys);
}

/* The candidates of by-type calls by type (CSR): the address-taken defined
 * functions `keep` admits. */
static void build_bytype(builder *b, const uint8_t *keep, uint32_t **start_out,
                         uint32_t **funcs_out) {
  ls_graph *g = b->g;
  size_t nt = g->types.len;
  uint32_t *start = ls_xcalloc(nt + 2, sizeof(uint32_t));
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (b->addr_taken[f] && keep[f] && g->def_file[f] && b->type_of[f] != LS_NO_INDEX)
      start[b->type_of[f] + 1]++;
  for (size_t t = 0; t < nt; t++) start[t + 1] += start[t];
  uint32_t *funcs = ls_xcalloc(start[nt] + 1, sizeof(uint32_t));
  uint32_t *fill = ls_xcalloc(nt + 1, sizeof(uint32_t));
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (b->addr_taken[f] && keep[f] && g->def_file[f] && b->type_of[f] != LS_NO_INDEX) {
      uint32_t t = b->type_of[f];
      funcs[start[t] + fill[t]++] = f;
    }
  free(fill);
  *start_out = start;
  *funcs_out = funcs;
}

/* Whether a slot is a template parameter of a C++ function template (a
 * parameter numbered from LS_TEMPLATE_ARG_BASE, facts.h's key "...#1000"). */
static int template_arg_slot(const ls_graph *g, uint32_t slot) {
  if (!slot || slot >= g->nsyms || g->sym_kind[slot] != LS_SYM_PARAM || !g->sym_key[slot]) return 0;
  const char *hash = strrchr(g->sym_key[slot], '#');
  return hash && strtoul(hash + 1, NULL, 10) >= LS_TEMPLATE_ARG_BASE;
}

static int by_type(const ls_gcall *c) {
  return c->via_kind == LS_VIA_OTHER || c->via == 0;
}

int ls__names_callee(const ls_gcall *c) {
  return c->via_kind == LS_VIA_DIRECT || c->via_kind == LS_VIA_VIRTUAL ||
         c->via_kind == LS_VIA_CTOR || c->via_kind == LS_VIA_DTOR;
}

/* The methods that override each method (CSR by the overridden one). */
static void build_overrides(builder *b) {
  const ls_program *p = b->g->prog;
  uint32_t n = b->g->nsyms;
  b->ov_start = ls_xcalloc(n + 2, sizeof(uint32_t));
  b->ov_items = ls_xcalloc(p->overrides.len + 1, sizeof(uint32_t));
  for (size_t i = 0; i < p->overrides.len; i++) b->ov_start[p->overrides.items[i].base + 1]++;
  for (uint32_t s = 0; s <= n; s++) b->ov_start[s + 1] += b->ov_start[s];
  uint32_t *fill = ls_xcalloc(n + 1, sizeof(uint32_t));
  for (size_t i = 0; i < p->overrides.len; i++) {
    uint32_t base = p->overrides.items[i].base;
    b->ov_items[b->ov_start[base] + fill[base]++] = p->overrides.items[i].method;
  }
  free(fill);
}

/* The overrides of `method`, and theirs, appended to the targets after the
 * method itself, each once, narrowed by rapid type analysis (rta.c). */
static void overriders(builder *b, uint32_t method) {
  ls_graph *g = b->g;
  if (!g->prog->overrides.len) return;
  size_t first = g->targets.len - 1; /* the method itself */
  for (size_t next = first; next < g->targets.len; next++) {
    uint32_t m = g->targets.items[next];
    for (uint32_t k = b->ov_start[m]; k < b->ov_start[m + 1]; k++) {
      uint32_t o = b->ov_items[k];
      int seen = 0;
      for (size_t t = first; t < g->targets.len && !seen; t++) seen = g->targets.items[t] == o;
      if (!seen) LS_VEC_PUSH(&g->targets, o);
    }
  }
  ls__narrow_overriders(b, first);
  (void)method;
}

void ls__resolve(builder *b) {
  ls_graph *g = b->g;
  for (size_t i = 0; i < g->flows.len; i++) {
    ls_gflow *fl = &g->flows.items[i];
    if (g->sym_kind[fl->src] == LS_SYM_FUNC) b->addr_taken[fl->src] = 1;
  }
  /* Seeds and slot-to-slot edges. */
  size_t nflows = g->flows.len;
  for (size_t i = 0; i < nflows; i++) {
    ls_gflow fl = g->flows.items[i];
    if (!fl.dst) continue;
    if (g->sym_kind[fl.src] == LS_SYM_FUNC)
      add_pts(b, fl.dst, fl.src, (uint32_t)i);
    else
      add_edge(b, fl.src, fl.dst);
  }
  drain(b);
  /* Calls that nothing flows into fall back to the type: through a field,
   * to the functions that may be in a field (candidates()). */
  uint8_t *keep = ls_xcalloc(g->nsyms + 1, 1), *in_field = ls_xcalloc(g->nsyms + 1, 1);
  candidates(b, keep, in_field);
  build_bytype(b, keep, &b->bytype_start, &b->bytype_funcs);
  uint32_t *field_start, *field_funcs;
  build_bytype(b, in_field, &field_start, &field_funcs);
  free(keep);
  free(in_field);
  /* fallback[i]: 1 by type, 2 by type through an unfed field */
  uint8_t *fallback = ls_xcalloc(g->calls.len + 1, 1);
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    if (ls__names_callee(c)) continue;
    if (!by_type(c) && g->pts_head[c->via]) continue;
    /* a C++ template's function parameter is only ever given by the
     * template arguments written at its uses, which are all flows: one
     * that nothing flows into holds nothing */
    if (!by_type(c) && template_arg_slot(g, c->via)) continue;
    fallback[i] = !by_type(c) && c->via_kind == LS_VIA_FIELD ? 2 : 1;
    if (c->fntype == LS_NO_INDEX) continue;
    const uint32_t *start = fallback[i] == 2 ? field_start : b->bytype_start;
    const uint32_t *funcs = fallback[i] == 2 ? field_funcs : b->bytype_funcs;
    for (uint32_t k = start[c->fntype]; k < start[c->fntype + 1]; k++)
      bind_args(b, (uint32_t)i, funcs[k]);
  }
  drain(b);
  build_overrides(b);
  ls__live_classes(b);
  /* Final targets. */
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    c->first_target = (uint32_t)g->targets.len;
    if (ls__names_callee(c)) {
      if (c->callee) LS_VEC_PUSH(&g->targets, c->callee);
      if (c->callee && c->via_kind == LS_VIA_VIRTUAL) overriders(b, c->callee);
    } else if (!fallback[i]) {
      for (uint32_t p = g->pts_head[c->via]; p; p = g->pts[p - 1].next)
        LS_VEC_PUSH(&g->targets, g->pts[p - 1].func);
    } else if (c->fntype != LS_NO_INDEX) {
      const uint32_t *start = fallback[i] == 2 ? field_start : b->bytype_start;
      const uint32_t *funcs = fallback[i] == 2 ? field_funcs : b->bytype_funcs;
      for (uint32_t k = start[c->fntype]; k < start[c->fntype + 1]; k++)
        LS_VEC_PUSH(&g->targets, funcs[k]);
    }
    c->ntargets = (uint32_t)g->targets.len - c->first_target;
  }
  free(fallback);
  free(field_start);
  free(field_funcs);
}

