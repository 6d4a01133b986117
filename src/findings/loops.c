/* loops.c: the event loops the graph found in the code (src/graph/loops.c)
 * as the report lists them (loops.h): the function, where it waits and in
 * what, and the slots it calls through, by place in the source. */
#include "loops.h"

#include <stdlib.h>
#include <string.h>

static int cmp_loop(const void *a, const void *b) {
  const ls_loop_found *x = a, *y = b;
  int r = strcmp(x->loc.path, y->loc.path);
  if (!r) r = (x->loc.line > y->loc.line) - (x->loc.line < y->loc.line);
  if (!r) r = (x->loc.col > y->loc.col) - (x->loc.col < y->loc.col);
  if (!r) r = strcmp(x->function, y->function);
  return r;
}

void ls__report_loops(const ls_graph *g, const ls_findings_options *opt, ls_report *report) {
  if (!g->loops.len) return;
  ls_loop_found *out = ls_xcalloc(g->loops.len, sizeof *out);
  for (size_t i = 0; i < g->loops.len; i++) {
    const ls_gloop *L = &g->loops.items[i];
    ls_loop_found *f = &out[i];
    const ls_gcall *w = L->wait_call != LS_NO_INDEX ? &g->calls.items[L->wait_call] : NULL;
    const char *abs = ls_graph_file(g, w ? w->file : g->def_file[L->func]);
    const char *rel = ls_path_under(abs, opt->srcroot);
    f->loc = (ls_location){ls_xstrdup(rel ? rel : abs), w ? w->line : 0, w ? w->col : 0,
                           w ? w->end_line : 0, w ? w->end_col : 0};
    f->function = ls_xstrdup(ls_graph_name(g, L->func));
    const char *wait = L->wait_func ? ls_graph_name(g, L->wait_func) : NULL;
    if (wait && L->via) f->wait = ls_xasprintf("%s, through '%s'", wait, ls_graph_name(g, L->via));
    else if (wait) f->wait = ls_xstrdup(wait);
    else f->wait = ls_xstrdup("none found");
    f->named = L->named;
    f->nslots = L->nslots;
    f->slots = ls_xcalloc(L->nslots + 1, sizeof *f->slots);
    for (uint32_t k = 0; k < L->nslots; k++)
      f->slots[k] = ls_xstrdup(ls_graph_name(g, g->loop_slots.items[L->first_slot + k]));
  }
  qsort(out, g->loops.len, sizeof *out, cmp_loop);
  report->loops = out;
  report->nloops = g->loops.len;
}
