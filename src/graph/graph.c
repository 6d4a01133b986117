/* graph.c: builds the whole-program graph (graph.h) from a program's facts
 * (facts.h, ls_program, as the store loads them).
 *
 * Order of work, each step linear in the facts it reads:
 *   1. symbols, annotations and registration slots (rule packs + annotations);
 *   2. flows: which function addresses may reach which slot, by a worklist
 *      over flow edges; an indirect call whose slot gains a function adds
 *      flows from its arguments into that function's parameters (so wrappers
 *      called through pointers still carry callbacks);
 *   3. call targets: direct callee; else the functions in the field or
 *      variable called through; else, when that is empty, the address-taken
 *      functions defined with the same type;
 *   4. roots: the functions in each registration slot, with their context;
 *   5. breadth-first search from all loop roots at once (shortest paths),
 *      then up to LS_MAX_ROOTS_PER_FUNC roots per function by a bounded
 *      worklist, for "also reaches" notes.
 * Nothing here recurses, so chains and cycles of any length are safe.
 *
 * Choices among equals are made by what the program says, never by ids:
 * symbol, call and file ids are handed out in the order TUs reach the store
 * (with -j2, the order workers finish; after a merge, the order of the
 * shards). Among shortest paths the one whose calls come first in the
 * source (file path, line, column) wins; a root's registration site is its
 * first one in the source; roots are ordered by their symbols' keys. So a
 * report is byte for byte the same however the TUs were parsed or merged.
 */
#define _GNU_SOURCE /* qsort_r */
#include "graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* ---- a set of (slot, function) pairs: open addressing on uint64 ------- */

typedef struct pairset {
  uint64_t *keys; /* 0 = empty; stored as key + 1 */
  size_t cap, len;
} pairset;

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

/* ---- building state ---------------------------------------------------- */

typedef struct edge {
  uint32_t dst, next;
} edge;

typedef struct callarg {
  uint32_t call; /* index in g->calls */
  uint32_t idx;
  uint8_t kind;  /* LS_ARG_FUNC or LS_ARG_SLOT */
  uint32_t sym;
} callarg;

typedef struct work {
  uint32_t slot, func, origin;
} work;

typedef struct builder {
  ls_graph *g;
  pairset seen;             /* (slot, func) already in pts */
  LS_VEC(edge) edges;       /* slot -> slot flow edges */
  uint32_t *edge_head;      /* by sym id: index + 1 */
  LS_VEC(callarg) cargs;    /* FUNC/SLOT args of indirect calls, by call */
  uint32_t *carg_start;     /* by call index: first carg + 1, 0 = none */
  uint32_t *via_head;       /* by slot: first indirect call through it + 1 */
  uint32_t *via_next;       /* by call index */
  LS_VEC(work) queue;
  size_t qhead;
  ls_strmap param_key;      /* "P:fkey#i" -> sym id */
  ls_strmap type_index;     /* type spelling -> index in g->types */
  uint8_t *addr_taken;      /* by sym id */
  uint32_t *type_of;        /* by sym id: interned type of a defined function */
  uint32_t *bytype_start;   /* by type index: CSR of defined address-taken functions */
  uint32_t *bytype_funcs;
} builder;

static uint32_t intern_type(builder *b, const char *s) {
  if (!s) return LS_NO_INDEX;
  int inserted = 0;
  int64_t *v = ls_strmap_put(&b->type_index, s, (int64_t)b->g->types.len, &inserted);
  if (inserted) LS_VEC_PUSH(&b->g->types, ls_xstrdup(s));
  return (uint32_t)*v;
}

/* ---- canonical order ---------------------------------------------------- */

typedef struct file_row {
  uint32_t id;
  char *path;
} file_row;

static int cmp_file_row(const void *a, const void *b) {
  return strcmp(((const file_row *)a)->path, ((const file_row *)b)->path);
}

