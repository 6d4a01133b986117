/* gen_facts.c: writes a synthetic program's facts straight into a lagscan
 * fact store, through the store's own API (src/store/include/store.h), so the graph,
 * rules and findings phases can be timed on a program far larger than any
 * corpus at hand, without parsing anything.
 *
 *   gen_facts --db PATH [--tus N] [--edges E] [--funcs-per-tu F] [--seed S]
 *
 * The program (defaults: 10,000 TUs, 1,000,000 call edges, 10 functions per
 * TU) has the shape of a real one, per TU:
 *   - F functions, half of them static (keys qualified by the file, as
 *     extract.c does), each with about E / (N * F) call sites;
 *   - calls: 70% to a function of the same TU, the rest to an external
 *     function of a random TU, and per 10,000 calls:
 *       100 blocking calls (read, sleep, fsync, getaddrinfo, waitpid; half of
 *           the waitpid calls pass WNOHANG, which the rule pack excuses),
 *        50 registrations, uv_timer_start(handle, cb, 0, 0), whose callback
 *           flows into the registration slot P:c:@F@uv_timer_start#1,
 *       100 calls through one of 100 struct fields (ops_K.handler), which
 *           file-scope initializers fill with about 10 functions each,
 *        50 calls through a function pointer of one of 20 types (resolved by
 *           type against address-taken functions of that type),
 *         5 tl_next_tick(loop, f) calls, a next-tick slot (annotated as
 *           tickloop's header does), some of which close cycles;
 *        10 epoll_wait calls in a loop statement, which the field calls share:
 *           the functions that have both are event loops found in the code;
 *   - a few included headers (tu_include rows).
 * A deterministic generator (xorshift, --seed) makes runs comparable.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts.h"
#include "store.h"
#include "common.h"

#define NONE UINT32_MAX
#define NFIELDS 100
#define NTYPES 20

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static uint32_t below(uint32_t n) { return (uint32_t)(rnd() % n); }

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct gen {
  uint32_t ntus, nfuncs;   /* functions per TU */
  uint64_t edges;
} gen;

static char *src_path(uint32_t tu) { return ls_xasprintf("/synthetic/src/tu_%05u.c", tu); }

/* The key and name of function k of TU tu (static for k < nfuncs / 2). */
static uint32_t func_sym(ls_facts *f, const gen *g, uint32_t tu, uint32_t k) {
  char *key, *name;
  if (k < g->nfuncs / 2) {
    key = ls_xasprintf("/synthetic/src/tu_%05u.c|c:tu_%05u.c@F@s_%u_%u", tu, tu, tu, k);
    name = ls_xasprintf("s_%u_%u", tu, k);
  } else {
    key = ls_xasprintf("c:@F@f_%u_%u", tu, k);
    name = ls_xasprintf("f_%u_%u", tu, k);
  }
  uint32_t s = ls_facts_sym(f, key, name, LS_SYM_FUNC);
  free(key);
  free(name);
  return s;
}

static uint32_t extern_sym(ls_facts *f, const char *name) {
  char *key = ls_xasprintf("c:@F@%s", name);
  uint32_t s = ls_facts_sym(f, key, name, LS_SYM_FUNC);
  free(key);
  return s;
}

static uint32_t param_sym(ls_facts *f, const char *func, int i) {
  char *key = ls_xasprintf("P:c:@F@%s#%d", func, i), *name = ls_xasprintf("%s#%d", func, i);
  uint32_t s = ls_facts_sym(f, key, name, LS_SYM_PARAM);
  free(key);
  free(name);
  return s;
}

static uint32_t field_sym(ls_facts *f, uint32_t k) {
  char *key = ls_xasprintf("F:c:@S@ops_%u@FI@handler", k), *name = ls_xasprintf("ops_%u.handler", k);
  uint32_t s = ls_facts_sym(f, key, name, LS_SYM_FIELD);
  free(key);
  free(name);
  return s;
}

static uint32_t type_str(ls_facts *f, uint32_t t) {
  char *s = ls_xasprintf("int (struct t%u *)", t);
  uint32_t i = ls_facts_str(f, s);
  free(s);
  return i;
}

/* The type of function k of a TU: a few per TU have one of the NTYPES
 * pointer types (and have their address taken), the rest are plain. */
static int typed_func(const gen *g, uint32_t tu, uint32_t k) {
  return k == g->nfuncs - 1 && tu % 10 == 0;
}

static void push_arg(ls_facts *f, ls_arg_kind kind, uint32_t sym, int64_t ival, const char *text) {
  ls_fact_arg a = {.kind = kind, .sym = sym, .ival = ival,
                   .text = text ? ls_facts_str(f, text) : NONE};
  LS_VEC_PUSH(&f->args, a);
}

