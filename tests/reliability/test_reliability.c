/* test_reliability.c: lagscan never crashes, hangs, loses results or leaves
 * partial output, whatever it is given (issue 7; docs/reliability.md lists
 * every case). Each test runs the real binary in a temporary directory. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clirun.h"

/* A small multi-TU program: two blocking callbacks and a clean file. */
static char *make_program(const char *name) {
  char *d = make_dir(name);
  write_file(d, "a.c", blocking_src);
  write_file(d, "b.c",
             "#include <uv.h>\n#include <stdio.h>\n"
             "static void on_read(uv_fs_t *r) { (void)r; FILE *f = fopen(\"/etc/x\", \"r\"); (void)f; }\n"
             "void go(uv_loop_t *l, uv_fs_t *r) { uv_fs_stat(l, r, \"/x\", on_read); }\n");
  write_file(d, "c.c", clean_src);
  return d;
}

static int exit_status_is_usage_error(const result *r) { return r->status == 2; }

/* The report without its "N translation units: P parsed, C unchanged" line,
 * which differs between a cold and a warm database by design. */
static void drop_tu_counts(char *text) {
  char *p = strstr(text, " translation unit");
  if (!p) return;
  while (p > text && p[-1] != '\n') p--;
  char *end = strchr(p, '\n');
  memmove(p, end ? end + 1 : p + strlen(p), strlen(end ? end + 1 : p + strlen(p)) + 1);
}

static void malformed_compilation_databases(void) {
  static const struct { const char *name, *json, *expect; } cases[] = {
      {"truncated", "[{\"directory\": \"/tmp\", \"file\": \"a.c\", \"comm", "compile_commands.json' at line 1, column"},
      {"wrong types", "[{\"directory\": 3, \"file\": \"a.c\", \"command\": \"cc a.c\"}]",
       "compile_commands.json' at line 1, column"},
      {"missing file", "[{\"directory\": \"/tmp\", \"command\": \"cc a.c\"}]",
       "compile_commands.json' at line 1, column"},
      {"not an array", "{\"directory\": \"/tmp\"}", "compile_commands.json' at line 1, column"},
      {"empty", "", "compile_commands.json"},
  };
  char *d = make_dir("cdb-bad");
  char *build = make_dir("cdb-bad/build");
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    write_file(build, "compile_commands.json", cases[i].json);
    result r = run(d, "scan --db db -p build");
    CU_ASSERT_TRUE(exit_status_is_usage_error(&r));
    if (!strstr(r.err, cases[i].expect)) {
      fprintf(stderr, "\n%s: stderr was: %s\n", cases[i].name, r.err);
      CU_FAIL("the message names the file and the position");
    }
    done(&r);
  }
  /* 100 MB of junk: refused quickly with a position, no crash. */
  result g = sh(build, "head -c 100000000 /dev/urandom > compile_commands.json");
  CU_ASSERT_EQUAL(g.status, 0);
  done(&g);
  result r = run(d, "scan --db db -p build");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "compile_commands.json"));
  CU_ASSERT_TRUE(strlen(r.err) < 4096); /* one message, not the junk */
  done(&r);
  free(build);
  free(d);
}

static void inputs_that_fail(void) {
  char *d = make_program("failing");
  write_file(d, "broken.c",
             "#include \"no_such_header.h\"\n#include <unistd.h>\n#include <uv.h>\n"
             "static void on_t(uv_timer_t *t) { (void)t; usleep(5); this is not C; }\n"
             "void go2(uv_timer_t *t) { uv_timer_start(t, on_t, 0, 0); }\n");
  result r = run(d, "scan --db db a.c broken.c missing.c --format sarif -o out.sarif --");
  CU_ASSERT_EQUAL(r.status, 2); /* missing.c could not be analyzed at all */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "missing.c"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "broken.c")); /* parse errors named */
  done(&r);
  char *p = path_in(d, "out.sarif"), *sarif = slurp(p);
  CU_ASSERT_PTR_NOT_NULL(strstr(sarif, "\"executionSuccessful\": false"));
  CU_ASSERT_PTR_NOT_NULL(strstr(sarif, "missing.c"));
  CU_ASSERT_PTR_NOT_NULL(strstr(sarif, "\"ruleId\": \"sleep\"")); /* the rest is reported */
  free(sarif);
  free(p);
  /* A header not found is a fatal error: broken.c is a TU that failed,
   * named with the error, and a.c is still reported. */
  r = run(d, "scan --db db -v a.c broken.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "cannot analyze"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'no_such_header.h' file not found"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unchanged, 1 failed)"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "broken.c:4:44"));
  done(&r);
  /* Without it, what parsed of broken.c is still analyzed: the error is a
   * warning and its usleep is found. */
  write_file(d, "broken.c",
             "#include <unistd.h>\n#include <uv.h>\n\n"
             "static void on_t(uv_timer_t *t) { (void)t; usleep(5); this is not C; }\n"
             "void go2(uv_timer_t *t) { uv_timer_start(t, on_t, 0, 0); }\n");
  r = run(d, "scan --db db a.c broken.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "has errors"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "broken.c:4:44: warning: 'usleep'"));
  done(&r);
  free(d);
}

/* kill -9 of the whole process tree at random moments, then a normal run
 * must give exactly what a clean run in a fresh database gives. */
