/* hot_loop.c: the hot-callback checker (reported under next-tick-recursion).
 * What a registration API does when its callback re-arms it comes from the
 * packs (`rearm:`); this file decides when a callback does so on every
 * run. */
#include <stdlib.h>
#include <string.h>

#include "args.h"

/* A callback that re-arms its own registration every time it runs (an idle
 * or check handle, a 0 ms timer) or that always asks to run again (a GLib
 * idle source returning non-zero, G_SOURCE_CONTINUE, on every path) keeps the loop
 * from ever blocking in poll: 100% CPU, and every other callback waits its
 * turn behind it. Reported as next-tick-recursion, at the re-arming call or
 * at the registration. The registration APIs and how they re-arm come from
 * the packs (`rearm:` in docs/rule-packs.md). */
static void run(const ls_graph *g, ls_hit_fn emit, void *ctx) {
  const ls_catalogue *cat = g->cat;
  ls_strmap by_api = {0}; /* API name -> index in cat->regs (first with rearm) */
  for (size_t i = 0; i < cat->nregs; i++)
    if (cat->regs[i].rearm != LS_REARM_NONE && cat->regs[i].function)
      ls_strmap_put(&by_api, cat->regs[i].function, (int64_t)i, NULL);
  if (!by_api.len) return;
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *call = &g->calls.items[i];
    if (call->via_kind != LS_VIA_DIRECT || !call->callee) continue;
    int64_t *ri = ls_strmap_get(&by_api, ls_graph_name(g, call->callee));
    if (!ri) continue;
    const ls_registration *r = &cat->regs[*ri];
    ls_call_args args;
    ls_call_args_of(g, (uint32_t)i, &args);
    uint32_t cb = args.a[r->arg].kind == LS_ARG_FUNC ? args.a[r->arg].sym : 0;
    char *msg = NULL;
    const char *api = ls_graph_name(g, call->callee), *fn = cb ? ls_graph_name(g, cb) : NULL;
    if (!cb || cb >= g->nsyms) {
      /* not a function named at the call */
    } else if (r->rearm == LS_REARM_RETURNS_TRUE) {
      if (g->func_flags[cb] & LS_FUNC_ALWAYS_TRUE)
        msg = ls_xasprintf("'%s' returns %s%snon-zero%s on every path, so the source "
                           "'%s' registers is never removed: the loop never sleeps and runs it "
                           "again and again",
                           fn, r->again ? r->again : "", r->again ? " (" : "",
                           r->again ? ")" : "", api);
    } else if (cb == call->caller && (call->flags & LS_CALL_UNCONDITIONAL)) {
      int zero_delay = r->rearm == LS_REARM_ZERO_DELAY && r->rearm_delay_arg >= 0 &&
                       r->rearm_delay_arg < LS_MAX_ARGS && args.a[r->rearm_delay_arg].kind == LS_ARG_INT &&
                       args.a[r->rearm_delay_arg].ival == 0;
      if (r->rearm == LS_REARM_ALWAYS)
        msg = ls_xasprintf("'%s' re-arms itself with '%s' every time it runs: the handle never "
                           "stops, so the loop never sleeps and spins at 100%% CPU",
                           fn, api);
      else if (zero_delay)
        msg = ls_xasprintf("'%s' re-arms itself with '%s' and a 0 ms delay every time it runs: "
                           "the loop never sleeps and spins at 100%% CPU",
                           fn, api);
    }
    if (msg) {
      ls_hit hit = {(uint32_t)i, ls_rule_id(LS_RULE_NEXT_TICK_RECURSION), msg, api, 0, {0}, LS_NO_INDEX};
      emit(ctx, &hit);
    }
  }
  ls_strmap_free(&by_api);
}

const ls_checker ls_checker_hot_loop = {
    "hot-callback",
    "a callback that re-arms itself every time it runs, or always asks to run again, so "
    "the loop never sleeps",
    run};
