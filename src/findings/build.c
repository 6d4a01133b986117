/* findings.c: blocking call sites reachable from loop roots, and next-tick
 * cycles, as report findings (findings.h). */
#include "rules.h"
#include "findings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "common.h"

typedef struct call_args {
  int n;
  struct {
    int kind;
    int64_t ival;
    const char *text; /* the program's */
    uint32_t sym; /* LS_ARG_FUNC / LS_ARG_SLOT */
  } a[16];
} call_args;

typedef struct ctx {
  ls_graph *g;
  const ls_findings_options *opt;
  ls_report *report;
  LS_VEC(ls_finding) out;
  ls_strmap seen;          /* "file:line:col:rule" of findings made */
  ls_strmap fingerprints;  /* fingerprint base -> occurrences */
  ls_strmap only;          /* only_files */
  ls_source_cache src;
} ctx;

/* ---- small helpers ---------------------------------------------------- */

static char *display_path(ctx *c, const char *abs) {
  const char *root = c->opt->srcroot;
  size_t n = root ? strlen(root) : 0;
  if (n && !strncmp(abs, root, n) && abs[n] == '/') return ls_xstrdup(abs + n + 1);
  return ls_xstrdup(abs);
}

static ls_location make_loc(ctx *c, uint32_t file, uint32_t line, uint32_t col, uint32_t eline,
                            uint32_t ecol) {
  ls_location l = {display_path(c, ls_graph_file(c->g, file)), line, col, eline, ecol};
  if (!l.end_line) {
    l.end_line = line;
    l.end_col = col + 1;
  }
  return l;
}

static const char *name_of(const ls_graph *g, uint32_t sym) {
  return sym && g->sym_name[sym] ? g->sym_name[sym] : "<unknown>";
}

/* "tl_next_tick#1" -> "tl_next_tick"; "napi_property_descriptor.method" stays. */
static char *slot_owner(const ls_graph *g, uint32_t slot) {
  const char *n = name_of(g, slot);
  const char *hash = strrchr(n, '#');
  return hash ? ls_xstrndup(n, (size_t)(hash - n)) : ls_xstrdup(n);
}

/* The constant arguments of call `call_index` (graph and program calls are
 * the same array, index for index), by position. */
static void load_args(ctx *c, uint32_t call_index, call_args *out) {
  memset(out, 0, sizeof *out);
  const ls_program *p = c->g->prog;
  const ls_prog_call *pc = &p->calls.items[call_index];
  for (uint32_t k = 0; k < pc->nargs; k++) {
    const ls_prog_arg *a = &p->args.items[pc->first_arg + k];
    if (a->idx >= 16) continue;
    int idx = (int)a->idx;
    out->a[idx].kind = a->kind;
    out->a[idx].ival = a->ival;
    out->a[idx].text = a->text;
    out->a[idx].sym = a->sym;
    if (idx + 1 > out->n) out->n = idx + 1;
  }
}


/* Whether `text` contains `word` as a whole identifier. */
static int has_word(const char *text, const char *word) {
  size_t n = strlen(word);
  for (const char *p = text; (p = strstr(p, word)); p += n) {
    int left = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
    int right = !(isalnum((unsigned char)p[n]) || p[n] == '_');
    if (left && right) return 1;
  }
  return 0;
}

