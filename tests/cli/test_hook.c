/* test_hook.c: `lagscan hook install|uninstall` and the pre-commit hook it
 * writes, end to end in a temporary git repository with a compilation
 * database: a staged file with a blocking call stops the commit (status 1,
 * the finding printed, only the changed TU parsed again), a clean change goes
 * through; a hook lagscan did not write is never replaced without --force
 * nor removed. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"

/* git with an identity; the suite's init keeps the machine's settings out. */
#define GIT CLI_GIT

/* main.c registers on_timer, which calls work() in work.c: a finding in
 * work.c needs the whole program's graph. main.c also has a blocking call of
 * its own, which reports narrowed to work.c must not show. */
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
static const char work_clean[] = "int counter;\nvoid work(void) { counter++; }\n";
static const char work_blocking[] =
    "#include <unistd.h>\nint counter;\nvoid work(void) { counter++; sleep(1); }\n";
static const char work_clean2[] = "int counter;\nvoid work(void) { counter += 2; }\n";

/* tmp/NAME: the test's git repository (clirun.h, make_git_project). */
static char *make_repo(const char *name) {
  return make_git_project(name, main_src, work_clean, ".lagscan/\n");
}

static int is_executable(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && (st.st_mode & 0111) == 0111;
}

static void install_and_uninstall(void) {
  char *d = make_repo("hookrepo");
  char *hook = path_in(d, ".git/hooks/pre-commit");
  result r = run(d, "hook install");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "installed the pre-commit hook"));
  done(&r);
  CU_ASSERT_TRUE(is_executable(hook));
  char *text = slurp(hook);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "# lagscan pre-commit hook"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, " scan -p 'build' \"$@\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "--diff-filter=ACMR"));
  free(text);
  /* Again, from a subdirectory, with options: lagscan's own hook is updated,
   * and paths become relative to the top of the work tree. */
  char *src = path_in(d, "src");
  r = run(src, "hook install -p ../build --baseline ../base.json");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "updated the pre-commit hook"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "base.json")); /* does not exist yet */
  done(&r);
  text = slurp(hook);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, " scan -p 'build' --baseline 'base.json' --new-only"));
  free(text);
  r = run(d, "hook uninstall");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "removed"));
  done(&r);
  struct stat st;
  CU_ASSERT_NOT_EQUAL(stat(hook, &st), 0);
  r = run(d, "hook uninstall");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "nothing to remove"));
  done(&r);
  /* Outside a work tree. */
  r = run(tmp, "hook install");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "not inside a git work tree"));
  done(&r);
  free(src);
  free(hook);
  free(d);
}

static void foreign_hook_is_kept(void) {
  char *d = make_repo("foreign");
  char *hooks = path_in(d, ".git/hooks");
  static const char mine[] = "#!/bin/sh\necho my own hook\n";
  write_file(hooks, "pre-commit", mine);
  char *hook = path_in(hooks, "pre-commit");
  result r = run(d, "hook install");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "was not written by lagscan; use --force"));
  done(&r);
  char *text = slurp(hook);
  CU_ASSERT_STRING_EQUAL(text, mine);
  free(text);
  r = run(d, "hook uninstall");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "leaving it alone"));
  done(&r);
  text = slurp(hook);
  CU_ASSERT_STRING_EQUAL(text, mine);
  free(text);
  r = run(d, "hook install --force");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "replaced"));
  done(&r);
  text = slurp(hook);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "# lagscan pre-commit hook"));
  free(text);
  CU_ASSERT_TRUE(is_executable(hook));
  free(hook);
  free(hooks);
  free(d);
}

static void pre_commit_end_to_end(void) {
  char *d = make_repo("precommit");
  char *src = path_in(d, "src");
  /* The whole program is in the database before the first commit. */
  result r = run(d, "scan -p build");
  CU_ASSERT_EQUAL(r.status, 1); /* main.c's own usleep */
  done(&r);
  r = run(d, "hook install -p build");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);

  /* Nothing staged, or nothing in C: no scan at all. */
  r = sh(d, ".git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.out, "");
  done(&r);
  write_file(d, "README", "docs\n");
  r = sh(d, GIT " add README && .git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.out, "");
  done(&r);

  /* A staged blocking call stops the commit; only work.c is parsed again and
   * the path goes through main.c. */
  write_file(src, "work.c", work_blocking);
  r = sh(d, GIT " add src/work.c && .git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "src/work.c:3:"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, ": warning: 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "src/main.c:4:48: note: function 'work' called here"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "usleep")); /* narrowed to the staged file */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "2 translation units: 1 parsed, 1 unchanged, 0 failed"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "commit stopped"));
  done(&r);
  /* git runs it: the commit does not happen. */
  r = sh(d, GIT " commit -q -m blocking");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, ": warning: 'sleep'")); /* git sends hooks' stdout there */
  done(&r);
  r = sh(d, "git rev-list --count HEAD");
  CU_ASSERT_STRING_EQUAL(r.out, "1\n");
  done(&r);

  /* A clean change goes through, although main.c still has its finding. */
  write_file(src, "work.c", work_clean2);
  r = sh(d, GIT " add src/work.c && .git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no findings"));
  done(&r);
  r = sh(d, GIT " commit -q -m clean && git rev-list --count HEAD");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.out, "2\n");
  done(&r);

  /* With a baseline, only findings not in it stop a commit. */
  r = run(d, "baseline -p build -o base.json");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "hook install -p build --baseline base.json");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  write_file(src, "main.c", "/* a comment first */\n");
  char *text = path_in(src, "main.c");
  FILE *f = fopen(text, "a");
  fputs(main_src, f);
  fclose(f);
  free(text);
  r = sh(d, GIT " add src/main.c && .git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 0); /* the usleep moved a line: not new */
  done(&r);
  write_file(src, "work.c", work_blocking);
  r = sh(d, GIT " add src/work.c && .git/hooks/pre-commit");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, ": warning: 'sleep'"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "usleep"));
  done(&r);

  /* The hook's runs are in the history, narrowed to the staged files. */
  r = run(d, "history");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "narrowed to "));
  done(&r);
  free(src);
  free(d);
}

