/* offloop.c: calls that are not loop code although a loop root reaches
 * their function (internal.h): code in a forked child, code on the way to
 * the end of the process, and code in branches that never run. All are
 * marked in g->call_off_loop, which no walk follows and no checker reports.
 *
 * Forked children. A fork is a function a pack lists in `processes: forks:`
 * (fork: it returns 0 in the child), or a wrapper of one: a function
 * defined in the program whose returns all return a fork's value (`return
 * fork();`, `pid = fork(); ...; return pid;`), found to a fixed point. A
 * call guarded by `V == 0` (facts.h, ls_fact_call.guards: the then branch of
 * `if (pid == 0)`, `if (!pid)`, the else branch of `if (pid)` or `if (pid !=
 * 0)`), where V is a fork's value in the same function (`(pid = fork()) ==
 * 0`, `fork() == 0`, or a variable a fork's value is stored in), runs in the
 * child: another process, not the loop.
 *
 * Dying paths. A function dies when it is declared noreturn (the front end
 * records the attribute), a pack lists it in `processes: exits:`, or it makes
 * an unconditional call to a function that dies (`void fatal(...) { log(...);
 * exit(1); }`), to a fixed point. A call that dies, and every call in a
 * branch that ends in a call that dies (`if (err) { log(...); abort(); }`),
 * is on the way to the end of the process: a stall there is not a loop
 * stall a reviewer wants to see.
 *
 * Dead branches. A branch whose condition is a constant that never lets it
 * run (`if (0)`, `#define TRACE 0 ... if (TRACE)`), and a branch on a
 * parameter that every direct caller passes the same constant for, which
 * the constant fails (`if (from_signal)` when every call passes 0), never
 * runs. A function whose address is taken has callers nobody sees: its
 * parameters are not constant. Not seen: a static or a local never assigned
 * another value (facts do not record integer assignments), and constants
 * passed through another function's parameter.
 *
 * Branches are looked at two deep: a call in a branch that ends in a call
 * that dies, or in a branch inside one (`if (err) { if (f) fclose(f);
 * abort(); }`). Not seen: a child that continues after `if (pid > 0) return;` (no guard
 * holds the rest of the function), a fork's value passed through a
 * parameter or a struct, `switch` on a fork's value, and _Noreturn
 * functions (libclang 14 spells only the attribute).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_PASSES 64 /* forks' wrappers: a chain of wrappers longer than this is cut */

/* Whether every target of call c satisfies `set` (and there is one). */
static int all_targets(const ls_graph *g, const ls_gcall *c, const uint8_t *set) {
  if (!c->ntargets) return 0;
  for (uint32_t t = 0; t < c->ntargets; t++)
    if (!set[g->targets.items[c->first_target + t]]) return 0;
  return 1;
}

static void dying_paths(ls_graph *g) {
  const ls_program *p = g->prog;
  const ls_catalogue *cat = g->cat;
  uint8_t *dies = ls_xcalloc(g->nsyms + 1, 1);
  int any = 0;
  for (size_t i = 0; i < p->sigs.len; i++)
    if (p->sigs.items[i].kind == LS_SIG_NORETURN) dies[p->sigs.items[i].sym] = 1, any = 1;
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (g->sym_kind[f] == LS_SYM_FUNC && ls_catalogue_is_exit(cat, g->sym_name[f]))
      dies[f] = 1, any = 1;
  if (!any) {
    free(dies);
    return;
  }
  /* A function that makes an unconditional call to one that dies dies: a
   * worklist over the unconditional calls by callee (CSR), linear and
   * independent of any order. A call through a pointer counts when every
   * function it may reach dies; each is looked at again when one of its
   * targets is found to die. */
  uint32_t *start = ls_xcalloc(g->nsyms + 2, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *c = &g->calls.items[i];
    if (!(c->flags & LS_CALL_UNCONDITIONAL)) continue;
    for (uint32_t t = 0; t < c->ntargets; t++) start[g->targets.items[c->first_target + t] + 1]++;
  }
  for (uint32_t s = 0; s < g->nsyms; s++) start[s + 1] += start[s];
  uint32_t *by_callee = ls_xcalloc(start[g->nsyms] + 1, sizeof(uint32_t));
  uint32_t *fill = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *c = &g->calls.items[i];
    if (!(c->flags & LS_CALL_UNCONDITIONAL)) continue;
    for (uint32_t t = 0; t < c->ntargets; t++) {
      uint32_t f = g->targets.items[c->first_target + t];
      by_callee[start[f] + fill[f]++] = (uint32_t)i;
    }
  }
  free(fill);
  LS_VEC(uint32_t) queue = {0};
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (dies[f]) LS_VEC_PUSH(&queue, f);
  for (size_t qh = 0; qh < queue.len; qh++) {
    uint32_t f = queue.items[qh];
    for (uint32_t k = start[f]; k < start[f + 1]; k++) {
      const ls_gcall *c = &g->calls.items[by_callee[k]];
      if (dies[c->caller] || !all_targets(g, c, dies)) continue;
      dies[c->caller] = 1;
      LS_VEC_PUSH(&queue, c->caller);
    }
  }
  LS_VEC_FREE(&queue);
  free(start);
  free(by_callee);
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *c = &g->calls.items[i];
    uint32_t e1 = p->calls.items[i].ends_in, e2 = p->calls.items[i].ends_in2;
    if ((e1 && dies[e1]) || (e2 && dies[e2]) || all_targets(g, c, dies)) g->call_off_loop[i] = 1;
  }
  free(dies);
}

