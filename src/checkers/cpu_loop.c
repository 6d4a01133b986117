/* cpu_loop.c: the cost-loop checker (cpu-loop). A loop whose trip count is
 * exponential in a variable (facts.h, ls_prog_cost_loop: `for (i = 0; i <
 * (1u << cost); i++)`, `rounds = 1 << log_rounds; while (rounds--)`), in a
 * function reachable from a loop root, is a finding at the loop with the
 * path from the root to its function: the key-stretching loop of a
 * hand-written password hash runs 2^cost rounds on the loop thread. The
 * reachability test is blocking-call's; a function a rule pack marks
 * CPU-heavy (`rule: cpu-loop`) is reported by blocking-call, at its calls. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checkers.h"

/* Whether the exponent is one identifier (`cost`), so that 2^cost needs
 * no parentheses. */
static int is_identifier(const char *s) {
  if (!*s || isdigit((unsigned char)*s)) return 0;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_') return 0;
  return 1;
}

static void run(const ls_graph *g, ls_hit_fn emit, void *ctx) {
  const ls_program *p = g->prog;
  for (size_t i = 0; p && i < p->cost_loops.len; i++) {
    const ls_prog_cost_loop *cl = &p->cost_loops.items[i];
    uint32_t fn = cl->func;
    if (!fn || fn >= g->nsyms || g->dist[fn] == LS_UNREACHED || g->nonblocking[fn]) continue;
    if (g->dist[fn] > 0 && !ls_graph_enters(g, fn)) continue;
    const char *v = cl->var;
    int bare = is_identifier(v);
    /* "loop of 2^cost iterations on the loop thread: key stretching or other
     * work exponential in 'cost' (at 14, 16384 rounds; each step of the
     * exponent doubles it)" */
    char *msg = ls_xasprintf("loop of 2^%s%s%s iterations on the loop thread: key stretching or "
                             "other work exponential in '%s' (at 14, 16384 rounds; each step of "
                             "the exponent doubles it)",
                             bare ? "" : "(", v, bare ? "" : ")", v);
    ls_hit hit = {LS_NO_INDEX, ls_rule_id(LS_RULE_CPU_LOOP), msg, ls_graph_name(g, fn), 1,
                  {fn, cl->file, cl->line, cl->col, cl->end_line, cl->end_col}, LS_NO_INDEX};
    emit(ctx, &hit);
  }
}

const ls_checker ls_checker_cpu_loop = {
    "cost-loop",
    "loops whose trip count is exponential in a variable (1 << cost, pow(2, n)) in functions "
    "reachable from a loop root",
    run};
