/* test_graph.c: the graph stage alone (src/graph), on programs written here
 * as facts (facts.h, ls_program), the way the store would hand them over:
 * no libclang, no SQLite, no files but a small rule pack. Roots, wrappers,
 * worker contexts, shortest paths, indirect calls through fields and by
 * type, "also reaches" roots chosen for being different, and independence
 * from the order ids were handed out in. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings.h"
#include "graph.h"
#include "program.h"

/* ---- tests ------------------------------------------------------------------ */

/* main registers on_timer directly and other through a wrapper; work runs on
 * the pool; startup runs before the loop. deep sleeps. */
static void write_server(builder *b) {
  uint32_t src = file(b, "/p/server.c");
  uint32_t sleep_fn = fn(b, "sleep", 0, 0, NULL);
  uint32_t loop_start = fn(b, "loop_start", 0, 0, NULL), pool_run = fn(b, "pool_run", 0, 0, NULL);
  uint32_t deep = fn(b, "deep", src, 1, "void (void)"), mid = fn(b, "mid", src, 2, "void (void)");
  uint32_t on_timer = fn(b, "on_timer", src, 3, "void (void *)");
  uint32_t wrap = fn(b, "wrap", src, 4, "void (void *)");
  uint32_t other = fn(b, "other", src, 5, "void (void *)");
  uint32_t work = fn(b, "work", src, 6, "void (void *)");
  uint32_t startup = fn(b, "startup", src, 7, "void (void)");
  uint32_t main_fn = fn(b, "main", src, 8, "int (void)");
  uint32_t wrap_cb = param(b, "wrap", 1);
  uint32_t loop_cb = param(b, "loop_start", 1), pool_cb = param(b, "pool_run", 1);
  call(b, deep, sleep_fn, src, 1);
  call(b, mid, deep, src, 2);
  call(b, on_timer, mid, src, 3);
  call(b, wrap, loop_start, src, 4);
  flow(b, wrap_cb, loop_cb, wrap, src, 4); /* wrap passes its parameter on */
  call(b, other, deep, src, 5);
  call(b, work, sleep_fn, src, 6);
  call(b, startup, sleep_fn, src, 7);
  call(b, main_fn, startup, src, 9);
  call(b, main_fn, loop_start, src, 10);
  flow(b, on_timer, loop_cb, main_fn, src, 10);
  call(b, main_fn, wrap, src, 11);
  flow(b, other, wrap_cb, main_fn, src, 11);
  call(b, main_fn, pool_run, src, 12);
  flow(b, work, pool_cb, main_fn, src, 12);
}