static uint32_t file_rank_of(const ls_graph *g, uint32_t file) {
  return file < g->nfiles && g->file_rank ? g->file_rank[file] : UINT32_MAX;
}

static int cmp_u32(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }

/* Source order of two places: file path, line, column. */
static int cmp_site(const ls_graph *g, uint32_t fa, uint32_t la, uint32_t ca, uint32_t fb,
                    uint32_t lb, uint32_t cb) {
  int r = cmp_u32(file_rank_of(g, fa), file_rank_of(g, fb));
  if (!r) r = cmp_u32(la, lb);
  if (!r) r = cmp_u32(ca, cb);
  return r;
}

static int cmp_key(const ls_graph *g, uint32_t a, uint32_t b) {
  const char *ka = a < g->nsyms && g->sym_key[a] ? g->sym_key[a] : "";
  const char *kb = b < g->nsyms && g->sym_key[b] ? g->sym_key[b] : "";
  return strcmp(ka, kb);
}

/* Whether call a comes before call b: by site, then by caller (the same
 * header's inline function seen from two TUs has one site), then by extent.
 * Calls equal in all of these read the same in a report. */
static int call_before(const ls_graph *g, uint32_t a, uint32_t b) {
  const ls_gcall *x = &g->calls.items[a], *y = &g->calls.items[b];
  int r = cmp_site(g, x->file, x->line, x->col, y->file, y->line, y->col);
  if (!r) r = cmp_key(g, x->caller, y->caller);
  if (!r) r = cmp_u32(x->end_line, y->end_line);
  if (!r) r = cmp_u32(x->end_col, y->end_col);
  return r < 0;
}

static int cmp_flow(const void *a, const void *b, void *gp) {
  const ls_graph *g = gp;
  const ls_gflow *x = a, *y = b;
  int r = cmp_site(g, x->file, x->line, x->col, y->file, y->line, y->col);
  if (!r) r = cmp_key(g, x->src, y->src);
  if (!r) r = cmp_key(g, x->dst, y->dst);
  if (!r) r = cmp_key(g, x->func, y->func);
  return r;
}

