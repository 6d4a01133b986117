/* test_root.c: the project root and disabled rules, through the real binary.
 * A small libuv program in a git repository is scanned from its top, from a
 * subdirectory and, with --root, from outside it: the reports (text, JSON,
 * SARIF) and the baseline states are the same, and there is one database.
 * --disable, `disable:` and `overrides:` drop findings; `lagscan rules`
 * marks what the project's configuration disables. */
#define _GNU_SOURCE /* asprintf */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"

#define GIT CLI_GIT

static const char main_src[] =
    "#include <uv.h>\n"
    "#include <unistd.h>\n"
    "void work(void);\n"
    "static void on_timer(uv_timer_t *t) { (void)t; work(); }\n"
    "static void on_idle(uv_idle_t *h) { (void)h; usleep(10); }\n"
    "void start(uv_timer_t *t, uv_idle_t *i) {\n"
    "  uv_timer_start(t, on_timer, 0, 0);\n"
    "  uv_idle_start(i, on_idle);\n"
    "}\n";
static const char work_src[] =
    "#include <unistd.h>\nint counter;\nvoid work(void) {\n  counter++;\n  sleep(1);\n}\n";
static const char work_more[] = /* one more blocking call: one new finding */
    "#include <unistd.h>\nint counter;\nvoid work(void) {\n  counter++;\n  sleep(1);\n"
    "  usleep(5);\n}\n";

/* tmp/NAME: the test's git repository (clirun.h, make_git_project). */
static char *make_project(const char *name) {
  return make_git_project(name, main_src, work_src, NULL);
}

/* `lagscan scan -p D/build ARGS` run in `dir`, its stdout (heap). Of the
 * SARIF invocation, the start and end times, which no two runs share, and
 * the command line, which is the arguments as typed, are dropped. */
static char *report(const char *dir, const char *d, const char *args) {
  result r = sh(dir, "%s scan -p %s/build --no-progress %s | grep -v -e 'TimeUtc\"' -e "
                "'commandLine\"'", lagscan, d, args);
  char *out = r.out;
  r.out = NULL;
  if (!*out) fprintf(stderr, "\nno report in %s: %s\n", dir, r.err);
  done(&r);
  return out;
}

static void same_reports_from_anywhere(void) {
  char *d = make_project("rootproj");
  char *src = path_in(d, "src");
  /* The first scan parses; the ones compared all find every TU unchanged. */
  result r = run(d, "scan -p %s/build --no-progress", d);
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  static const char *const formats[] = {"--format text", "--format json", "--format sarif"};
  for (size_t i = 0; i < 3; i++) {
    char *top = report(d, d, formats[i]);
    char *sub = report(src, d, formats[i]);
    char *outside = NULL;
    char *root_arg;
    if (asprintf(&root_arg, "--root %s %s", d, formats[i]) < 0) abort();
    outside = report(tmp, d, root_arg);
    CU_ASSERT_PTR_NOT_NULL(strstr(top, "src/work.c"));
    CU_ASSERT_STRING_EQUAL(top, sub);
    CU_ASSERT_STRING_EQUAL(top, outside);
    if (strcmp(top, sub) != 0) fprintf(stderr, "\n--- top\n%s\n--- sub\n%s\n", top, sub);
    free(root_arg);
    free(top);
    free(sub);
    free(outside);
  }
  /* One database, at the root: none was made in src/ or outside. */
  struct stat st;
  char *db = path_in(d, ".lagscan/lagscan.db"), *stray = path_in(src, ".lagscan");
  char *stray2 = path_in(tmp, ".lagscan");
  CU_ASSERT_EQUAL(stat(db, &st), 0);
  CU_ASSERT_NOT_EQUAL(stat(stray, &st), 0);
  CU_ASSERT_NOT_EQUAL(stat(stray2, &st), 0);
  /* Its history is the same from anywhere (the database is named as seen
   * from where history runs). */
  r = sh(src, "%s history --format json | grep -v '\"database\"'", lagscan);
  result r2 = sh(tmp, "%s history --root %s --format json | grep -v '\"database\"'", lagscan, d);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"runs\""));
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.out, r2.out);
  done(&r);
  done(&r2);
  /* A baseline written from the subdirectory, read from the top and from
   * outside: the same states. */
  r = run(src, "baseline -p %s/build --no-progress -o ../base.json", d);
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  char *top = report(d, d, "--format json --baseline base.json");
  char *sub = report(src, d, "--format json --baseline ../base.json");
  CU_ASSERT_STRING_EQUAL(top, sub);
  CU_ASSERT_PTR_NOT_NULL(strstr(top, "\"baseline\":\"unchanged\""));
  CU_ASSERT_PTR_NULL(strstr(top, "\"baseline\":\"new\""));
  free(top);
  free(sub);
  write_file(src, "work.c", work_more);
  top = report(d, d, "--format json --baseline base.json");
  sub = report(src, d, "--format json --baseline ../base.json");
  CU_ASSERT_STRING_EQUAL(top, sub);
  CU_ASSERT_PTR_NOT_NULL(strstr(top, "\"baseline\":\"new\""));
  free(top);
  free(sub);
  /* --root must be a directory. */
  r = run(tmp, "scan -p %s/build --root %s/src/main.c", d, d);
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "cannot be the project root"));
  done(&r);
  free(db);
  free(stray);
  free(stray2);
  free(src);
  free(d);
}