/* The pre-commit gate narrows by the path, not only by the blocking call:
 * a commit that adds a call of load_config (unchanged, in util.c, where
 * fopen/fgets/fclose are) to a loop callback in handlers.c stages only
 * handlers.c, and is refused. */
static const char handlers_before[] =
    "#include <uv.h>\n"
    "void load_config(const char *path);\n"
    "static const char *path = \"/etc/app.conf\";\n"
    "static void on_timer(uv_timer_t *t) {\n"
    "  (void)t;\n"
    "}\n"
    "void start(uv_timer_t *t) { (void)path; uv_timer_start(t, on_timer, 0, 0); }\n";
static const char handlers_after[] =
    "#include <uv.h>\n"
    "void load_config(const char *path);\n"
    "static const char *path = \"/etc/app.conf\";\n"
    "static void on_timer(uv_timer_t *t) {\n"
    "  (void)t;\n"
    "  load_config(path);\n"
    "}\n"
    "void start(uv_timer_t *t) { (void)path; uv_timer_start(t, on_timer, 0, 0); }\n";
static const char util_src[] =
    "#include <stdio.h>\n"
    "void load_config(const char *path) {\n"
    "  char line[128];\n"
    "  FILE *f = fopen(path, \"r\");\n"
    "  if (!f) return;\n"
    "  while (fgets(line, sizeof line, f)) {\n"
    "  }\n"
    "  fclose(f);\n"
    "}\n";

static void pre_commit_refuses_a_new_path(void) {
  char *d = make_dir("pathgate");
  char *build = make_dir("pathgate/build");
  write_file(d, "handlers.c", handlers_before);
  write_file(d, "util.c", util_src);
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"handlers.c\", \"arguments\": [\"cc\", "
               "\"-c\", \"handlers.c\"]}, {\"directory\": \"%s\", \"file\": \"util.c\","
               " \"arguments\": [\"cc\", \"-c\", \"util.c\"]}]",
               d, d) < 0)
    abort();
  write_file(build, "compile_commands.json", json);
  free(json);
  write_file(d, ".gitignore", ".lagscan/\n");
  result r = sh(d, "git init -q . && " GIT " add -A && " GIT " commit -q -m initial");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan -p build");
  CU_ASSERT_EQUAL(r.status, 0); /* nothing reaches load_config yet */
  done(&r);
  r = run(d, "hook install -p build");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);

  write_file(d, "handlers.c", handlers_after);
  r = sh(d, GIT " add handlers.c && " GIT " commit -q -m 'read the configuration'");
  CU_ASSERT_EQUAL(r.status, 1); /* refused */
  /* The findings are in util.c, which is not staged; the path goes through
   * the staged handlers.c. git sends the hook's stdout to stderr. */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "util.c:4:"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'fopen'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'fgets'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'fclose'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "handlers.c:6:3: note: function 'load_config' called here"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "commit stopped"));
  done(&r);
  r = sh(d, "git rev-list --count HEAD");
  CU_ASSERT_STRING_EQUAL(r.out, "1\n");
  done(&r);

  /* Narrowed to a file none of the paths touches: nothing to report. */
  write_file(d, "other.c", "int other;\n");
  r = run(d, "scan -p build util.c");
  CU_ASSERT_EQUAL(r.status, 1); /* the blocking calls' own file */
  done(&r);
  /* The history: a narrowed run fixes only findings whose blocking call is
   * in its files; one through handlers.c alone fixes nothing in util.c. */
  write_file(d, "handlers.c", handlers_before);
  r = run(d, "scan -p build handlers.c");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "history --open");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fopen"));
  done(&r);
  r = run(d, "scan -p build util.c");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "history --open");
  CU_ASSERT_PTR_NULL(strstr(r.out, "fopen"));
  done(&r);
  free(build);
  free(d);
}

/* No global or system git configuration (core.hooksPath, commit signing,
 * templates with hooks of their own) may change what the tests see. */
static int isolate_git(void) {
  setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  return 0;
}

void add_hook_tests(void) {
  CU_pSuite s = CU_add_suite("hook", isolate_git, NULL);
  CU_add_test(s, "hook install and uninstall", install_and_uninstall);
  CU_add_test(s, "a hook lagscan did not write is kept", foreign_hook_is_kept);
  CU_add_test(s, "pre-commit: a blocking call stops the commit, a clean one passes",
              pre_commit_end_to_end);
  CU_add_test(s, "pre-commit: a staged call that makes a new path to a blocking call is refused",
              pre_commit_refuses_a_new_path);
}