/* Whether the blocker's conditions let this call block. */
static int conditions_hold(const ls_blocker *b, const call_args *args) {
  for (size_t i = 0; i < b->nconds; i++) {
    const ls_condition *cd = &b->conds[i];
    int k = cd->arg >= 0 && cd->arg < 16 ? args->a[cd->arg].kind : LS_ARG_OTHER;
    const char *text = cd->arg >= 0 && cd->arg < 16 ? args->a[cd->arg].text : NULL;
    switch (cd->kind) {
    case LS_COND_WHEN_NULL:
      if (k != LS_ARG_NULL) return 0;
      break;
    case LS_COND_UNLESS_FLAG:
      if (k == LS_ARG_INT && text && cd->flag && has_word(text, cd->flag)) return 0;
      break;
    case LS_COND_UNLESS_AT_MOST:
      if (k == LS_ARG_INT && args->a[cd->arg].ival <= cd->at_most) return 0;
      break;
    case LS_COND_UNLESS_NONBLOCKING:
      if (k == LS_ARG_NONBLOCKING_FD) return 0;
      break;
    case LS_COND_UNLESS_LITERAL:
      if (k == LS_ARG_STRING) return 0;
      break;
    case LS_COND_WHEN_FLAG:
      if (!(k == LS_ARG_INT && text && cd->flag && has_word(text, cd->flag))) return 0;
      break;
    default:
      break;
    }
  }
  return 1;
}

/* The text of one cost whose argument is a constant, or NULL. */
static char *one_cost(const ls_cost *cost, const call_args *args) {
  if (cost->arg < 0 || cost->arg >= 16) return NULL;
  int k = args->a[cost->arg].kind;
  if (cost->format == LS_COST_NUMBER && k == LS_ARG_INT)
    return ls_xasprintf("%lld %s", (long long)args->a[cost->arg].ival, cost->unit ? cost->unit : "");
  if (cost->format == LS_COST_BCRYPT_SALT && k == LS_ARG_STRING && args->a[cost->arg].text) {
    /* "$2b$14$..." (the stored text keeps its quotes) */
    const char *s = strchr(args->a[cost->arg].text, '$');
    int n;
    char variant[4];
    if (s && sscanf(s, "$%3[0-9a-z]$%d$", variant, &n) == 2 && n >= 4 && n <= 31)
      return ls_xasprintf("bcrypt cost %d: 2^%d rounds", n, n);
  }
  return NULL;
}

/* "3 passes (t_cost), 65536 KiB (m_cost)": the costs that are constants. */
static char *cost_text(const ls_blocker *b, const call_args *args) {
  char *all = NULL;
  for (size_t i = 0; i < b->ncosts; i++) {
    char *one = one_cost(&b->costs[i], args);
    if (!one) continue;
    char *joined = all ? ls_xasprintf("%s, %s", all, one) : one;
    if (all) {
      free(all);
      free(one);
    }
    all = joined;
  }
  return all;
}

/* ---- paths ------------------------------------------------------------ */

static char *root_api(const ls_graph *g, const ls_groot *r) {
  char *api = slot_owner(g, r->slot);
  const ls_gflow *origin = &g->flows.items[r->origin];
  if (origin->dst && origin->dst != r->slot && g->sym_kind[origin->dst] == LS_SYM_PARAM) {
    char *via = slot_owner(g, origin->dst);
    if (strcmp(via, api) != 0) {
      char *s = ls_xasprintf("%s, through '%s'", api, via);
      free(api);
      api = s;
    }
    free(via);
  }
  return api;
}

static const char *context_word(int context) {
  switch (context) {
  case LS_CTX_WORKER: return "worker callback";
  case LS_CTX_NEXT_TICK: return "next-tick callback";
  default: return "loop callback";
  }
}

static ls_step registration_step(ctx *c, const ls_groot *r) {
  const ls_graph *g = c->g;
  const ls_gflow *origin = &g->flows.items[r->origin];
  char *api = root_api(g, r);
  ls_step s = {LS_STEP_REGISTRATION,
               make_loc(c, origin->file, origin->line, origin->col, 0, 0),
               origin->func ? ls_xstrdup(name_of(g, origin->func)) : NULL,
               ls_xasprintf("'%s' registered here as a %s (%s)", name_of(g, r->func),
                            context_word(r->context), api)};
  free(api);
  return s;
}

/* Steps root first: registration, each call on the shortest path, then the
 * blocking call (whose message is the finding's). */
