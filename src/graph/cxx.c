/* cxx.c: what the packs say of C++ functions (internal.h). A pack names a
 * C++ function by its qualified name ("Napi::Function::New",
 * "std::thread::thread"); a bare name is a C function or one at file scope,
 * so `sleep` is never `other::sleep` or a method named sleep. Two uses need
 * more than the name lookups the C registrations do:
 *   - a registration of a qualified function's argument marks that
 *     parameter of every function of that name (overloads and the template
 *     the instantiations stand for);
 *   - an `overrides:` registration makes every override of the virtual
 *     method it names (directly or through other overrides), and the method
 *     itself when the program defines it, a root of its context: the
 *     library calls them (`Napi::AsyncWorker::Execute` on the pool).
 * Overrides are only seen where the program declares them (facts'
 * overrides, from libclang's overridden cursors). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The function symbols whose names are qualified, by their plain name
 * (ls_graph_base_name_length: "asio::post(asio::thread_pool)" is filed
 * under asio::post): the first id and, for ids of the same plain name, the
 * next one (0 ends); and the names with a class, by their whole name. */
typedef struct qnames {
  ls_strmap first, exact;
  uint32_t *next;
} qnames;

static int qualified(const char *name) {
  return name && strstr(name, "::") != NULL;
}

/* Whether f is a C++ function at file scope: a bare name whose key is the
 * C form followed by a '#' and the parameter types. */
static int cxx_file_scope(const ls_graph *g, uint32_t f) {
  const char *k = g->sym_key[f], *n = g->sym_name[f];
  size_t nl = strlen(n);
  return k && !strncmp(k, "c:@F@", 5) && !strncmp(k + 5, n, nl) && k[5 + nl] == '#';
}

static void qnames_build(const ls_graph *g, qnames *q) {
  memset(q, 0, sizeof *q);
  q->next = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (uint32_t f = g->nsyms; f-- > 1;) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f]) continue;
    /* C++ functions at file scope are named by their bare name, but their
     * keys carry the parameter types ("c:@F@loop_add#*Fv()#"), so the C
     * lookup by key does not find them: they are filed here too */
    if (!qualified(g->sym_name[f]) && !cxx_file_scope(g, f)) continue;
    size_t base = ls_graph_base_name_length(g->sym_name[f]);
    char *plain = ls_xstrndup(g->sym_name[f], base);
    int inserted = 0;
    int64_t *v = ls_strmap_put(&q->first, plain, f, &inserted);
    if (!inserted) {
      q->next[f] = (uint32_t)*v;
      *v = f;
    }
    if (g->sym_name[f][base]) ls_strmap_put(&q->exact, g->sym_name[f], f, NULL);
    free(plain);
  }
}

static void qnames_free(qnames *q) {
  ls_strmap_free(&q->first);
  ls_strmap_free(&q->exact);
  free(q->next);
}

/* The first symbol a pack's name matches, and next_of() the others: a name
 * with a class matches that one symbol, a plain name every symbol of it. */
static uint32_t qnames_first(const qnames *q, const char *name) {
  size_t base = ls_graph_base_name_length(name);
  int64_t *v = ls_strmap_get(name[base] ? &q->exact : &q->first, name);
  return v ? (uint32_t)*v : 0;
}

static uint32_t qnames_next(const qnames *q, const char *name, uint32_t f) {
  return name[ls_graph_base_name_length(name)] ? 0 : q->next[f];
}

static int any_qualified(const ls_catalogue *cat, int overrides) {
  for (size_t i = 0; i < cat->nregs; i++)
    if (overrides ? cat->regs[i].overrides != NULL : qualified(cat->regs[i].function)) return 1;
  return 0;
}

/* A call of a member of a dependent type in a template ("<dependent>::NAME",
 * facts): every registration of a qualified function named NAME marks the
 * same argument of it, since which class's NAME runs is only known per
 * instantiation (`adaptor_.socket().async_read_some(buf, handler)` in
 * Crow's Connection<Adaptor>). */
static void dependent_member_registrations(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  static const char dep[] = "<dependent>::";
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f] ||
        strncmp(g->sym_name[f], dep, sizeof dep - 1))
      continue;
    const char *member = g->sym_name[f] + sizeof dep - 1;
    for (size_t i = 0; i < cat->nregs; i++) {
      const ls_registration *r = &cat->regs[i];
      if (!qualified(r->function) || strcmp(ls_last_name_component(r->function), member)) continue;
      uint32_t slot = ls__param_of(b, f, (uint32_t)r->arg);
      if (slot && !g->slot_context[slot]) g->slot_context[slot] = (uint8_t)r->context;
    }
  }
}

void ls__qualified_registrations(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  qnames q;
  qnames_build(g, &q);
  /* entries that name a class ("asio::post(asio::thread_pool)") before the
   * plain ones, so that they decide the slots they name */
  for (int pass = 0; pass < 2; pass++)
  for (size_t i = 0; i < cat->nregs; i++) {
    const ls_registration *r = &cat->regs[i];
    if (!r->function) continue;
    if ((r->function[ls_graph_base_name_length(r->function)] != 0) != (pass == 0)) continue;
    for (uint32_t f = qnames_first(&q, r->function); f; f = qnames_next(&q, r->function, f)) {
      uint32_t slot = ls__param_of(b, f, (uint32_t)r->arg);
      if (!slot || g->slot_context[slot]) continue;
      g->slot_context[slot] = (uint8_t)r->context;
      if (r->ready_fd >= 0 && r->ready_fd < 255 && !g->slot_ready_fd[slot])
        g->slot_ready_fd[slot] = (uint8_t)(r->ready_fd + 1);
    }
  }
  dependent_member_registrations(b);
  qnames_free(&q);
}

