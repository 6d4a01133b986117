/* load.c: a program's facts read into the graph and its builder
 * (internal.h): symbols, annotations, definitions, flows in source order,
 * calls with the function and slot arguments of indirect calls, and the
 * registration slots the rule packs and annotations name. */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t intern_type(builder *b, const char *s) {
  if (!s) return LS_NO_INDEX;
  int inserted = 0;
  int64_t *v = ls_strmap_put(&b->type_index, s, (int64_t)b->g->types.len, &inserted);
  if (inserted) LS_VEC_PUSH(&b->g->types, ls_xstrdup(s));
  return (uint32_t)*v;
}

static void load_symbols(builder *b) {
  ls_graph *g = b->g;
  const ls_program *p = g->prog;
  size_t n = g->nsyms = p->nsyms;
  /* C++ functions are named (and matched by the packs) by their qualified
   * names; C functions and C++ ones at file scope by their names. */
  char **names = ls_xcalloc(n + 1, sizeof(char *));
  char **display = ls_xcalloc(n + 1, sizeof(char *));
  for (size_t id = 0; id < n; id++) {
    names[id] = p->sym_qname && p->sym_qname[id] ? p->sym_qname[id] : p->sym_name[id];
    size_t base = names[id] ? ls_graph_base_name_length(names[id]) : 0;
    display[id] = names[id] && names[id][base] ? ls_xstrndup(names[id], base) : names[id];
  }
  g->sym_name = names;
  g->sym_display = display;
  g->sym_key = p->sym_key;
  g->sym_kind = p->sym_kind;
  g->nonblocking = ls_xcalloc(n, 1);
  g->blocking_rule = ls_xcalloc(n, sizeof(char *));
  g->slot_context = ls_xcalloc(n, 1);
  g->slot_assumed = ls_xcalloc(n, sizeof(uint32_t));
  g->slot_ready_fd = ls_xcalloc(n, 1);
  g->def_file = ls_xcalloc(n, sizeof(uint32_t));
  g->def_line = ls_xcalloc(n, sizeof(uint32_t));
  g->off_loop = ls_xcalloc(n, 1);
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

uint32_t ls__param_of(builder *b, uint32_t func, uint32_t idx) {
  if (!b->g->sym_key[func]) return 0;
  char *key = ls_key_param(b->g->sym_key[func], idx);
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

/* The registrations by function of a static function named like one
 * (facts.h, ls_key_is_static_c_function: "/abs/h.h|c:h.h@F@api"), in load
 * order, so that the first one of a slot wins as for external functions. */
static void static_registrations(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  ls_strmap first = {0}; /* name -> index + 1 of its first registration */
  uint32_t *next = ls_xcalloc(cat->nregs + 1, sizeof(uint32_t)); /* same name, later */
  for (size_t i = cat->nregs; i-- > 0;) {
    if (!cat->regs[i].function) continue;
    int inserted = 0;
    int64_t *v = ls_strmap_put(&first, cat->regs[i].function, (int64_t)i + 1, &inserted);
    if (!inserted) {
      next[i] = (uint32_t)*v;
      *v = (int64_t)i + 1;
    }
  }
  for (uint32_t f = 1; first.len && f < g->nsyms; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f]) continue;
    int64_t *v = ls_strmap_get(&first, g->sym_name[f]);
    if (!v || !ls_key_is_static_c_function(g->sym_key[f], g->sym_name[f])) continue;
    for (uint32_t i = (uint32_t)*v; i; i = next[i - 1]) {
      uint32_t slot = ls__param_of(b, f, (uint32_t)cat->regs[i - 1].arg);
      if (slot && !g->slot_context[slot]) g->slot_context[slot] = (uint8_t)cat->regs[i - 1].context;
    }
  }
  free(next);
  ls_strmap_free(&first);
}

/* What the packs' `functions:` say of functions, by name: trusted ones are
 * as if annotated lagscan::nonblocking, off-loop ones are marked. */
static void pack_functions(builder *b) {
  ls_graph *g = b->g;
  if (!g->cat->ntrusted && !g->cat->noff_loop) return;
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f]) continue;
    if (ls_catalogue_is_trusted(g->cat, g->sym_name[f])) g->nonblocking[f] = 1;
    if (ls_catalogue_is_off_loop(g->cat, g->sym_name[f])) g->off_loop[f] = 1;
  }
}

/* Registration slots named by rule packs: "P:c:@F@api#i" for a function's
 * argument (and the same argument of a static function of that name), and
 * fields by "record.field" (struct tag or typedef name). */