static void disabled_rules(void) {
  char *d = make_project("disproj");
  char *src = path_in(d, "src");
  result r = run(d, "scan -p %s/build --no-progress --disable sleeep", d);
  CU_ASSERT_EQUAL(r.status, 2); /* a usage error */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--disable: unknown rule 'sleeep'"));
  done(&r);
  r = run(d, "baseline -p %s/build --no-progress --disable nope -o b.json", d);
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(d, "scan -p %s/build --no-progress --disable sleep", d);
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NULL(strstr(r.out, "[sleep]"));
  done(&r);
  r = run(d, "scan -p %s/build --no-progress --disable sync-fs", d);
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  /* The configuration at the root is read from a subdirectory. */
  write_file(d, ".lagscan.yml", "overrides:\n  - paths: [src/work.c]\n    disable: [sleep]\n");
  r = run(src, "scan -p %s/build --no-progress", d);
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "src/main.c:5:"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "src/work.c:"));
  done(&r);
  r = run(src, "rules");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[disabled in some paths]"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "[disabled]\n"));
  done(&r);
  write_file(d, ".lagscan.yml", "disable: [sleep]\n");
  r = run(src, "scan -p %s/build --no-progress", d);
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(src, "rules");
  char *line = strstr(r.out, "sleep ");
  CU_ASSERT_PTR_NOT_NULL(line && strstr(line, "[disabled]\n"));
  char *fs = strstr(r.out, "sync-fs "), *eol = fs ? strchr(fs, '\n') : NULL;
  CU_ASSERT(fs && eol && !memmem(fs, (size_t)(eol - fs), "[disabled", 9));
  done(&r);
  /* Without the project's configuration nothing is marked. */
  r = run(tmp, "rules");
  CU_ASSERT_PTR_NULL(strstr(r.out, "[disabled"));
  done(&r);
  write_file(d, ".lagscan.yml", "disable: [sleeep]\n");
  r = run(src, "scan -p %s/build --no-progress", d);
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, ".lagscan.yml:1:11: unknown rule 'sleeep' in 'disable'"));
  done(&r);
  free(src);
  free(d);
}

/* No global or system git configuration. */
static int isolate_git(void) {
  return setenv("GIT_CONFIG_NOSYSTEM", "1", 1) || setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
}

void add_root_tests(void) {
  CU_pSuite s = CU_add_suite("root", isolate_git, NULL);
  CU_add_test(s, "the same reports and baseline states from the top, a subdirectory, --root",
              same_reports_from_anywhere);
  CU_add_test(s, "--disable, disable: and overrides:, marked by 'lagscan rules'", disabled_rules);
}