void ls__override_roots(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  if (!any_qualified(cat, 1)) return;
  qnames q;
  qnames_build(g, &q);
  /* the overrides by the method they override: flows.c's CSR, built by
   * ls__resolve before the roots are found */
  uint32_t n = g->nsyms;
  const uint32_t *start = b->ov_start, *items = b->ov_items;
  uint8_t *seen = ls_xcalloc(n + 1, 1);
  LS_VEC(uint32_t) work = {0};
  for (size_t i = 0; i < cat->nregs; i++) {
    const ls_registration *r = &cat->regs[i];
    if (!r->overrides) continue;
    memset(seen, 0, n + 1);
    work.len = 0;
    for (uint32_t f = qnames_first(&q, r->overrides); f; f = qnames_next(&q, r->overrides, f)) {
      seen[f] = 1;
      LS_VEC_PUSH(&work, f);
    }
    for (size_t k = 0; k < work.len; k++) {
      uint32_t m = work.items[k];
      if (g->def_file[m] && !(g->off_loop[m] && r->context != LS_CTX_WORKER)) {
        ls_groot root = {m, qnames_first(&q, r->overrides), (uint32_t)i, r->context, 0,
                         LS_ROOT_OVERRIDE};
        LS_VEC_PUSH(&g->roots, root);
      }
      for (uint32_t j = start[m]; j < start[m + 1]; j++)
        if (!seen[items[j]]) {
          seen[items[j]] = 1;
          LS_VEC_PUSH(&work, items[j]);
        }
    }
  }
  LS_VEC_FREE(&work);
  free(seen);
  qnames_free(&q);
}

/* At most this many methods of one name are taken as what a call of a
 * member of a dependent type may run. */
#define LS_DEPENDENT_MAX_METHODS 3

void ls__dependent_member_targets(builder *b) {
  ls_graph *g = b->g;
  static const char dep[] = "<dependent>::";
  int any = 0;
  for (uint32_t f = 1; f < g->nsyms && !any; f++)
    any = g->sym_kind[f] == LS_SYM_FUNC && g->sym_name[f] && !strncmp(g->sym_name[f], dep, sizeof dep - 1);
  if (!any) return;
  /* the program's methods by their last name component: first id, next */
  ls_strmap first = {0};
  uint32_t *next = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (uint32_t f = g->nsyms; f-- > 1;) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->def_file[f] || !qualified(g->sym_name[f]) ||
        !strncmp(g->sym_name[f], dep, sizeof dep - 1))
      continue;
    int inserted = 0;
    int64_t *v = ls_strmap_put(&first, ls_last_name_component(g->sym_name[f]), f, &inserted);
    if (!inserted) {
      next[f] = (uint32_t)*v;
      *v = f;
    }
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    ls_gcall *c = &g->calls.items[i];
    if (!ls__names_callee(c) || !c->callee || !g->sym_name[c->callee] ||
        strncmp(g->sym_name[c->callee], dep, sizeof dep - 1))
      continue;
    int64_t *v = ls_strmap_get(&first, g->sym_name[c->callee] + sizeof dep - 1);
    if (!v) continue;
    /* a name few methods have (do_write, handle_header) says which runs; a
     * name many have (Start, Stop, Run) says nothing: it is left alone */
    unsigned n = 0;
    for (uint32_t f = (uint32_t)*v; f && n <= LS_DEPENDENT_MAX_METHODS; f = next[f]) n++;
    if (n > LS_DEPENDENT_MAX_METHODS) continue;
    uint32_t start = (uint32_t)g->targets.len;
    for (uint32_t t = 0; t < c->ntargets; t++) LS_VEC_PUSH(&g->targets, g->targets.items[c->first_target + t]);
    for (uint32_t f = (uint32_t)*v; f; f = next[f]) LS_VEC_PUSH(&g->targets, f);
    c->first_target = start;
    c->ntargets = (uint32_t)g->targets.len - start;
  }
  free(next);
  ls_strmap_free(&first);
}

/* One round over the overrides: what `take` says a method gets from the
 * method it overrides; until a round changes nothing (chains are short). */
static void over_overrides(ls_graph *g, int (*take)(ls_graph *g, uint32_t m, uint32_t b)) {
  const ls_program *p = g->prog;
  for (int changed = 1; changed && p->overrides.len;) {
    changed = 0;
    for (size_t i = 0; i < p->overrides.len; i++) {
      uint32_t m = p->overrides.items[i].method, b = p->overrides.items[i].base;
      if (m < g->nsyms && b < g->nsyms && take(g, m, b)) changed = 1;
    }
  }
}

static int take_blockers(ls_graph *g, uint32_t m, uint32_t b) {
  if (g->npack_blockers[m] || !g->npack_blockers[b]) return 0;
  g->pack_blockers[m] = g->pack_blockers[b];
  g->npack_blockers[m] = g->npack_blockers[b];
  return 1;
}

static int take_functions(ls_graph *g, uint32_t m, uint32_t b) {
  int changed = 0;
  if (g->off_loop[b] && !g->off_loop[m]) g->off_loop[m] = 1, changed = 1;
  if (g->nonblocking[b] && !g->nonblocking[m]) g->nonblocking[m] = 1, changed = 1;
  return changed;
}

void ls__inherit_blockers(ls_graph *g) { over_overrides(g, take_blockers); }

void ls__inherit_functions(ls_graph *g) { over_overrides(g, take_functions); }
