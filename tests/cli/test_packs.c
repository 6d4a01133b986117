/* test_packs.c: what a project's own rule pack (--rules FILE) can say of
 * its code (the "packs" suite), through the real binary: a registration or
 * blocker naming a static (inline) function, `functions: off_loop:` and
 * `nonblocking:`, `descriptors: helpers:` across translation units, the
 * warnings for entries that match nothing in the program and library
 * files (`library_files:`); a program's own dispatch by key is
 * test_dispatch.c's. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"

/* An SDK header whose registration API is a static inline wrapper, and a
 * program that registers two callbacks through it. */
static const char sdk_h[] =
    "typedef void (*sdk_cb)(void *);\n"
    "void sdk__timer_start(void *loop, sdk_cb cb);\n"
    "static inline void sdk_timer_start(void *loop, sdk_cb cb) {\n"
    "  sdk__timer_start(loop, cb);\n"
    "}\n";

/* Counts the occurrences of `needle` in `hay`. */
static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

/* A registration entry names a `static inline` wrapper in a header (its key
 * is path-qualified), and a blocking entry a static function of the file. */
static void static_functions_by_name(void) {
  char *d = make_dir("static");
  write_file(d, "sdk.h", sdk_h);
  write_file(d, "app.c",
             "#include <unistd.h>\n"
             "#include \"sdk.h\"\n"
             "static void flush_all(void) { }\n"
             "static void on_tick(void *p) { (void)p; flush_all(); }\n"
             "void start(void *loop) { sdk_timer_start(loop, on_tick); }\n");
  write_file(d, "sdk.yml",
             "pack: sdk\n"
             "registrations:\n"
             "  - {function: sdk_timer_start, arg: 1, context: loop}\n"
             "blocking:\n"
             "  - {function: flush_all, rule: sync-fs, what: flushes every file}\n");
  result r = run(d, "scan --db db app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 0); /* no pack: no root */
  done(&r);
  r = run(d, "scan --db db --rules sdk.yml app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:4:41: warning: 'flush_all' flushes every file on "
                                       "the loop thread"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:5:48: note: 'on_tick' registered here as a loop "
                                       "callback (sdk_timer_start)"));
  CU_ASSERT_PTR_NULL(strstr(r.err, "matches nothing"));
  done(&r);
  free(d);
}

/* A thread body the loop's code seems to call (directly, and by its type
 * through a pointer), and a logging helper that sleeps: with the pack, the
 * thread body runs off the loop (a worker root for `why`), the helper is
 * trusted. */
static void off_loop_and_trusted(void) {
  char *d = make_dir("offloop");
  write_file(d, "sdk.h", sdk_h);
  write_file(d, "app.c",
             "#include <unistd.h>\n"
             "#include \"sdk.h\"\n"
             "void log_fast(const char *m) { (void)m; usleep(10); }\n"
             "static void *io_thread_main(void *arg) { (void)arg; sleep(5); return 0; }\n"
             "static void compact(void) { sleep(1); }\n"
             "static void *spare_main(void *arg) { (void)arg; compact(); return 0; }\n"
             "void *(*thread_body)(void *) = spare_main;\n"
             "static void on_tick(void *p) {\n"
             "  log_fast(\"tick\");\n"
             "  io_thread_main(p);\n"
             "  thread_body(p);\n"
             "}\n"
             "void start(void *loop) { sdk_timer_start(loop, on_tick); }\n");
  write_file(d, "base.yml",
             "pack: base\n"
             "registrations:\n"
             "  - {function: sdk_timer_start, arg: 1, context: loop}\n");
  write_file(d, "ours.yml",
             "pack: ours\n"
             "functions:\n"
             "  off_loop: [io_thread_main, spare_main]\n"
             "  nonblocking: [log_fast]\n");
  result r = run(d, "scan --db db --rules base.yml app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:3:41: warning: 'usleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:4:53: warning: 'sleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:5:29: warning: 'sleep' sleeps"));
  done(&r);
  r = run(d, "why --db db --rules base.yml io_thread_main app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "scan --db db --rules base.yml --rules ours.yml app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no findings"));
  done(&r);
  /* Not reachable from the loop; a worker root, shown at its definition;
   * and what it calls is reached from it. */
  r = run(d, "why --db db --rules base.yml --rules ours.yml io_thread_main app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'io_thread_main' (app.c) is not reachable from any loop "
                                       "root; worker roots that reach it:\n"
                                       "app.c:4:1: note: 'io_thread_main' runs off the loop (a "
                                       "rule pack says so: functions: off_loop)\n"));
  done(&r);
  r = run(d, "why --db db --rules base.yml --rules ours.yml compact app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:6:1: note: 'spare_main' runs off the loop"));
  done(&r);
  free(d);
}