static void build_path(ctx *c, uint32_t call_index, ls_finding *f) {
  ls_graph *g = c->g;
  LS_VEC(uint32_t) hops = {0};
  uint32_t fn = g->calls.items[call_index].caller;
  for (uint32_t guard = 0; g->dist[fn] && guard < g->nsyms; guard++) {
    uint32_t pc = g->parent_call[fn];
    if (pc == LS_NO_INDEX) break;
    LS_VEC_PUSH(&hops, pc);
    fn = g->calls.items[pc].caller;
  }
  uint32_t root_index = g->loop_root_of[fn];
  f->nsteps = hops.len + 2;
  f->steps = ls_xcalloc(f->nsteps, sizeof(ls_step));
  size_t k = 0;
  if (root_index) {
    f->steps[k++] = registration_step(c, &g->roots.items[root_index - 1]);
  } else {
    f->nsteps--;
  }
  f->root = ls_xstrdup(name_of(g, fn));
  for (size_t i = hops.len; i-- > 0;) {
    const ls_gcall *hc = &g->calls.items[hops.items[i]];
    /* the function this hop enters: the caller of the next hop or of the
     * blocking call */
    uint32_t entered =
        i > 0 ? g->calls.items[hops.items[i - 1]].caller : g->calls.items[call_index].caller;
    f->steps[k++] = (ls_step){LS_STEP_CALL,
                              make_loc(c, hc->file, hc->line, hc->col, hc->end_line, hc->end_col),
                              ls_xstrdup(name_of(g, hc->caller)),
                              ls_xasprintf("function '%s' called here from '%s'",
                                           name_of(g, entered), name_of(g, hc->caller))};
  }
  const ls_gcall *bc = &g->calls.items[call_index];
  f->steps[k++] = (ls_step){LS_STEP_BLOCKING,
                            make_loc(c, bc->file, bc->line, bc->col, bc->end_line, bc->end_col),
                            ls_xstrdup(name_of(g, bc->caller)), ls_xstrdup(f->message)};
  LS_VEC_FREE(&hops);

  /* Other loop roots that reach the same function. */
  uint32_t caller = bc->caller;
  LS_VEC(ls_related) rel = {0};
  for (int i = 0; i < LS_MAX_ROOTS_PER_FUNC && g->reach_roots && g->reach_roots[caller][i]; i++) {
    const ls_groot *r = &g->roots.items[g->reach_roots[caller][i] - 1];
    if (r->func == fn) continue;
    const ls_gflow *origin = &g->flows.items[r->origin];
    char *api = root_api(g, r);
    ls_related rr = {make_loc(c, origin->file, origin->line, origin->col, 0, 0),
                     ls_xasprintf("'%s' (a %s registered here with %s) also reaches this call",
                                  name_of(g, r->func), context_word(r->context), api)};
    free(api);
    LS_VEC_PUSH(&rel, rr);
  }
  f->related = rel.items;
  f->nrelated = rel.len;
}

/* ---- fingerprints ------------------------------------------------------- */

static void fingerprint(ctx *c, ls_finding *f, const char *abs_path) {
  size_t len = 0;
  const char *line = ls_source_line(&c->src, abs_path, f->loc.line, &len);
  /* The line's text with whitespace collapsed: survives re-indentation and
   * moving lines, changes when the call itself changes. */
  char *norm = ls_xmalloc(len + 1);
  size_t n = 0;
  int space = 0;
  for (size_t i = 0; line && i < len; i++) {
    if (isspace((unsigned char)line[i])) {
      space = n > 0;
      continue;
    }
    if (space) norm[n++] = ' ';
    space = 0;
    norm[n++] = line[i];
  }
  norm[n] = '\0';
  char *base = ls_xasprintf("%s%c%s%c%s%c%s%c%s", f->rule_id, 0, f->loc.path, 0,
                            f->function ? f->function : "", 0, f->callee ? f->callee : "", 0, norm);
  size_t blen = strlen(f->rule_id) + strlen(f->loc.path) + (f->function ? strlen(f->function) : 0) +
                (f->callee ? strlen(f->callee) : 0) + n + 4;
  char digest[65];
  ls_sha256_hex(base, blen, digest);
  int inserted = 0;
  int64_t *count = ls_strmap_put(&c->fingerprints, digest, 0, &inserted);
  (*count)++;
  if (*count > 1) {
    /* The same text twice in one function: number the occurrences. */
    char *again = ls_xasprintf("%s#%lld", digest, (long long)*count);
    ls_sha256_hex(again, strlen(again), f->fingerprint);
    free(again);
  } else {
    memcpy(f->fingerprint, digest, sizeof f->fingerprint);
  }
  free(base);
  free(norm);
}

