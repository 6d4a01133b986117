/* test_packs.c: what a project's own rule pack (--rules FILE) can say of
 * its code (the "packs" suite), through the real binary: a registration or
 * blocker naming a static (inline) function, `functions: off_loop:` and
 * `nonblocking:`, `descriptors: helpers:` across translation units, the
 * warnings for entries that match nothing in the program, a program's own
 * dispatch by key (`dispatch:`) and library files (`library_files:`). */
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


/* A signal system of the program's own: handlers filed by name, an emit
 * runs the ones of its name. Without the pack, every emit reaches every
 * handler through the hook field; with it, a literal name reaches its own,
 * a name built from a literal start the ones it can be, and an unknown
 * name all of them. */
static const char signals_c[] =
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "#include <unistd.h>\n"
    "typedef void (*sig_fn)(void);\n"
    "struct hook { const char *name; sig_fn func; struct hook *next; };\n"
    "static struct hook *hooks;\n"
    "void signal_add(const char *name, sig_fn f) {\n"
    "  struct hook *h = malloc(sizeof *h); h->name = name; h->func = f; h->next = hooks; hooks = h;\n"
    "}\n"
    "void signal_emit(const char *name) {\n"
    "  for (struct hook *h = hooks; h; h = h->next) if (!strcmp(h->name, name)) h->func();\n"
    "}\n"
    "char *concat(const char *a, const char *b);\n"
    "static void on_tick_sig(void) { }\n"
    "static void on_save(void) { sleep(1); }\n"
    "static void on_key_enter(void) { usleep(2); }\n"
    "void timer_cb(void) { signal_emit(\"tick\"); }\n"
    "void key_cb(const char *id) { char *s = concat(\"key \", id); signal_emit(s); }\n"
    "void pick_cb(int n) { signal_emit(n ? \"tick\" : \"tock\"); }\n"
    "void setup(void) {\n"
    "  signal_add(\"tick\", on_tick_sig);\n"
    "  signal_add(\"save\", on_save);\n"
    "  signal_add(\"key enter\", on_key_enter);\n"
    "}\n";