/* Every file's rank among all paths in byte order. */
static void rank_files(ls_graph *g) {
  LS_VEC(file_row) rows = {0};
  for (uint32_t id = 1; id < g->nfiles; id++) {
    if (!g->file_path[id]) continue;
    file_row row = {id, g->file_path[id]};
    LS_VEC_PUSH(&rows, row);
  }
  if (rows.len) qsort(rows.items, rows.len, sizeof *rows.items, cmp_file_row);
  g->file_rank = ls_xmalloc((g->nfiles + 1) * sizeof(uint32_t));
  memset(g->file_rank, 0xff, (g->nfiles + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < rows.len; i++) g->file_rank[rows.items[i].id] = (uint32_t)i;
  LS_VEC_FREE(&rows);
}

static void load_symbols(builder *b) {
  ls_graph *g = b->g;
  const ls_program *p = g->prog;
  size_t n = g->nsyms = p->nsyms;
  g->sym_name = p->sym_name;
  g->sym_key = p->sym_key;
  g->sym_kind = p->sym_kind;
  g->nonblocking = ls_xcalloc(n, 1);
  g->blocking_rule = ls_xcalloc(n, sizeof(char *));
  g->slot_context = ls_xcalloc(n, 1);
  g->def_file = ls_xcalloc(n, sizeof(uint32_t));
  g->func_flags = ls_xcalloc(n, 1);
  g->pts_head = ls_xcalloc(n, sizeof(uint32_t));
  g->loop_root_of = ls_xcalloc(n, sizeof(uint32_t));
  b->edge_head = ls_xcalloc(n, sizeof(uint32_t));
  b->via_head = ls_xcalloc(n, sizeof(uint32_t));
  b->addr_taken = ls_xcalloc(n, 1);
  b->type_of = ls_xmalloc(n * sizeof(uint32_t));
  memset(b->type_of, 0xff, n * sizeof(uint32_t));
  for (uint32_t id = 1; id < n; id++)
    if (g->sym_kind[id] == LS_SYM_PARAM && g->sym_key[id])
      ls_strmap_put(&b->param_key, g->sym_key[id], id, NULL);
}

static uint32_t param_of(builder *b, uint32_t func, uint32_t idx) {
  if (!b->g->sym_key[func]) return 0;
  char *key = ls_xasprintf("P:%s#%u", b->g->sym_key[func], idx);
  int64_t *v = ls_strmap_get(&b->param_key, key);
  free(key);
  return v ? (uint32_t)*v : 0;
}

static void load_annotations(builder *b) {
  ls_graph *g = b->g;
  for (size_t i = 0; i < g->prog->annots.len; i++) {
    const ls_prog_annot *a = &g->prog->annots.items[i];
    uint32_t sym = a->sym;
    switch (a->kind) {
    case LS_ANNOT_LOOP: g->slot_context[sym] = LS_CTX_LOOP; break;
    case LS_ANNOT_WORKER:
      if (g->slot_context[sym] != LS_CTX_LOOP) g->slot_context[sym] = LS_CTX_WORKER;
      break;
    case LS_ANNOT_NEXT_TICK: g->slot_context[sym] = LS_CTX_NEXT_TICK; break;
    case LS_ANNOT_NONBLOCKING: g->nonblocking[sym] = 1; break;
    case LS_ANNOT_BLOCKING:
      if (!g->blocking_rule[sym])
        g->blocking_rule[sym] = a->arg ? a->arg : ls_rule_id(LS_RULE_DEFAULT_BLOCKING);
      break;
    default: break;
    }
  }
}

/* Registration slots named by rule packs: "P:c:@F@api#i" for a function's
 * argument, and fields by "record.field" (struct tag or typedef name). */
static void pack_registrations(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  ls_strmap fields = {0};
  for (size_t i = 0; i < cat->nregs; i++) {
    const ls_registration *r = &cat->regs[i];
    if (r->function) {
      char *key = ls_xasprintf("P:c:@F@%s#%d", r->function, r->arg);
      int64_t *v = ls_strmap_get(&b->param_key, key);
      if (v && !g->slot_context[*v]) g->slot_context[*v] = (uint8_t)r->context;
      free(key);
    } else if (r->field) {
      ls_strmap_put(&fields, r->field, r->context, NULL);
    }
  }
  if (fields.len) {
    for (uint32_t id = 1; id < g->nsyms; id++) {
      if (g->sym_kind[id] != LS_SYM_FIELD || !g->sym_name[id]) continue;
      int64_t *ctx = ls_strmap_get(&fields, g->sym_name[id]);
      if (!ctx) {
        /* "c:@S@tag@FI@f" / "c:@SA@typedef@FI@f" -> "tag.f" */
        const char *k = g->sym_key[id], *at;
        if (k && ((at = strstr(k, "@S@")) || (at = strstr(k, "@SA@")))) {
          at = strchr(at + 1, '@') + 1;
          const char *fi = strstr(at, "@FI@");
          if (fi) {
            char *name = ls_xasprintf("%.*s.%s", (int)(fi - at), at, fi + 4);
            ctx = ls_strmap_get(&fields, name);
            free(name);
          }
        }
      }
      if (ctx && !g->slot_context[id]) g->slot_context[id] = (uint8_t)*ctx;
    }
  }
  ls_strmap_free(&fields);
}

static void load_functions(builder *b) {
  ls_graph *g = b->g;
  for (size_t i = 0; i < g->prog->funcs.len; i++) {
    const ls_prog_func *f = &g->prog->funcs.items[i];
    if (g->def_file[f->sym]) continue; /* the first stored definition wins */
    g->def_file[f->sym] = f->file;
    b->type_of[f->sym] = intern_type(b, f->type);
    g->func_flags[f->sym] = (uint8_t)f->flags;
  }
}

static void load_flows(builder *b) {
  ls_graph *g = b->g;
  for (size_t i = 0; i < g->prog->flows.len; i++) {
    const ls_prog_flow *f = &g->prog->flows.items[i];
    ls_gflow fl = {f->src, f->dst, f->func, f->file, f->line, f->col};
    LS_VEC_PUSH(&g->flows, fl);
  }
  /* In source order, so the first flow of a function into a slot (the
   * registration site a report shows) is the first one in the program. */
  if (g->flows.len) qsort_r(g->flows.items, g->flows.len, sizeof *g->flows.items, cmp_flow, g);
}

static void load_calls(builder *b) {
  ls_graph *g = b->g;
  const ls_program *p = g->prog;
  size_t n = p->calls.len;
  g->calls.items = ls_xcalloc(n + 1, sizeof *g->calls.items);
  g->calls.len = g->calls.cap = n;
  b->carg_start = ls_xcalloc(n + 1, sizeof(uint32_t));
  b->via_next = ls_xcalloc(n + 1, sizeof(uint32_t));
  for (size_t i = 0; i < n; i++) {
    const ls_prog_call *pc = &p->calls.items[i];
    ls_gcall *c = &g->calls.items[i];
    c->caller = pc->caller;
    c->callee = pc->callee;
    c->via_kind = (uint8_t)pc->via_kind;
    c->via = pc->via;
    c->fntype = intern_type(b, pc->fntype);
    c->file = pc->file;
    c->line = pc->line;
    c->col = pc->col;
    c->end_line = pc->end_line;
    c->end_col = pc->end_col;
    c->flags = pc->flags;
    /* Indirect calls' function and slot arguments: what flows into the
     * parameters of whatever the call reaches. */
    if (c->via_kind == LS_VIA_DIRECT) continue;
    for (uint32_t k = 0; k < pc->nargs; k++) {
      const ls_prog_arg *a = &p->args.items[pc->first_arg + k];
      if (a->kind != LS_ARG_FUNC && a->kind != LS_ARG_SLOT) continue;
      callarg ca = {(uint32_t)i, a->idx, (uint8_t)a->kind, a->sym};
      if (!b->carg_start[i]) b->carg_start[i] = (uint32_t)b->cargs.len + 1;
      LS_VEC_PUSH(&b->cargs, ca);
    }
  }
  for (size_t i = 0; i < n; i++) {
    ls_gcall *c = &g->calls.items[i];
    if ((c->via_kind == LS_VIA_FIELD || c->via_kind == LS_VIA_VAR) && c->via) {
      b->via_next[i] = b->via_head[c->via];
      b->via_head[c->via] = (uint32_t)i + 1;
    }
  }
}

/* ---- points-to ------------------------------------------------------------ */

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
    uint32_t p = param_of(b, func, a->idx);
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

static void build_bytype(builder *b) {
  ls_graph *g = b->g;
  size_t nt = g->types.len;
  b->bytype_start = ls_xcalloc(nt + 2, sizeof(uint32_t));
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (b->addr_taken[f] && g->def_file[f] && b->type_of[f] != LS_NO_INDEX)
      b->bytype_start[b->type_of[f] + 1]++;
  for (size_t t = 0; t < nt; t++) b->bytype_start[t + 1] += b->bytype_start[t];
  b->bytype_funcs = ls_xcalloc(b->bytype_start[nt] + 1, sizeof(uint32_t));
  uint32_t *fill = ls_xcalloc(nt + 1, sizeof(uint32_t));
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (b->addr_taken[f] && g->def_file[f] && b->type_of[f] != LS_NO_INDEX) {
      uint32_t t = b->type_of[f];
      b->bytype_funcs[b->bytype_start[t] + fill[t]++] = f;
    }
  free(fill);
}

static int by_type(const ls_gcall *c) {
  return c->via_kind == LS_VIA_OTHER || c->via == 0;
}

static void resolve(builder *b) {
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
  /* Calls that nothing flows into fall back to the type. */
  build_bytype(b);
  uint8_t *fallback = ls_xcalloc(g->calls.len + 1, 1);
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    if (c->via_kind == LS_VIA_DIRECT) continue;
    if (!by_type(c) && g->pts_head[c->via]) continue;
    fallback[i] = 1;
    if (c->fntype == LS_NO_INDEX) continue;
    for (uint32_t k = b->bytype_start[c->fntype]; k < b->bytype_start[c->fntype + 1]; k++)
      bind_args(b, (uint32_t)i, b->bytype_funcs[k]);
  }
  drain(b);
  /* Final targets. */
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    c->first_target = (uint32_t)g->targets.len;
    if (c->via_kind == LS_VIA_DIRECT) {
      if (c->callee) LS_VEC_PUSH(&g->targets, c->callee);
    } else if (!fallback[i]) {
      for (uint32_t p = g->pts_head[c->via]; p; p = g->pts[p - 1].next)
        LS_VEC_PUSH(&g->targets, g->pts[p - 1].func);
    } else if (c->fntype != LS_NO_INDEX) {
      for (uint32_t k = b->bytype_start[c->fntype]; k < b->bytype_start[c->fntype + 1]; k++)
        LS_VEC_PUSH(&g->targets, b->bytype_funcs[k]);
    }
    c->ntargets = (uint32_t)g->targets.len - c->first_target;
  }
  free(fallback);
}