/* ---- making findings ---------------------------------------------------- */

/* Whether the configuration excludes findings in this file. */
static int excluded(const ctx *c, const char *abs) {
  const ls_config *cfg = c->opt->config;
  if (!cfg || !cfg->nexclude) return 0;
  const char *root = c->opt->srcroot;
  size_t n = root ? strlen(root) : 0;
  const char *rel = abs;
  if (n && strncmp(abs, root, n) == 0 && abs[n] == '/') rel = abs + n + 1;
  return ls_config_excluded(cfg, rel);
}

/* Returns 1 when a finding was added. */
static int add_finding(ctx *c, uint32_t call_index, const char *rule, char *message,
                       const char *callee, int with_path) {
  ls_graph *g = c->g;
  const ls_gcall *call = &g->calls.items[call_index];
  const char *abs = ls_graph_file(g, call->file);
  if ((c->only.len && !ls_strmap_get(&c->only, abs)) || excluded(c, abs)) {
    free(message);
    return 0;
  }
  /* One finding per call site and rule; a site seen again through another TU
   * that includes the same header is the same site. Calls expanded from one
   * macro share a location, so the callee tells them apart. */
  char *key = ls_xasprintf("%u:%u:%u:%s:%s", call->file, call->line, call->col, rule, callee);
  int inserted = 0;
  ls_strmap_put(&c->seen, key, 0, &inserted);
  free(key);
  if (!inserted || ls_is_suppressed(&c->src, abs, call->line, rule)) {
    free(message);
    return 0;
  }
  ls_finding f = {0};
  f.rule_id = ls_xstrdup(rule);
  f.loc = make_loc(c, call->file, call->line, call->col, call->end_line, call->end_col);
  f.message = message;
  f.callee = ls_xstrdup(callee);
  f.function = ls_xstrdup(name_of(g, call->caller));
  if (with_path) {
    build_path(c, call_index, &f);
  } else {
    f.root = ls_xstrdup(name_of(g, call->caller));
    f.nsteps = 1;
    f.steps = ls_xcalloc(1, sizeof(ls_step));
    f.steps[0] = (ls_step){LS_STEP_BLOCKING,
                           make_loc(c, call->file, call->line, call->col, call->end_line,
                                    call->end_col),
                           ls_xstrdup(name_of(g, call->caller)), ls_xstrdup(message)};
  }
  fingerprint(c, &f, abs);
  LS_VEC_PUSH(&c->out, f);
  return 1;
}

static void blocking_calls(ctx *c) {
  ls_graph *g = c->g;
  const ls_catalogue *cat = g->cat;
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *call = &g->calls.items[i];
    uint32_t caller = call->caller;
    if (g->dist[caller] == LS_UNREACHED || g->nonblocking[caller]) continue;
    if (g->dist[caller] > 0 && !ls_graph_enters(g, caller)) continue;
    int have_args = 0;
    call_args args;
    for (uint32_t t = 0; t < call->ntargets; t++) {
      uint32_t target = g->targets.items[call->first_target + t];
      if (g->nonblocking[target]) continue;
      const char *name = name_of(g, target);
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
        add_finding(c, (uint32_t)i, rule, msg, name, 1);
        continue;
      }
      size_t nb = g->npack_blockers[target];
      const ls_blocker *const *bs = g->pack_blockers[target];
      for (size_t k = 0; k < nb; k++) {
        const ls_blocker *b = bs[k];
        if (!have_args) {
          load_args(c, (uint32_t)i, &args);
          have_args = 1;
        }
        if (!conditions_hold(b, &args)) continue;
        char *cost = cost_text(b, &args);
        char *msg = ls_xasprintf("'%s' %s on the loop thread%s%s%s; %s", name, b->what,
                                 cost ? " (" : "", cost ? cost : "", cost ? ")" : "",
                                 b->duration ? b->duration : "it can take arbitrarily long");
        free(cost);
        add_finding(c, (uint32_t)i, b->rule_id, msg, name, 1);
      }
    }
  }
}

