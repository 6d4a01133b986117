/* test_outputs.c: where and how `lagscan scan` writes, as CI jobs use it
 * (the "outputs" suite), through the real binary: -o onto a character
 * device (/dev/null) and a symbolic link, the one-line summary on stderr and
 * --quiet, --color, --format github and gitlab, and the SARIF region of a
 * registration covering the whole callback name. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "clirun.h"

/* -o onto a character device writes into it: the device stays a device
 * (as root, a rename over it would have replaced /dev/null by a file). */
static void output_to_device(void) {
  char *d = make_dir("device");
  write_file(d, "bad.c", blocking_src);
  char *node = path_in(d, "null");
  if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) != 0) {
    CU_ASSERT_EQUAL(errno, EPERM);
    fprintf(stderr, "\n    mknod not allowed: checking /dev/null itself\n");
    free(node);
    node = strdup("/dev/null");
  }
  const char *formats[] = {"text", "sarif", "json", "html", "github", "gitlab"};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    result r = run(d, "scan --db db --format %s -o %s bad.c --", formats[i], node);
    CU_ASSERT_EQUAL(r.status, 1);
    CU_ASSERT_STRING_EQUAL(r.out, "");
    char *want;
    if (asprintf(&want, "lagscan: 1 finding, written to %s\n", node) < 0) abort();
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, want));
    free(want);
    done(&r);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(lstat(node, &st), 0);
    CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
    CU_ASSERT_EQUAL(st.st_rdev, makedev(1, 3));
  }
  /* baselines are written the same way */
  result r = run(d, "baseline --db db -o %s bad.c --", node);
  CU_ASSERT_EQUAL(r.status, 0);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(lstat(node, &st), 0);
  CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
  done(&r);
  free(node);
  free(d);
}

/* -o through a symbolic link: the link stays, its target gets the report. */
static void output_through_symlink(void) {
  char *d = make_dir("symlink");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "target.sarif", "old");
  char *link = path_in(d, "link.sarif"), *target = path_in(d, "target.sarif");
  CU_ASSERT_EQUAL_FATAL(symlink("target.sarif", link), 0);
  result r = run(d, "scan --db db --format sarif -o link.sarif bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(lstat(link, &st), 0);
  CU_ASSERT_TRUE(S_ISLNK(st.st_mode));
  char *text = slurp(target);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"version\": \"2.1.0\""));
  free(text);
  free(link);
  free(target);
  free(d);
}

