/* build.c: the checkers' hits made findings (findings.h): one per site and
 * rule, with the shortest path from a loop root as steps, other roots as
 * related locations, a fingerprint that survives moved lines, and the
 * configuration's exclusions and the source's suppressions applied. A
 * hit's site is a call, or another place in a function (a loop); either is
 * the last step of its path. */
#include "findings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkers.h"
#include "loops.h"
#include "suppress.h"

typedef struct ctx {
  ls_graph *g;
  const ls_findings_options *opt;
  LS_VEC(ls_finding) out;
  ls_strmap seen;          /* "file:line:col:rule" of findings made */
  ls_strmap fingerprints;  /* fingerprint base -> occurrences */
  ls_strmap only;          /* only_files */
  ls_strmap looked_at;     /* absolute files read for suppressions */
  ls_strmap used;          /* "file\nline" of suppression comments that suppressed */
  LS_VEC(uint32_t) hops;   /* path_hops' answer */
  LS_VEC(ls_remark) remarks;
  ls_source_cache src;
} ctx;

/* Where a finding is: a call (its caller and region), or a site of a
 * function that is not a call (checkers.h, ls_hit_site). */
typedef struct place {
  uint32_t func;
  uint32_t file, line, col, end_line, end_col;
} place;

static place place_of(const ls_graph *g, const ls_hit *hit) {
  if (hit->call == LS_NO_INDEX)
    return (place){hit->site.func, hit->site.file, hit->site.line, hit->site.col,
                   hit->site.end_line, hit->site.end_col};
  const ls_gcall *call = &g->calls.items[hit->call];
  return (place){call->caller, call->file, call->line, call->col, call->end_line, call->end_col};
}

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

/* Where a registration's region ends (exclusive column): after the
 * identifier that starts at `col` of the source line, so the region covers
 * the whole callback name ("on_timer" in uv_timer_start(t, on_timer, 0, 0))
 * or the called function's name; a leading '&' or '(' is taken in. The flow
 * facts hold only a start; when the line cannot be read or no identifier
 * starts there, the region is the one column. */
static uint32_t identifier_end(ctx *c, uint32_t file, uint32_t line, uint32_t col) {
  size_t len = 0;
  const char *text = line && col ? ls_source_line(&c->src, ls_graph_file(c->g, file), line, &len)
                                 : NULL;
  if (!text || col > len) return col + 1;
  size_t i = col - 1;
  while (i < len && (text[i] == '&' || text[i] == '(' || text[i] == ' ')) i++;
  size_t start = i;
  while (i < len && (isalnum((unsigned char)text[i]) || text[i] == '_' || text[i] == '$')) i++;
  if (i == start || isdigit((unsigned char)text[start])) return col + 1;
  return (uint32_t)i + 1;
}

/* The place of a registration: the flow's start, to the end of the name. */
static ls_location registration_loc(ctx *c, const ls_gflow *origin) {
  return make_loc(c, origin->file, origin->line, origin->col, origin->line,
                  identifier_end(c, origin->file, origin->line, origin->col));
}

/* ---- paths ------------------------------------------------------------ */

/* What an event loop found in the code waits in: "epoll_wait", "epoll_wait,
 * through 'aeApiPoll'" (heap). */
static char *loop_api(const ls_graph *g, const ls_gloop *L) {
  const char *wait = L->wait_func ? ls_graph_name(g, L->wait_func) : "its own loop";
  if (L->via) return ls_xasprintf("%s, through '%s'", wait, ls_graph_name(g, L->via));
  return ls_xstrdup(wait);
}