/* ---- roots and paths ------------------------------------------------------ */

static int cmp_root(const void *a, const void *b, void *gp) {
  const ls_graph *g = gp;
  const ls_groot *x = a, *y = b;
  int r = x->context - y->context;
  if (!r) r = cmp_key(g, x->func, y->func);
  if (!r) {
    const ls_gflow *ox = &g->flows.items[x->origin], *oy = &g->flows.items[y->origin];
    r = cmp_site(g, ox->file, ox->line, ox->col, oy->file, oy->line, oy->col);
  }
  if (!r) r = cmp_key(g, x->slot, y->slot);
  return r;
}

/* One root per (function, context): of the slots and sites that make it
 * one, the first registration in the source. Roots are ordered by context,
 * then by their function's key. */
static void find_roots(builder *b) {
  ls_graph *g = b->g;
  for (uint32_t s = 1; s < g->nsyms; s++) {
    if (!g->slot_context[s]) continue;
    for (uint32_t p = g->pts_head[s]; p; p = g->pts[p - 1].next) {
      ls_groot r = {g->pts[p - 1].func, s, g->pts[p - 1].origin, g->slot_context[s]};
      LS_VEC_PUSH(&g->roots, r);
    }
  }
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
      for (uint32_t t = 0; t < c->ntargets; t++) {
        uint32_t callee = g->targets.items[c->first_target + t];
        if (g->dist[callee] == LS_UNREACHED) {
          g->dist[callee] = g->dist[f] + 1;
          g->parent_call[callee] = g->out_calls[k];
          queue[qt++] = callee;
        } else if (g->dist[callee] == g->dist[f] + 1 &&
                   call_before(g, g->out_calls[k], g->parent_call[callee])) {
          /* Another shortest path: every caller at this distance is seen
           * before the callee leaves the queue, so the first in the source wins. */
          g->parent_call[callee] = g->out_calls[k];
        }
      }
    }
  }
  free(queue);
}

