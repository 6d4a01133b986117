/* blocking.c: the blocking-call checker. A call whose target blocks (a
 * rule-pack entry whose argument conditions hold, or a lagscan::blocking
 * annotation), made in a function reachable from a loop root, is a finding
 * with the path from the root; the message says what blocks and for how
 * long, with the costs that are constants ("100000 iterations"). One read
 * of the descriptor the loop found ready, in the callback it was given to
 * (a pack's ready_fd) and in no loop there, returns at once: not blocking. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

/* The identity (facts.h, LS_ARG_INT_VAR) of the ready descriptor a loop
 * root gets, when its registration says which parameter holds it (a
 * pack's ready_fd: libevent's event callbacks get it first), or NULL
 * (heap). */
static char *ready_fd_of(const ls_graph *g, uint32_t func) {
  uint32_t ri = g->loop_root_of[func];
  if (!ri || !g->sym_key[func]) return NULL;
  const ls_groot *r = &g->roots.items[ri - 1];
  if (r->loop || !r->slot || !g->slot_ready_fd[r->slot]) return NULL;
  return ls_key_param(g->sym_key[func], (unsigned)(g->slot_ready_fd[r->slot] - 1));
}

/* Whether blocker b reads a descriptor (an unless_ready condition) that is
 * `ready`, the one the loop just found ready, once: the call is in the
 * callback itself and in no loop (a second read may block). */
static int on_ready_fd(const ls_blocker *b, const ls_call_args *args, const ls_gcall *call,
                       const char *ready) {
  if (!ready || call->loop) return 0;
  for (size_t i = 0; i < b->nconds; i++) {
    const ls_condition *cd = &b->conds[i];
    if (cd->kind != LS_COND_UNLESS_READY || cd->arg < 0 || cd->arg >= LS_MAX_ARGS) continue;
    if (args->a[cd->arg].kind == LS_ARG_INT_VAR && args->a[cd->arg].text &&
        !strcmp(args->a[cd->arg].text, ready))
      return 1;
  }
  return 0;
}

static void run(const ls_graph *g, ls_hit_fn emit, void *ctx) {
  const ls_catalogue *cat = g->cat;
  ls_fd_modes modes;
  ls_fd_modes_build(g, &modes);
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *call = &g->calls.items[i];
    uint32_t caller = call->caller;
    if (g->dist[caller] == LS_UNREACHED || g->nonblocking[caller]) continue;
    if (g->dist[caller] > 0 && !ls_graph_enters(g, caller)) continue;
    if (g->call_off_loop[i]) continue; /* a loop function's set-up or its wait */
    char *ready = NULL; /* the caller's ready descriptor, looked up once */
    int ready_done = 0;
    int have_args = 0;
    ls_call_args args;
    for (uint32_t t = 0; t < call->ntargets; t++) {
      uint32_t target = g->targets.items[call->first_target + t];
      if (g->nonblocking[target]) continue;
      const char *name = ls_graph_name(g, target);
      if (g->blocking_rule[target]) {
        const char *rule = g->blocking_rule[target];
        const ls_rule_info *info = ls_catalogue_rule(cat, rule);
        /* "'tl_pbkdf2_sync' blocks the loop thread (declared lagscan::blocking(
         * sync-crypto)): password hashing or key derivation on the loop thread" */
        char *what = ls_xstrdup(info && info->short_desc ? info->short_desc : "");
        what[0] = (char)tolower((unsigned char)what[0]);
        char *msg = ls_xasprintf("'%s' blocks the loop thread (declared lagscan::blocking(%s))%s%s",
                                 name, rule, *what ? ": " : "", what);
        free(what);
        ls_hit hit = {(uint32_t)i, rule, msg, name, 1, {0}};
        emit(ctx, &hit);
        continue;
      }
      size_t nb = g->npack_blockers[target];
      const ls_blocker *const *bs = g->pack_blockers[target];
      for (size_t k = 0; k < nb; k++) {
        const ls_blocker *b = bs[k];
        if (!have_args) {
          ls_call_args_of(g, (uint32_t)i, &args);
          have_args = 1;
        }
        if (!ls_conditions_hold(b, &args, &modes)) continue;
        if (!ready_done) {
          ready = ready_fd_of(g, caller);
          ready_done = 1;
        }
        if (on_ready_fd(b, &args, call, ready)) continue;
        char *cost = ls_cost_text(b, &args);
        char *msg = ls_xasprintf("'%s' %s on the loop thread%s%s%s; %s", name, b->what,
                                 cost ? " (" : "", cost ? cost : "", cost ? ")" : "",
                                 b->duration ? b->duration : "it can take arbitrarily long");
        free(cost);
        ls_hit hit = {(uint32_t)i, b->rule_id, msg, name, 1, {0}};
        emit(ctx, &hit);
      }
    }
    free(ready);
  }
  ls_fd_modes_free(&modes);
}

const ls_checker ls_checker_blocking = {
    "blocking-call",
    "calls that block, by a rule pack entry whose argument conditions hold or a "
    "lagscan::blocking annotation, in functions reachable from a loop root",
    run};
