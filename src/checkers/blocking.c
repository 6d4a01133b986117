/* blocking.c: the blocking-call checker. A call whose target blocks (a
 * rule-pack entry whose argument conditions hold, or a lagscan::blocking
 * annotation), made in a function reachable from a loop root, is a finding
 * with the path from the root; the message says what blocks and for how
 * long, with the costs that are constants ("100000 iterations"). One read
 * of the descriptor the loop found ready, in the callback it was given to
 * (a pack's ready_fd) and in no loop there, returns at once: not blocking.
 * A call on a descriptor that is the function's parameter blocks when the
 * function is entered with one not known to be non-blocking: its path goes
 * through such a caller, and there is no finding when every caller on the
 * loop passes a non-blocking one (pgbouncer's safe_recv, called with its
 * non-blocking sockets and, at start-up, with one made blocking). Likewise
 * a call under a guard on a parameter of its function (`if (lutime)`,
 * `case AF_INET:`) goes through a caller whose argument can let it run,
 * and is no finding when none on the loop does. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

/* The descriptor the loop found ready, as a loop root gets it when its
 * registration says where (a pack's ready_fd, with ready_field or
 * ready_getter):
 *   - the parameter itself (libevent's event callbacks, g_unix_fd_add):
 *     `param` is its key;
 *   - a field of the record the parameter points to (libev's ev_io
 *     callbacks: `w->fd`): `field` is "@FI@" and its name, read through
 *     that very parameter;
 *   - what a getter returns for the parameter (g_io_add_watch's channel:
 *     `fd = g_io_channel_unix_get_fd(source)`): `getter_result` is the
 *     variable its value is stored in, assigned by nothing else in the
 *     callback. */
typedef struct ready_fd {
  char *param;         /* heap, or NULL: no ready descriptor */
  char *field;         /* heap, or NULL */
  const char *getter_result; /* the program's, or NULL */
  int by_getter;
} ready_fd;

/* The ready descriptor of loop root `func`, if its registration says one. */
static void ready_fd_of(const ls_graph *g, uint32_t func, ready_fd *out) {
  memset(out, 0, sizeof *out);
  uint32_t ri = g->loop_root_of[func];
  if (!ri || !g->sym_key[func]) return;
  const ls_groot *r = &g->roots.items[ri - 1];
  if (r->loop || !r->slot) return;
  const ls_registration *reg = NULL;
  for (size_t i = 0; i < g->cat->nregs && !reg; i++)
    if (g->cat->regs[i].ready_fd >= 0 && ls_registration_names_slot(g, &g->cat->regs[i], r->slot)) reg = &g->cat->regs[i];
  if (!reg) return;
  out->param = ls_key_param(g->sym_key[func], (unsigned)reg->ready_fd);
  if (reg->ready_field) out->field = ls_xasprintf("@FI@%s", reg->ready_field);
  if (!reg->ready_getter) return;
  /* The one call of the getter on the parameter whose value is stored, and
   * nothing else stored in that variable. */
  out->by_getter = 1;
  const ls_program *p = g->prog;
  const char *result = NULL;
  int stores = 0;
  for (uint32_t k = g->out_start[func]; k < g->out_start[func + 1]; k++) {
    const ls_prog_call *pc = &p->calls.items[g->out_calls[k]];
    if (!pc->result) continue;
    int getter = pc->via_kind == LS_VIA_DIRECT && pc->callee && g->sym_name[pc->callee] &&
                 !strcmp(g->sym_name[pc->callee], reg->ready_getter);
    const ls_prog_arg *a = pc->nargs ? &p->args.items[pc->first_arg] : NULL;
    if (getter && a && a->idx == 0 && a->kind == LS_ARG_PARAM && a->sym &&
        g->sym_key[a->sym] && !strcmp(g->sym_key[a->sym], out->param) && !result)
      result = pc->result;
  }
  for (uint32_t k = g->out_start[func]; result && k < g->out_start[func + 1]; k++) {
    const ls_prog_call *pc = &p->calls.items[g->out_calls[k]];
    if (pc->result && !strcmp(pc->result, result)) stores++;
  }
  for (size_t i = 0; result && i < p->assigns.len; i++)
    if (p->assigns.items[i].func == func && !strcmp(p->assigns.items[i].var, result)) stores++;
  out->getter_result = stores == 1 ? result : NULL;
}

static void ready_fd_free(ready_fd *r) {
  free(r->param);
  free(r->field);
}

/* Whether argument `a` is the ready descriptor. */
static int is_ready(const ls_graph *g, const ready_fd *r, int kind, const char *text, uint32_t sym) {
  if (!r->param || kind != LS_ARG_INT_VAR || !text) return 0;
  if (r->by_getter) return r->getter_result && !strcmp(text, r->getter_result);
  if (!r->field) return !strcmp(text, r->param);
  size_t n = strlen(text), f = strlen(r->field);
  return n > f && !strcmp(text + n - f, r->field) && sym && g->sym_key[sym] &&
         !strcmp(g->sym_key[sym], r->param);
}