/* Up to LS_MAX_ROOTS_PER_FUNC loop roots per reached function: the first
 * ones in root order that reach it through functions with room left. One
 * walk per root, in that order; a function takes a root at most once and at
 * most LS_MAX_ROOTS_PER_FUNC in all, so the work is bounded by K * edges and
 * the sets do not depend on the order of any walk. */
static void reaching_roots(ls_graph *g) {
  size_t n = g->nsyms;
  g->reach_roots = ls_xcalloc(n, sizeof *g->reach_roots);
  LS_VEC(uint32_t) stack = {0};
  for (size_t r = 0; r < g->roots.len; r++) {
    const ls_groot *root = &g->roots.items[r];
    if (root->context != LS_CTX_LOOP) continue;
    LS_VEC_PUSH(&stack, root->func);
    while (stack.len) {
      uint32_t f = stack.items[--stack.len];
      uint32_t *set = g->reach_roots[f];
      int j = 0;
      while (j < LS_MAX_ROOTS_PER_FUNC && set[j] && set[j] != r + 1) j++;
      if (j == LS_MAX_ROOTS_PER_FUNC || set[j]) continue; /* full, or has it */
      set[j] = (uint32_t)r + 1;
      if (g->dist[f] && !ls_graph_enters(g, f)) continue;
      if (g->nonblocking[f]) continue;
      for (uint32_t k = g->succ_start[f]; k < g->succ_start[f + 1]; k++) {
        uint32_t callee = g->succ[k];
        const uint32_t *cs = g->reach_roots[callee];
        if (cs[LS_MAX_ROOTS_PER_FUNC - 1] && cs[LS_MAX_ROOTS_PER_FUNC - 1] != r + 1) continue;
        LS_VEC_PUSH(&stack, callee);
      }
    }
  }
  LS_VEC_FREE(&stack);
}