/* One guard line, "IDENTITY OP VALUE", split in place at its last two
 * spaces (an identity may hold a path with spaces): 1, or 0 when it has
 * another shape (LS_GUARD_NEVER). */
typedef struct guard {
  char *ident, *op;
  long long value;
} guard;

static int guard_parse(const char *line, char *buf, size_t cap, guard *g) {
  size_t n = strlen(line);
  if (n >= cap) return 0;
  memcpy(buf, line, n + 1);
  char *v = strrchr(buf, ' ');
  if (!v) return 0;
  *v++ = '\0';
  char *op = strrchr(buf, ' ');
  if (!op) return 0;
  *op++ = '\0';
  *g = (guard){buf, op, strtoll(v, NULL, 10)};
  return 1;
}

typedef struct child_ctx {
  uint32_t caller;
  ls_strmap *values, *fork_keys;
} child_ctx;

/* Whether a guard says IDENTITY == 0 for a fork's value: an identity in
 * `values` (keyed "caller\nidentity") or a fork's "R:key". */
static int is_child_guard(const char *line, void *cp) {
  child_ctx *c = cp;
  char buf[1024];
  guard gd;
  if (!guard_parse(line, buf, sizeof buf, &gd) || strcmp(gd.op, "==") || gd.value != 0) return 0;
  if (!strncmp(gd.ident, "R:", 2) && ls_strmap_get(c->fork_keys, gd.ident + 2)) return 1;
  char *k = ls_xasprintf("%u\n%s", c->caller, gd.ident);
  int hit = ls_strmap_get(c->values, k) != NULL;
  free(k);
  return hit;
}

static void forked_children(ls_graph *g) {
  const ls_program *p = g->prog;
  const ls_catalogue *cat = g->cat;
  if (!cat->nfork_functions) return;
  uint8_t *forks = ls_xcalloc(g->nsyms + 1, 1);
  ls_strmap fork_keys = {0}; /* keys of forks and wrappers */
  for (uint32_t f = 1; f < g->nsyms; f++)
    if (g->sym_kind[f] == LS_SYM_FUNC && ls_catalogue_is_fork(cat, g->sym_name[f])) {
      forks[f] = 1;
      ls_strmap_put(&fork_keys, g->sym_key[f], f, NULL);
    }
  if (!fork_keys.len) {
    free(forks);
    return;
  }
  /* Variables a fork's value is stored in, by function; wrappers that
   * return a fork's value become forks, to a fixed point. */
  ls_strmap values = {0};
  for (int pass = 0, changed = 1; changed && pass < MAX_PASSES; pass++) {
    changed = 0;
    for (size_t i = 0; i < g->calls.len; i++) {
      const ls_gcall *c = &g->calls.items[i];
      const char *res = p->calls.items[i].result;
      if (!res || !all_targets(g, c, forks)) continue;
      char *k = ls_xasprintf("%u\n%s", c->caller, res);
      int inserted = 0;
      ls_strmap_put(&values, k, 1, &inserted);
      free(k);
    }
    for (size_t i = 0; i < p->funcs.len; i++) {
      const ls_prog_func *fn = &p->funcs.items[i];
      if (!fn->ret || forks[fn->sym]) continue;
      char *k = ls_xasprintf("%u\n%s", fn->sym, fn->ret);
      int wraps = ls_strmap_get(&values, k) != NULL ||
                  (!strncmp(fn->ret, "R:", 2) && ls_strmap_get(&fork_keys, fn->ret + 2));
      free(k);
      if (!wraps) continue;
      forks[fn->sym] = 1;
      ls_strmap_put(&fork_keys, g->sym_key[fn->sym], fn->sym, NULL);
      changed = 1;
    }
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    const char *guards = p->calls.items[i].guards;
    child_ctx cc = {g->calls.items[i].caller, &values, &fork_keys};
    if (guards && ls_each_name(guards, '\n', is_child_guard, &cc)) g->call_off_loop[i] = 1;
  }
  ls_strmap_free(&values);
  ls_strmap_free(&fork_keys);
  free(forks);
}