/* ---- next-tick recursion ------------------------------------------------- */

typedef struct sched {
  uint32_t from, to;  /* function that schedules, function scheduled */
  uint32_t flow;      /* the flow into the next-tick slot */
  uint32_t slot;
  uint32_t origin;    /* where `to`'s address entered the program: for a
                         wrapper (`defer(loop, self)`), the user's call */
} sched;

/* Strongly connected components of calls + schedule edges (Tarjan, with an
 * explicit stack). comp[f] is 0 for functions not visited. */
/* Where the iterative DFS stands in f's out-edges: the next of f's distinct
 * callees (an index into succ), then f's schedule edges. Each edge is looked
 * at once, so the walk is O(V + E) however many call sites one function
 * has. */
typedef struct tarjan_frame {
  uint32_t f, si, sj;
} tarjan_frame;

/* The next successor of the frame's function, advancing the frame; 0 when
 * there is none left. */
static int next_successor(const ls_graph *g, const sched *s, const uint32_t *sched_start,
                          tarjan_frame *fr, uint32_t *succ) {
  if (fr->si < g->succ_start[fr->f + 1]) {
    *succ = g->succ[fr->si++];
    return 1;
  }
  if (sched_start[fr->f] + fr->sj < sched_start[fr->f + 1]) {
    *succ = s[sched_start[fr->f] + fr->sj++].to;
    return 1;
  }
  return 0;
}

static void tarjan(const ls_graph *g, const sched *s, size_t ns, const uint32_t *sched_start,
                   uint32_t *comp) {
  size_t n = g->nsyms;
  uint32_t *index = ls_xcalloc(n, sizeof(uint32_t)), *low = ls_xcalloc(n, sizeof(uint32_t));
  uint8_t *on_stack = ls_xcalloc(n, 1);
  LS_VEC(uint32_t) stack = {0};
  LS_VEC(tarjan_frame) calls = {0};
  uint32_t next_index = 1, next_comp = 1;
  for (size_t i = 0; i < ns; i++) {
    uint32_t start = s[i].to;
    if (index[start]) continue;
    tarjan_frame fr = {start, g->succ_start[start], 0};
    LS_VEC_PUSH(&calls, fr);
    index[start] = low[start] = next_index++;
    LS_VEC_PUSH(&stack, start);
    on_stack[start] = 1;
    while (calls.len) {
      tarjan_frame *top = &calls.items[calls.len - 1];
      uint32_t f = top->f, succ;
      if (next_successor(g, s, sched_start, top, &succ)) {
        if (!index[succ]) {
          index[succ] = low[succ] = next_index++;
          LS_VEC_PUSH(&stack, succ);
          on_stack[succ] = 1;
          tarjan_frame nf = {succ, g->succ_start[succ], 0};
          LS_VEC_PUSH(&calls, nf); /* may move `top`: not used after this */
        } else if (on_stack[succ] && index[succ] < low[f]) {
          low[f] = index[succ];
        }
        continue;
      }
      if (low[f] == index[f]) {
        uint32_t w;
        do {
          w = stack.items[--stack.len];
          on_stack[w] = 0;
          comp[w] = next_comp;
        } while (w != f);
        next_comp++;
      }
      calls.len--;
      if (calls.len) {
        uint32_t parent = calls.items[calls.len - 1].f;
        if (low[f] < low[parent]) low[parent] = low[f];
      }
    }
  }
  LS_VEC_FREE(&stack);
  LS_VEC_FREE(&calls);
  free(index);
  free(low);
  free(on_stack);
}

