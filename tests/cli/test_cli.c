/* test_cli.c: runs build/bin/lagscan in temporary directories and checks
 * what a user sees: exit statuses, messages that name files, findings that
 * survive a crashing or hanging TU, incremental rescans, compilation
 * databases, baselines, and that untrusted compile commands load nothing.
 * The history, the pre-commit hook and every command's --help have their own
 * files (test_history.c, test_hook.c, test_help.c); this file's main runs
 * them all, or one suite by name. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clirun.h"

/* test_help.c's suite (clirun.h declares the others'). */
void add_help_tests(void);

static void usage_errors(void) {
  result r = run(tmp, "--version");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "lagscan "));
  done(&r);
  r = run(tmp, "%s", ""); /* no arguments at all */
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(tmp, "scan");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "nothing to analyze"));
  done(&r);
  r = run(tmp, "scan --no-such-option x.c");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(tmp, "--help");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  history "));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  hook "));
  done(&r);
  r = run(tmp, "hook");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(tmp, "hook frob");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(tmp, "history --format xml");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(tmp, "frobnicate");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown command 'frobnicate'"));
  done(&r);
  const char *cmds[] = {"scan", "baseline", "rules", "explain", "history", "hook",
                        "hook install", "hook uninstall"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    r = run(tmp, "%s --help", cmds[i]);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usage: lagscan"));
    done(&r);
  }
}

static void findings_and_exit_status(void) {
  char *d = make_dir("basic");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "clean.c", clean_src);
  result r = run(d, "scan --db db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "bad.c:3:48: warning: 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[sleep]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "bad.c:4:47: note: 'on_timer' registered here as a loop "
                                       "callback (uv_timer_start)"));
  done(&r);
  r = run(d, "scan --db db clean.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NULL(strstr(r.out, "warning:"));
  done(&r);
  r = run(d, "scan --db db missing.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "missing.c"));
  done(&r);
  free(d);
}

static void default_database(void) {
  char *d = make_dir("defaultdb");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  char *db = path_in(d, ".lagscan/lagscan.db");
  struct stat st;
  CU_ASSERT_EQUAL(stat(db, &st), 0);
  free(db);
  free(d);
}

static void crash_and_hang_are_isolated(void) {
  char *d = make_dir("faults");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "victim.c", clean_src);
  char *cmd;
  if (asprintf(&cmd, "cd '%s' && LAGSCAN_TEST_FAULT=crash:victim.c '%s' scan --db db2 bad.c "
                     "victim.c -- > out 2> err", d, lagscan) < 0)
    abort();
  int st = system(cmd);
  free(cmd);
  CU_ASSERT_EQUAL(WEXITSTATUS(st), 2);
  char *p = path_in(d, "out"), *out = slurp(p);
  free(p);
  p = path_in(d, "err");
  char *err = slurp(p);
  free(p);
  CU_ASSERT_PTR_NOT_NULL(strstr(out, "[sleep]")); /* the rest is still reported */
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "victim.c"));
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "crashed"));
  free(out);
  free(err);
  if (asprintf(&cmd, "cd '%s' && LAGSCAN_TEST_FAULT=hang:victim.c '%s' scan --db db3 "
                     "--tu-timeout 1 bad.c victim.c -- > out 2> err", d, lagscan) < 0)
    abort();
  st = system(cmd);
  free(cmd);
  CU_ASSERT_EQUAL(WEXITSTATUS(st), 2);
  p = path_in(d, "out");
  out = slurp(p);
  free(p);
  p = path_in(d, "err");
  err = slurp(p);
  free(p);
  CU_ASSERT_PTR_NOT_NULL(strstr(out, "[sleep]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "timed out"));
  free(out);
  free(err);
  free(d);
}

static void incremental_rescan(void) {
  char *d = make_dir("incr");
  write_file(d, "h.h", "#include <unistd.h>\nstatic inline void nap(void) { sleep(1); }\n");
  write_file(d, "a.c",
             "#include <uv.h>\n#include \"h.h\"\n"
             "static void cb(uv_timer_t *t) { (void)t; nap(); }\n"
             "void go(uv_timer_t *t) { uv_timer_start(t, cb, 0, 0); }\n");
  write_file(d, "b.c", clean_src);
  result r = run(d, "scan -v --db db a.c b.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(2 parsed, 0 unchanged, 0 failed)"));
  done(&r);
  r = run(d, "scan -v --db db a.c b.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(0 parsed, 2 unchanged, 0 failed)"));
  done(&r);
  /* Touch the header only a.c includes: only a.c is parsed again, and the
   * finding goes away with the blocking call. */
  write_file(d, "h.h", "static inline void nap(void) { }\n");
  r = run(d, "scan -v --db db a.c b.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(1 parsed, 1 unchanged, 0 failed)"));
  done(&r);
  /* Different flags make a different TU. */
  r = run(d, "scan -v --db db a.c b.c -- -DX=1");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(2 parsed, 0 unchanged, 0 failed)"));
  done(&r);
  free(d);
}

