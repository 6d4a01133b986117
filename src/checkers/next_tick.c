/* next_tick.c: the next-tick cycle checker. A function scheduled on a
 * queue that drains completely before the loop returns to I/O (a next-tick
 * slot: process.nextTick's kind), from within a cycle of calls and
 * schedules that leads back to it, keeps the queue from ever emptying:
 * timers and I/O starve. Cycles are strongly connected components of the
 * call graph plus the schedule edges (Tarjan, iterative). */
#include <stdlib.h>
#include <string.h>

#include "checkers.h"

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

static void run(const ls_graph *g, ls_hit_fn emit, void *ctx) {
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
    char *api = ls_graph_slot_owner(g, e->slot);
    char *via = through ? ls_xasprintf(" (through '%s')", ls_graph_name(g, through)) : ls_xstrdup("");
    char *msg;
    if (from == e->to)
      msg = ls_xasprintf("'%s' re-schedules itself with '%s'%s: the queue drains completely "
                         "before the loop returns to timers and I/O, so it never empties and the "
                         "loop starves",
                         ls_graph_name(g, from), api, via);
    else
      msg = ls_xasprintf("'%s' schedules '%s' with '%s'%s, which leads back to '%s': the cycle "
                         "keeps the next-tick queue from ever emptying, so timers and I/O starve",
                         ls_graph_name(g, from), ls_graph_name(g, e->to), api, via, ls_graph_name(g, from));
    free(via);
    ls_hit hit = {call_index, ls_rule_id(LS_RULE_NEXT_TICK_RECURSION), msg, api, 0, {0}, LS_NO_INDEX};
    emit(ctx, &hit);
    free(api);
  }
  free(comp);
  free(start);
  LS_VEC_FREE(&s);
}

const ls_checker ls_checker_next_tick = {
    "next-tick-cycle",
    "a function that re-schedules itself on a next-tick queue, directly or through a cycle "
    "of calls and schedules",
    run};