/* Whether blocker b reads a descriptor (an unless_ready condition) that is
 * `ready`, the one the loop just found ready, once: the call is in the
 * callback itself and in no loop (a second read may block). */
static int on_ready_fd(const ls_graph *g, const ls_blocker *b, const ls_call_args *args,
                       const ls_gcall *call, const ready_fd *ready) {
  if (!ready->param || call->loop) return 0;
  for (size_t i = 0; i < b->nconds; i++) {
    const ls_condition *cd = &b->conds[i];
    if (cd->kind != LS_COND_UNLESS_READY || cd->arg < 0 || cd->arg >= LS_MAX_ARGS) continue;
    if (is_ready(g, ready, args->a[cd->arg].kind, args->a[cd->arg].text, args->a[cd->arg].sym))
      return 1;
  }
  return 0;
}

/* Whether blocker b matches a regular expression (an unless_fixed_pattern
 * condition) compiled only from fixed patterns: no backtracking to fear. */
static int on_fixed_pattern(const ls_graph *g, const ls_blocker *b, const ls_call_args *args,
                            ls_fixed_patterns *fp) {
  for (size_t i = 0; i < b->nconds; i++) {
    const ls_condition *cd = &b->conds[i];
    if (cd->kind != LS_COND_UNLESS_FIXED_PATTERN || cd->arg < 0 || cd->arg >= LS_MAX_ARGS) continue;
    if (args->a[cd->arg].kind == LS_ARG_ADDR &&
        ls_pattern_fixed(g, fp, cd->by, args->tu, args->a[cd->arg].text))
      return 1;
  }
  return 0;
}

/* The calls that enter each function (CSR by target), for the callers
 * of a function whose descriptor parameter decides a hit. */
typedef struct callers {
  uint32_t *start, *calls;
  uint8_t *addr_taken; /* by sym id: its address is a value (callers unseen) */
} callers;

static void callers_build(const ls_graph *g, callers *cs) {
  cs->start = ls_xcalloc(g->nsyms + 2, sizeof(uint32_t));
  cs->calls = ls_xcalloc(g->targets.len + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++)
    for (uint32_t t = 0; t < g->calls.items[i].ntargets; t++)
      cs->start[g->targets.items[g->calls.items[i].first_target + t] + 1]++;
  for (uint32_t f = 0; f <= g->nsyms; f++) cs->start[f + 1] += cs->start[f];
  uint32_t *fill = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < g->calls.len; i++)
    for (uint32_t t = 0; t < g->calls.items[i].ntargets; t++) {
      uint32_t f = g->targets.items[g->calls.items[i].first_target + t];
      cs->calls[cs->start[f] + fill[f]++] = (uint32_t)i;
    }
  free(fill);
  cs->addr_taken = ls_xcalloc(g->nsyms + 1, 1);
  for (size_t i = 0; i < g->flows.len; i++)
    if (g->flows.items[i].src < g->nsyms) cs->addr_taken[g->flows.items[i].src] = 1;
}

/* Whether guard `op` holds of a constant `a` against `v`. */
static int op_holds(const char *op, int64_t a, int64_t v) {
  if (!strcmp(op, "==")) return a == v;
  if (!strcmp(op, "!=")) return a != v;
  if (!strcmp(op, "<")) return a < v;
  if (!strcmp(op, "<=")) return a <= v;
  if (!strcmp(op, ">")) return a > v;
  if (!strcmp(op, ">=")) return a >= v;
  return 1;
}

/* Whether the call's guards (facts.h, ls_fact_call.guards) test a
 * parameter of `caller`; with `in`, whether the arguments of a call
 * entering it let every such guard hold (a constant that fails one does
 * not; anything else may hold). */
static int param_guards(const ls_graph *g, uint32_t caller, const char *guards, const ls_call_args *in) {
  if (!guards) return in != NULL;
  int any = 0;
  for (const char *line = guards; line && *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    char *one = ls_xstrndup(line, n);
    /* "IDENTITY OP VALUE", split at its last two spaces */
    char *sv = strrchr(one, ' ');
    char *sop = sv ? (*sv = '\0', strrchr(one, ' ')) : NULL;
    if (sop) {
      *sop = '\0';
      const char *id = one, *op = sop + 1;
      long long v = strtoll(sv + 1, NULL, 10);
      int pos = ls_param_position(g, caller, id);
      if (pos >= 0 && pos < LS_MAX_ARGS) {
        any = 1;
        if (in && in->a[pos].kind == LS_ARG_INT && !op_holds(op, in->a[pos].ival, v)) {
          free(one);
          return 0;
        }
      }
    }
    free(one);
    line = nl ? nl + 1 : NULL;
  }
  return in ? 1 : any;
}