/* Helpers that make a descriptor non-blocking, named by the pack: one
 * defined in another translation unit, one not in the program at all
 * (anetNonBlock(err, fd): argument 1), and a wrapper of one in the file.
 * Without the pack, the one defined in net.c is seen from its body (and
 * its wrapper with it); only the one not in the program needs the pack. */
static void descriptor_helpers_across_files(void) {
  char *d = make_dir("fdhelpers");
  write_file(d, "sdk.h", sdk_h);
  write_file(d, "net.c",
             "#include <fcntl.h>\n"
             "void set_nonblock(int fd) {\n"
             "  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);\n"
             "}\n");
  write_file(d, "app.c",
             "#include <unistd.h>\n"
             "#include \"sdk.h\"\n"
             "void set_nonblock(int fd);\n"
             "int anetNonBlock(char *err, int fd);\n"
             "static void prepare(int fd) { set_nonblock(fd); }\n"
             "static int a, b, c;\n"
             "static void on_tick(void *p) {\n"
             "  char buf[64], err[64];\n"
             "  (void)p;\n"
             "  int fa = a, fb = b, fc = c;\n"
             "  set_nonblock(fa);\n"
             "  read(fa, buf, sizeof buf);\n"
             "  anetNonBlock(err, fb);\n"
             "  read(fb, buf, sizeof buf);\n"
             "  prepare(fc);\n"
             "  read(fc, buf, sizeof buf);\n"
             "}\n"
             "void start(void *loop) { sdk_timer_start(loop, on_tick); }\n");
  write_file(d, "base.yml",
             "pack: base\n"
             "registrations:\n"
             "  - {function: sdk_timer_start, arg: 1, context: loop}\n");
  write_file(d, "net.yml",
             "pack: net\n"
             "descriptors:\n"
             "  helpers:\n"
             "    - {function: set_nonblock, fd: 0}\n"
             "    - {function: anetNonBlock, fd: 1}\n");
  result r = run(d, "scan --db db --rules base.yml app.c net.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_EQUAL(count(r.out, "warning: 'read' reads"), 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:14:"));
  done(&r);
  r = run(d, "scan --db db --rules base.yml --rules net.yml app.c net.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no findings"));
  CU_ASSERT_PTR_NULL(strstr(r.err, "matches nothing"));
  done(&r);
  /* With only app.c the helper is not defined: the pack still says it. */
  r = run(d, "scan --db db --rules base.yml --rules net.yml app.c -- -I.");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  free(d);
}

/* Entries of a pack of one's own that match nothing are warned about on
 * stderr, with the file as given and the line; the report, the exit status
 * and the default packs (which match little of any one program) are not
 * affected, and --quiet drops the warnings. */
