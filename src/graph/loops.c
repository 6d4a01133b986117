/* loops.c: event loops written in the analyzed code (internal.h), found
 * by their shape, so that a server on its own poll/epoll/select loop gets
 * findings with no rule pack.
 *
 * A wait is a call to one of the packs' `event_loops: waits:` (epoll_wait,
 * poll, select, kevent, ...), unless it waits on one descriptor (poll's
 * count the constant 1), or a call to a thin wrapper: a function that makes
 * such a call directly and is not a loop itself (Redis's aeApiPoll). A
 * function is an event loop when, after a wait, it handles what is ready:
 *   - the wait is inside a loop statement, and that outermost loop also
 *     makes a call through a field or variable, or to a function defined
 *     in the program: its region is that loop;
 *   - or the wait is in no loop, and a call through a field or variable
 *     comes after it (a dispatcher called from a loop elsewhere, like
 *     aeProcessEvents): its region is everything after the wait. A loop
 *     statement elsewhere that calls such a dispatcher is a loop too, with
 *     that loop statement as its region (aeMain's `while (!stop)`).
 * A function a pack names in `event_loops: loops:` is a loop whatever its
 * shape; its region is the loops around its waits, or its whole body. The
 * loop libraries' own functions (`loop_handles: library:`, uv__io_poll) are
 * not looked at: their loops are the ones their packs describe.
 *
 * What a loop does in its region runs on the loop's thread, in whatever
 * thread runs the loop: the loop function is a loop root whose calls
 * outside the region (set-up before the loop, clean-up after it, the wait
 * itself) are not loop code (g->call_off_loop), and every field or
 * variable it calls through in its region is a loop slot, so what stores a
 * function there (directly or through a wrapper's parameter) registers a
 * loop callback.
 *
 * Not seen: a loop whose wait is two wrappers deep, a wait through a
 * function pointer, and loops that dispatch by a switch on a message type
 * to code that makes no call through a pointer and is not in the loop
 * statement. Mistaken: a retry loop around a wait whose condition calls a
 * function of the program (`while (r < 0 && interrupted(errno))`) counts
 * as handling, so that function is taken for the loop; only the first loop
 * statement of a function that calls a dispatcher is its region. One pass over the calls, twice: linear in the program.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct loops_state {
  ls_graph *g;
  const ls_loop_wait **wait_of;  /* by sym: the wait a library function is */
  uint8_t *wrapper;              /* by sym: waits directly, is no loop */
  uint8_t *is_loop;              /* by sym: found to be a loop */
  uint8_t *waits;                /* by call: the call waits */
  uint32_t *by_caller_start;     /* CSR of call indexes by caller */
  uint32_t *by_caller;
} loops_state;

static int is_indirect(const ls_gcall *c) {
  return c->via_kind == LS_VIA_FIELD || c->via_kind == LS_VIA_VAR || c->via_kind == LS_VIA_OTHER;
}

/* Whether call c waits in a library wait on more than one descriptor. */
static int waits_in_primitive(loops_state *s, uint32_t ci, uint32_t *prim) {
  const ls_graph *g = s->g;
  const ls_gcall *c = &g->calls.items[ci];
  for (uint32_t t = 0; t < c->ntargets; t++) {
    uint32_t f = g->targets.items[c->first_target + t];
    const ls_loop_wait *w = s->wait_of[f];
    if (!w) continue;
    /* poll(&p, 1, ms) waits on one descriptor, select(0, NULL, NULL, NULL,
     * &tv) on none; poll(fds, n, 0) only checks */
    const ls_prog_call *pc = &g->prog->calls.items[ci];
    int not_loop = 0;
    for (uint32_t k = 0; k < pc->nargs; k++) {
      const ls_prog_arg *a = &g->prog->args.items[pc->first_arg + k];
      if (a->kind != LS_ARG_INT) continue;
      if (w->one_arg >= 0 && a->idx == (uint32_t)w->one_arg && a->ival == 1) not_loop = 1;
      if (w->timeout_arg >= 0 && a->idx == (uint32_t)w->timeout_arg && a->ival == 0) not_loop = 1;
      if (w->count_arg >= 0 && a->idx == (uint32_t)w->count_arg && a->ival == 0) not_loop = 1;
    }
    if (not_loop) continue;
    *prim = f;
    return 1;
  }
  return 0;
}

static int waits_in_wrapper(loops_state *s, uint32_t ci, uint32_t *via) {
  const ls_gcall *c = &s->g->calls.items[ci];
  for (uint32_t t = 0; t < c->ntargets; t++) {
    uint32_t f = s->g->targets.items[c->first_target + t];
    if (s->wrapper[f]) {
      *via = f;
      return 1;
    }
  }
  return 0;
}

/* Whether call b starts after call a ends (both in one function). */
static int after(const ls_graph *g, const ls_gcall *a, const ls_gcall *b) {
  int r = ls__cmp_site(g, a->file, a->end_line, a->end_col, b->file, b->line, b->col);
  return r <= 0;
}