static void compilation_database(void) {
  char *d = make_dir("cdb");
  char *src = make_dir("cdb/src");
  write_file(src, "bad.c", blocking_src);
  write_file(src, "clean.c", clean_src);
  char *json;
  if (asprintf(&json,
               /* Compiled from build/ as CMake does: the workers run there,
                * and must still find the database given relative to the cwd. */
               "[{\"directory\": \"%s/build\", \"file\": \"../src/bad.c\","
               " \"arguments\": [\"cc\", \"-c\", \"../src/bad.c\", \"-o\", \"bad.o\"]},"
               " {\"directory\": \"%s\", \"file\": \"src/clean.c\","
               " \"command\": \"cc -c src/clean.c -o clean.o\"}]",
               d, d) < 0)
    abort();
  char *build = make_dir("cdb/build");
  write_file(build, "compile_commands.json", json);
  free(json);
  result r = run(d, "scan --db db -p build");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "src/bad.c:3:48: warning:"));
  done(&r);
  /* FILE... narrows the report, not the program. */
  r = run(d, "scan --db db -p build src/clean.c");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan --db db -p build src/bad.c");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  r = run(d, "scan --db db -p nowhere");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "nowhere/compile_commands.json"));
  done(&r);
  free(build);
  free(src);
  free(d);
}

static void plugins_are_never_loaded(void) {
  char *d = make_dir("plugin");
  char *marker = path_in(d, "LOADED");
  char *code;
  if (asprintf(&code,
               "#include <stdio.h>\n"
               "__attribute__((constructor)) static void boom(void) {\n"
               "  FILE *f = fopen(\"%s\", \"w\"); if (f) fclose(f); }\n",
               marker) < 0)
    abort();
  write_file(d, "evil.c", code);
  free(code);
  char *cmd;
  if (asprintf(&cmd, "cd '%s' && cc -shared -fPIC -o evil.so evil.c", d) < 0) abort();
  CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
  free(cmd);
  write_file(d, "bad.c", blocking_src);
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"bad.c\", \"arguments\": [\"clang\","
               " \"-fplugin=%s/evil.so\", \"-fpass-plugin=%s/evil.so\", \"-Xclang\", \"-load\","
               " \"-Xclang\", \"%s/evil.so\", \"-c\", \"bad.c\"]}]",
               d, d, d, d) < 0)
    abort();
  write_file(d, "compile_commands.json", json);
  free(json);
  result r = run(d, "scan --db db -p .");
  CU_ASSERT_EQUAL(r.status, 1); /* analyzed, with the plugin flags dropped */
  struct stat st;
  CU_ASSERT_NOT_EQUAL(stat(marker, &st), 0);
  done(&r);
  free(marker);
  free(d);
}

static void baselines(void) {
  char *d = make_dir("baseline");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "baseline --db db -o base.json bad.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan --db db --baseline base.json --new-only bad.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NULL(strstr(r.out, "warning:"));
  done(&r);
  /* Lines moving does not make the old finding new; a new call is new. */
  write_file(d, "bad.c",
             "#include <uv.h>\n#include <unistd.h>\n\n\n"
             "static void on_timer(uv_timer_t *t) { (void)t; sleep(1); }\n"
             "static void on_t2(uv_timer_t *t) { (void)t; usleep(1); }\n"
             "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0);"
             " uv_timer_start(t, on_t2, 0, 0); }\n");
  r = run(d, "scan --db db --baseline base.json --new-only bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usleep"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "'sleep'"));
  done(&r);
  write_file(d, "broken.json", "{\"version\": 1, \"findings\": [");
  r = run(d, "scan --db db --baseline broken.json bad.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "broken.json"));
  done(&r);
  free(d);
}

/* A baseline is meant to be committed: it gets 0666 less the umask (0644
 * under umask 022), not a temporary file's 0600, also when it replaces one. */
static void baseline_mode(void) {
  char *d = make_dir("baseline-mode");
  write_file(d, "bad.c", blocking_src);
  for (int round = 0; round < 2; round++) {
    result r = sh(d, "umask 022 && '%s' baseline --db db -o base.json bad.c --", lagscan);
    CU_ASSERT_EQUAL(r.status, 0);
    done(&r);
    char *base = path_in(d, "base.json");
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(base, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
    free(base);
  }
  free(d);
}

static void rules_and_explain(void) {
  result r = run(tmp, "rules");
  CU_ASSERT_EQUAL(r.status, 0);
  const char *ids[] = {"sync-fs", "sync-crypto", "sleep", "sync-dns", "sync-net", "sync-process",
                       "thread-wait", "sync-db", "sync-compress", "unbounded-parse", "sync-regex",
                       "unbounded-sort", "next-tick-recursion", "cpu-loop"};
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, ids[i]));
  done(&r);
  r = run(tmp, "explain sync-crypto");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_TRUE(strlen(r.out) > 100);
  done(&r);
  r = run(tmp, "explain no-such-rule");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
}

/* Progress goes to stderr when it is a terminal (or with --progress), never
 * otherwise; the text summary counts findings per rule, per loop root and
 * per file. */