static char *root_api(const ls_graph *g, const ls_groot *r) {
  if (r->loop) return loop_api(g, &g->loops.items[r->loop - 1]);
  if (r->named == LS_ROOT_OFF_LOOP) return ls_xstrdup("functions: off_loop");
  if (r->named == LS_ROOT_OVERRIDE) return ls_xasprintf("overrides %s", ls_graph_name(g, r->slot));
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
  if (r->slot < g->nsyms && g->slot_assumed[r->slot]) {
    /* "sdk_listen, assumed: it takes a uv_loop_t and is not in the program" */
    const char *t = g->prog->sigs.items[g->slot_assumed[r->slot] - 1].type;
    size_t n = t ? strcspn(t, "|") : 0;
    char *s = ls_xasprintf("%s, assumed: it takes a %.*s and is not in the program", api, (int)n,
                           t ? t : "");
    free(api);
    api = s;
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

/* Where a root's registration is shown: the flow that registered it, or an
 * event loop's wait (the whole call). */
static ls_location root_loc(ctx *c, const ls_groot *r) {
  const ls_graph *g = c->g;
  if (r->named) {
    uint32_t file, line, col;
    ls_graph_root_site(g, r, &file, &line, &col);
    return make_loc(c, file, line, col, line, col + 1);
  }
  if (r->loop) {
    const ls_gloop *L = &g->loops.items[r->loop - 1];
    if (L->wait_call != LS_NO_INDEX) {
      const ls_gcall *w = &g->calls.items[L->wait_call];
      return make_loc(c, w->file, w->line, w->col, w->end_line, w->end_col);
    }
    return make_loc(c, g->def_file[L->func], 1, 1, 1, 1);
  }
  return registration_loc(c, &g->flows.items[r->origin]);
}

/* "'aeProcessEvents' is an event loop: it waits here (epoll_wait, through
 * 'aeApiPoll'), then runs what is ready" */
static char *loop_root_message(const ls_graph *g, const ls_gloop *L, const char *api) {
  const char *fn = ls_graph_name(g, L->func);
  if (L->encloses)
    return ls_xasprintf("'%s' runs an event loop: it calls '%s' here, in a loop, which waits "
                        "(%s) and then runs what is ready",
                        fn, ls_graph_name(g, g->loops.items[L->encloses - 1].func), api);
  if (L->named && L->wait_call == LS_NO_INDEX)
    return ls_xasprintf("'%s' is an event loop (a rule pack names it)", fn);
  return ls_xasprintf("'%s' is an event loop%s: it waits here (%s), then runs what is ready", fn,
                      L->named ? " (a rule pack names it)" : " found in the code", api);
}

/* The length of a qualified member name's class part: "Napi::ObjectWrap"
 * of "Napi::ObjectWrap::ObjectWrap". */
static size_t class_length(const char *qname) {
  const char *last = ls_last_name_component(qname);
  return last == qname ? strlen(qname) : (size_t)(last - qname) - 2;
}

static ls_step registration_step(ctx *c, const ls_groot *r) {
  const ls_graph *g = c->g;
  if (r->named == LS_ROOT_OVERRIDE) {
    /* a C++ method the library calls because it overrides one a pack
     * names, at its definition */
    const char *fn = ls_graph_name(g, r->func);
    return (ls_step){.kind = LS_STEP_REGISTRATION,
                     .loc = root_loc(c, r),
                     .function = ls_xstrdup(fn),
                     .callee = ls_xstrdup(fn),
                     .api = root_api(g, r),
                     .context = (ls_context)r->context,
                     .message = r->func == r->slot
                                    ? ls_xasprintf("'%s' is called by the library as a %s (a rule "
                                                   "pack says so)",
                                                   fn, context_word(r->context))
                                : g->prog->sym_fn_kind && g->prog->sym_fn_kind[r->slot] == LS_FN_CTOR
                                    ? ls_xasprintf("'%s' constructs a class derived from '%.*s', "
                                                   "which the library constructs as a %s",
                                                   fn, (int)class_length(ls_graph_name(g, r->slot)),
                                                   ls_graph_name(g, r->slot),
                                                   context_word(r->context))
                                    : ls_xasprintf("'%s' overrides '%s', which the library calls "
                                                   "as a %s",
                                                   fn, ls_graph_name(g, r->slot),
                                                   context_word(r->context))};
  }
  if (r->named) {
    /* a worker root by a pack's `functions: off_loop:`, at its definition */
    uint32_t file, line, col;
    ls_graph_root_site(g, r, &file, &line, &col);
    const char *fn = ls_graph_name(g, r->func);
    return (ls_step){.kind = LS_STEP_REGISTRATION,
                     .loc = make_loc(c, file, line, col, line, col + 1),
                     .function = ls_xstrdup(fn),
                     .callee = ls_xstrdup(fn),
                     .api = ls_xstrdup("functions: off_loop"),
                     .context = LS_CTX_WORKER,
                     .message = ls_xasprintf("'%s' runs off the loop (a rule pack says so: "
                                             "functions: off_loop)",
                                             fn)};
  }
  if (r->loop) {
    const ls_gloop *L = &g->loops.items[r->loop - 1];
    char *api = root_api(g, r);
    return (ls_step){.kind = LS_STEP_REGISTRATION,
                     .loc = root_loc(c, r),
                     .function = ls_xstrdup(ls_graph_name(g, L->func)),
                     .callee = ls_xstrdup(ls_graph_name(g, L->func)),
                     .api = api,
                     .context = LS_CTX_LOOP,
                     .message = loop_root_message(g, L, api)};
  }
  const ls_gflow *origin = &g->flows.items[r->origin];
  char *api = root_api(g, r);
  ls_step s = {.kind = LS_STEP_REGISTRATION,
               .loc = registration_loc(c, origin),
               .function = origin->func ? ls_xstrdup(ls_graph_name(g, origin->func)) : NULL,
               .callee = ls_xstrdup(ls_graph_name(g, r->func)),
               .api = api,
               .context = (ls_context)r->context,
               .message = ls_xasprintf("'%s' registered here as a %s (%s)",
                                       ls_graph_name(g, r->func), context_word(r->context), api)};
  return s;
}

/* The last step: the blocking call (or the loop), whose message is the
 * finding's. */
static ls_step blocking_step(ctx *c, const place *at, const ls_finding *f) {
  return (ls_step){.kind = LS_STEP_BLOCKING,
                   .loc = make_loc(c, at->file, at->line, at->col, at->end_line, at->end_col),
                   .function = ls_xstrdup(ls_graph_name(c->g, at->func)),
                   .callee = ls_xstrdup(f->callee),
                   .message = ls_xstrdup(f->message)};
}

/* The calls of the shortest path from a loop root to `fn`, into c->hops,
 * from `fn`'s caller upward (the last one is made by the root). Returns the
 * root (fn itself when no call leads to it). */
static uint32_t path_hops(ctx *c, uint32_t fn) {
  ls_graph *g = c->g;
  c->hops.len = 0;
  for (uint32_t guard = 0; g->dist[fn] && guard < g->nsyms; guard++) {
    uint32_t pc = g->parent_call[fn];
    if (pc == LS_NO_INDEX) break;
    LS_VEC_PUSH(&c->hops, pc);
    fn = g->calls.items[pc].caller;
  }
  return fn;
}

/* Steps root first for the hops of path_hops(c, end): the registration of
 * `root` (when it is a loop root), then each call, the last entering `end`.
 * `extra` more steps are allocated at the end, zeroed, for the caller. */
static ls_step *path_steps(ctx *c, uint32_t root, uint32_t end, size_t extra, size_t *nsteps) {
  ls_graph *g = c->g;
  uint32_t root_index = g->loop_root_of[root];
  size_t n = c->hops.len + extra + (root_index ? 1 : 0);
  ls_step *steps = ls_xcalloc(n + 1, sizeof(ls_step));
  size_t k = 0;
  if (root_index) steps[k++] = registration_step(c, &g->roots.items[root_index - 1]);
  for (size_t i = c->hops.len; i-- > 0;) {
    const ls_gcall *hc = &g->calls.items[c->hops.items[i]];
    /* the function this hop enters: the caller of the next hop, or `end` */
    uint32_t entered = i > 0 ? g->calls.items[c->hops.items[i - 1]].caller : end;
    steps[k++] = (ls_step){
        .kind = LS_STEP_CALL,
        .loc = make_loc(c, hc->file, hc->line, hc->col, hc->end_line, hc->end_col),
        .function = ls_xstrdup(ls_graph_name(g, hc->caller)),
        .callee = ls_xstrdup(ls_graph_name(g, entered)),
        .message = hc->flags & LS_GCALL_DISPATCH
                       ? ls_xasprintf("function '%s' run here from '%s' by '%s', which dispatches "
                                      "to what is registered under its key",
                                      ls_graph_name(g, entered), ls_graph_name(g, hc->caller),
                                      ls_graph_name(g, hc->callee))
                       : ls_xasprintf("function '%s' called here from '%s'",
                                      ls_graph_name(g, entered), ls_graph_name(g, hc->caller))};
  }
  *nsteps = n;
  return steps;
}

/* Steps root first: registration, each call on the shortest path (the hops
 * path_hops left in c->hops, from `root`; through `via` when it is not
 * LS_NO_INDEX), then the blocking call. */
static void build_path(ctx *c, const place *at, uint32_t root, uint32_t via, ls_finding *f) {
  ls_graph *g = c->g;
  uint32_t fn = root;
  f->steps = path_steps(c, root, at->func, 1, &f->nsteps);
  f->root = ls_xstrdup(ls_graph_name(g, fn));
  f->steps[f->nsteps - 1] = blocking_step(c, at, f);

  /* Other loop roots that reach the same function, chosen for registering
   * with other APIs or in other files than the path's root (reach.c). */
  uint32_t other[LS_ALSO_REACHES];
  /* with `via`, the roots that reach its caller */
  uint32_t reached = via != LS_NO_INDEX ? g->calls.items[via].caller : at->func;
  size_t nother = ls_graph_other_roots(g, reached, fn, other);
  LS_VEC(ls_related) rel = {0};
  for (size_t i = 0; i < nother; i++) {
    const ls_groot *r = &g->roots.items[other[i]];
    char *api = root_api(g, r);
    ls_related rr = {root_loc(c, r), ls_xstrdup(ls_graph_name(g, r->func)), api,
                     (ls_context)r->context,
                     r->loop ? ls_xasprintf("'%s' (an event loop waiting here in %s) also reaches "
                                            "this call",
                                            ls_graph_name(g, r->func), api)
                             : ls_xasprintf("'%s' (a %s registered here with %s) also reaches "
                                            "this call",
                                            ls_graph_name(g, r->func), context_word(r->context),
                                            api)};
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

/* Whether a hit of `rule` on line `line` of `abs` is suppressed; the file
 * is one this step looked at, and the comment that suppressed is used. */
static int suppressed(ctx *c, const char *abs, unsigned line, const char *rule) {
  ls_strmap_put(&c->looked_at, abs, 0, NULL);
  unsigned at = ls_is_suppressed(&c->src, abs, line, rule);
  if (!at) return 0;
  char *key = ls_xasprintf("%s\n%u", abs, at);
  ls_strmap_put(&c->used, key, 0, NULL);
  free(key);
  return 1;
}

/* Whether a finding with the path in c->hops from `root` is in the files
 * FILE... narrows the report to: its blocking call, a call of its path, or
 * its registration. */
static int in_scope(ctx *c, const place *at, uint32_t root, int with_path) {
  ls_graph *g = c->g;
  if (!c->only.len || ls_strmap_get(&c->only, ls_graph_file(g, at->file))) return 1;
  if (!with_path) return 0;
  for (size_t i = 0; i < c->hops.len; i++)
    if (ls_strmap_get(&c->only, ls_graph_file(g, g->calls.items[c->hops.items[i]].file))) return 1;
  uint32_t ri = g->loop_root_of[root];
  if (!ri) return 0;
  uint32_t file, line, col;
  ls_graph_root_site(g, &g->roots.items[ri - 1], &file, &line, &col);
  return ls_strmap_get(&c->only, ls_graph_file(g, file)) != NULL;
}

/* Returns 1 when a finding was added. */
static int add_finding(ctx *c, const place *at, const char *rule, char *message,
                       const char *callee, int with_path, uint32_t via) {
  ls_graph *g = c->g;
  const char *abs = ls_graph_file(g, at->file);
  if (excluded(c, abs)) {
    free(message);
    return 0;
  }
  /* One finding per call site and rule; a site seen again through another TU
   * that includes the same header is the same site. Calls expanded from one
   * macro share a location, so the callee tells them apart. */
  char *key = ls_xasprintf("%u:%u:%u:%s:%s", at->file, at->line, at->col, rule, callee);
  int inserted = 0;
  ls_strmap_put(&c->seen, key, 0, &inserted);
  free(key);
  if (!inserted) {
    free(message);
    return 0;
  }
  uint32_t root = at->func;
  c->hops.len = 0;
  if (with_path && via != LS_NO_INDEX) {
    /* the path through the one call that makes the hit, then that call */
    root = path_hops(c, g->calls.items[via].caller);
    LS_VEC_PUSH(&c->hops, via);
    memmove(c->hops.items + 1, c->hops.items, (c->hops.len - 1) * sizeof *c->hops.items);
    c->hops.items[0] = via;
  } else if (with_path) {
    root = path_hops(c, at->func);
  }
  /* Every comment that would suppress the hit is used, whether or not the
   * report is narrowed: on the blocking call's line, and (path suppression)
   * on the line of any call of its path. */
  int quiet = suppressed(c, abs, at->line, rule);
  for (size_t i = 0; i < c->hops.len; i++) {
    const ls_gcall *hc = &g->calls.items[c->hops.items[i]];
    quiet |= suppressed(c, ls_graph_file(g, hc->file), hc->line, rule);
  }
  if (quiet || !in_scope(c, at, root, with_path)) {
    free(message);
    return 0;
  }
  ls_finding f = {0};
  f.rule_id = ls_xstrdup(rule);
  f.loc = make_loc(c, at->file, at->line, at->col, at->end_line, at->end_col);
  f.message = message;
  f.callee = ls_xstrdup(callee);
  f.function = ls_xstrdup(ls_graph_name(g, at->func));
  if (with_path) {
    build_path(c, at, root, via, &f);
  } else {
    f.root = ls_xstrdup(ls_graph_name(g, at->func));
    f.nsteps = 1;
    f.steps = ls_xcalloc(1, sizeof(ls_step));
    f.steps[0] = blocking_step(c, at, &f);
  }
  fingerprint(c, &f, abs);
  LS_VEC_PUSH(&c->out, f);
  return 1;
}

/* ---- remarks on suppression comments ------------------------------------ */

typedef struct lint_ctx {
  ctx *c;
  const char *abs;
  unsigned line;
} lint_ctx;

static void add_remark(ctx *c, ls_remark_kind kind, const char *abs, unsigned line, unsigned col,
                       char *message) {
  ls_remark r = {kind, {display_path(c, abs), line, col, 0, 0}, message};
  LS_VEC_PUSH(&c->remarks, r);
}

static void on_problem(void *lp, unsigned col, char *why) {
  lint_ctx *l = lp;
  add_remark(l->c, LS_REMARK_BAD_SUPPRESSION, l->abs, l->line, col, why);
}

static int cmp_path(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The remarks on the suppression comments of every file looked at (in the
 * narrowed files only, when FILE... narrows), file by file, line by line. */
static void lint_files(ctx *c) {
  LS_VEC(const char *) files = {0};
  for (size_t i = 0; i < c->looked_at.cap; i++) {
    const char *abs = c->looked_at.keys[i];
    if (abs && (!c->only.len || ls_strmap_get(&c->only, abs)) && !excluded(c, abs))
      LS_VEC_PUSH(&files, abs);
  }
  if (files.len) qsort(files.items, files.len, sizeof(char *), cmp_path);
  for (size_t i = 0; i < files.len; i++) {
    lint_ctx l = {c, files.items[i], 0};
    size_t len;
    const char *t;
    for (l.line = 1; (t = ls_source_line(&c->src, l.abs, l.line, &len)) != NULL; l.line++) {
      unsigned col = 0;
      int effective = ls_suppression_lint(t, len, on_problem, &l, &col);
      if (!effective || !c->opt->report_unused) continue;
      char *key = ls_xasprintf("%s\n%u", l.abs, l.line);
      if (!ls_strmap_get(&c->used, key))
        add_remark(c, LS_REMARK_UNUSED_SUPPRESSION, l.abs, l.line, col,
                   ls_xstrdup("this suppression comment suppressed nothing: no finding of the "
                              "rules it names is on its line (or, for NOLAGSCANNEXTLINE, the "
                              "next one), nor on a path through it"));
      free(key);
    }
  }
  LS_VEC_FREE(&files);
}

/* Receives the checkers' hits (checkers.h). */
static void on_hit(void *cp, ls_hit *hit) {
  ctx *c = cp;
  place at = place_of(c->g, hit);
  add_finding(c, &at, hit->rule_id, hit->message, hit->callee, hit->with_path, hit->via_call);
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
  lint_files(&c);
  report->remarks = c.remarks.items;
  report->nremarks = c.remarks.len;
  ls__report_loops(g, opt, report);
  LS_VEC_FREE(&c.hops);
  ls_strmap_free(&c.looked_at);
  ls_strmap_free(&c.used);
  ls_strmap_free(&c.seen);
  ls_strmap_free(&c.fingerprints);
  ls_strmap_free(&c.only);
  ls_source_free(&c.src);
  return 0;
}

/* ---- paths to a function (lagscan why) ------------------------------------ */

int ls_findings_path_to(ls_graph *g, const ls_findings_options *opt, uint32_t func,
                        ls_step **steps, size_t *nsteps, char **root) {
  if (!func || func >= g->nsyms || g->dist[func] == LS_UNREACHED) return -1;
  ctx c = {0};
  c.g = g;
  c.opt = opt;
  uint32_t r = path_hops(&c, func);
  int rc = -1;
  if (g->loop_root_of[r]) {
    *steps = path_steps(&c, r, func, 0, nsteps);
    *root = ls_xstrdup(ls_graph_name(g, r));
    rc = 0;
  }
  LS_VEC_FREE(&c.hops);
  ls_source_free(&c.src); /* registration_loc read source lines */
  return rc;
}

ls_step *ls_findings_registration(ls_graph *g, const ls_findings_options *opt,
                                  uint32_t root_index) {
  ctx c = {0};
  c.g = g;
  c.opt = opt;
  ls_step *s = ls_xcalloc(1, sizeof *s);
  *s = registration_step(&c, &g->roots.items[root_index]);
  ls_source_free(&c.src); /* registration_loc read source lines */
  return s;
}
