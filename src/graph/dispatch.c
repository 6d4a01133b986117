/* dispatch.c: a program's own dispatch by key (internal.h), from the packs'
 * `dispatch:` entries. irssi's `signal_add("server connected", f)` stores f
 * in a hook list that `signal_emit(name, ...)` walks through a field, so
 * without this every emit reaches every handler of the program. Here:
 *   - each call of a register function with its callback (a function, or a
 *     slot's functions) files the callback under the call's key: the string
 *     literal, with the entry's prefix, or "unknown" when the key is not a
 *     literal. A register function's calls of register functions inside it
 *     (command_bind_full calling signal_add_full with a computed name) file
 *     nothing: its own callers' keys are the ones that count;
 *   - each call of an emit function with a literal key runs the callbacks
 *     filed under that key and those filed under an unknown key; with a key
 *     that is not a literal it runs every callback of the table. Its
 *     targets become those callbacks instead of the emit function, whose
 *     body (the walk of the hook list) is not followed from that call.
 * Calls of the emit function's internals by other routes (signal_emit_id)
 * keep their field resolution: sound, and as wide as before. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct handler {
  const char *table;
  char *key;      /* heap; NULL: unknown */
  uint32_t func;
} handler;

typedef LS_VEC(handler) handler_list;

/* The dispatch entry a function's name is, or NULL. */
static const ls_dispatch *entry_of(const ls_graph *g, uint32_t f) {
  const ls_catalogue *cat = g->cat;
  if (!f || f >= g->nsyms || g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f]) return NULL;
  for (size_t i = 0; i < cat->ndispatch; i++)
    if (strcmp(cat->dispatch[i].function, g->sym_name[f]) == 0) return &cat->dispatch[i];
  return NULL;
}

static const ls_prog_arg *arg_at(const ls_graph *g, size_t call, int idx) {
  const ls_prog_call *pc = &g->prog->calls.items[call];
  for (uint32_t k = 0; k < pc->nargs; k++) {
    const ls_prog_arg *a = &g->prog->args.items[pc->first_arg + k];
    if ((int)a->idx == idx) return a;
  }
  return NULL;
}

static char *key_of(const ls_graph *g, size_t call, const ls_dispatch *d) {
  const ls_prog_arg *a = arg_at(g, call, d->key_arg);
  if (!a || a->kind != LS_ARG_STRING || !a->text) return NULL;
  return ls_xasprintf("%s%s", d->key_prefix ? d->key_prefix : "", a->text);
}

static void file_handler(handler_list *hs, const ls_dispatch *d, const char *key, uint32_t f) {
  handler h = {d->table, key ? ls_xstrdup(key) : NULL, f};
  LS_VEC_PUSH(hs, h);
}

void ls__dispatch_by_key(builder *b) {
  ls_graph *g = b->g;
  if (!g->cat->ndispatch) return;
  handler_list hs = {0};
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    const ls_dispatch *d = ls__names_callee(c) ? entry_of(g, c->callee) : NULL;
    if (!d || d->emit) continue;
    const ls_dispatch *in = entry_of(g, c->caller);
    if (in && !in->emit && !strcmp(in->table, d->table)) continue; /* a wrapper's own filing */
    const ls_prog_arg *cb = arg_at(g, i, d->callback_arg);
    if (!cb) continue;
    char *key = key_of(g, i, d);
    if (cb->kind == LS_ARG_FUNC) {
      file_handler(&hs, d, key, cb->sym);
    } else if (cb->kind == LS_ARG_SLOT && cb->sym < g->nsyms) {
      for (uint32_t p = g->pts_head[cb->sym]; p; p = g->pts[p - 1].next)
        file_handler(&hs, d, key, g->pts[p - 1].func);
    }
    free(key);
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    const ls_dispatch *d = ls__names_callee(c) ? entry_of(g, c->callee) : NULL;
    if (!d || !d->emit) continue;
    char *key = key_of(g, i, d);
    uint32_t first = (uint32_t)g->targets.len;
    for (size_t k = 0; k < hs.len; k++) {
      const handler *h = &hs.items[k];
      if (strcmp(h->table, d->table)) continue;
      if (key && h->key && strcmp(key, h->key)) continue;
      int seen = 0;
      for (size_t t = first; t < g->targets.len && !seen; t++) seen = g->targets.items[t] == h->func;
      if (!seen) LS_VEC_PUSH(&g->targets, h->func);
    }
    c->first_target = first;
    c->ntargets = (uint32_t)g->targets.len - first;
    c->flags |= LS_GCALL_DISPATCH;
    free(key);
  }
  for (size_t k = 0; k < hs.len; k++) free(hs.items[k].key);
  LS_VEC_FREE(&hs);
}