static void add_call(ls_facts *f, uint32_t caller, uint32_t callee, ls_via_kind via_kind,
                     uint32_t via, uint32_t fntype, ls_fact_loc loc, uint32_t first_arg,
                     uint32_t nargs) {
  ls_fact_call c = {.caller = caller, .callee = callee, .via_kind = via_kind, .via = via,
                    .fntype = fntype, .loc = loc, .first_arg = first_arg, .nargs = nargs,
                    .result = UINT32_MAX, .guards = UINT32_MAX, .ends_in = UINT32_MAX,
                    .ends_in2 = UINT32_MAX};
  LS_VEC_PUSH(&f->calls, c);
}

/* Fills the facts of TU `tu` with `ncalls` call sites. */
static void make_tu(const gen *g, uint32_t tu, uint64_t ncalls, ls_facts *f) {
  char *path = src_path(tu);
  uint32_t file = ls_facts_str(f, path);
  free(path);
  uint32_t *funcs = ls_xcalloc(g->nfuncs, sizeof(uint32_t));
  for (uint32_t k = 0; k < g->nfuncs; k++) {
    funcs[k] = func_sym(f, g, tu, k);
    uint32_t type = typed_func(g, tu, k) ? type_str(f, tu / 10 % NTYPES) : ls_facts_str(f, "void (void *)");
    ls_fact_func fn = {.sym = funcs[k],
                       .loc = {file, 10 + k * 1000, 6, 10 + k * 1000, 12},
                       .is_def = 1,
                       .type = type,
                       .ret = UINT32_MAX};
    LS_VEC_PUSH(&f->funcs, fn);
    if (typed_func(g, tu, k)) {
      /* its address escapes (stored somewhere we do not model) */
      ls_fact_flow fl = {.src = funcs[k], .dst = NONE, .func = NONE, .loc = {file, 5, 1, 5, 1}};
      LS_VEC_PUSH(&f->flows, fl);
    }
  }
  /* File-scope initializers that fill the ops fields: one per TU. */
  {
    uint32_t k = g->nfuncs / 2 + below(g->nfuncs - g->nfuncs / 2);
    ls_fact_flow fl = {.src = funcs[k], .dst = field_sym(f, tu % NFIELDS), .func = NONE,
                       .loc = {file, 3, 1, 3, 1}};
    LS_VEC_PUSH(&f->flows, fl);
  }
  static const char *const blocking[] = {"read", "sleep", "fsync", "getaddrinfo", "waitpid"};
  for (uint64_t i = 0; i < ncalls; i++) {
    uint32_t k = (uint32_t)(i % g->nfuncs);
    uint32_t caller = funcs[k];
    ls_fact_loc loc = {file, 10 + k * 1000 + 1 + (uint32_t)(i / g->nfuncs), 5, 0, 30};
    loc.end_line = loc.line;
    uint32_t dice = below(10000);
    uint32_t first = (uint32_t)f->args.len;
    if (dice < 100) {
      const char *name = blocking[dice % 5];
      uint32_t callee = extern_sym(f, name);
      if (!strcmp(name, "waitpid")) {
        push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
        push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
        if (dice % 2)
          push_arg(f, LS_ARG_INT, NONE, 1, "WNOHANG");
        else
          push_arg(f, LS_ARG_INT, NONE, 0, "0");
        add_call(f, caller, callee, LS_VIA_DIRECT, NONE, NONE, loc, first, 3);
      } else {
        add_call(f, caller, callee, LS_VIA_DIRECT, NONE, NONE, loc, first, 0);
      }
    } else if (dice < 150) {
      /* uv_timer_start(handle, cb, 0, 0) with a callback of a random TU */
      uint32_t cbtu = below(g->ntus);
      uint32_t cb = func_sym(f, g, cbtu, g->nfuncs / 2);
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
      push_arg(f, LS_ARG_FUNC, cb, 0, NULL);
      push_arg(f, LS_ARG_INT, NONE, 0, "0");
      push_arg(f, LS_ARG_INT, NONE, 0, "0");
      add_call(f, caller, extern_sym(f, "uv_timer_start"), LS_VIA_DIRECT, NONE, NONE, loc, first, 4);
      ls_fact_flow fl = {.src = cb, .dst = param_sym(f, "uv_timer_start", 1), .func = caller,
                         .loc = loc};
      LS_VEC_PUSH(&f->flows, fl);
    } else if (dice < 250) {
      add_call(f, caller, NONE, LS_VIA_FIELD, field_sym(f, below(NFIELDS)),
               ls_facts_str(f, "void (void *)"), loc, first, 1);
      f->calls.items[f->calls.len - 1].loop = 1; /* in the function's first loop */
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
    } else if (dice < 300) {
      add_call(f, caller, NONE, LS_VIA_OTHER, NONE, type_str(f, below(NTYPES)), loc, first, 1);
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
    } else if (dice < 305) {
      /* tl_next_tick(loop, f): f of this TU, which may call back to caller */
      uint32_t target = funcs[below(g->nfuncs)];
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
      push_arg(f, LS_ARG_FUNC, target, 0, NULL);
      add_call(f, caller, extern_sym(f, "tl_next_tick"), LS_VIA_DIRECT, NONE, NONE, loc, first, 2);
      ls_fact_flow fl = {.src = target, .dst = param_sym(f, "tl_next_tick", 1), .func = caller,
                         .loc = loc};
      LS_VEC_PUSH(&f->flows, fl);
    } else if (dice < 315) {
      /* epoll_wait(ep, events, 64, timeout) in the function's first loop:
       * with a call through a field there, the function is an event loop */
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
      push_arg(f, LS_ARG_OTHER, NONE, 0, NULL);
      push_arg(f, LS_ARG_INT, NONE, 64, "64");
      add_call(f, caller, extern_sym(f, "epoll_wait"), LS_VIA_DIRECT, NONE, NONE, loc, first, 3);
      f->calls.items[f->calls.len - 1].loop = 1;
    } else if (dice < 7300 || g->ntus == 1) {
      add_call(f, caller, funcs[below(g->nfuncs)], LS_VIA_DIRECT, NONE, NONE, loc, first, 0);
    } else {
      uint32_t other = below(g->ntus);
      uint32_t m = g->nfuncs / 2 + below(g->nfuncs - g->nfuncs / 2);
      add_call(f, caller, func_sym(f, g, other, m), LS_VIA_DIRECT, NONE, NONE, loc, first, 0);
    }
  }
  /* tickloop's header annotates tl_next_tick's callback as a next-tick slot. */
  ls_fact_annot an = {.sym = param_sym(f, "tl_next_tick", 1), .kind = LS_ANNOT_NEXT_TICK,
                      .arg = NONE};
  LS_VEC_PUSH(&f->annots, an);
  char *inc = ls_xasprintf("/synthetic/include/mod_%02u.h", tu % 50);
  LS_VEC_PUSH(&f->includes, ls_facts_str(f, inc));
  LS_VEC_PUSH(&f->includes, ls_facts_str(f, "/synthetic/include/common.h"));
  free(inc);
  free(funcs);
}