int ls_graph_build(ls_graph *g, const ls_program *prog, const ls_catalogue *cat, char **err) {
  (void)err; /* the facts are in memory and checked by the store: nothing can fail */
  memset(g, 0, sizeof *g);
  g->prog = prog;
  g->cat = cat;
  g->file_path = prog->file_path;
  g->nfiles = prog->nfiles;
  builder b = {0};
  b.g = g;
  rank_files(g);
  load_symbols(&b);
  load_annotations(&b);
  load_functions(&b);
  load_flows(&b);
  load_calls(&b);
  pack_registrations(&b);
  resolve(&b);
  find_roots(&b);
  pack_blockers(g);
  build_out_edges(g);
  shortest_paths(g);
  reaching_roots(g);
  free(b.seen.keys);
  LS_VEC_FREE(&b.edges);
  free(b.edge_head);
  LS_VEC_FREE(&b.cargs);
  free(b.carg_start);
  free(b.via_head);
  free(b.via_next);
  LS_VEC_FREE(&b.queue);
  ls_strmap_free(&b.param_key);
  ls_strmap_free(&b.type_index);
  free(b.addr_taken);
  free(b.type_of);
  free(b.bytype_start);
  free(b.bytype_funcs);
  return 0;
}

const char *ls_graph_file(const ls_graph *g, uint32_t file) {
  return file < g->nfiles && g->file_path[file] ? g->file_path[file] : "<unknown>";
}

void ls_graph_free(ls_graph *g) {
  /* Symbol names, keys, kinds, file paths and annotation rule ids belong to
   * the program. */
  free(g->nonblocking);
  free(g->blocking_rule);
  free(g->slot_context);
  free(g->def_file);
  free(g->func_flags);
  LS_VEC_FREE(&g->calls);
  LS_VEC_FREE(&g->targets);
  LS_VEC_FREE(&g->flows);
  for (size_t i = 0; i < g->types.len; i++) free(g->types.items[i]);
  LS_VEC_FREE(&g->types);
  free(g->out_start);
  free(g->out_calls);
  free(g->succ_start);
  free(g->succ);
  free(g->pack_blockers);
  free(g->npack_blockers);
  LS_VEC_FREE(&g->roots);
  free(g->loop_root_of);
  free(g->dist);
  free(g->parent_call);
  free(g->reach_roots);
  free(g->pts_head);
  free(g->pts);
  free(g->file_rank);
  memset(g, 0, sizeof *g);
}