/* ---- dead branches ------------------------------------------------------ */

/* A parameter every direct caller passes the same integer constant for. */
typedef struct const_param {
  int64_t value;
  int consistent;
} const_param;

/* Whether `v OP k` holds. */
static int holds(int64_t v, const char *op, int64_t k) {
  if (!strcmp(op, "==")) return v == k;
  if (!strcmp(op, "!=")) return v != k;
  if (!strcmp(op, "<")) return v < k;
  if (!strcmp(op, "<=")) return v <= k;
  if (!strcmp(op, ">")) return v > k;
  if (!strcmp(op, ">=")) return v >= k;
  return 1;
}

typedef LS_VEC(const_param) const_params;

typedef struct dead_ctx {
  ls_strmap *params;  /* "P:fkey#i" -> index in vals */
  const_param *vals;
  const_params *grow; /* collecting: the params found, else NULL */
  int any_never;
} dead_ctx;

/* Collecting (d->grow): notes the parameters guards test. Else: whether the
 * guard can never hold: a constant condition's branch that never runs, or
 * a test of a parameter every caller passes the same constant for that the
 * constant fails. */
static int dead_guard(const char *line, void *dp) {
  dead_ctx *d = dp;
  if (!strcmp(line, LS_GUARD_NEVER)) {
    d->any_never = 1;
    return !d->grow;
  }
  char buf[1024];
  guard gd;
  if (!guard_parse(line, buf, sizeof buf, &gd) || strncmp(gd.ident, "P:", 2)) return 0;
  if (d->grow) {
    int inserted = 0;
    ls_strmap_put(d->params, gd.ident, (int64_t)d->grow->len, &inserted);
    if (inserted) {
      const_param cp = {0, 0};
      LS_VEC_PUSH(d->grow, cp);
    }
    return 0;
  }
  int64_t *pi = ls_strmap_get(d->params, gd.ident);
  return pi && d->vals[*pi].consistent == 1 && !holds(d->vals[*pi].value, gd.op, gd.value);
}

/* The parameters that guards test, and whether every direct call of their
 * function passes one constant for them (the function's address taken
 * anywhere leaves its callers unknown: no constant). */
static void dead_branches(builder *b) {
  ls_graph *g = b->g;
  const ls_program *p = g->prog;
  ls_strmap params = {0}; /* "P:fkey#i" -> index in vals */
  const_params vals = {0};
  dead_ctx collect = {&params, NULL, &vals, 0};
  for (size_t i = 0; i < p->calls.len; i++)
    if (p->calls.items[i].guards) ls_each_name(p->calls.items[i].guards, '\n', dead_guard, &collect);
  int any_never = collect.any_never;
  if (!params.len && !any_never) return;
  for (size_t i = 0; params.len && i < p->calls.len; i++) {
    const ls_prog_call *c = &p->calls.items[i];
    if (c->via_kind != LS_VIA_DIRECT || !c->callee || !g->sym_key[c->callee]) continue;
    for (uint32_t k = 0; k < c->arity; k++) {
      char *key = ls_key_param(g->sym_key[c->callee], k);
      int64_t *pi = ls_strmap_get(&params, key);
      free(key);
      if (!pi) continue;
      const_param *cp = &vals.items[*pi];
      const ls_prog_arg *a = NULL;
      for (uint32_t j = 0; j < c->nargs && !a; j++)
        if (p->args.items[c->first_arg + j].idx == k) a = &p->args.items[c->first_arg + j];
      if (b->addr_taken[c->callee] || !a || a->kind != LS_ARG_INT) cp->consistent = -1;
      else if (cp->consistent == 0) *cp = (const_param){a->ival, 1};
      else if (cp->consistent == 1 && cp->value != a->ival) cp->consistent = -1;
    }
  }
  dead_ctx check = {&params, vals.items, NULL, 0};
  for (size_t i = 0; i < p->calls.len; i++)
    if (p->calls.items[i].guards && ls_each_name(p->calls.items[i].guards, '\n', dead_guard, &check))
      g->call_off_loop[i] = 1;
  ls_strmap_free(&params);
  LS_VEC_FREE(&vals);
}

void ls__off_loop_paths(builder *b) {
  forked_children(b->g);
  dying_paths(b->g);
  dead_branches(b);
}