static void pack_registrations(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  ls_strmap fields = {0};
  for (size_t i = 0; i < cat->nregs; i++) {
    const ls_registration *r = &cat->regs[i];
    if (r->function) {
      char *fkey = ls_key_c_function(r->function);
      char *key = ls_key_param(fkey, (unsigned)r->arg);
      int64_t *v = ls_strmap_get(&b->param_key, key);
      if (v && !g->slot_context[*v]) g->slot_context[*v] = (uint8_t)r->context;
      if (v && r->ready_fd >= 0 && r->ready_fd < 255 && !g->slot_ready_fd[*v])
        g->slot_ready_fd[*v] = (uint8_t)(r->ready_fd + 1);
      free(key);
      free(fkey);
    } else if (r->field) {
      ls_strmap_put(&fields, r->field, r->context, NULL);
    }
  }
  if (fields.len) {
    for (uint32_t id = 1; id < g->nsyms; id++) {
      if (g->sym_kind[id] != LS_SYM_FIELD || !g->sym_name[id]) continue;
      int64_t *ctx = ls_strmap_get(&fields, g->sym_name[id]);
      if (!ctx) {
        /* The record named as in the key: the tag, or an anonymous
         * record's typedef. */
        char *name = ls_key_field_name(g->sym_key[id]);
        if (name) ctx = ls_strmap_get(&fields, name);
        free(name);
      }
      if (ctx && !g->slot_context[id]) g->slot_context[id] = (uint8_t)*ctx;
    }
  }
  ls_strmap_free(&fields);
  static_registrations(b);
  ls__qualified_registrations(b);
}

/* Functions defined in a pack's library_files are not the program's: no
 * definition, no calls, no flows (their packs describe them). */
static void library_functions(builder *b) {
  ls_graph *g = b->g;
  b->lib_func = ls_xcalloc(g->nsyms + 1, 1);
  if (!g->cat->nlibrary_files) return;
  uint8_t *lib_file = ls_xcalloc(g->nfiles + 1, 1);
  for (uint32_t f = 1; f < g->nfiles; f++)
    lib_file[f] = g->file_path[f] && ls_catalogue_is_library_file(g->cat, g->file_path[f]);
  for (size_t i = 0; i < g->prog->funcs.len; i++) {
    const ls_prog_func *f = &g->prog->funcs.items[i];
    if (f->file < g->nfiles && lib_file[f->file]) b->lib_func[f->sym] = 1;
  }
  free(lib_file);
}

static void load_functions(builder *b) {
  ls_graph *g = b->g;
  library_functions(b);
  for (size_t i = 0; i < g->prog->funcs.len; i++) {
    const ls_prog_func *f = &g->prog->funcs.items[i];
    if (b->lib_func[f->sym]) continue;
    if (g->def_file[f->sym]) continue; /* the first stored definition wins */
    g->def_file[f->sym] = f->file;
    g->def_line[f->sym] = f->line;
    b->type_of[f->sym] = intern_type(b, f->type);
    g->func_flags[f->sym] = (uint8_t)f->flags;
  }
}

static void load_flows(builder *b) {
  ls_graph *g = b->g;
  for (size_t i = 0; i < g->prog->flows.len; i++) {
    const ls_prog_flow *f = &g->prog->flows.items[i];
    if (f->func && b->lib_func[f->func]) continue;
    ls_gflow fl = {f->src, f->dst, f->func, f->file, f->line, f->col};
    LS_VEC_PUSH(&g->flows, fl);
  }
  /* In source order, so the first flow of a function into a slot (the
   * registration site a report shows) is the first one in the program. */
  if (g->flows.len) qsort_r(g->flows.items, g->flows.len, sizeof *g->flows.items, ls__cmp_flow, g);
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
    if (b->lib_func[pc->caller]) {
      /* a call a library makes inside itself: it leads nowhere */
      c->callee = 0;
      c->via_kind = LS_VIA_DIRECT;
      c->fntype = LS_NO_INDEX;
      c->file = pc->file;
      c->line = pc->line;
      c->col = pc->col;
      continue;
    }
    c->via_kind = (uint8_t)pc->via_kind;
    c->via = pc->via;
    c->fntype = intern_type(b, pc->fntype);
    c->file = pc->file;
    c->line = pc->line;
    c->col = pc->col;
    c->end_line = pc->end_line;
    c->end_col = pc->end_col;
    c->flags = pc->flags;
    c->loop = pc->loop;
    /* Indirect calls' function and slot arguments: what flows into the
     * parameters of whatever the call reaches. */
    if (ls__names_callee(c)) continue;
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


void ls__load(builder *b) {
  ls__rank_files(b->g);
  load_symbols(b);
  load_annotations(b);
  load_functions(b);
  load_flows(b);
  load_calls(b);
  pack_registrations(b);
  pack_functions(b);
  ls__inherit_functions(b->g);
  ls__sdk_callbacks(b);
}