static int cmp_sched(const void *a, const void *b) {
  const sched *x = a, *y = b;
  return x->from < y->from ? -1 : x->from > y->from;
}

static void next_tick_cycles(ctx *c) {
  ls_graph *g = c->g;
  LS_VEC(sched) s = {0};
  for (size_t i = 0; i < g->flows.len; i++) {
    const ls_gflow *fl = &g->flows.items[i];
    if (!fl->dst || g->slot_context[fl->dst] != LS_CTX_NEXT_TICK || !fl->func) continue;
    if (g->sym_kind[fl->src] == LS_SYM_FUNC) {
      sched e = {fl->func, fl->src, (uint32_t)i, fl->dst, (uint32_t)i};
      LS_VEC_PUSH(&s, e);
    } else {
      for (uint32_t p = g->pts_head[fl->src]; p; p = g->pts[p - 1].next) {
        sched e = {fl->func, g->pts[p - 1].func, (uint32_t)i, fl->dst, g->pts[p - 1].origin};
        LS_VEC_PUSH(&s, e);
      }
    }
  }
  if (!s.len) return;
  qsort(s.items, s.len, sizeof(sched), cmp_sched);
  uint32_t *start = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < s.len; i++) start[s.items[i].from + 1]++;
  for (uint32_t f = 0; f < g->nsyms; f++) start[f + 1] += start[f];
  uint32_t *comp = ls_xcalloc(g->nsyms, sizeof(uint32_t));
  tarjan(g, s.items, s.len, start, comp);
  for (size_t i = 0; i < s.len; i++) {
    const sched *e = &s.items[i];
    if (e->from != e->to && (!comp[e->from] || comp[e->from] != comp[e->to])) continue;
    /* Report where the user scheduled the function: at the origin of its
     * address when that is inside the cycle (the call of a wrapper such as
     * `defer(loop, self)`), else at the next-tick call itself. */
    const ls_gflow *fl = &g->flows.items[e->flow];
    uint32_t from = e->from, through = 0;
    const ls_gflow *origin = &g->flows.items[e->origin];
    if (e->origin != e->flow && origin->func &&
        (origin->func == e->to || (comp[origin->func] && comp[origin->func] == comp[e->to]))) {
      through = e->from;
      from = origin->func;
      fl = origin;
    }
    uint32_t call_index = LS_NO_INDEX;
    for (uint32_t k = g->out_start[from]; k < g->out_start[from + 1]; k++) {
      const ls_gcall *cl = &g->calls.items[g->out_calls[k]];
      if (cl->file == fl->file && cl->line <= fl->line && fl->line <= cl->end_line &&
          (call_index == LS_NO_INDEX || cl->col > g->calls.items[call_index].col))
        call_index = g->out_calls[k];
    }
    if (call_index == LS_NO_INDEX) continue;
    char *api = slot_owner(g, e->slot);
    char *via = through ? ls_xasprintf(" (through '%s')", name_of(g, through)) : ls_xstrdup("");
    char *msg;
    if (from == e->to)
      msg = ls_xasprintf("'%s' re-schedules itself with '%s'%s: the queue drains completely "
                         "before the loop returns to timers and I/O, so it never empties and the "
                         "loop starves",
                         name_of(g, from), api, via);
    else
      msg = ls_xasprintf("'%s' schedules '%s' with '%s'%s, which leads back to '%s': the cycle "
                         "keeps the next-tick queue from ever emptying, so timers and I/O starve",
                         name_of(g, from), name_of(g, e->to), api, via, name_of(g, from));
    free(via);
    add_finding(c, call_index, ls_rule_id(LS_RULE_NEXT_TICK_RECURSION), msg, api, 0);
    free(api);
  }
  free(comp);
  free(start);
  LS_VEC_FREE(&s);
}