static void kill_nine_at_any_moment(void) {
  char *d = make_program("kill9");
  for (int i = 0; i < 6; i++) {
    char name[32];
    snprintf(name, sizeof name, "extra%d.c", i);
    write_file(d, name, blocking_src);
  }
  result clean = run(d, "scan --db fresh.db -j2 *.c --");
  CU_ASSERT_EQUAL(clean.status, 1);
  static const int delays_ms[] = {5, 30, 80, 150, 250, 400, 700};
  for (size_t i = 0; i < sizeof delays_ms / sizeof *delays_ms; i++) {
    result k = sh(d,
                  "setsid '%s' scan --db victim.db -j2 *.c -- >/dev/null 2>&1 & pid=$!; "
                  "sleep %d.%03d; kill -9 -$pid 2>/dev/null; wait $pid; true",
                  lagscan, delays_ms[i] / 1000, delays_ms[i] % 1000);
    done(&k);
    /* Touch a file between kills so that later runs have work to redo. */
    if (i % 2) write_file(d, "extra0.c", blocking_src);
  }
  result after = run(d, "scan --db victim.db -j2 *.c --");
  CU_ASSERT_EQUAL(after.status, 1);
  drop_tu_counts(after.out);
  drop_tu_counts(clean.out);
  CU_ASSERT_PTR_NOT_NULL(strstr(clean.out, "[sync-fs]"));
  CU_ASSERT_STRING_EQUAL(after.out, clean.out);
  done(&after);
  done(&clean);
  free(d);
}

static void concurrent_runs_share_a_database(void) {
  char *d = make_program("concurrent");
  result r = sh(d,
                "'%s' scan --db shared.db -j1 *.c -- > one.txt 2> one.err & a=$!; "
                "'%s' scan --db shared.db -j1 *.c -- > two.txt 2> two.err & b=$!; "
                "wait $a; sa=$?; wait $b; sb=$?; echo \"$sa $sb\"",
                lagscan, lagscan);
  CU_ASSERT_STRING_EQUAL(r.out, "1 1\n");
  done(&r);
  char *p1 = path_in(d, "one.txt"), *p2 = path_in(d, "two.txt");
  char *o1 = slurp(p1), *o2 = slurp(p2);
  CU_ASSERT_STRING_EQUAL(o1, o2);
  CU_ASSERT_PTR_NOT_NULL(strstr(o1, "[sleep]"));
  free(o1);
  free(o2);
  free(p1);
  free(p2);
  free(d);
}

static void newer_and_corrupt_databases(void) {
  char *d = make_program("dbs");
  result r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  r = sh(d, "sqlite3 db 'PRAGMA user_version=99'");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "newer"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "db"));
  done(&r);
  /* Garbage over the database: detected, set aside, rebuilt, right answer. */
  r = sh(d, "rm -f db-wal db-shm; head -c 65536 /dev/urandom > db");
  done(&r);
  r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[sleep]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "corrupt"));
  done(&r);
  char *aside = path_in(d, "db.corrupt");
  struct stat st;
  CU_ASSERT_EQUAL(stat(aside, &st), 0);
  free(aside);
  free(d);
}

static void outputs_are_all_or_nothing(void) {
  char *d = make_program("outputs");
  const char *formats[] = {"text", "sarif", "json", "html"};
  for (size_t i = 0; i < 4; i++) {
    result r = run(d, "scan --db db a.c --format %s -o no/such/dir/report --", formats[i]);
    CU_ASSERT_EQUAL(r.status, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no/such/dir/report"));
    done(&r);
  }
  char *p = path_in(d, "no");
  struct stat st;
  CU_ASSERT_NOT_EQUAL(stat(p, &st), 0); /* nothing created */
  free(p);
  /* An existing report is replaced whole, never truncated in place. */
  write_file(d, "report.sarif", "old");
  result r = run(d, "scan --db db a.c --format sarif -o report.sarif --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  p = path_in(d, "report.sarif");
  char *text = slurp(p);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"version\": \"2.1.0\""));
  free(text);
  free(p);
  r = sh(d, "ls -a | grep -c '^\\.report' || true");
  CU_ASSERT_STRING_EQUAL(r.out, "0\n"); /* no temporary file left */
  done(&r);
  free(d);
}

/* Spaces, quotes, control characters and bytes that are not UTF-8 in file
 * names: valid JSON and SARIF, readable text. */
static void hostile_file_names(void) {
  char *d = make_dir("names");
  result r = sh(d, "n=$(printf 'we ird \"q\" \\001 \\377.c'); cat > \"$n\" <<'EOF'\n%sEOF\n"
                   "'%s' scan --db db \"$n\" -- > out.txt; echo $?;"
                   "'%s' scan --db db \"$n\" --format json -o out.json --;"
                   "'%s' scan --db db \"$n\" --format sarif -o out.sarif --;"
                   "/usr/bin/python3 -c 'import json,sys; json.load(open(\"out.sarif\"));"
                   " [json.loads(l) for l in open(\"out.json\")]; print(\"valid\")'",
                blocking_src, lagscan, lagscan, lagscan);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "1\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "valid"));
  done(&r);
  char *p = path_in(d, "out.txt"), *text = slurp(p);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "we ird"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "[sleep]"));
  CU_ASSERT_PTR_NULL(strchr(text, '\001')); /* control characters escaped */
  free(text);
  free(p);
  free(d);
}

static void add_reliability_tests(void) {
  CU_pSuite s = CU_add_suite("reliability", NULL, NULL);
  CU_add_test(s, "malformed compilation databases", malformed_compilation_databases);
  CU_add_test(s, "missing and unparsable sources", inputs_that_fail);
  CU_add_test(s, "kill -9 at any moment", kill_nine_at_any_moment);
  CU_add_test(s, "two runs at once on one database", concurrent_runs_share_a_database);
  CU_add_test(s, "newer and corrupt databases", newer_and_corrupt_databases);
  CU_add_test(s, "outputs are written whole or not at all", outputs_are_all_or_nothing);
  CU_add_test(s, "hostile file names", hostile_file_names);
}

int main(int argc, char **argv) {
  return clirun_main(argc, argv, "test_reliability", add_reliability_tests);
}