/* Whether a hit on call `call` depends on the call entering its function:
 * its descriptor (an unless_nonblocking condition) is a parameter of the
 * caller, which blocks only when the caller is entered with a descriptor
 * not known to be non-blocking, or it runs under a guard on a parameter
 * (`if (test_lutime) uv_fs_lstat(...)`, `case AF_INET:`), which a
 * constant argument may fail. Then the hit is made through the call
 * entering it on the shortest path from a loop root among those that pass
 * what lets it block and run (another parameter passed on counts: its own
 * callers are not followed), or not at all when no reachable caller does:
 * LS_NO_INDEX. *decided is 0 when the hit does not depend on its entry:
 * the ordinary shortest path stands. */
static uint32_t entering_call(const ls_graph *g, const callers *cs, const ls_fd_modes *modes,
                              const ls_blocker *b, const ls_call_args *args, uint32_t call,
                              int *decided) {
  *decided = 0;
  uint32_t caller = g->calls.items[call].caller;
  const char *guards = g->prog->calls.items[call].guards;
  /* a function whose address is a value, or a loop root, has callers the
   * program does not show (a library, the loop) */
  if (cs->addr_taken[caller] || g->dist[caller] == 0) return LS_NO_INDEX;
  int pos = -1;
  for (size_t i = 0; b && i < b->nconds && pos < 0; i++) {
    const ls_condition *cd = &b->conds[i];
    if (cd->kind != LS_COND_UNLESS_NONBLOCKING || cd->arg < 0 || cd->arg >= LS_MAX_ARGS) continue;
    if (args->a[cd->arg].kind != LS_ARG_INT_VAR) continue;
    pos = ls_param_position(g, caller, args->a[cd->arg].text);
    if (pos >= LS_MAX_ARGS) pos = -1;
  }
  int guarded = param_guards(g, caller, guards, NULL);
  if ((pos < 0 && !guarded) || cs->start[caller] == cs->start[caller + 1]) return LS_NO_INDEX;
  *decided = 1;
  uint32_t best = LS_NO_INDEX;
  for (uint32_t k = cs->start[caller]; k < cs->start[caller + 1]; k++) {
    uint32_t ci = cs->calls[k];
    uint32_t from = g->calls.items[ci].caller;
    if (g->dist[from] == LS_UNREACHED || g->nonblocking[from] || g->call_off_loop[ci]) continue;
    if (g->dist[from] > 0 && !ls_graph_enters(g, from)) continue;
    ls_call_args in;
    ls_call_args_of(g, ci, &in);
    if (pos >= 0 && in.a[pos].kind == LS_ARG_INT_VAR && ls_fd_nonblocking(modes, in.tu, in.a[pos].text))
      continue;
    if (guarded && !param_guards(g, caller, guards, &in)) continue;
    if (best == LS_NO_INDEX || g->dist[from] < g->dist[g->calls.items[best].caller]) best = ci;
  }
  return best;
}

static void run(const ls_graph *g, ls_hit_fn emit, void *ctx) {
  const ls_catalogue *cat = g->cat;
  ls_fd_modes modes;
  ls_fd_modes_build(g, &modes);
  ls_fixed_patterns patterns = {{0}, {0}};
  callers cs;
  callers_build(g, &cs);
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *call = &g->calls.items[i];
    uint32_t caller = call->caller;
    if (g->dist[caller] == LS_UNREACHED || g->nonblocking[caller]) continue;
    if (g->dist[caller] > 0 && !ls_graph_enters(g, caller)) continue;
    if (g->call_off_loop[i]) continue; /* a loop function's set-up or its wait */
    ready_fd ready = {0}; /* the caller's ready descriptor, looked up once */
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
        ls_hit hit = {(uint32_t)i, rule, msg, name, 1, {0}, LS_NO_INDEX};
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
          ready_fd_of(g, caller, &ready);
          ready_done = 1;
        }
        if (on_ready_fd(g, b, &args, call, &ready)) continue;
        if (on_fixed_pattern(g, b, &args, &patterns)) continue;
        int decided;
        uint32_t via = entering_call(g, &cs, &modes, b, &args, (uint32_t)i, &decided);
        if (decided && via == LS_NO_INDEX) continue; /* no caller on the loop lets it block */
        char *cost = ls_cost_text(b, &args);
        char *msg = ls_xasprintf("'%s' %s on the loop thread%s%s%s; %s", name, b->what,
                                 cost ? " (" : "", cost ? cost : "", cost ? ")" : "",
                                 b->duration ? b->duration : "it can take arbitrarily long");
        free(cost);
        ls_hit hit = {(uint32_t)i, b->rule_id, msg, name, 1, {0}, decided ? via : LS_NO_INDEX};
        emit(ctx, &hit);
      }
    }
    ready_fd_free(&ready);
  }
  ls_fd_modes_free(&modes);
  ls_fixed_patterns_free(&patterns);
  free(cs.start);
  free(cs.calls);
  free(cs.addr_taken);
}

const ls_checker ls_checker_blocking = {
    "blocking-call",
    "calls that block, by a rule pack entry whose argument conditions hold or a "
    "lagscan::blocking annotation, in functions reachable from a loop root",
    run};
