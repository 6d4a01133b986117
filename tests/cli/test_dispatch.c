/* test_dispatch.c: a program's own dispatch by key as a project's pack
 * says it (`dispatch:`, the "dispatch" suite), through the real binary: an
 * emit runs the callbacks of its key (a literal, a builder's start, an
 * integer key made from a name, a variable of several values, a lookup
 * function's or field's keys), a continue call those of its caller's keys,
 * and callbacks filed by key are no candidates of calls by type. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"

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

void add_dispatch_tests(void) {
  CU_pSuite s = CU_add_suite("dispatch", NULL, NULL);
  CU_add_test(s, "an emit runs the callbacks of its key", dispatch_by_key);
  CU_add_test(s, "an emit by an integer key made from a name (key_from)", dispatch_by_integer_key);
  CU_add_test(s, "keys of several values, lookups and lookup fields", dispatch_by_lookup);
  CU_add_test(s, "continue, and callbacks filed by key are no by-type candidates",
              dispatch_continue_and_by_type);
}
