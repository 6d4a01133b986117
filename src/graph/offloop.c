/* offloop.c: calls that are not loop code although a loop root reaches
 * their function (internal.h): code in a forked child, and code on the way
 * to the end of the process. Both are marked in g->call_off_loop, which no
 * walk follows and no checker reports.
 *
 * Forked children. A fork is a function a pack lists in `processes: forks:`
 * (fork, vfork: they return 0 in the child), or a wrapper of one: a function
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

#define MAX_PASSES 64 /* fixed points: a chain of wrappers longer than this is cut */

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
  for (int pass = 0, changed = 1; changed && pass < MAX_PASSES; pass++) {
    changed = 0;
    for (size_t i = 0; i < g->calls.len; i++) {
      const ls_gcall *c = &g->calls.items[i];
      if (dies[c->caller] || !(c->flags & LS_CALL_UNCONDITIONAL) || !all_targets(g, c, dies))
        continue;
      dies[c->caller] = 1;
      changed = 1;
    }
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *c = &g->calls.items[i];
    uint32_t e1 = p->calls.items[i].ends_in, e2 = p->calls.items[i].ends_in2;
    if ((e1 && dies[e1]) || (e2 && dies[e2]) || all_targets(g, c, dies)) g->call_off_loop[i] = 1;
  }
  free(dies);
}

/* "IDENTITY OP VALUE" lines: whether one says IDENTITY == 0 for an identity
 * in `values` (keyed "caller\nidentity") or a fork's "R:key". */
static int child_guard(const ls_graph *g, const char *guards, uint32_t caller, ls_strmap *values,
                       ls_strmap *fork_keys) {
  char buf[1024];
  for (const char *s = guards; s && *s;) {
    size_t n = strcspn(s, "\n");
    if (n < sizeof buf) {
      memcpy(buf, s, n);
      buf[n] = '\0';
      char *sp = strrchr(buf, ' ');
      if (sp && strcmp(sp, " 0") == 0) {
        *sp = '\0';
        char *op = strrchr(buf, ' ');
        if (op && strcmp(op, " ==") == 0) {
          *op = '\0';
          if (!strncmp(buf, "R:", 2) && ls_strmap_get(fork_keys, buf + 2)) return 1;
          char *k = ls_xasprintf("%u\n%s", caller, buf);
          int hit = ls_strmap_get(values, k) != NULL;
          free(k);
          if (hit) return 1;
        }
      }
    }
    s += n;
    if (*s == '\n') s++;
  }
  (void)g;
  return 0;
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
    if (guards && child_guard(g, guards, g->calls.items[i].caller, &values, &fork_keys))
      g->call_off_loop[i] = 1;
  }
  ls_strmap_free(&values);
  ls_strmap_free(&fork_keys);
  free(forks);
}

void ls__off_loop_paths(builder *b) {
  forked_children(b->g);
  dying_paths(b->g);
}
