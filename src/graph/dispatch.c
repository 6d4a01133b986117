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
 *     made by a builder from a literal (a variable assigned
 *     `g_strconcat("key ", id, NULL)`, facts' LS_ARG_STRING_FROM) those
 *     whose key starts with the literal; with any other key every callback
 *     of the table. Its
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
  int prefix;     /* the key is only known to start with `key` */
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

/* A string literal's text without its quotes (the facts keep them). */
static char *unquoted(const char *t) {
  size_t n = strlen(t);
  if (n >= 2 && t[0] == '"' && t[n - 1] == '"') return ls_xstrndup(t + 1, n - 2);
  return ls_xstrdup(t);
}

/* The builder entry (of d's table) a function is, or NULL. */
static const ls_dispatch *builder_of(const ls_graph *g, const ls_dispatch *d, uint32_t f) {
  const ls_catalogue *cat = g->cat;
  if (!f || f >= g->nsyms || !g->sym_name[f]) return NULL;
  for (size_t i = 0; i < cat->ndispatch; i++)
    if (cat->dispatch[i].builder && !strcmp(cat->dispatch[i].table, d->table) &&
        !strcmp(cat->dispatch[i].function, g->sym_name[f]))
      return &cat->dispatch[i];
  return NULL;
}

/* A call's key: the literal (with the entry's prefix), or, with *prefix
 * set, what a key made by a builder is known to start with; NULL when
 * nothing is known of it. */
static char *key_of(const ls_graph *g, size_t call, const ls_dispatch *d, int *prefix) {
  const ls_prog_arg *a = arg_at(g, call, d->key_arg);
  *prefix = 0;
  if (!a || !a->text) return NULL;
  const ls_dispatch *b = NULL;
  if (a->kind == LS_ARG_STRING_FROM && !(b = builder_of(g, d, a->sym))) return NULL;
  if (a->kind != LS_ARG_STRING && !b) return NULL;
  char *text = unquoted(a->text);
  if (b) {
    *prefix = 1;
    if (b->format) text[strcspn(text, "%")] = '\0';
  }
  char *key = ls_xasprintf("%s%s", d->key_prefix ? d->key_prefix : "", text);
  free(text);
  return key;
}

static void file_handler(handler_list *hs, const ls_dispatch *d, const char *key, int prefix,
                         uint32_t f) {
  handler h = {d->table, key ? ls_xstrdup(key) : NULL, prefix, f};
  LS_VEC_PUSH(hs, h);
}

/* Whether two keys, each exact or known only by its start, can be equal. */
static int keys_may_meet(const char *a, int a_prefix, const char *b, int b_prefix) {
  size_t na = strlen(a), nb = strlen(b);
  if (a_prefix && b_prefix) return !strncmp(a, b, na < nb ? na : nb);
  if (a_prefix) return !strncmp(a, b, na);
  if (b_prefix) return !strncmp(a, b, nb);
  return !strcmp(a, b);
}

void ls__dispatch_by_key(builder *b) {
  ls_graph *g = b->g;
  if (!g->cat->ndispatch) return;
  handler_list hs = {0};
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    const ls_dispatch *d = ls__names_callee(c) ? entry_of(g, c->callee) : NULL;
    if (!d || d->emit || d->builder) continue;
    const ls_dispatch *in = entry_of(g, c->caller);
    if (in && !in->emit && !in->builder && !strcmp(in->table, d->table))
      continue; /* a wrapper's own filing */
    const ls_prog_arg *cb = arg_at(g, i, d->callback_arg);
    if (!cb) continue;
    int prefix;
    char *key = key_of(g, i, d, &prefix);
    if (cb->kind == LS_ARG_FUNC) {
      file_handler(&hs, d, key, prefix, cb->sym);
    } else if (cb->kind == LS_ARG_SLOT && cb->sym < g->nsyms) {
      for (uint32_t p = g->pts_head[cb->sym]; p; p = g->pts[p - 1].next)
        file_handler(&hs, d, key, prefix, g->pts[p - 1].func);
    }
    free(key);
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    const ls_dispatch *d = ls__names_callee(c) ? entry_of(g, c->callee) : NULL;
    if (!d || !d->emit || d->builder) continue;
    int prefix;
    char *key = key_of(g, i, d, &prefix);
    uint32_t first = (uint32_t)g->targets.len;
    for (size_t k = 0; k < hs.len; k++) {
      const handler *h = &hs.items[k];
      if (strcmp(h->table, d->table)) continue;
      if (key && h->key && !keys_may_meet(key, prefix, h->key, h->prefix)) continue;
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
