/* clirun.c: running `lagscan` and shell commands for the CLI tests, and
 * files in the temporary tree (clirun.h). */
#define _GNU_SOURCE
#include "clirun.h"

#include <CUnit/Basic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

const char *lagscan;
const char *srcdir;
char tmp[] = "/tmp/lagscan-cli-XXXXXX";

const char blocking_src[] =
    "#include <uv.h>\n"
    "#include <unistd.h>\n"
    "static void on_timer(uv_timer_t *t) { (void)t; sleep(1); }\n"
    "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0); }\n";

const char clean_src[] =
    "#include <uv.h>\n"
    "static void on_timer(uv_timer_t *t) { (void)t; }\n"
    "void start2(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0); }\n";

char *slurp(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return strdup("");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  int c;
  while ((c = fgetc(f)) != EOF) {
    if (n + 2 > cap) buf = realloc(buf, cap = cap ? cap * 2 : 4096);
    buf[n++] = (char)c;
  }
  fclose(f);
  if (!buf) return strdup("");
  buf[n] = '\0';
  return buf;
}

/* Runs `prefix command` in `dir`, capturing stdout and stderr. */
static result run_in(const char *dir, const char *prefix, const char *command) {
  char *cmd;
  if (asprintf(&cmd, "cd '%s' && %s%s > '%s/.out' 2> '%s/.err' < /dev/null", dir, prefix,
               command, tmp, tmp) < 0)
    abort();
  int st = system(cmd);
  result r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128, NULL, NULL};
  char *p;
  if (asprintf(&p, "%s/.out", tmp) < 0) abort();
  r.out = slurp(p);
  free(p);
  if (asprintf(&p, "%s/.err", tmp) < 0) abort();
  r.err = slurp(p);
  free(p);
  free(cmd);
  return r;
}

result run(const char *dir, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *args, *prefix;
  if (vasprintf(&args, fmt, ap) < 0) abort();
  va_end(ap);
  if (asprintf(&prefix, "'%s' ", lagscan) < 0) abort();
  result r = run_in(dir, prefix, args);
  free(prefix);
  free(args);
  return r;
}

result sh(const char *dir, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *command, *wrapped;
  if (vasprintf(&command, fmt, ap) < 0) abort();
  va_end(ap);
  if (asprintf(&wrapped, "( %s )", command) < 0) abort();
  result r = run_in(dir, "", wrapped);
  free(wrapped);
  free(command);
  return r;
}

void done(result *r) {
  free(r->out);
  free(r->err);
}

char *path_in(const char *dir, const char *name) {
  char *p;
  if (asprintf(&p, "%s/%s", dir, name) < 0) abort();
  return p;
}

char *make_dir(const char *name) {
  char *d = path_in(tmp, name);
  mkdir(d, 0777);
  return d;
}

void write_file(const char *dir, const char *name, const char *text) {
  char *p = path_in(dir, name);
  FILE *f = fopen(p, "w");
  fputs(text, f);
  fclose(f);
  free(p);
}

int clirun_main(int argc, char **argv, const char *program, void (*add_suites)(void)) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s LAGSCAN SRCDIR [SUITE]\n", program);
    return 2;
  }
  lagscan = argv[1];
  srcdir = argv[2];
  if (!mkdtemp(tmp)) return 2;
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  add_suites();
  CU_basic_set_mode(CU_BRM_VERBOSE);
  if (argc > 3) {
    CU_pSuite one = CU_get_suite(argv[3]);
    if (!one) {
      fprintf(stderr, "%s: no suite '%s'\n", program, argv[3]);
      CU_cleanup_registry();
      return 2;
    }
    CU_basic_run_suite(one);
  } else {
    CU_basic_run_tests();
  }
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  char *rm;
  if (asprintf(&rm, "rm -rf '%s'", tmp) >= 0) {
    if (system(rm) != 0) fprintf(stderr, "could not remove %s\n", tmp);
    free(rm);
  }
  return failed ? 1 : 0;
}

char *make_git_project(const char *name, const char *main_c, const char *work_c,
                       const char *gitignore) {
  char *d = make_dir(name), *sub;
  if (asprintf(&sub, "%s/src", name) < 0) abort();
  free(make_dir(sub));
  free(sub);
  if (asprintf(&sub, "%s/build", name) < 0) abort();
  char *build = make_dir(sub);
  free(sub);
  char *src = path_in(d, "src");
  write_file(src, "main.c", main_c);
  write_file(src, "work.c", work_c);
  free(src);
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"src/main.c\", \"arguments\": [\"cc\", \"-c\","
               " \"src/main.c\"]}, {\"directory\": \"%s\", \"file\": \"src/work.c\","
               " \"arguments\": [\"cc\", \"-c\", \"src/work.c\"]}]",
               d, d) < 0)
    abort();
  write_file(build, "compile_commands.json", json);
  free(json);
  free(build);
  if (gitignore) write_file(d, ".gitignore", gitignore);
  result r = sh(d, "git init -q . && " CLI_GIT " add -A && " CLI_GIT " commit -q -m initial");
  CU_ASSERT_EQUAL(r.status, 0);
  if (r.status != 0) fprintf(stderr, "make_git_project: git failed: %s\n", r.err);
  done(&r);
  return d;
}
