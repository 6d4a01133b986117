/* test_graph.c: extract -> store -> graph -> findings on a small source,
 * with a hand-made catalogue so the test does not depend on rule packs.
 * (tests/graph tests the graph alone, on programs written by hand.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "findings.h"
#include "graph.h"
#include "store.h"
#include "unit.h"

/* A small pack in the documented format (docs/rule-packs.md). */
static const char pack[] =
    "pack: unit\n"
    "description: registrations and one blocker for the graph tests\n"
    "registrations:\n"
    "  - {function: uv_timer_start, arg: 1, context: loop}\n"
    "  - {function: uv_queue_work, arg: 2, context: worker}\n"
    "blocking:\n"
    "  - {function: sleep, rule: sleep, what: sleeps, duration: for seconds}\n";

static ls_catalogue test_catalogue(void) {
  ls_catalogue c = {0};
  char *path = unit_write_file(unit_tmpdir(), "unit-pack.yml", pack);
  char *err = NULL;
  if (ls_catalogue_load_file(&c, path, &err) != 0) {
    fprintf(stderr, "pack: %s\n", err);
    free(err);
  }
  CU_ASSERT_EQUAL(c.nblockers, 1);
  free(path);
  return c;
}

static int open_store(ls_store **s, const char *name) {
  char *path = ls_xasprintf("%s/%s", unit_tmpdir(), name);
  char *err = NULL;
  int r = ls_store_open(path, s, &err);
  free(err);
  free(path);
  return r;
}

static int64_t store_source(ls_store *s, const char *name, const char *text) {
  char *src = unit_write_file(unit_tmpdir(), name, text);
  const char *argv[] = {"clang", src};
  ls_facts facts = {0};
  char *err = NULL;
  int64_t id = 0;
  if (ls_extract_tu(src, argv, 2, &facts, &err) == 0) {
    char *args[] = {"clang", src};
    ls_tu_input in = {src, (char *)unit_tmpdir(), args, 2, src};
    ls_store_put_tu(s, &in, &facts, LS_TU_OK, NULL, 0, &id, &err);
  }
  free(err);
  ls_facts_free(&facts);
  free(src);
  return id;
}

static uint32_t func_named(const ls_graph *g, const char *name) {
  for (uint32_t i = 1; i < g->nsyms; i++)
    if (g->sym_kind[i] == LS_SYM_FUNC && g->sym_name[i] && !strcmp(g->sym_name[i], name)) return i;
  return 0;
}

static void roots_and_paths(void) {
  ls_store *s;
  CU_ASSERT_EQUAL_FATAL(open_store(&s, "graph.db"), 0);
  int64_t id = store_source(s, "g.c",
                            "typedef struct uv_timer_s uv_timer_t;\n"
                            "typedef struct uv_work_s uv_work_t;\n"
                            "typedef void (*uv_timer_cb)(uv_timer_t *);\n"
                            "int uv_timer_start(uv_timer_t *, uv_timer_cb, unsigned long, unsigned long);\n"
                            "int uv_queue_work(void *, uv_work_t *, void (*)(uv_work_t *), void (*)(uv_work_t *, int));\n"
                            "unsigned sleep(unsigned);\n"
                            "static void deep(void) { sleep(1); }\n"
                            "static void mid(void) { deep(); }\n"
                            "static void on_timer(uv_timer_t *t) { (void)t; mid(); }\n"
                            "static void wrap(uv_timer_t *t, uv_timer_cb cb) { uv_timer_start(t, cb, 1, 1); }\n"
                            "static void other(uv_timer_t *t) { (void)t; deep(); }\n"
                            "static void work(uv_work_t *w) { (void)w; sleep(2); }\n"
                            "static void startup(void) { sleep(3); }\n"
                            "void main_like(uv_timer_t *t, uv_work_t *w) {\n"
                            "  startup();\n"
                            "  uv_timer_start(t, on_timer, 0, 0);\n"
                            "  wrap(t, other);\n"
                            "  uv_queue_work(0, w, work, 0);\n"
                            "}\n");
  CU_ASSERT_TRUE_FATAL(id > 0);
  ls_program prog;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_load_program(s, &id, 1, &prog, &err), 0);
  ls_catalogue cat = test_catalogue();
  ls_graph g;
  CU_ASSERT_EQUAL_FATAL(ls_graph_build(&g, &prog, &cat, &err), 0);
  uint32_t on_timer = func_named(&g, "on_timer"), other = func_named(&g, "other"),
           deep = func_named(&g, "deep"), work = func_named(&g, "work"),
           startup = func_named(&g, "startup");
  CU_ASSERT_EQUAL(g.dist[on_timer], 0);
  CU_ASSERT_EQUAL(g.dist[other], 0);  /* registered through the wrapper */
  CU_ASSERT_EQUAL(g.dist[deep], 1);   /* other -> deep is shorter than on_timer -> mid -> deep */
  CU_ASSERT_EQUAL(g.dist[work], LS_UNREACHED); /* a worker root */
  CU_ASSERT_EQUAL(g.dist[startup], LS_UNREACHED);
  int worker_roots = 0;
  for (size_t i = 0; i < g.roots.len; i++)
    if (g.roots.items[i].context == LS_CTX_WORKER && g.roots.items[i].func == work) worker_roots++;
  CU_ASSERT_EQUAL(worker_roots, 1);

  ls_report report = {0};
  ls_findings_options fo = {unit_tmpdir(), NULL, 0, NULL, 0};
  CU_ASSERT_EQUAL_FATAL(ls_findings_build(&g, &fo, &report, &err), 0);
  /* Only sleep(1) in deep is on the loop; sleep(2) is a worker's, sleep(3) start-up's. */
  CU_ASSERT_EQUAL_FATAL(report.nfindings, 1);
  const ls_finding *f = &report.findings[0];
  CU_ASSERT_STRING_EQUAL(f->rule_id, "sleep");
  CU_ASSERT_EQUAL(f->loc.line, 7);
  CU_ASSERT_STRING_EQUAL(f->loc.path, "g.c");
  CU_ASSERT_EQUAL(f->nsteps, 3); /* registration, call to deep, sleep */
  CU_ASSERT_EQUAL(f->steps[0].kind, LS_STEP_REGISTRATION);
  CU_ASSERT_EQUAL(f->steps[0].loc.line, 17);
  CU_ASSERT_PTR_NOT_NULL(strstr(f->steps[0].message, "through 'wrap'"));
  CU_ASSERT_EQUAL(f->nrelated, 1); /* on_timer reaches it too */
  CU_ASSERT_EQUAL(strlen(f->fingerprint), 64);
  ls_report_free(&report);
  ls_graph_free(&g);
  ls_program_free(&prog);
  ls_catalogue_free(&cat);
  ls_store_close(s);
}

void register_graph_tests(void) {
  CU_pSuite s = CU_add_suite("graph", NULL, NULL);
  CU_add_test(s, "extracted: roots, wrappers, workers and shortest paths", roots_and_paths);
}