/* Whether call c, in the region of wait w, handles what is ready. */
static int handles(const ls_graph *g, const ls_gcall *w, const ls_gcall *c) {
  if (is_indirect(c)) return 1;
  if (!w->loop) return 0;
  for (uint32_t t = 0; t < c->ntargets; t++)
    if (g->def_file[g->targets.items[c->first_target + t]]) return 1;
  return 0;
}

static int in_region(const ls_graph *g, const ls_gcall *w, const ls_gcall *c) {
  return w->loop ? c->loop == w->loop : after(g, w, c);
}

/* Adds the fields and variables called through in f's region (the calls
 * of f not marked off the loop) to the loop slots of loop L. */
static void region_slots(ls_graph *g, const loops_state *s, uint32_t f, ls_gloop *L) {
  L->first_slot = (uint32_t)g->loop_slots.len;
  for (uint32_t i = s->by_caller_start[f]; i < s->by_caller_start[f + 1]; i++) {
    uint32_t ci = s->by_caller[i];
    const ls_gcall *c = &g->calls.items[ci];
    if (g->call_off_loop[ci] || !(c->via_kind == LS_VIA_FIELD || c->via_kind == LS_VIA_VAR) ||
        !c->via)
      continue;
    int seen = 0;
    for (uint32_t k = L->first_slot; k < g->loop_slots.len && !seen; k++)
      seen = g->loop_slots.items[k] == c->via;
    if (seen) continue;
    LS_VEC_PUSH(&g->loop_slots, c->via);
    if (!g->slot_context[c->via]) g->slot_context[c->via] = LS_CTX_LOOP;
  }
  L->nslots = (uint32_t)g->loop_slots.len - L->first_slot;
}

/* Whether wait call wi of f handles something in its region. */
static int wait_handles(const loops_state *s, uint32_t f, uint32_t wi) {
  const ls_graph *g = s->g;
  const ls_gcall *w = &g->calls.items[wi];
  for (uint32_t j = s->by_caller_start[f]; j < s->by_caller_start[f + 1]; j++) {
    uint32_t ci = s->by_caller[j];
    const ls_gcall *c = &g->calls.items[ci];
    if (!s->waits[ci] && in_region(g, w, c) && handles(g, w, c)) return 1;
  }
  return 0;
}

/* Records function f as a loop when it is one: its regions are those of
 * its waits that handle something (all of its waits when `named`; its
 * whole body when named and it waits nowhere). Returns 1 when f is a loop. */
static int try_loop(loops_state *s, uint32_t f, int named) {
  ls_graph *g = s->g;
  uint32_t lo = s->by_caller_start[f], hi = s->by_caller_start[f + 1];
  LS_VEC(uint32_t) counted = {0}; /* the waits whose regions are loop code */
  int any_wait = 0;
  for (uint32_t i = lo; i < hi; i++) {
    uint32_t wi = s->by_caller[i];
    if (!s->waits[wi]) continue;
    any_wait = 1;
    if (named || wait_handles(s, f, wi)) LS_VEC_PUSH(&counted, wi);
  }
  if (!counted.len && !(named && !any_wait)) return 0;
  uint32_t first = LS_NO_INDEX;
  for (size_t k = 0; k < counted.len; k++)
    if (first == LS_NO_INDEX || ls__call_before(g, counted.items[k], first)) first = counted.items[k];
  for (uint32_t i = lo; i < hi; i++) {
    uint32_t ci = s->by_caller[i];
    int in = !any_wait;
    for (size_t k = 0; k < counted.len && !in && !s->waits[ci]; k++)
      in = in_region(g, &g->calls.items[counted.items[k]], &g->calls.items[ci]);
    g->call_off_loop[ci] = (uint8_t)!in;
  }
  LS_VEC_FREE(&counted);
  ls_gloop L = {f, first, 0, 0, 0, 0, (uint8_t)named, 0};
  uint32_t v = 0;
  if (first != LS_NO_INDEX && !waits_in_primitive(s, first, &L.wait_func) &&
      waits_in_wrapper(s, first, &v)) {
    /* the library wait the wrapper makes */
    for (uint32_t k = s->by_caller_start[v]; k < s->by_caller_start[v + 1] && !L.wait_func; k++)
      waits_in_primitive(s, s->by_caller[k], &L.wait_func);
    L.via = v;
  }
  region_slots(g, s, f, &L);
  LS_VEC_PUSH(&g->loops, L);
  s->is_loop[f] = 1;
  return 1;
}

/* A loop statement that calls a dispatcher whose waits are in no loop of
 * its own (aeMain around aeProcessEvents): its function is a loop too,
 * whose region is that loop statement less the call itself. One pass over
 * the calls. */
