/* test_gate.c: what a team relies on around the gate, through the real
 * binary: suppression comments that cannot work are warnings naming
 * file:line (the exit status unchanged), --report-unused-suppressions lists
 * the ones that suppressed nothing; a run that analyzes nothing, or a FILE
 * or a TU it cannot analyze, is exit status 2 and named; `lagscan why FUNC`
 * prints the path from a loop root, or the worker roots that reach FUNC. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clirun.h"

static const char suppressions_src[] =
    "#include <uv.h>\n"
    "#include <unistd.h>\n"
    "static void on_timer(uv_timer_t *t) {\n"
    "  (void)t;\n"
    "  sleep(1); // NOLAGSCAN: no rule list\n"
    "  usleep(1); // NOLAGSCAN(slep): a typo\n"
    "  usleep(2); // NOLAGSCAN(sleep): used\n"
    "  (void)0; // NOLAGSCAN(sync-fs): nothing here to suppress\n"
    "}\n"
    "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0); }\n";

static void suppression_warnings(void) {
  char *d = make_dir("suppress");
  write_file(d, "s.c", suppressions_src);
  result r = run(d, "scan --db db s.c --");
  CU_ASSERT_EQUAL(r.status, 1); /* the sleep and the first usleep: findings */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "s.c:5:3: warning: 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "s.c:6:3: warning: 'usleep'"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "s.c:7:3:"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(r.err, "lagscan: warning: s.c:5:16: NOLAGSCAN names no rule, so it suppresses "
                    "nothing"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(r.err, "lagscan: warning: s.c:6:17: NOLAGSCAN names 'slep', which is not a rule"));
  CU_ASSERT_PTR_NULL(strstr(r.err, "suppressed nothing")); /* not asked for */
  done(&r);
  r = run(d, "scan --db db --report-unused-suppressions s.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "lagscan: warning: s.c:8:15: this suppression comment "
                                       "suppressed nothing"));
  CU_ASSERT_PTR_NULL(strstr(r.err, "s.c:7:16: this suppression")); /* it suppressed */
  done(&r);
  /* Warnings never change the exit status: clean otherwise, still 0. */
  write_file(d, "c.c",
             "#include <uv.h>\n#include <unistd.h>\n"
             "static void on_t(uv_timer_t *t) { (void)t; usleep(1); } // NOLAGSCAN(sleep)\n"
             "static void on_u(uv_timer_t *t) { (void)t; } // NOLAGSCAN\n"
             "void go(uv_timer_t *t) { uv_timer_start(t, on_t, 0, 0);"
             " uv_timer_start(t, on_u, 0, 0); }\n");
  r = run(d, "scan --db db2 --report-unused-suppressions c.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "c.c:4:"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "NOLAGSCAN names no rule"));
  done(&r);
  r = run(d, "scan --help");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "--report-unused-suppressions"));
  done(&r);
  free(d);
}

static void nothing_analyzed(void) {
  char *d = make_dir("nothing");
  char *build = make_dir("nothing/build");
  write_file(build, "compile_commands.json", "[]\n");
  result r = run(d, "scan --db db -p build");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "nothing to scan"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "compile_commands.json"));
  done(&r);

  write_file(d, "a.c", blocking_src);
  write_file(d, "notes.c", clean_src);
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-c\", "
               "\"a.c\"]}]",
               d) < 0)
    abort();
  write_file(build, "compile_commands.json", json);
  free(json);
  /* A FILE that no TU compiles or includes is named; the rest is reported. */
  r = run(d, "scan --db db -p build notes.c a.c");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "notes.c"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "not in the compilation database"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "a.c:3:48: warning: 'sleep'"));
  done(&r);
  /* A header a TU includes is in the program. */
  write_file(d, "conf.h", "#define CONF 1\n");
  write_file(d, "a.c", "#include \"conf.h\"\n#include <uv.h>\n"
                       "static void on_timer(uv_timer_t *t) { (void)t; }\n"
                       "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, CONF); }\n");
  r = run(d, "scan --db db -p build conf.h");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);

  /* A fatal parse error (a header not found) is a TU that failed: named,
   * counted, exit status 2; the other TU is still reported. */
  write_file(d, "b.c", "#include \"no_such_header.h\"\nint b;\n");
  write_file(d, "a.c", blocking_src);
  r = run(d, "scan --db db3 -v a.c b.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "cannot analyze"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "b.c"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no_such_header.h"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "1 failed"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "a.c:3:48: warning: 'sleep'"));
  done(&r);
  /* ... and again, not taken from the database as if it had been analyzed. */
  r = run(d, "scan --db db3 -v a.c b.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "1 failed"));
  done(&r);
  free(build);
  free(d);
}