static void summary_line_and_quiet(void) {
  char *d = make_dir("summary");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "clean.c", clean_src);
  result r = run(d, "scan --db db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_STRING_EQUAL(r.err, "lagscan: 1 finding, written to standard output\n");
  done(&r);
  r = run(d, "scan --db db -o - clean.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.err, "lagscan: 0 findings, written to standard output\n");
  done(&r);
  r = run(d, "baseline --db db -o base.json bad.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.err, "lagscan: 1 finding, written to base.json\n");
  done(&r);
  r = run(d, "scan --db db --baseline base.json --format sarif -o out.sarif bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_STRING_EQUAL(r.err, "lagscan: 1 finding, 0 new, written to out.sarif\n");
  done(&r);
  r = run(d, "scan --db db --baseline base.json bad.c clean.c --");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "lagscan: 1 finding, 0 new, written to standard output"));
  done(&r);
  /* --quiet: nothing on stderr but errors; the report and status unchanged */
  r = run(d, "scan --db db --quiet bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_STRING_EQUAL(r.err, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "warning:"));
  done(&r);
  r = run(d, "baseline --db db -q -o base.json bad.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.err, "");
  done(&r);
  write_file(d, "broken.c", "#include <uv.h>\nvoid f(void) { undeclared(); }\n");
  r = run(d, "scan --db db -q broken.c --");
  CU_ASSERT_PTR_NULL(strstr(r.err, "warning"));
  done(&r);
  r = run(d, "scan --db db -q missing.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "missing.c")); /* errors are still said */
  done(&r);
  free(d);
}

/* Event loops written in the program: -v lists them and the summary names
 * them; a pack given with --rules names a loop (`event_loops: loops:`),
 * turns finding them off (`detect: false`), or says an SDK function does
 * not call its callback on the loop (`loop_handles: not_on_loop:`). */
static const char own_loop_src[] =
    "#include <sys/epoll.h>\n"
    "#include <unistd.h>\n"
    "struct handler { void (*fn)(int fd); };\n"
    "static struct handler handlers[16];\n"
    "static void on_ready(int fd) { (void)fd; sleep(1); }\n"
    "static void dispatch(int ep) {\n"
    "  struct epoll_event evs[16];\n"
    "  for (;;) {\n"
    "    int n = epoll_wait(ep, evs, 16, -1);\n"
    "    for (int i = 0; i < n; i++) handlers[evs[i].data.fd].fn(evs[i].data.fd);\n"
    "  }\n"
    "}\n"
    "static void serve(void) { usleep(10); }\n"
    "int main(void) { handlers[0].fn = on_ready; serve(); dispatch(epoll_create1(0)); }\n";

static const char sdk_src[] =
    "#include <unistd.h>\n"
    "#include <uv.h>\n"
    "int sdk_watch(uv_loop_t *loop, void (*cb)(int));\n"
    "int sdk_spawn(uv_loop_t *loop, void (*entry)(int));\n"
    "static void on_event(int x) { (void)x; sleep(1); }\n"
    "static void thread_main(int x) { (void)x; sleep(2); }\n"
    "int main(void) { sdk_watch(uv_default_loop(), on_event);\n"
    "  sdk_spawn(uv_default_loop(), thread_main); return 0; }\n";

static void own_loops_and_sdks(void) {
  char *d = make_dir("loops");
  write_file(d, "server.c", own_loop_src);
  write_file(d, "sdk.c", sdk_src);
  result r = run(d, "scan --db db -v server.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "server.c:5:42: warning: 'sleep'"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "usleep")); /* serve() runs before the loop */
  CU_ASSERT_PTR_NOT_NULL(
      strstr(r.out, "  event loops found in the code: dispatch (server.c:9, epoll_wait)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(
      r.err, "lagscan: event loop dispatch at server.c:9 waits in epoll_wait; calls through "
             "handler.fn\n"));
  done(&r);
  write_file(d, "off.yml", "pack: off\nevent_loops:\n  detect: false\n");
  r = run(d, "scan --db db2 --rules off.yml server.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NULL(strstr(r.out, "event loops found"));
  done(&r);
  write_file(d, "named.yml", "pack: named\nevent_loops:\n  detect: false\n  loops: [main]\n");
  r = run(d, "scan --db db3 -v --rules named.yml server.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  /* main's whole body is loop code now: serve's usleep, and dispatch's loop */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "warning: 'usleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "lagscan: event loop main (named by a rule pack)"));
  done(&r);
  r = run(d, "scan --db db4 sdk.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "sdk.c:5:40: warning: 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "sdk.c:6:43: warning: 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(sdk_watch, assumed: it takes a uv_loop_t"));
  done(&r);
  write_file(d, "sdk.yml", "pack: sdk\nloop_handles:\n  not_on_loop: [sdk_spawn]\n");
  r = run(d, "scan --db db5 --rules sdk.yml sdk.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "sdk.c:5:40: warning: 'sleep'"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "sdk.c:6:"));
  done(&r);
  free(d);
}

static void colors(void) {
  char *d = make_dir("color");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan --db db --color=always bad.c --");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\033[1mbad.c:3:48: \033[0;1;35mwarning: \033[0m\033[1m"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[sleep]\033[0m\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\033[0;1;30mnote: \033[0m"));
  done(&r);
  /* auto: stdout is a file here, so no colour; never: none */
  const char *plain[] = {"", "--color=auto", "--color never"};
  for (size_t i = 0; i < 3; i++) {
    r = run(d, "scan --db db %s bad.c --", plain[i]);
    CU_ASSERT_PTR_NULL(strchr(r.out, '\033'));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "bad.c:3:48: warning: "));
    done(&r);
  }
  /* auto on a terminal, with and without -o (script(1) gives a pty) */
  if (access("/usr/bin/script", X_OK) == 0) {
    r = sh(d, "script -qec \"'%s' scan --db db bad.c --\" /dev/null", lagscan);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\033[0;1;35mwarning: "));
    done(&r);
    r = sh(d, "script -qec \"'%s' scan --db db -o out.txt bad.c --\" /dev/null", lagscan);
    char *out = path_in(d, "out.txt"), *text = slurp(out);
    CU_ASSERT_PTR_NULL(strchr(text, '\033'));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "warning:"));
    free(text);
    free(out);
    done(&r);
  }
  r = run(d, "scan --db db --color=sometimes bad.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--color takes auto, always or never"));
  done(&r);
  free(d);
}

static void ci_formats(void) {
  char *d = make_dir("ciformats");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan --db db --format github bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "::warning file=bad.c,line=3,col=48,endLine=3,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, ",title=sleep::'sleep' sleeps on the loop thread"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "%0Abad.c:4:47: note: 'on_timer' registered here"));
  done(&r);
  r = run(d, "scan --db db --format gitlab bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  char ebuf[256];
  yajl_val v = yajl_tree_parse(r.out, ebuf, sizeof ebuf);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT_TRUE_FATAL(YAJL_IS_ARRAY(v) && v->u.array.len == 1);
  const char *check[] = {"check_name", NULL}, *path[] = {"location", "path", NULL},
             *begin[] = {"location", "lines", "begin", NULL};
  yajl_val issue = v->u.array.values[0];
  CU_ASSERT_STRING_EQUAL(YAJL_GET_STRING(yajl_tree_get(issue, check, yajl_t_string)), "sleep");
  CU_ASSERT_STRING_EQUAL(YAJL_GET_STRING(yajl_tree_get(issue, path, yajl_t_string)), "bad.c");
  CU_ASSERT_EQUAL(YAJL_GET_INTEGER(yajl_tree_get(issue, begin, yajl_t_number)), 3);
  yajl_tree_free(v);
  done(&r);
  r = run(d, "scan --db db --format xml bad.c --");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "github or gitlab"));
  done(&r);
  free(d);
}

/* The registration step's region is the whole callback name: "on_timer" at
 * 4:47 ends before column 55, in SARIF's code flow and the JSON report. */
static void registration_region(void) {
  char *d = make_dir("region");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan --db db --format sarif bad.c --");
  char ebuf[256];
  yajl_val v = yajl_tree_parse(r.out, ebuf, sizeof ebuf);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  const char *first[] = {"runs", NULL};
  yajl_val runs = yajl_tree_get(v, first, yajl_t_array);
  CU_ASSERT_PTR_NOT_NULL_FATAL(runs);
  const char *flow[] = {"results", NULL};
  yajl_val results = yajl_tree_get(runs->u.array.values[0], flow, yajl_t_array);
  CU_ASSERT_TRUE_FATAL(results && results->u.array.len == 1);
  const char *loc0[] = {"codeFlows", NULL};
  yajl_val flows = yajl_tree_get(results->u.array.values[0], loc0, yajl_t_array);
  CU_ASSERT_TRUE_FATAL(flows && flows->u.array.len == 1);
  const char *tl[] = {"threadFlows", NULL};
  yajl_val tfs = yajl_tree_get(flows->u.array.values[0], tl, yajl_t_array);
  CU_ASSERT_TRUE_FATAL(tfs && tfs->u.array.len == 1);
  const char *locs[] = {"locations", NULL};
  yajl_val steps = yajl_tree_get(tfs->u.array.values[0], locs, yajl_t_array);
  CU_ASSERT_TRUE_FATAL(steps && steps->u.array.len >= 2);
  const char *sc[] = {"location", "physicalLocation", "region", "startColumn", NULL},
             *ec[] = {"location", "physicalLocation", "region", "endColumn", NULL},
             *sl[] = {"location", "physicalLocation", "region", "startLine", NULL};
  yajl_val reg = steps->u.array.values[0];
  CU_ASSERT_EQUAL(YAJL_GET_INTEGER(yajl_tree_get(reg, sl, yajl_t_number)), 4);
  CU_ASSERT_EQUAL(YAJL_GET_INTEGER(yajl_tree_get(reg, sc, yajl_t_number)), 47);
  CU_ASSERT_EQUAL(YAJL_GET_INTEGER(yajl_tree_get(reg, ec, yajl_t_number)), 55);
  yajl_tree_free(v);
  done(&r);
  free(d);
}

void add_outputs_tests(void) {
  CU_pSuite s = CU_add_suite("outputs", NULL, NULL);
  CU_add_test(s, "-o onto a character device", output_to_device);
  CU_add_test(s, "-o through a symbolic link", output_through_symlink);
  CU_add_test(s, "the summary line, and --quiet", summary_line_and_quiet);
  CU_add_test(s, "--color", colors);
  CU_add_test(s, "event loops in the code and callbacks into SDKs", own_loops_and_sdks);
  CU_add_test(s, "--format github and gitlab", ci_formats);
  CU_add_test(s, "a registration's region is the callback's name", registration_region);
}