static void entries_that_match_nothing(void) {
  char *d = make_dir("unmatched");
  char *tools = make_dir("unmatched/tools");
  write_file(d, "bad.c", blocking_src);
  write_file(tools, "our.yml",
             "pack: ours\n"
             "registrations:\n"
             "  - {function: uv_timer_start, arg: 1, context: loop}\n"
             "  - {functions: [sdk_listen, sdk_connect], arg: 1, context: loop}\n"
             "  - {field: sdk_conn.on_read, context: loop}\n"
             "blocking:\n"
             "  - {function: start, rule: sleep, what: starts}\n"
             "  - {function: sdk_flush, rule: sync-fs, what: flushes}\n"
             "  - {match: \"sdk_*_sync\", rule: sync-net, what: waits}\n"
             "descriptors:\n"
             "  helpers: [{function: sdk_nonblock, fd: 0}]\n"
             "functions:\n"
             "  off_loop: [sdk_thread]\n"
             "  nonblocking:\n"
             "    - start\n"
             "    - sdk_log\n");
  result plain = run(d, "scan --db db1 bad.c --");
  CU_ASSERT_EQUAL(plain.status, 1);
  CU_ASSERT_PTR_NULL(strstr(plain.err, "matches nothing"));
  result r = run(d, "scan --db db2 --rules tools/our.yml bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_STRING_EQUAL(r.out, plain.out);
  static const char *const want[] = {
      "lagscan: warning: tools/our.yml:4: 'sdk_listen' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:4: 'sdk_connect' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:5: 'sdk_conn.on_read' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:8: 'sdk_flush' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:9: 'sdk_*_sync' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:11: 'sdk_nonblock' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:13: 'sdk_thread' matches nothing in the program\n",
      "lagscan: warning: tools/our.yml:16: 'sdk_log' matches nothing in the program\n",
  };
  const char *at = r.err;
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *hit = strstr(r.err, want[i]);
    CU_ASSERT_PTR_NOT_NULL(hit);
    if (hit) CU_ASSERT_TRUE(hit >= at); /* by line */
    if (hit) at = hit;
  }
  CU_ASSERT_EQUAL(count(r.err, "matches nothing"), 8);
  done(&r);
  r = run(d, "scan --db db --rules tools/our.yml --quiet bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_STRING_EQUAL(r.err, "");
  done(&r);
  done(&plain);
  free(tools);
  free(d);
}


/* A header library's inline bodies: without library_files the path goes
 * through them; with it, the pack's entry for the library function is the
 * finding, at the program's call. */
static void library_files(void) {
  char *d = make_dir("libfiles");
  char *lib = NULL;
  if (asprintf(&lib, "%s/vendor", d) < 0 || mkdir(lib, 0755) != 0) CU_FAIL_FATAL("mkdir vendor");
  write_file(lib, "kv.h",
             "#include <unistd.h>\n"
             "static inline void kv_sync(int fd) { fsync(fd); }\n");
  write_file(d, "app.c",
             "#include \"vendor/kv.h\"\n"
             "void loop_add(void (*f)(void));\n"
             "static void on_tick(void) { kv_sync(3); }\n"
             "void start(void) { loop_add(on_tick); }\n");
  write_file(d, "p.yml",
             "pack: p\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n");
  result r = run(d, "scan --db db --rules p.yml app.c");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'fsync'"));
  done(&r);
  write_file(d, "v.yml",
             "pack: v\n"
             "library_files: [\"*/vendor/*\"]\n"
             "blocking:\n"
             "  - {function: kv_sync, rule: sync-fs, what: syncs the store}\n");
  r = run(d, "scan --db db --rules p.yml --rules v.yml app.c");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NULL(strstr(r.out, "'fsync'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "app.c:3:29: warning: 'kv_sync' syncs the store"));
  done(&r);
  free(lib);
  free(d);
}

/* A pack's entry naming a C++ method covers its overrides: Disk::flush is
 * blocking because Store::flush is, and off the loop when Store::flush is. */
static void method_entries_cover_overrides(void) {
  char *d = make_dir("overrides");
  write_file(d, "ov.cc",
             "void loop_add(void (*f)(void));\n"
             "struct Store { virtual void flush(); virtual ~Store(); };\n"
             "struct Disk : Store { void flush() override; };\n"
             "void Disk::flush() {}\n"
             "static void on_tick() { Disk d; d.flush(); }\n"
             "void start() { loop_add(on_tick); }\n");
  write_file(d, "ov.yml",
             "pack: ov\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n"
             "blocking:\n"
             "  - {function: Store::flush, rule: sync-fs, what: flushes the store}\n");
  result r = run(d, "scan --db db --rules ov.yml ov.cc -- -std=c++17");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "ov.cc:5:33: warning: 'Disk::flush' flushes the store"));
  done(&r);
  free(d);
}

void add_packs_tests(void) {
  CU_pSuite s = CU_add_suite("packs", NULL, NULL);
  CU_add_test(s, "static and static inline functions by name", static_functions_by_name);
  CU_add_test(s, "functions: off_loop and nonblocking", off_loop_and_trusted);
  CU_add_test(s, "descriptors: helpers, across translation units",
              descriptor_helpers_across_files);
  CU_add_test(s, "entries that match nothing are warned about", entries_that_match_nothing);
  CU_add_test(s, "library_files: a library's bodies are not the program's", library_files);
  CU_add_test(s, "a C++ method's entry covers its overrides", method_entries_cover_overrides);
}