static const char usage[] =
    "usage: gen_facts --db PATH [--tus N] [--edges E] [--funcs-per-tu F] [--seed S]\n"
    "\n"
    "Writes a synthetic program of N translation units (default 10000) with E call\n"
    "edges (default 1000000) into the lagscan fact database PATH (which must not\n"
    "exist yet), for bench/bench_graph.\n";

int main(int argc, char **argv) {
  gen g = {10000, 10, 1000000};
  const char *db = NULL;
  enum { OPT_DB = 256, OPT_TUS, OPT_EDGES, OPT_FUNCS, OPT_SEED };
  static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                       {"tus", required_argument, NULL, OPT_TUS},
                                       {"edges", required_argument, NULL, OPT_EDGES},
                                       {"funcs-per-tu", required_argument, NULL, OPT_FUNCS},
                                       {"seed", required_argument, NULL, OPT_SEED},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case OPT_DB: db = optarg; break;
    case OPT_TUS: g.ntus = (uint32_t)strtoul(optarg, NULL, 10); break;
    case OPT_EDGES: g.edges = strtoull(optarg, NULL, 10); break;
    case OPT_FUNCS: g.nfuncs = (uint32_t)strtoul(optarg, NULL, 10); break;
    case OPT_SEED: rng_state ^= strtoull(optarg, NULL, 10) * 0x9E3779B97F4A7C15ULL; break;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return 2;
    }
  }
  if (!db || g.ntus < 1 || g.nfuncs < 2 || optind != argc) {
    fputs(usage, stderr);
    return 2;
  }
  FILE *probe = fopen(db, "r");
  if (probe) {
    fclose(probe);
    fprintf(stderr, "gen_facts: '%s' exists; give a new path\n", db);
    return 2;
  }
  ls_store *store;
  char *err = NULL;
  if (ls_store_open(db, &store, &err) != 0) {
    fprintf(stderr, "gen_facts: %s\n", err);
    free(err);
    return 2;
  }
  double t0 = now_s();
  uint64_t written = 0;
  for (uint32_t tu = 0; tu < g.ntus; tu++) {
    uint64_t ncalls = g.edges / g.ntus + (tu < g.edges % g.ntus ? 1 : 0);
    ls_facts f = {0};
    make_tu(&g, tu, ncalls, &f);
    written += f.calls.len;
    ls_tu_input in = {0};
    in.file = src_path(tu);
    in.directory = "/synthetic";
    char *args[] = {"cc", "-c", in.file};
    in.argv = args;
    in.argc = 3;
    in.key = ls_xasprintf("%s\n/synthetic\n-c\n%s", in.file, in.file);
    int64_t id = 0;
    if (ls_store_put_tu(store, &in, &f, LS_TU_OK, NULL, 0, &id, &err) != 0) {
      fprintf(stderr, "gen_facts: %s\n", err);
      return 2;
    }
    free(in.key);
    free(in.file);
    ls_facts_free(&f);
  }
  ls_store_close(store);
  printf("gen_facts: %u TUs, %llu call edges, %u functions per TU, %.1f s -> %s\n", g.ntus,
         (unsigned long long)written, g.nfuncs, now_s() - t0, db);
  return 0;
}
