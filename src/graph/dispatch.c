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
 *     whose key starts with the literal; with an integer variable the
 *     program assigns the entry's key_from("name") (irssi's
 *     signal_emit_id(signal_pidwait) after `signal_pidwait =
 *     signal_get_uniq_id("pidwait")`), as if the key were "name" (a register
 *     call's key likewise); with any other key every callback
 *     of the table. A key held in a variable that may hold several values
 *     (facts' LS_ARG_STRING_SET: `signal = server_redirect_get_signal(...);
 *     if (!signal) signal = event;`) is any of them; the value of a call of
 *     a lookup function, or a read of a lookup field ("record.field"),
 *     is one of the keys the calls of its stored_by function pass (irssi's redirect signals, given to
 *     server_redirect_event); a value nothing is known of makes the key
 *     unknown. Its
 *     targets become those callbacks instead of the emit function, whose
 *     body (the walk of the hook list) is not followed from that call.
 * A continue call (irssi's signal_continue, going on with the emit in
 * progress) runs the callbacks filed under the keys its caller is filed
 * under; a caller filed under none, or under an unknown key, makes it reach
 * every callback of the table.
 * A set of keys is written one per line, each "=" and the key, or "*" and
 * what the key is known to start with; NULL when the key is unknown.
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

/* The literal argument `idx` of a call's '\n'-separated literals (heap), or
 * NULL when that argument is not a literal. */
static char *literal_at(const char *texts, int idx) {
  const char *p = texts;
  for (int i = 0; i < idx && p; i++) {
    p = strchr(p, '\n');
    if (p) p++;
  }
  if (!p || !*p || *p == '\n') return NULL;
  const char *end = strchr(p, '\n');
  return ls_xstrndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* The keys integer variables stand for: a variable the program assigns
 * key_from(..., "name") (and nothing else of that form) is "name". By the
 * variable's identity, the literal (the facts' text, quoted), or "" when
 * the variable is assigned two different names. */
typedef struct key_context {
  ls_strmap int_keys;      /* variable identity -> index in texts */
  LS_VEC(char *) texts;    /* heap; a lookup's keys ("" none), or NULL: unknown */
  ls_strmap lookups;       /* "table\tfunction" of a lookup -> index in texts */
} key_context;

static void integer_keys(const ls_graph *g, key_context *kc) {
  ls_strmap *out = &kc->int_keys;
  const ls_catalogue *cat = g->cat;
  const ls_program *p = g->prog;
  for (size_t i = 0; i < p->assigns.len; i++) {
    const ls_prog_assign *as = &p->assigns.items[i];
    if (!as->call || !as->call_text || as->call >= g->nsyms || !g->sym_name[as->call]) continue;
    const ls_dispatch *from = NULL;
    for (size_t k = 0; k < cat->ndispatch && !from; k++)
      if (cat->dispatch[k].key_from && !strcmp(cat->dispatch[k].key_from, g->sym_name[as->call]))
        from = &cat->dispatch[k];
    if (!from) continue;
    char *name = literal_at(as->call_text, from->key_from_arg);
    if (!name) continue;
    int inserted = 0;
    int64_t *v = ls_strmap_put(out, as->var, (int64_t)kc->texts.len, &inserted);
    if (inserted) {
      LS_VEC_PUSH(&kc->texts, name);
    } else if (strcmp(kc->texts.items[*v], name)) {
      free(kc->texts.items[*v]);
      kc->texts.items[*v] = ls_xstrdup(""); /* two names: not known */
      free(name);
    } else {
      free(name);
    }
  }
}

/* Appends to `keys` one key of a set: exact ('=') or known by its start
 * ('*'), after the entry's prefix. */
static void add_key(ls_buf *keys, const ls_dispatch *d, int starts, const char *text) {
  ls_buf_printf(keys, "%s%c%s%s", keys->len ? "\n" : "", starts ? '*' : '=',
                d->key_prefix ? d->key_prefix : "", text);
}

/* Adds the keys of literal text `lit` (one, or two of a choice), made by
 * builder b when not NULL (then known by their start). */
static void add_literals(ls_buf *keys, const ls_dispatch *d, const ls_dispatch *b, const char *lit) {
  for (const char *line = lit; line;) {
    const char *nl = strchr(line, '\n');
    char *one = ls_xstrndup(line, nl ? (size_t)(nl - line) : strlen(line));
    char *text = unquoted(one);
    free(one);
    if (b && b->format) text[strcspn(text, "%")] = '\0';
    add_key(keys, d, b != NULL, text);
    free(text);
    line = nl ? nl + 1 : NULL;
  }
}

/* The builder entry of d's table named `name`, or NULL. */
static const ls_dispatch *builder_named(const ls_graph *g, const ls_dispatch *d, const char *name) {
  for (size_t i = 0; i < g->cat->ndispatch; i++)
    if (g->cat->dispatch[i].builder && !strcmp(g->cat->dispatch[i].table, d->table) &&
        !strcmp(g->cat->dispatch[i].function, name))
      return &g->cat->dispatch[i];
  return NULL;
}

/* Adds the keys of a string argument of kind `kind` and text `text`
 * (facts.h: LS_ARG_STRING, LS_ARG_STRING_FROM made by `from`, or
 * LS_ARG_STRING_SET); 0 when one of its values is not known. Lookups'
 * keys come from kc, when `kc` is given. */
static int add_string_keys(const ls_graph *g, const key_context *kc, const ls_dispatch *d,
                           ls_buf *keys, int kind, const char *text, uint32_t from) {
  if (kind == LS_ARG_STRING) {
    add_literals(keys, d, NULL, text);
    return 1;
  }
  if (kind == LS_ARG_STRING_FROM) {
    const ls_dispatch *b = builder_of(g, d, from);
    if (b) add_literals(keys, d, b, text);
    return b != NULL;
  }
  if (kind != LS_ARG_STRING_SET) return 0;
  int known = 1;
  char *copy = ls_xstrdup(text), *save = NULL;
  for (char *line = strtok_r(copy, "\n", &save); line && known; line = strtok_r(NULL, "\n", &save)) {
    char *f1 = strchr(line, '\t');
    if (!f1) {
      known = 0;
      break;
    }
    *f1++ = '\0';
    if (!strcmp(line, "L")) {
      add_literals(keys, d, NULL, f1);
    } else if (!strcmp(line, "B")) {
      char *lit = strchr(f1, '\t');
      if (lit) *lit++ = '\0';
      const ls_dispatch *b = builder_named(g, d, f1);
      if (b && lit) add_literals(keys, d, b, lit);
      else known = 0;
    } else if ((!strcmp(line, "R") || !strcmp(line, "F")) && kc) {
      char *lk = ls_xasprintf("%s\t%s", d->table, f1);
      int64_t *v = ls_strmap_get(&kc->lookups, lk);
      free(lk);
      const char *set = v ? kc->texts.items[*v] : NULL;
      if (!set) {
        known = 0;
      } else {
        /* the lookup's keys, each after this entry's prefix */
        for (const char *k = set; *k;) {
          const char *nl = strchr(k, '\n');
          size_t n = nl ? (size_t)(nl - k) : strlen(k);
          char *key = ls_xstrndup(k + 1, n - 1);
          add_key(keys, d, k[0] == '*', key);
          free(key);
          k = nl ? nl + 1 : k + n;
        }
      }
    } else {
      known = 0;
    }
  }
  free(copy);
  return known;
}

/* The keys each lookup function may return: those the calls of its
 * stored_by pass at its key positions (a NULL there is none; any other
 * value not known makes the lookup's keys unknown). */
static void lookup_keys(const ls_graph *g, key_context *kc) {
  const ls_catalogue *cat = g->cat;
  const ls_program *p = g->prog;
  for (size_t e = 0; e < cat->ndispatch; e++) {
    const ls_dispatch *d = &cat->dispatch[e];
    if (!d->lookup) continue;
    char *lk = ls_xasprintf("%s\t%s", d->table, d->function);
    int inserted = 0;
    int64_t *v = ls_strmap_put(&kc->lookups, lk, (int64_t)kc->texts.len, &inserted);
    free(lk);
    if (inserted) LS_VEC_PUSH(&kc->texts, ls_xstrdup(""));
    char **set = &kc->texts.items[*v];
    ls_buf keys = {0};
    if (*set) ls_buf_puts(&keys, *set);
    int known = *set != NULL;
    for (size_t i = 0; i < p->calls.len && known; i++) {
      const ls_prog_call *c = &p->calls.items[i];
      if (c->via_kind != LS_VIA_DIRECT || !c->callee || !g->sym_name[c->callee] ||
          strcmp(g->sym_name[c->callee], d->stored_by))
        continue;
      for (uint32_t idx = (uint32_t)d->key_arg; idx < c->arity && known;
           idx = d->every > 0 ? idx + (uint32_t)d->every : c->arity) {
        const ls_prog_arg *a = arg_at(g, i, (int)idx);
        if (a && a->kind == LS_ARG_NULL) continue;
        /* the keys as stored: no entry's prefix */
        ls_dispatch plain = *d;
        plain.key_prefix = NULL;
        known = a && a->text && add_string_keys(g, NULL, &plain, &keys, a->kind, a->text, a->sym);
      }
    }
    free(*set);
    *set = known ? ls_xstrdup(ls_buf_str(&keys)) : NULL;
    ls_buf_free(&keys);
  }
}

/* A call's keys, as a set (see above): the literal (with the entry's
 * prefix), the name an integer variable key was made from, what a key
 * made by a builder is known to start with, the values a variable may
 * hold; NULL when nothing is known of it. */
static char *key_of(const ls_graph *g, const key_context *kc, size_t call, const ls_dispatch *d) {
  const ls_prog_arg *a = arg_at(g, call, d->key_arg);
  if (!a || !a->text) return NULL;
  ls_buf keys = {0};
  int known;
  if (a->kind == LS_ARG_INT_VAR) {
    int64_t *v = d->key_from ? ls_strmap_get(&kc->int_keys, a->text) : NULL;
    known = v && kc->texts.items[*v] && kc->texts.items[*v][0];
    if (known) add_literals(&keys, d, NULL, kc->texts.items[*v]);
  } else {
    known = add_string_keys(g, kc, d, &keys, a->kind, a->text, a->sym);
  }
  char *set = known ? ls_xstrdup(ls_buf_str(&keys)) : NULL;
  ls_buf_free(&keys);
  return set;
}

/* Files f under each key of a set (NULL: unknown). */
static void file_handler(handler_list *hs, const ls_dispatch *d, const char *keys, uint32_t f) {
  if (!keys) {
    handler h = {d->table, NULL, 0, f};
    LS_VEC_PUSH(hs, h);
    return;
  }
  for (const char *line = keys; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    handler h = {d->table, ls_xstrndup(line + 1, n - 1), line[0] == '*', f};
    LS_VEC_PUSH(hs, h);
    line = nl ? nl + 1 : line + n;
  }
}

/* Whether two keys, each exact or known only by its start, can be equal. */
static int keys_may_meet(const char *a, int a_prefix, const char *b, int b_prefix) {
  size_t na = strlen(a), nb = strlen(b);
  if (a_prefix && b_prefix) return !strncmp(a, b, na < nb ? na : nb);
  if (a_prefix) return !strncmp(a, b, na);
  if (b_prefix) return !strncmp(a, b, nb);
  return !strcmp(a, b);
}

/* Whether a key of a set can equal the handler's. */
static int any_key_may_meet(const char *keys, const char *hkey, int hprefix) {
  for (const char *line = keys; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    char *key = ls_xstrndup(line + 1, n - 1);
    int meet = keys_may_meet(key, line[0] == '*', hkey, hprefix);
    free(key);
    if (meet) return 1;
    line = nl ? nl + 1 : line + n;
  }
  return 0;
}

/* The keys a function is filed under in d's table, as a set: those a
 * continue call in it goes on with; NULL when it is filed under none or
 * under an unknown key. */
static char *caller_keys(const handler_list *hs, const ls_dispatch *d, uint32_t func) {
  ls_buf keys = {0};
  int known = 1, any = 0;
  for (size_t k = 0; k < hs->len && known; k++) {
    const handler *h = &hs->items[k];
    if (h->func != func || strcmp(h->table, d->table)) continue;
    any = 1;
    if (!h->key) known = 0;
    else ls_buf_printf(&keys, "%s%c%s", keys.len ? "\n" : "", h->prefix ? '*' : '=', h->key);
  }
  char *set = known && any ? ls_xstrdup(ls_buf_str(&keys)) : NULL;
  ls_buf_free(&keys);
  return set;
}

void ls__dispatch_by_key(builder *b) {
  ls_graph *g = b->g;
  if (!g->cat->ndispatch) return;
  handler_list hs = {0};
  key_context kc = {{0}, {0}, {0}};
  integer_keys(g, &kc);
  lookup_keys(g, &kc);
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    const ls_dispatch *d = ls__names_callee(c) ? entry_of(g, c->callee) : NULL;
    if (!d || d->emit || d->builder || d->lookup) continue;
    const ls_dispatch *in = entry_of(g, c->caller);
    if (in && !in->emit && !in->builder && !in->lookup && !strcmp(in->table, d->table))
      continue; /* a wrapper's own filing */
    const ls_prog_arg *cb = arg_at(g, i, d->callback_arg);
    if (!cb) continue;
    char *key = key_of(g, &kc, i, d);
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
    char *key = d->cont ? caller_keys(&hs, d, c->caller) : key_of(g, &kc, i, d);
    uint32_t first = (uint32_t)g->targets.len;
    for (size_t k = 0; k < hs.len; k++) {
      const handler *h = &hs.items[k];
      if (strcmp(h->table, d->table)) continue;
      if (key && h->key && !any_key_may_meet(key, h->key, h->prefix)) continue;
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
  for (size_t k = 0; k < kc.texts.len; k++) free(kc.texts.items[k]);
  LS_VEC_FREE(&kc.texts);
  ls_strmap_free(&kc.int_keys);
  ls_strmap_free(&kc.lookups);
}
