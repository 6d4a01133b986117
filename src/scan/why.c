/* why.c: `lagscan why FUNC` (scan.h, ls_scan_why): the scan run up to the
 * graph, then, for each function named FUNC, the shortest path from a loop
 * root in the findings stage's words, or the worker roots that reach it.
 *
 * Invariant: a function reaches FUNC when one of its call sites may call
 * FUNC or a function that reaches FUNC whose body is walked
 * (ls_graph_enters); roots are always walked. That is the walk the graph's
 * shortest paths make, run backward from FUNC. */
#include <stdlib.h>
#include <string.h>

#include "scan.h"

typedef struct why_ctx {
  const char *func;
  ls_why *why;
} why_ctx;

/* Marks in `reach` every function from which `target` is reached. */
static void reaching(const ls_graph *g, uint32_t target, uint8_t *reach) {
  /* predecessors, from the successor CSR */
  uint32_t *pred_start = ls_xcalloc((size_t)g->nsyms + 2, sizeof(uint32_t));
  for (uint32_t f = 0; f < g->nsyms; f++)
    for (uint32_t i = g->succ_start[f]; i < g->succ_start[f + 1]; i++) pred_start[g->succ[i] + 1]++;
  for (uint32_t f = 0; f < g->nsyms; f++) pred_start[f + 1] += pred_start[f];
  uint32_t *fill = ls_xcalloc((size_t)g->nsyms + 1, sizeof(uint32_t));
  uint32_t *pred = ls_xcalloc((size_t)pred_start[g->nsyms] + 1, sizeof(uint32_t));
  for (uint32_t f = 0; f < g->nsyms; f++)
    for (uint32_t i = g->succ_start[f]; i < g->succ_start[f + 1]; i++) {
      uint32_t t = g->succ[i];
      pred[pred_start[t] + fill[t]++] = f;
    }
  uint32_t *queue = ls_xcalloc((size_t)g->nsyms + 1, sizeof(uint32_t));
  size_t head = 0, tail = 0;
  queue[tail++] = target;
  while (head < tail) {
    uint32_t x = queue[head++];
    for (uint32_t i = pred_start[x]; i < pred_start[x + 1]; i++) {
      uint32_t p = pred[i];
      if (reach[p] || p == target) continue;
      reach[p] = 1;
      /* p's callers reach target through p only when p's body is walked */
      if (ls_graph_enters(g, p)) queue[tail++] = p;
    }
  }
  free(queue);
  free(pred);
  free(fill);
  free(pred_start);
}

static void answer(ls_graph *g, const ls_findings_options *fo, uint32_t f, ls_why_answer *a) {
  a->function = ls_xstrdup(ls_graph_name(g, f));
  if (g->def_file && g->def_file[f]) {
    const char *abs = ls_graph_file(g, g->def_file[f]);
    const char *rel = ls_path_under(abs, fo->srcroot);
    a->defined = ls_xstrdup(rel ? rel : abs);
  }
  if (ls_findings_path_to(g, fo, f, &a->steps, &a->nsteps, &a->root) == 0) return;
  uint8_t *reach = ls_xcalloc((size_t)g->nsyms + 1, 1);
  reaching(g, f, reach);
  LS_VEC(ls_step) workers = {0};
  for (size_t r = 0; r < g->roots.len; r++) {
    const ls_groot *root = &g->roots.items[r];
    if (root->context != LS_CTX_WORKER || !(reach[root->func] || root->func == f)) continue;
    ls_step *s = ls_findings_registration(g, fo, (uint32_t)r);
    LS_VEC_PUSH(&workers, *s);
    free(s);
  }
  a->workers = workers.items;
  a->nworkers = workers.len;
  free(reach);
}

static void visit(void *cp, ls_graph *g, const ls_findings_options *fo) {
  why_ctx *c = cp;
  LS_VEC(ls_why_answer) out = {0};
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->sym_name[f] || strcmp(g->sym_name[f], c->func) != 0)
      continue;
    ls_why_answer a = {0};
    answer(g, fo, f, &a);
    LS_VEC_PUSH(&out, a);
  }
  c->why->answers = out.items;
  c->why->nanswers = out.len;
}

int ls_scan_why(const ls_scan_options *opt, const char *func, ls_why *why, ls_report *report,
                char **err) {
  memset(why, 0, sizeof *why);
  why_ctx c = {func, why};
  ls_scan_options o = *opt;
  o.graph_visitor = visit;
  o.graph_visitor_ctx = &c;
  o.report_unused_suppressions = 0;
  if (ls_scan(&o, report, err) != 0) {
    ls_why_free(why);
    return -1;
  }
  return 0;
}

void ls_why_free(ls_why *why) {
  for (size_t i = 0; i < why->nanswers; i++) {
    ls_why_answer *a = &why->answers[i];
    free(a->function);
    free(a->defined);
    free(a->root);
    ls_steps_free(a->steps, a->nsteps);
    ls_steps_free(a->workers, a->nworkers);
  }
  free(why->answers);
  memset(why, 0, sizeof *why);
}