/* -p takes the compilation database's file too (clang-tidy's convention),
 * and the same program is scanned; another file is a usage error. The
 * baseline names each entry's callee and line for people reading it. */
static void build_dir_or_file(void) {
  char *d = make_dir("pfile");
  char *build = make_dir("pfile/build");
  write_file(d, "a.c", blocking_src);
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-c\", "
               "\"a.c\"]}]",
               d) < 0)
    abort();
  write_file(build, "compile_commands.json", json);
  free(json);
  result a = run(d, "scan --db db -p build");
  result b = run(d, "scan --db db2 -p build/compile_commands.json");
  CU_ASSERT_EQUAL(a.status, 1);
  CU_ASSERT_EQUAL(b.status, 1);
  CU_ASSERT_STRING_EQUAL(a.out, b.out);
  done(&a);
  done(&b);
  result c = run(d, "scan --db db -p a.c");
  CU_ASSERT_EQUAL(c.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(c.err, "-p takes a build directory or its compile_commands.json"));
  done(&c);
  result e = run(d, "baseline --db db -p build/compile_commands.json -o base.json");
  CU_ASSERT_EQUAL(e.status, 0);
  done(&e);
  char *bp = path_in(d, "base.json"), *text = slurp(bp);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"callee\": \"sleep\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"line\": 3"));
  free(text);
  free(bp);
  free(build);
  free(d);
}

static void why(void) {
  char *d = make_dir("why");
  char *chain = path_in(srcdir, "testdata/helper_chain_bad.c");
  char *pool = path_in(srcdir, "testdata/worker_and_loop_bad.c");
  result r = run(d, "why --db db read_limit %s -- -I%s/include", chain, srcdir);
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'read_limit'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "loop root 'on_tick' reaches it in 2 calls"));
  /* the notes of a finding: nearest call first, the registration last */
  const char *a = strstr(r.out, "helper_chain_bad.c:15:10: note: function 'read_limit' called "
                                "here from 'current_limit'");
  const char *b = strstr(r.out, "helper_chain_bad.c:20:7: note: function 'current_limit' "
                                "called here from 'on_tick'");
  const char *c = strstr(r.out, "helper_chain_bad.c:28:22: note: 'on_tick' registered here as "
                                "a loop callback (uv_timer_start)");
  CU_ASSERT(a && b && c && a < b && b < c);
  done(&r);
  r = run(d, "why --db db work %s -- -I%s/include", pool, srcdir);
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'work'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "is not reachable from any loop root; worker roots that "
                                       "reach it:"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "worker_and_loop_bad.c:28:29: note: 'work' registered "
                                       "here as a worker callback (uv_queue_work)"));
  done(&r);
  r = run(d, "why --db db refresh_cache %s -- -I%s/include", pool, srcdir);
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "loop root 'after' reaches it in 1 call"));
  done(&r);
  r = run(d, "why --db db no_such_function %s -- -I%s/include", pool, srcdir);
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no function named 'no_such_function'"));
  done(&r);
  r = run(d, "why");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(d, "why --help");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "FUNC"));
  done(&r);
  r = run(d, "--help");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "why "));
  done(&r);
  /* The history is not touched. */
  r = run(d, "history --db db");
  CU_ASSERT_PTR_NULL(strstr(r.out, "why"));
  done(&r);
  free(chain);
  free(pool);
  free(d);
}

void add_gate_tests(void) {
  CU_pSuite s = CU_add_suite("gate", NULL, NULL);
  CU_add_test(s, "suppression comments: warnings and unused ones", suppression_warnings);
  CU_add_test(s, "nothing analyzed, a FILE or TU not analyzed: exit 2, named", nothing_analyzed);
  CU_add_test(s, "-p BUILD_DIR or its compile_commands.json; the baseline's callee and line",
              build_dir_or_file);
  CU_add_test(s, "lagscan why FUNC", why);
}
