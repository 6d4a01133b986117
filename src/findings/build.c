/* build.c: the checkers' hits made findings (findings.h): one per site and
 * rule, with the shortest path from a loop root as steps, other roots as
 * related locations, a fingerprint that survives moved lines, and the
 * configuration's exclusions and the source's suppressions applied. */
#include "findings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers.h"
#include "suppress.h"

typedef struct ctx {
  ls_graph *g;
  const ls_findings_options *opt;
  LS_VEC(ls_finding) out;
  ls_strmap seen;          /* "file:line:col:rule" of findings made */
  ls_strmap fingerprints;  /* fingerprint base -> occurrences */
  ls_strmap only;          /* only_files */
  ls_source_cache src;
} ctx;

/* ---- small helpers ---------------------------------------------------- */

/* A file as findings name it: relative to the source root when under it. */
static char *display_path(ctx *c, const char *abs) {
  const char *rel = ls_path_under(abs, c->opt->srcroot);
  return ls_xstrdup(rel ? rel : abs);
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

/* ---- paths ------------------------------------------------------------ */

static char *root_api(const ls_graph *g, const ls_groot *r) {
  char *api = ls_graph_slot_owner(g, r->slot);
  const ls_gflow *origin = &g->flows.items[r->origin];
  if (origin->dst && origin->dst != r->slot && g->sym_kind[origin->dst] == LS_SYM_PARAM) {
    char *via = ls_graph_slot_owner(g, origin->dst);
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
  ls_step s = {.kind = LS_STEP_REGISTRATION,
               .loc = make_loc(c, origin->file, origin->line, origin->col, 0, 0),
               .function = origin->func ? ls_xstrdup(ls_graph_name(g, origin->func)) : NULL,
               .callee = ls_xstrdup(ls_graph_name(g, r->func)),
               .api = api,
               .context = (ls_context)r->context,
               .message = ls_xasprintf("'%s' registered here as a %s (%s)",
                                       ls_graph_name(g, r->func), context_word(r->context), api)};
  return s;
}

/* The last step: the blocking call, whose message is the finding's. */
static ls_step blocking_step(ctx *c, const ls_gcall *bc, const ls_finding *f) {
  return (ls_step){.kind = LS_STEP_BLOCKING,
                   .loc = make_loc(c, bc->file, bc->line, bc->col, bc->end_line, bc->end_col),
                   .function = ls_xstrdup(ls_graph_name(c->g, bc->caller)),
                   .callee = ls_xstrdup(f->callee),
                   .message = ls_xstrdup(f->message)};
}

/* Steps root first: registration, each call on the shortest path, then the
 * blocking call. */
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
  f->root = ls_xstrdup(ls_graph_name(g, fn));
  for (size_t i = hops.len; i-- > 0;) {
    const ls_gcall *hc = &g->calls.items[hops.items[i]];
    /* the function this hop enters: the caller of the next hop or of the
     * blocking call */
    uint32_t entered =
        i > 0 ? g->calls.items[hops.items[i - 1]].caller : g->calls.items[call_index].caller;
    f->steps[k++] = (ls_step){
        .kind = LS_STEP_CALL,
        .loc = make_loc(c, hc->file, hc->line, hc->col, hc->end_line, hc->end_col),
        .function = ls_xstrdup(ls_graph_name(g, hc->caller)),
        .callee = ls_xstrdup(ls_graph_name(g, entered)),
        .message = ls_xasprintf("function '%s' called here from '%s'", ls_graph_name(g, entered),
                                ls_graph_name(g, hc->caller))};
  }
  const ls_gcall *bc = &g->calls.items[call_index];
  f->steps[k++] = blocking_step(c, bc, f);
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
                     ls_xstrdup(ls_graph_name(g, r->func)), api, (ls_context)r->context,
                     ls_xasprintf("'%s' (a %s registered here with %s) also reaches this call",
                                  ls_graph_name(g, r->func), context_word(r->context), api)};
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
  const char *rel = ls_path_under(abs, c->opt->srcroot);
  return ls_config_excluded(cfg, rel ? rel : abs);
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
  f.function = ls_xstrdup(ls_graph_name(g, call->caller));
  if (with_path) {
    build_path(c, call_index, &f);
  } else {
    f.root = ls_xstrdup(ls_graph_name(g, call->caller));
    f.nsteps = 1;
    f.steps = ls_xcalloc(1, sizeof(ls_step));
    f.steps[0] = blocking_step(c, call, &f);
  }
  fingerprint(c, &f, abs);
  LS_VEC_PUSH(&c->out, f);
  return 1;
}

/* Receives the checkers' hits (checkers.h). */
static void on_hit(void *cp, ls_hit *hit) {
  add_finding(cp, hit->call, hit->rule_id, hit->message, hit->callee, hit->with_path);
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
  ls_source_init(&c.src, NULL); /* the graph's paths are absolute */
  c.g = g;
  c.opt = opt;
  for (size_t i = 0; i < opt->nonly; i++) ls_strmap_put(&c.only, opt->only_files[i], 0, NULL);
  (void)err; /* everything is in memory */
  size_t nchecks = 0;
  const ls_checker *const *checks = ls_checkers(&nchecks);
  for (size_t i = 0; i < nchecks; i++) checks[i]->run(g, on_hit, &c);
  if (c.out.len) qsort(c.out.items, c.out.len, sizeof(ls_finding), cmp_finding);
  report->findings = c.out.items;
  report->nfindings = c.out.len;
  ls_strmap_free(&c.seen);
  ls_strmap_free(&c.fingerprints);
  ls_strmap_free(&c.only);
  ls_source_free(&c.src);
  return 0;
}