static void roots_and_paths(void) {
  builder b;
  builder_init(&b);
  write_server(&b);
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  uint32_t on_timer = named(&g, "on_timer"), other = named(&g, "other"), deep = named(&g, "deep"),
           work = named(&g, "work"), startup = named(&g, "startup");
  CU_ASSERT_EQUAL(g.dist[on_timer], 0);
  CU_ASSERT_EQUAL(g.dist[other], 0);  /* registered through the wrapper */
  CU_ASSERT_EQUAL(g.dist[deep], 1);   /* other -> deep, shorter than on_timer -> mid -> deep */
  CU_ASSERT_EQUAL(g.dist[work], LS_UNREACHED);
  CU_ASSERT_EQUAL(g.dist[startup], LS_UNREACHED);
  int worker_roots = 0;
  for (size_t i = 0; i < g.roots.len; i++)
    if (g.roots.items[i].context == LS_CTX_WORKER && g.roots.items[i].func == work) worker_roots++;
  CU_ASSERT_EQUAL(worker_roots, 1);

  ls_report report = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  /* Only deep's sleep is on the loop: work's is the pool's, startup's is before the loop. */
  CU_ASSERT_EQUAL_FATAL(report.nfindings, 1);
  const ls_finding *f = &report.findings[0];
  CU_ASSERT_STRING_EQUAL(f->rule_id, "sleep");
  CU_ASSERT_STRING_EQUAL(f->loc.path, "server.c");
  CU_ASSERT_EQUAL(f->loc.line, 1);
  CU_ASSERT_STRING_EQUAL(f->root, "other");
  CU_ASSERT_EQUAL_FATAL(f->nsteps, 3); /* registration, call to deep, sleep */
  CU_ASSERT_EQUAL(f->steps[0].kind, LS_STEP_REGISTRATION);
  CU_ASSERT_EQUAL(f->steps[0].loc.line, 11);
  CU_ASSERT_PTR_NOT_NULL(strstr(f->steps[0].message, "through 'wrap'"));
  CU_ASSERT_EQUAL(f->steps[1].kind, LS_STEP_CALL);
  CU_ASSERT_EQUAL(f->steps[2].kind, LS_STEP_BLOCKING);
  CU_ASSERT_EQUAL(f->nrelated, 1); /* on_timer reaches it too */
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* A call through a field reaches what is stored in the field, and only
 * that; a call through a pointer nothing flows into falls back to the
 * address-taken functions of its type. */
static void indirect_calls(void) {
  builder b;
  builder_init(&b);
  uint32_t src = file(&b, "/p/ops.c");
  uint32_t sleep_fn = fn(&b, "sleep", 0, 0, NULL), loop_start = fn(&b, "loop_start", 0, 0, NULL);
  uint32_t slow = fn(&b, "slow", src, 1, "void (int)"), fast = fn(&b, "fast", src, 2, "void (int)");
  uint32_t by_type = fn(&b, "by_type", src, 3, "void (long)");
  uint32_t on_read = fn(&b, "on_read", src, 4, "void (void *)");
  uint32_t main_fn = fn(&b, "main", src, 5, "int (void)");
  uint32_t field = sym(&b, LS_SYM_FIELD, "F:c:@S@ops@FI@handle", "ops.handle");
  uint32_t unused_field = sym(&b, LS_SYM_FIELD, "F:c:@S@ops@FI@other", "ops.other");
  uint32_t loop_cb = param(&b, "loop_start", 1);
  call(&b, slow, sleep_fn, src, 1);
  flow(&b, fast, field, main_fn, src, 6);         /* ops.handle = fast */
  flow(&b, by_type, 0, main_fn, src, 7);          /* by_type's address escapes */
  icall(&b, on_read, LS_VIA_FIELD, field, "void (int)", src, 4);        /* o->handle(1) */
  icall(&b, on_read, LS_VIA_FIELD, unused_field, "void (long)", src, 4); /* o->other(1) */
  call(&b, main_fn, loop_start, src, 8);
  flow(&b, on_read, loop_cb, main_fn, src, 8);
  (void)slow;
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  CU_ASSERT_EQUAL(g.dist[fast], 1);          /* stored in the field called through */
  CU_ASSERT_EQUAL(g.dist[slow], LS_UNREACHED); /* its address is never taken */
  CU_ASSERT_EQUAL(g.dist[by_type], 1);       /* the field nothing is stored in: by type */
  ls_report report = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  CU_ASSERT_EQUAL(report.nfindings, 0);
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* Many loop roots reach one sleep: eight callbacks registered with
 * loop_start in timers.c (a_t0 .. a_t7, first in root order), one
 * registered with loop_every in the same file (z_every) and one with
 * loop_start in zfar.c (z_far), all through mid. The path starts at a_t0;
 * the "also reaches" notes name z_every (another API) and z_far (another
 * file) before one more of the eight (a_t1), not a_t1, a_t2, a_t3. */
static void write_many_roots(builder *b) {
  uint32_t timers = file(b, "/p/timers.c"), far = file(b, "/p/zfar.c");
  uint32_t sleep_fn = fn(b, "sleep", 0, 0, NULL);
  fn(b, "loop_start", 0, 0, NULL);
  fn(b, "loop_every", 0, 0, NULL);
  uint32_t start_cb = param(b, "loop_start", 1), every_cb = param(b, "loop_every", 1);
  uint32_t shared = fn(b, "shared", timers, 1, "void (void)");
  uint32_t mid = fn(b, "mid", timers, 2, "void (void)");
  uint32_t main_fn = fn(b, "main", timers, 40, "int (void)");
  uint32_t far_init = fn(b, "far_init", far, 20, "void (void)");
  call(b, shared, sleep_fn, timers, 1);
  call(b, mid, shared, timers, 2);
  char name[16];
  for (uint32_t i = 0; i < 8; i++) {
    snprintf(name, sizeof name, "a_t%u", (unsigned)i);
    uint32_t t = fn(b, name, timers, 10 + i, "void (void *)");
    call(b, t, mid, timers, 10 + i);
    flow(b, t, start_cb, main_fn, timers, 41 + i); /* loop_start(loop, a_tI) */
  }
  uint32_t every = fn(b, "z_every", timers, 30, "void (void *)");
  call(b, every, mid, timers, 30);
  flow(b, every, every_cb, main_fn, timers, 50); /* loop_every(loop, z_every) */
  uint32_t far_cb = fn(b, "z_far", far, 1, "void (void *)");
  call(b, far_cb, mid, far, 1);
  flow(b, far_cb, start_cb, far_init, far, 21); /* loop_start(loop, z_far) in zfar.c */
}

static void other_roots_differ(void) {
  builder b;
  builder_init(&b);
  write_many_roots(&b);
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  /* shared keeps a_t0 .. a_t3 (the first four), z_every and z_far (the
   * first of their API and of their file): six of the ten roots */
  int kept = 0;
  while (kept < LS_REACH_CANDIDATES && g.reach_roots[named(&g, "shared")][kept]) kept++;
  CU_ASSERT_EQUAL(kept, 6);
  ls_report report = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  CU_ASSERT_EQUAL_FATAL(report.nfindings, 1);
  const ls_finding *f = &report.findings[0];
  CU_ASSERT_STRING_EQUAL(f->root, "a_t0");
  CU_ASSERT_EQUAL_FATAL(f->nrelated, LS_ALSO_REACHES);
  CU_ASSERT_STRING_EQUAL(f->related[0].root, "z_every"); /* another API */
  CU_ASSERT_STRING_EQUAL(f->related[0].api, "loop_every");
  CU_ASSERT_STRING_EQUAL(f->related[0].message,
                         "'z_every' (a loop callback registered here with loop_every) also "
                         "reaches this call");
  CU_ASSERT_STRING_EQUAL(f->related[1].root, "z_far"); /* another file */
  CU_ASSERT_STRING_EQUAL(f->related[1].loc.path, "zfar.c");
  CU_ASSERT_EQUAL(f->related[1].loc.line, 21);
  CU_ASSERT_STRING_EQUAL(f->related[2].root, "a_t1"); /* then the first left */
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* The report does not depend on the order the store handed ids out in:
 * the same program with its symbol and file ids written in reverse, and its
 * calls and flows too, gives the same findings, paths, fingerprints and
 * "also reaches" notes. */
static void same_report_reversed(void (*write)(builder *)) {
  builder a;
  builder_init(&a);
  write(&a);
  /* The same program with every symbol id reversed (1..n-1 -> n-1..1). */
  builder r;
  builder_init(&r);
  r.p.file_path[0] = NULL;
  uint32_t n = a.p.nsyms, nf = a.p.nfiles;
  for (uint32_t i = 1; i < n; i++) {
    uint32_t from = n - i;
    sym(&r, (ls_sym_kind)a.p.sym_kind[from], a.p.sym_key[from], a.p.sym_name[from]);
  }
  for (uint32_t i = 1; i < nf; i++) file(&r, a.p.file_path[nf - i]);
#define MAP(id) ((id) ? n - (id) : 0)
#define FMAP(id) ((id) ? nf - (id) : 0)
  for (size_t i = 0; i < a.p.funcs.len; i++) {
    ls_prog_func f = a.p.funcs.items[i];
    f.sym = MAP(f.sym);
    f.file = FMAP(f.file);
    f.type = f.type ? ls_xstrdup(f.type) : NULL;
    LS_VEC_PUSH(&r.p.funcs, f);
  }
  for (size_t i = a.p.calls.len; i-- > 0;) { /* calls in reverse too */
    ls_prog_call c = a.p.calls.items[i];
    c.caller = MAP(c.caller);
    c.callee = MAP(c.callee);
    c.via = MAP(c.via);
    c.file = FMAP(c.file);
    c.fntype = c.fntype ? ls_xstrdup(c.fntype) : NULL;
    LS_VEC_PUSH(&r.p.calls, c);
  }
  for (size_t i = a.p.flows.len; i-- > 0;) {
    ls_prog_flow f = a.p.flows.items[i];
    f.src = MAP(f.src);
    f.dst = MAP(f.dst);
    f.func = MAP(f.func);
    f.file = FMAP(f.file);
    LS_VEC_PUSH(&r.p.flows, f);
  }
#undef MAP
#undef FMAP
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_report ra = {0}, rr = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  char *err = NULL;
  ls_graph g;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &a.p, &cat, &err), 0);
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &ra, &err), 0);
  ls_graph_free(&g);
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &r.p, &cat, &err), 0);
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &rr, &err), 0);
  ls_graph_free(&g);
  CU_ASSERT_EQUAL_FATAL(ra.nfindings, rr.nfindings);
  for (size_t i = 0; i < ra.nfindings; i++) {
    const ls_finding *x = &ra.findings[i], *y = &rr.findings[i];
    CU_ASSERT_STRING_EQUAL(x->fingerprint, y->fingerprint);
    CU_ASSERT_STRING_EQUAL(x->root, y->root);
    CU_ASSERT_EQUAL_FATAL(x->nsteps, y->nsteps);
    for (size_t s = 0; s < x->nsteps; s++)
      CU_ASSERT_STRING_EQUAL(x->steps[s].message, y->steps[s].message);
    CU_ASSERT_EQUAL_FATAL(x->nrelated, y->nrelated);
    for (size_t k = 0; k < x->nrelated; k++) {
      CU_ASSERT_STRING_EQUAL(x->related[k].message, y->related[k].message);
      CU_ASSERT_STRING_EQUAL(x->related[k].loc.path, y->related[k].loc.path);
      CU_ASSERT_EQUAL(x->related[k].loc.line, y->related[k].loc.line);
    }
  }
  ls_report_free(&ra);
  ls_report_free(&rr);
  ls_catalogue_free(&cat);
  ls_program_free(&a.p);
  ls_program_free(&r.p);
}