static void progress_and_summary(void) {
  char *d = make_dir("progress");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan --db db1 bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NULL(strstr(r.err, "parsed 1 of 1"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1 finding (sleep: 1)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n  per loop root: on_timer: 1\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n  top files: bad.c: 1\n"));
  done(&r);
  r = run(d, "scan --progress --db db2 bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "lagscan: parsed 1 of 1 TUs ("));
  CU_ASSERT_PTR_NULL(strstr(r.out, "parsed 1 of 1")); /* never in the report */
  done(&r);
  r = run(d, "scan --progress --no-progress --db db3 bad.c --");
  CU_ASSERT_PTR_NULL(strstr(r.err, "parsed 1 of 1"));
  done(&r);
  /* On a terminal (script(1) gives it one) progress is the default, and
   * --no-progress turns it off. */
  r = sh(d, "script -qec \"'%s' scan --db db4 bad.c --\" /dev/null", lagscan);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "lagscan: parsed 1 of 1 TUs ("));
  done(&r);
  r = sh(d, "script -qec \"'%s' scan --no-progress --db db5 bad.c --\" /dev/null", lagscan);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[sleep]"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "parsed 1 of 1"));
  done(&r);
  free(d);
}

/* Messages say what the call costs when its cost arguments are constants. */
static void costs_in_messages(void) {
  char *fixture = path_in(srcdir, "testdata/password_hashes_bad.c");
  char *other = path_in(srcdir, "testdata/sync_crypto_bad.c");
  result r = run(tmp, "scan --db costs.db '%s' '%s' -- -I'%s/include'", fixture, other, srcdir);
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(bcrypt cost 14: 2^14 rounds)"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(3 passes (t_cost), 65536 KiB (m_cost))"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(100000 iterations)"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(16384 (scrypt N), 8 (r), 1 (p))"));
  done(&r);
  free(fixture);
  free(other);
}

/* A rule pack marks a library function CPU-heavy with `rule: cpu-loop` and
 * a cost argument (docs/rule-packs.md): its calls on the loop are cpu-loop
 * findings that show the cost when it is a constant. */
static void pack_marks_cpu_heavy(void) {
  char *d = make_dir("cpuheavy");
  write_file(d, "interp.yml",
             "pack: interp\n"
             "description: freeing an interpreter or a data set walks all of it\n"
             "blocking:\n"
             "  - function: lua_close\n"
             "    rule: cpu-loop\n"
             "    what: frees the whole interpreter\n"
             "    duration: it walks every object of the heap, seconds for a large one\n"
             "  - function: free_dataset\n"
             "    rule: cpu-loop\n"
             "    what: frees a whole data set\n"
             "    cost: {arg: 1, unit: records}\n");
  write_file(d, "app.c",
             "#include <uv.h>\n"
             "typedef struct lua_State lua_State;\n"
             "void lua_close(lua_State *L);\n"
             "struct dataset;\n"
             "void free_dataset(struct dataset *ds, long n);\n"
             "static lua_State *L;\n"
             "static struct dataset *ds;\n"
             "static void on_reload(uv_timer_t *t) {\n"
             "  (void)t;\n"
             "  lua_close(L);\n"
             "  free_dataset(ds, 100000);\n"
             "}\n"
             "void start(uv_timer_t *t) { uv_timer_start(t, on_reload, 0, 0); }\n");
  result r = run(d, "scan --db db --rules interp.yml app.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:10:3: warning: 'lua_close' frees the whole "
                                       "interpreter on the loop thread; it walks every object of "
                                       "the heap, seconds for a large one [cpu-loop]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:11:3: warning: 'free_dataset' frees a whole data "
                                       "set on the loop thread (100000 records)"));
  done(&r);
  /* Without the pack, nothing is reported; with the rule disabled, neither. */
  r = run(d, "scan --db db app.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan --db db --rules interp.yml --disable cpu-loop app.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  free(d);
}

static void add_cli_tests(void) {
  CU_pSuite s = CU_add_suite("cli", NULL, NULL);
  CU_add_test(s, "usage errors and --help", usage_errors);
  CU_add_test(s, "findings and exit status", findings_and_exit_status);
  CU_add_test(s, "default database path", default_database);
  CU_add_test(s, "a crashing or hanging TU is isolated", crash_and_hang_are_isolated);
  CU_add_test(s, "incremental rescans", incremental_rescan);
  CU_add_test(s, "compilation database", compilation_database);
  CU_add_test(s, "plugins in compile commands are never loaded", plugins_are_never_loaded);
  CU_add_test(s, "baselines", baselines);
  CU_add_test(s, "baseline file mode", baseline_mode);
  CU_add_test(s, "rules and explain", rules_and_explain);
  CU_add_test(s, "messages say the cost", costs_in_messages);
  CU_add_test(s, "a rule pack marks a function CPU-heavy (cpu-loop)", pack_marks_cpu_heavy);
  CU_add_test(s, "progress on a terminal only, and the summary", progress_and_summary);
  add_history_tests();
  add_hook_tests();
  add_root_tests();
  add_help_tests();
  add_gate_tests();
  add_outputs_tests();
  add_packs_tests();
  add_dispatch_tests();
  add_programs_tests();
}

int main(int argc, char **argv) { return clirun_main(argc, argv, "test_cli", add_cli_tests); }
