/* blocking.c: the blocking-call checker. A call whose target blocks (a
 * rule-pack entry whose argument conditions hold, or a lagscan::blocking
 * annotation), made in a function reachable from a loop root, is a finding
 * with the path from the root; the message says what blocks and for how
 * long, with the costs that are constants ("100000 iterations"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

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
        char *cost = ls_cost_text(b, &args);
        char *msg = ls_xasprintf("'%s' %s on the loop thread%s%s%s; %s", name, b->what,
                                 cost ? " (" : "", cost ? cost : "", cost ? ")" : "",
                                 b->duration ? b->duration : "it can take arbitrarily long");
        free(cost);
        ls_hit hit = {(uint32_t)i, b->rule_id, msg, name, 1, {0}};
        emit(ctx, &hit);
      }
    }
  }
  ls_fd_modes_free(&modes);
}

const ls_checker ls_checker_blocking = {
    "blocking-call",
    "calls that block, by a rule pack entry whose argument conditions hold or a "
    "lagscan::blocking annotation, in functions reachable from a loop root",
    run};