static void enclosing_loops(loops_state *s) {
  ls_graph *g = s->g;
  size_t nfound = g->loops.len;
  uint32_t *dispatcher = ls_xcalloc(g->nsyms, sizeof(uint32_t)); /* loop index + 1 */
  for (size_t li = 0; li < nfound; li++) {
    const ls_gloop *D = &g->loops.items[li];
    if (D->wait_call != LS_NO_INDEX && !g->calls.items[D->wait_call].loop)
      dispatcher[D->func] = (uint32_t)li + 1;
  }
  for (size_t ci = 0; ci < g->calls.len; ci++) {
    const ls_gcall *c = &g->calls.items[ci];
    if (!c->loop || s->is_loop[c->caller]) continue;
    uint32_t d = 0;
    for (uint32_t t = 0; t < c->ntargets && !d; t++)
      d = dispatcher[g->targets.items[c->first_target + t]];
    if (!d) continue;
    uint32_t C = c->caller;
    for (uint32_t i = s->by_caller_start[C]; i < s->by_caller_start[C + 1]; i++) {
      uint32_t k = s->by_caller[i];
      g->call_off_loop[k] = (uint8_t)(k == ci || g->calls.items[k].loop != c->loop);
    }
    const ls_gloop *D = &g->loops.items[d - 1];
    ls_gloop L = {C, (uint32_t)ci, D->wait_func, D->func, 0, 0, 0, d};
    region_slots(g, s, C, &L);
    LS_VEC_PUSH(&g->loops, L);
    s->is_loop[C] = 1;
  }
  free(dispatcher);
}

void ls__find_loops(builder *b) {
  ls_graph *g = b->g;
  const ls_catalogue *cat = g->cat;
  size_t n = g->nsyms, nc = g->calls.len;
  g->call_off_loop = ls_xcalloc(nc + 1, 1);
  int detect = !cat->loops_detect_off && cat->nloop_waits;
  if (!detect && !cat->nloop_functions) return;
  loops_state s = {0};
  s.g = g;
  s.wait_of = ls_xcalloc(n, sizeof *s.wait_of);
  s.wrapper = ls_xcalloc(n, 1);
  s.is_loop = ls_xcalloc(n, 1);
  s.waits = ls_xcalloc(nc + 1, 1);
  for (uint32_t f = 1; f < n; f++)
    if (g->sym_kind[f] == LS_SYM_FUNC && g->sym_name[f] && !g->def_file[f])
      s.wait_of[f] = ls_catalogue_loop_wait(cat, g->sym_name[f]);
  s.by_caller_start = ls_xcalloc(n + 1, sizeof(uint32_t));
  s.by_caller = ls_xcalloc(nc + 1, sizeof(uint32_t));
  for (size_t i = 0; i < nc; i++) s.by_caller_start[g->calls.items[i].caller + 1]++;
  for (size_t f = 0; f < n; f++) s.by_caller_start[f + 1] += s.by_caller_start[f];
  uint32_t *fill = ls_xcalloc(n + 1, sizeof(uint32_t));
  for (size_t i = 0; i < nc; i++) {
    uint32_t c = g->calls.items[i].caller;
    s.by_caller[s.by_caller_start[c] + fill[c]++] = (uint32_t)i;
  }
  free(fill);

  /* Pass 1: waits in library calls; the functions they make loops, and
   * the thin wrappers they do not. */
  uint32_t found;
  for (size_t i = 0; i < nc; i++)
    s.waits[i] = (uint8_t)waits_in_primitive(&s, (uint32_t)i, &found);
  for (uint32_t f = 1; f < n && detect; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->def_file[f] ||
        ls_catalogue_names_loop(cat, g->sym_name[f]) ||
        ls_catalogue_is_loop_library(cat, g->sym_name[f]))
      continue;
    int has_wait = 0;
    for (uint32_t i = s.by_caller_start[f]; i < s.by_caller_start[f + 1] && !has_wait; i++)
      has_wait = s.waits[s.by_caller[i]];
    if (has_wait && !try_loop(&s, f, 0)) s.wrapper[f] = 1;
  }
  /* Pass 2: waits through a wrapper, the loops they make, and the loops
   * the packs name. */
  for (size_t i = 0; i < nc; i++)
    if (!s.waits[i] && waits_in_wrapper(&s, (uint32_t)i, &found)) s.waits[i] = 2;
  for (uint32_t f = 1; f < n; f++) {
    if (g->sym_kind[f] != LS_SYM_FUNC || !g->def_file[f] || s.is_loop[f] || s.wrapper[f]) continue;
    int named = ls_catalogue_names_loop(cat, g->sym_name[f]);
    if (!named && ls_catalogue_is_loop_library(cat, g->sym_name[f])) continue;
    int through = 0;
    for (uint32_t i = s.by_caller_start[f]; i < s.by_caller_start[f + 1] && !through; i++)
      through = s.waits[s.by_caller[i]] == 2;
    if (named || (through && detect)) try_loop(&s, f, named);
  }
  if (detect) enclosing_loops(&s);
  free(s.wait_of);
  free(s.wrapper);
  free(s.is_loop);
  free(s.waits);
  free(s.by_caller_start);
  free(s.by_caller);
}