static void dispatch_by_key(void) {
  char *d = make_dir("dispatch");
  write_file(d, "sig.c", signals_c);
  /* the loop callbacks: timer_cb and key_cb, given to a loop API */
  write_file(d, "roots.c",
             "void timer_cb(void); void key_cb(const char *); void pick_cb(int);\n"
             "void loop_add(void (*f)(void));\n"
             "void loop_add_key(void (*f)(const char *));\n"
             "void loop_add_n(void (*f)(int));\n"
             "void start(void) { loop_add(timer_cb); loop_add_key(key_cb); loop_add_n(pick_cb); }\n");
  write_file(d, "roots.yml",
             "pack: roots\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n"
             "  - {function: loop_add_key, arg: 0, context: loop}\n"
             "  - {function: loop_add_n, arg: 0, context: loop}\n");
  result r = run(d, "scan --db db --rules roots.yml sig.c roots.c");
  CU_ASSERT_EQUAL(r.status, 1);
  /* the hook field reaches both handlers from the timer */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'usleep' sleeps"));
  done(&r);
  write_file(d, "sig.yml",
             "pack: sig\n"
             "dispatch:\n"
             "  - {register: signal_add, key_arg: 0, callback_arg: 1}\n"
             "  - {emit: signal_emit, key_arg: 0}\n"
             "  - {builder: concat}\n");
  r = run(d, "scan --db db --rules roots.yml --rules sig.yml sig.c roots.c");
  /* "tick" runs only on_tick_sig; "key " + id can only be "key enter";
   * `n ? "tick" : "tock"` is one of two keys, neither "save" */
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NULL(strstr(r.out, "'sleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'usleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "note: function 'on_key_enter' run here from 'key_cb' by "
                                       "'signal_emit', which dispatches to what is registered "
                                       "under its key"));
  done(&r);
  /* a pack entry with no key is refused, naming the file and line */
  write_file(d, "bad.yml", "pack: bad\ndispatch:\n  - {emit: signal_emit}\n");
  r = run(d, "scan --db db --rules bad.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "bad.yml:3:5: a dispatch entry needs 'key_arg'"));
  done(&r);
  free(d);
}

/* Keys given as integers made from names (irssi's signal_emit_id after
 * `sig = signal_get_uniq_id("name")`, a macro for
 * module_get_uniq_id_str("signals", "name")): with `key_from` and
 * `key_from_arg`, an emit by such a variable runs only what is registered
 * under that name. */
static void dispatch_by_integer_key(void) {
  char *d = make_dir("dispatch_id");
  write_file(d, "sig.c",
             "#include <string.h>\n"
             "#include <unistd.h>\n"
             "struct hook { int id; void (*func)(void); struct hook *next; };\n"
             "static struct hook *hooks;\n"
             "int module_get_uniq_id_str(const char *module, const char *name) {\n"
             "  return (int)(strlen(module) + strlen(name));\n"
             "}\n"
             "#define signal_get_uniq_id(name) module_get_uniq_id_str(\"signals\", name)\n"
             "void signal_add(const char *name, void (*f)(void)) {\n"
             "  static struct hook h; h.id = signal_get_uniq_id(name); h.func = f; h.next = hooks; hooks = &h;\n"
             "}\n"
             "void signal_emit_id(int id) {\n"
             "  for (struct hook *h = hooks; h; h = h->next) if (h->id == id) h->func();\n"
             "}\n"
             "static int sig_tick;\n"
             "static void on_tick_sig(void) { }\n"
             "static void on_save(void) { sleep(1); }\n"
             "void loop_add(void (*f)(void));\n"
             "static void timer_cb(void) { signal_emit_id(sig_tick); }\n"
             "void setup(void) {\n"
             "  sig_tick = signal_get_uniq_id(\"tick\");\n"
             "  signal_add(\"tick\", on_tick_sig);\n"
             "  signal_add(\"save\", on_save);\n"
             "  loop_add(timer_cb);\n"
             "}\n");
  write_file(d, "roots.yml",
             "pack: roots\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n"
             "dispatch:\n"
             "  - {register: signal_add, key_arg: 0, callback_arg: 1}\n");
  result r = run(d, "scan --db db --rules roots.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 1); /* through the hook field: every handler */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  write_file(d, "id.yml",
             "pack: id\n"
             "dispatch:\n"
             "  - {emit: signal_emit_id, key_arg: 0, key_from: module_get_uniq_id_str, key_from_arg: 1}\n");
  r = run(d, "scan --db db --rules roots.yml --rules id.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 0); /* "tick" runs only on_tick_sig */
  CU_ASSERT_PTR_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  free(d);
}

/* A key held in a variable that may hold several values is any of them
 * (NULL is none); the value of a lookup function, or a read of a lookup
 * field, is one of the keys its stored_by's calls pass (irssi's redirect
 * signals). Without the lookups the key is unknown: every handler. */
static void dispatch_by_lookup(void) {
  char *d = make_dir("dispatch_lookup");
  write_file(d, "sig.c",
             "#include <stdarg.h>\n"
             "#include <stdlib.h>\n"
             "#include <string.h>\n"
             "#include <unistd.h>\n"
             "struct hook { const char *name; void (*func)(void); struct hook *next; };\n"
             "static struct hook *hooks;\n"
             "struct redirect { char *first_signal; };\n"
             "static struct redirect pending;\n"
             "static const char *names[8];\n"
             "void signal_add(const char *name, void (*f)(void)) {\n"
             "  static struct hook h; h.name = name; h.func = f; h.next = hooks; hooks = &h;\n"
             "}\n"
             "void signal_emit(const char *name) {\n"
             "  for (struct hook *h = hooks; h; h = h->next) if (!strcmp(h->name, name)) h->func();\n"
             "}\n"
             "void redirect_event(int count, const char *failure, ...) {\n"
             "  va_list va; va_start(va, failure); names[0] = failure;\n"
             "  for (int i = 1; i < count; i++) names[i] = va_arg(va, const char *);\n"
             "  va_end(va);\n"
             "}\n"
             "const char *redirect_get_signal(int i) { return names[i]; }\n"
             "static void on_whois(void) { }\n"
             "static void on_abort(void) { }\n"
             "static void on_event(void) { }\n"
             "static void on_save(void) { sleep(1); }\n"
             "void loop_add(void (*f)(void));\n"
             "static void line_cb(void) {\n"
             "  const char *signal = NULL;\n"
             "  if (rand()) signal = redirect_get_signal(rand() % 8);\n"
             "  if (signal == NULL) signal = \"event 001\";\n"
             "  signal_emit(signal);\n"
             "  signal_emit(pending.first_signal);\n"
             "}\n"
             "void setup(void) {\n"
             "  redirect_event(3, \"redir abort\", \"event 311\", \"redir whois\", NULL);\n"
             "  signal_add(\"redir whois\", on_whois);\n"
             "  signal_add(\"redir abort\", on_abort);\n"
             "  signal_add(\"event 001\", on_event);\n"
             "  signal_add(\"setup save\", on_save);\n"
             "  loop_add(line_cb);\n"
             "}\n");
  write_file(d, "roots.yml",
             "pack: roots\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n"
             "dispatch:\n"
             "  - {register: signal_add, key_arg: 0, callback_arg: 1}\n"
             "  - {emit: signal_emit, key_arg: 0}\n");
  result r = run(d, "scan --db db --rules roots.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 1); /* the lookup's value is not known: every handler */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  write_file(d, "lookup.yml",
             "pack: lookup\n"
             "dispatch:\n"
             "  - {lookup: redirect_get_signal, stored_by: redirect_event, key_arg: 1, every: 2}\n");
  r = run(d, "scan --db db --rules roots.yml --rules lookup.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 1); /* pending.first_signal is still unknown */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  write_file(d, "field.yml",
             "pack: field\n"
             "dispatch:\n"
             "  - {lookup: redirect.first_signal, stored_by: redirect_event, key_arg: 1, every: 2}\n");
  r = run(d, "scan --db db --rules roots.yml --rules lookup.yml --rules field.yml -v sig.c");
  CU_ASSERT_EQUAL(r.status, 0); /* "redir abort", "redir whois" or "event 001": not on_save */
  CU_ASSERT_PTR_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  write_file(d, "bad.yml",
             "pack: bad\n"
             "dispatch:\n"
             "  - {lookup: redirect_get_signal, key_arg: 1}\n");
  r = run(d, "scan --db db --rules bad.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "bad.yml:3:5: a dispatch 'lookup' entry takes 'stored_by'"));
  done(&r);
  free(d);
}

/* A continue call goes on with the emit in progress: the callbacks filed
 * under its caller's keys. And a callback whose address goes only to a
 * dispatch register and to a parameter that only compares it (irssi's
 * signal_remove) is no candidate of a call by type through a field that
 * nothing stores into (a module's deinit found by a library lookup). */
static void dispatch_continue_and_by_type(void) {
  char *d = make_dir("dispatch_continue");
  write_file(d, "sig.c",
             "#include <string.h>\n"
             "#include <unistd.h>\n"
             "struct hook { const char *name; void (*func)(void); struct hook *next; };\n"
             "static struct hook *hooks, *current;\n"
             "void signal_add(const char *name, void (*f)(void)) {\n"
             "  static struct hook h; h.name = name; h.func = f; h.next = hooks; hooks = &h;\n"
             "}\n"
             "static int same(void (*a)(void), void (*b)(void)) { return a == b; }\n"
             "void signal_remove(const char *name, void (*f)(void)) {\n"
             "  for (struct hook *h = hooks; h; h = h->next) if (!strcmp(h->name, name) && same(h->func, f)) h->name = \"\";\n"
             "}\n"
             "void signal_emit(const char *name) {\n"
             "  for (struct hook *h = hooks; h; h = h->next) if (!strcmp(h->name, name)) h->func();\n"
             "}\n"
             "void signal_continue(void) { for (struct hook *h = current; h; h = h->next) h->func(); }\n"
             "struct module { void (*deinit)(void); };\n"
             "int lib_symbol(const char *name, void **out);\n"
             "static void on_quit_first(void) { signal_continue(); }\n"
             "static void on_quit(void) { }\n"
             "static void on_save(void) { sleep(1); }\n"
             "void loop_add(void (*f)(void));\n"
             "static void key_cb(void) {\n"
             "  signal_emit(\"quit\");\n"
             "  struct module m;\n"
             "  lib_symbol(\"mod_deinit\", (void **)&m.deinit);\n"
             "  m.deinit();\n"
             "}\n"
             "void setup(void) {\n"
             "  signal_add(\"quit\", on_quit_first);\n"
             "  signal_add(\"quit\", on_quit);\n"
             "  signal_add(\"save\", on_save);\n"
             "  signal_remove(\"save\", on_save);\n"
             "  loop_add(key_cb);\n"
             "}\n");
  write_file(d, "roots.yml",
             "pack: roots\n"
             "registrations:\n"
             "  - {function: loop_add, arg: 0, context: loop}\n"
             "dispatch:\n"
             "  - {register: signal_add, key_arg: 0, callback_arg: 1}\n"
             "  - {emit: signal_emit, key_arg: 0}\n");
  result r = run(d, "scan --db db --rules roots.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 1); /* signal_continue walks every hook */
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep' sleeps"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "signal_continue"));
  CU_ASSERT_PTR_NULL(strstr(r.out, "sig.c:26:3: note")); /* not by type through m.deinit() */
  done(&r);
  write_file(d, "cont.yml", "pack: cont\ndispatch:\n  - {continue: signal_continue}\n");
  r = run(d, "scan --db db --rules roots.yml --rules cont.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 0); /* on_quit_first goes on with "quit": on_quit only */
  CU_ASSERT_PTR_NULL(strstr(r.out, "'sleep' sleeps"));
  done(&r);
  write_file(d, "bad.yml", "pack: bad\ndispatch:\n  - {continue: signal_continue, key_arg: 0}\n");
  r = run(d, "scan --db db --rules bad.yml sig.c");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "bad.yml:3:5: a dispatch 'continue' entry takes no key"));
  done(&r);
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
  CU_add_test(s, "dispatch: an emit runs the callbacks of its key", dispatch_by_key);
  CU_add_test(s, "dispatch: an emit by an integer key made from a name (key_from)", dispatch_by_integer_key);
  CU_add_test(s, "dispatch: keys of several values, lookups and lookup fields", dispatch_by_lookup);
  CU_add_test(s, "dispatch: continue, and callbacks filed by key are no by-type candidates",
              dispatch_continue_and_by_type);
  CU_add_test(s, "library_files: a library's bodies are not the program's", library_files);
  CU_add_test(s, "a C++ method's entry covers its overrides", method_entries_cover_overrides);
}