static void independent_of_ids(void) {
  same_report_reversed(write_server);
  same_report_reversed(write_many_roots);
}

/* The front-end seam's call kinds: a virtual call reaches the static
 * callee and every override (transitively); a constructor run is a call of
 * the constructor. */
static void virtual_calls(void) {
  builder b;
  builder_init(&b);
  uint32_t src = file(&b, "/p/store.cc");
  uint32_t sleep_fn = fn(&b, "sleep", 0, 0, NULL), loop_start = fn(&b, "loop_start", 0, 0, NULL);
  uint32_t flush = fn(&b, "Flush", src, 1, "void (void)");        /* Store::Flush, pure */
  uint32_t file_flush = fn(&b, "Flush", src, 2, "void (void)");   /* FileStore::Flush */
  uint32_t slow_flush = fn(&b, "Flush", src, 3, "void (void)");   /* SlowStore::Flush */
  uint32_t ctor = fn(&b, "Pool", src, 4, "void (void)");          /* Pool::Pool */
  uint32_t on_tick = fn(&b, "on_tick", src, 5, "void (void *)");
  uint32_t main_fn = fn(&b, "main", src, 6, "int (void)");
  uint32_t loop_cb = param(&b, "loop_start", 1);
  ls_prog_override o1 = {file_flush, flush, 0}, o2 = {slow_flush, file_flush, 0};
  LS_VEC_PUSH(&b.p.overrides, o1);
  LS_VEC_PUSH(&b.p.overrides, o2); /* SlowStore derives from FileStore */
  call(&b, slow_flush, sleep_fn, src, 3);
  call(&b, ctor, sleep_fn, src, 4);
  uint32_t v = call(&b, on_tick, flush, src, 5);
  b.p.calls.items[v].via_kind = LS_VIA_VIRTUAL;
  uint32_t k = call(&b, on_tick, ctor, src, 6);
  b.p.calls.items[k].via_kind = LS_VIA_CTOR;
  call(&b, main_fn, loop_start, src, 7);
  flow(&b, on_tick, loop_cb, main_fn, src, 7);
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  CU_ASSERT_EQUAL(g.dist[flush], 1);
  CU_ASSERT_EQUAL(g.dist[file_flush], 1);
  CU_ASSERT_EQUAL(g.dist[slow_flush], 1); /* an override of an override */
  CU_ASSERT_EQUAL(g.dist[ctor], 1);       /* not left to the by-type fallback */
  ls_report report = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  CU_ASSERT_EQUAL(report.nfindings, 2); /* sleep in SlowStore::Flush and in the constructor */
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* Rapid type analysis: a virtual call runs the overrides of classes with
 * objects. SlowStore is the only class built; it derives from FileStore
 * without overriding Flush, so FileStore::Flush runs; MemStore::Flush does
 * not (no MemStore exists). No Codec object is ever seen: every override
 * of Decode stays a target, as class hierarchy analysis says. */
static void virtual_calls_by_objects(void) {
  builder b;
  builder_init(&b);
  uint32_t src = file(&b, "/p/store.cc");
  uint32_t sleep_fn = fn(&b, "sleep", 0, 0, NULL), loop_start = fn(&b, "loop_start", 0, 0, NULL);
  uint32_t flush = fn(&b, "Store::Flush", src, 1, "void (void)");
  uint32_t file_flush = fn(&b, "FileStore::Flush", src, 2, "void (void)");
  uint32_t mem_flush = fn(&b, "MemStore::Flush", src, 3, "void (void)");
  uint32_t decode = fn(&b, "Codec::Decode", src, 4, "void (void)");
  uint32_t zlib_decode = fn(&b, "ZlibCodec::Decode", src, 5, "void (void)");
  uint32_t on_tick = fn(&b, "on_tick", src, 6, "void (void *)");
  uint32_t main_fn = fn(&b, "main", src, 7, "int (void)");
  uint32_t loop_cb = param(&b, "loop_start", 1);
  uint32_t store = sym(&b, LS_SYM_CLASS, "class:c:@S@Store", "Store");
  uint32_t file_store = sym(&b, LS_SYM_CLASS, "class:c:@S@FileStore", "FileStore");
  uint32_t mem_store = sym(&b, LS_SYM_CLASS, "class:c:@S@MemStore", "MemStore");
  uint32_t slow_store = sym(&b, LS_SYM_CLASS, "class:c:@S@SlowStore", "SlowStore");
  uint32_t zlib = sym(&b, LS_SYM_CLASS, "class:c:@S@ZlibCodec", "ZlibCodec");
  ls_prog_override o[] = {{file_flush, flush, file_store}, {mem_flush, flush, mem_store},
                          {zlib_decode, decode, zlib}};
  for (size_t i = 0; i < 3; i++) LS_VEC_PUSH(&b.p.overrides, o[i]);
  ls_prog_class_base cb[] = {{file_store, store}, {mem_store, store}, {slow_store, file_store}};
  for (size_t i = 0; i < 3; i++) LS_VEC_PUSH(&b.p.class_bases, cb[i]);
  LS_VEC_PUSH(&b.p.constructed, slow_store);
  call(&b, file_flush, sleep_fn, src, 2);
  call(&b, mem_flush, sleep_fn, src, 3);
  call(&b, zlib_decode, sleep_fn, src, 5);
  uint32_t v = call(&b, on_tick, flush, src, 6);
  b.p.calls.items[v].via_kind = LS_VIA_VIRTUAL;
  v = call(&b, on_tick, decode, src, 6);
  b.p.calls.items[v].via_kind = LS_VIA_VIRTUAL;
  call(&b, main_fn, loop_start, src, 7);
  flow(&b, on_tick, loop_cb, main_fn, src, 7);
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  CU_ASSERT_EQUAL(g.dist[flush], 1);
  CU_ASSERT_EQUAL(g.dist[file_flush], 1);      /* a SlowStore runs its base's */
  CU_ASSERT_EQUAL(g.dist[mem_flush], LS_UNREACHED); /* no MemStore exists */
  CU_ASSERT_EQUAL(g.dist[zlib_decode], 1);     /* no object seen: every override */
  ls_graph_free(&g);
  /* Without any class known to have objects, every override is a target. */
  b.p.constructed.len = 0;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  CU_ASSERT_EQUAL(g.dist[mem_flush], 1);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* A 20,000-deep chain: the walks must not recurse. */
static void deep_chain(void) {
  enum { N = 20000 };
  builder b;
  builder_init(&b);
  uint32_t src = file(&b, "/deep.c");
  uint32_t loop_start = fn(&b, "loop_start", 0, 0, NULL), sleep_fn = fn(&b, "sleep", 0, 0, NULL);
  uint32_t loop_cb = param(&b, "loop_start", 1);
  uint32_t prev = 0, first = 0;
  char name[32];
  for (int i = 0; i <= N; i++) {
    snprintf(name, sizeof name, "f%d", i);
    uint32_t f = fn(&b, name, src, (uint32_t)i + 1, "void (void)");
    if (i == 0) first = f;
    if (prev) call(&b, prev, f, src, (uint32_t)i);
    prev = f;
  }
  call(&b, prev, sleep_fn, src, N + 1);
  flow(&b, first, loop_cb, 0, src, 1);
  (void)loop_start;
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue(&cat), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  ls_report report = {0};
  ls_findings_options fo = {"/", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  CU_ASSERT_EQUAL_FATAL(report.nfindings, 1);
  CU_ASSERT_EQUAL(report.findings[0].nsteps, N + 2);
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
}

/* An event loop written in the program: run sets up, then waits in
 * epoll_wait in a loop and calls the handler stored in a field, then cleans
 * up; all three reach sleep. Only the handler's sleep is on the loop. The
 * same shape with poll on one descriptor is no loop; `detect: false` turns
 * finding loops off, and `loops:` names one whatever its shape. */
static void write_own_loop(builder *b, const char *wait_name, int one_descriptor) {
  uint32_t src = file(b, "/p/loop.c");
  uint32_t sleep_fn = fn(b, "sleep", 0, 0, NULL), wait = fn(b, wait_name, 0, 0, NULL);
  uint32_t startup = fn(b, "startup", src, 1, "void (void)");
  uint32_t cleanup = fn(b, "cleanup", src, 2, "void (void)");
  uint32_t on_read = fn(b, "on_read", src, 3, "void (int)");
  uint32_t run = fn(b, "run", src, 10, "void (void)");
  uint32_t main_fn = fn(b, "main", src, 20, "int (void)");
  uint32_t handler = sym(b, LS_SYM_FIELD, "F:c:@S@loop@FI@handler", "loop.handler");
  call(b, startup, sleep_fn, src, 1);
  call(b, cleanup, sleep_fn, src, 2);
  call(b, on_read, sleep_fn, src, 3);
  call(b, run, startup, src, 11);
  uint32_t w = call(b, run, wait, src, 12);
  b->p.calls.items[w].loop = 1;
  ls_prog_arg count = {1, LS_ARG_INT, 0, one_descriptor ? 1 : 64, NULL};
  LS_VEC_PUSH(&b->p.args, count);
  b->p.calls.items[w].nargs = 1;
  icall(b, run, LS_VIA_FIELD, handler, "void (int)", src, 13);
  b->p.calls.items[b->p.calls.len - 1].loop = 1;
  call(b, run, cleanup, src, 14);
  flow(b, on_read, handler, main_fn, src, 21);
  call(b, main_fn, run, src, 22);
}

static const char loop_pack[] =
    "pack: loops-test\n"
    "event_loops:\n"
    "  waits:\n"
    "    - {functions: [poll], one_descriptor_arg: 1}\n"
    "    - {function: epoll_wait}\n"
    "blocking:\n"
    "  - {function: sleep, rule: sleep, what: sleeps, duration: for seconds}\n";

/* Builds the program of write_own_loop with `pack_text` and checks how many
 * loops and findings there are; returns the graph's first loop's `named`. */
static int own_loop_case(const char *pack_text, const char *wait, int one, size_t nloops,
                         size_t nfindings) {
  builder b;
  builder_init(&b);
  write_own_loop(&b, wait, one);
  ls_catalogue cat;
  CU_ASSERT_EQUAL_FATAL(catalogue_of(&cat, pack_text), 0);
  ls_graph g;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &b.p, &cat, &err), 0);
  CU_ASSERT_EQUAL(g.loops.len, nloops);
  int named_loop = g.loops.len ? g.loops.items[0].named : -1;
  ls_report report = {0};
  ls_findings_options fo = {"/p", NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  CU_ASSERT_EQUAL(report.nfindings, nfindings);
  CU_ASSERT_EQUAL(report.nloops, nloops);
  if (nloops && g.loops.len) {
    uint32_t run = named(&g, "run");
    CU_ASSERT_EQUAL(g.loops.items[0].func, run);
    CU_ASSERT_EQUAL(g.dist[run], 0);
    uint32_t want = nfindings == 1 ? LS_UNREACHED : 1; /* set-up and clean-up: loop code? */
    CU_ASSERT_EQUAL(g.dist[named(&g, "startup")], want);
    CU_ASSERT_EQUAL(g.dist[named(&g, "cleanup")], want);
    CU_ASSERT_EQUAL(g.dist[named(&g, "on_read")], 0); /* a root: stored in a loop slot */
    CU_ASSERT_STRING_EQUAL(report.loops[0].function, "run");
    CU_ASSERT_EQUAL_FATAL(report.loops[0].nslots, 1);
    CU_ASSERT_STRING_EQUAL(report.loops[0].slots[0], "loop.handler");
  }
  if (nfindings == 1 && report.nfindings) {
    CU_ASSERT_STRING_EQUAL(report.findings[0].root, "on_read");
    CU_ASSERT_EQUAL(report.findings[0].loc.line, 3);
  }
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_catalogue_free(&cat);
  ls_program_free(&b.p);
  return named_loop;
}

static void own_loops(void) {
  CU_ASSERT_EQUAL(own_loop_case(loop_pack, "epoll_wait", 0, 1, 1), 0);
  CU_ASSERT_EQUAL(own_loop_case(loop_pack, "poll", 0, 1, 1), 0);
  /* poll(&p, 1, ms): one descriptor, a retry loop */
  own_loop_case(loop_pack, "poll", 1, 0, 0);
  /* a wait no pack names */
  own_loop_case(loop_pack, "wait_for_it", 0, 0, 0);
  static const char detect_off[] =
      "pack: loops-off\n"
      "event_loops:\n"
      "  waits: [{function: epoll_wait}]\n"
      "  detect: false\n"
      "blocking:\n"
      "  - {function: sleep, rule: sleep, what: sleeps, duration: for seconds}\n";
  own_loop_case(detect_off, "epoll_wait", 0, 0, 0);
  static const char named_pack[] =
      "pack: loops-named\n"
      "event_loops:\n"
      "  loops: [run]\n"
      "  detect: false\n"
      "blocking:\n"
      "  - {function: sleep, rule: sleep, what: sleeps, duration: for seconds}\n";
  /* named, and waiting in nothing a pack knows: its whole body is loop code,
   * so startup's and cleanup's sleeps are found too */
  CU_ASSERT_EQUAL(own_loop_case(named_pack, "wait_for_it", 0, 1, 3), 1);
}

int main(void) {
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  CU_pSuite s = CU_add_suite("graph", NULL, NULL);
  CU_add_test(s, "roots, wrappers, workers and shortest paths", roots_and_paths);
  CU_add_test(s, "indirect calls through fields and by type", indirect_calls);
  CU_add_test(s, "independent of the order of ids", independent_of_ids);
  CU_add_test(s, "also reaches: roots of other APIs and files first", other_roots_differ);
  CU_add_test(s, "virtual calls and constructors", virtual_calls);
  CU_add_test(s, "virtual calls narrowed by the classes with objects", virtual_calls_by_objects);
  CU_add_test(s, "a 20000-deep chain", deep_chain);
  CU_add_test(s, "event loops found in the code", own_loops);
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  return failed ? 1 : 0;
}