/* ---- callbacks that never let the loop sleep ------------------------------ */

/* A callback that re-arms its own registration every time it runs (an idle
 * or check handle, a 0 ms timer) or that always asks to run again (a GLib
 * idle source returning G_SOURCE_CONTINUE on every path) keeps the loop
 * from ever blocking in poll: 100% CPU, and every other callback waits its
 * turn behind it. Reported as next-tick-recursion, at the re-arming call or
 * at the registration. The registration APIs and how they re-arm come from
 * the packs (`rearm:` in docs/rule-packs.md). */
static void hot_loops(ctx *c) {
  ls_graph *g = c->g;
  const ls_catalogue *cat = g->cat;
  ls_strmap by_api = {0}; /* API name -> index in cat->regs (first with rearm) */
  for (size_t i = 0; i < cat->nregs; i++)
    if (cat->regs[i].rearm != LS_REARM_NONE && cat->regs[i].function)
      ls_strmap_put(&by_api, cat->regs[i].function, (int64_t)i, NULL);
  if (!by_api.len) return;
  for (size_t i = 0; i < g->calls.len; i++) {
    const ls_gcall *call = &g->calls.items[i];
    if (call->via_kind != LS_VIA_DIRECT || !call->callee) continue;
    int64_t *ri = ls_strmap_get(&by_api, name_of(g, call->callee));
    if (!ri) continue;
    const ls_registration *r = &cat->regs[*ri];
    call_args args;
    load_args(c, (uint32_t)i, &args);
    uint32_t cb = args.a[r->arg].kind == LS_ARG_FUNC ? args.a[r->arg].sym : 0;
    char *msg = NULL;
    const char *api = name_of(g, call->callee), *fn = cb ? name_of(g, cb) : NULL;
    if (!cb || cb >= g->nsyms) {
      /* not a function named at the call */
    } else if (r->rearm == LS_REARM_RETURNS_TRUE) {
      if (g->func_flags[cb] & LS_FUNC_ALWAYS_TRUE)
        msg = ls_xasprintf("'%s' returns G_SOURCE_CONTINUE (non-zero) on every path, so the source "
                           "'%s' registers is never removed: the loop never sleeps and runs it "
                           "again and again",
                           fn, api);
    } else if (cb == call->caller && (call->flags & LS_CALL_UNCONDITIONAL)) {
      int zero_delay = r->rearm == LS_REARM_ZERO_DELAY && r->rearm_delay_arg >= 0 &&
                       r->rearm_delay_arg < 16 && args.a[r->rearm_delay_arg].kind == LS_ARG_INT &&
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
    if (msg) add_finding(c, (uint32_t)i, ls_rule_id(LS_RULE_NEXT_TICK_RECURSION), msg, api, 0);
  }
  ls_strmap_free(&by_api);
}

static int cmp_finding(const void *a, const void *b) {
  const ls_finding *x = a, *y = b;
  int r = strcmp(x->loc.path, y->loc.path);
  if (r) return r;
  if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
  if (x->loc.col != y->loc.col) return x->loc.col < y->loc.col ? -1 : 1;
  return strcmp(x->rule_id, y->rule_id);
}

int ls_findings_build(ls_graph *g, const ls_findings_options *opt, ls_report *report,
                      char **err) {
  ctx c = {0};
  c.g = g;
  c.opt = opt;
  c.report = report;
  for (size_t i = 0; i < opt->nonly; i++) ls_strmap_put(&c.only, opt->only_files[i], 0, NULL);
  (void)err; /* everything is in memory */
  blocking_calls(&c);
  next_tick_cycles(&c);
  hot_loops(&c);
  if (c.out.len) qsort(c.out.items, c.out.len, sizeof(ls_finding), cmp_finding);
  report->findings = c.out.items;
  report->nfindings = c.out.len;
  ls_strmap_free(&c.seen);
  ls_strmap_free(&c.fingerprints);
  ls_strmap_free(&c.only);
  ls_source_cache_free(&c.src);
  return 0;
}
