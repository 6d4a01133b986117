/* test_rulepack.c: the rule-pack loader (src/rules/rulepack.c): the format of
 * docs/rule-packs.md, its error messages (file:line:col), lookups, and the
 * packs shipped in rules/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules.h"
#include "unit.h"
#include "common.h"

/* Loads `text` as a pack into `cat`. Returns the loader's status; *err is
 * set (heap) on failure. */
static int load_text(ls_catalogue *cat, const char *name, const char *text, char **err) {
  char *path = unit_write_file(unit_tmpdir(), name, text);
  int r = ls_catalogue_load_file(cat, path, err);
  free(path);
  return r;
}

static void full_pack(void) {
  ls_catalogue c = {0};
  char *err = NULL;
  int r = load_text(&c, "full.yml",
                    "pack: full\n"
                    "description: every kind of entry\n"
                    "registrations:\n"
                    "  - {function: uv_timer_start, arg: 1, context: loop}\n"
                    "  - {functions: [a_start, b_start], arg: 2, context: worker}\n"
                    "  - {field: napi_property_descriptor.method, context: loop}\n"
                    "  - {function: tick, arg: 0, context: next-tick}\n"
                    "blocking:\n"
                    "  - function: uv_fs_open\n"
                    "    rule: sync-fs\n"
                    "    what: runs synchronously\n"
                    "    duration: it waits\n"
                    "    conditions: [{arg: 5, when: null}]\n"
                    "  - functions: [waitpid, wait4]\n"
                    "    rule: sync-process\n"
                    "    what: waits\n"
                    "    conditions: [{arg: 2, unless_flag: WNOHANG}]\n"
                    "  - {function: qsort, rule: unbounded-sort, what: sorts,\n"
                    "     conditions: [{arg: 1, unless_at_most: 64}]}\n"
                    "  - {function: fcntl, rule: sync-fs, what: locks,\n"
                    "     conditions: [{arg: 1, when_flag: F_SETLKW}]}\n"
                    "  - {function: PKCS5_PBKDF2_HMAC, rule: sync-crypto, what: derives,\n"
                    "     cost: {arg: 4, unit: iterations}}\n"
                    "  - {function: crypt, rule: sync-crypto, what: hashes,\n"
                    "     cost: {arg: 1, format: bcrypt-salt}}\n"
                    "  - {function: waitpid, rule: sync-process, what: also listed twice}\n"
                    "  - {function: argon2_hash, rule: sync-crypto, what: hashes,\n"
                    "     cost: [{arg: 0, unit: passes}, {arg: 1, unit: KiB}]}\n"
                    "  - {match: \"g_dbus_*_sync\", rule: sync-net, what: calls D-Bus}\n"
                    "  - {match: \"g_*_sync\", rule: sync-fs, what: does I/O}\n",
                    &err);
  CU_ASSERT_EQUAL_FATAL(r, 0);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_EQUAL(c.nregs, 5);
  CU_ASSERT_STRING_EQUAL(c.regs[0].function, "uv_timer_start");
  CU_ASSERT_EQUAL(c.regs[0].arg, 1);
  CU_ASSERT_EQUAL(c.regs[0].context, LS_CTX_LOOP);
  CU_ASSERT_STRING_EQUAL(c.regs[2].function, "b_start");
  CU_ASSERT_EQUAL(c.regs[2].context, LS_CTX_WORKER);
  CU_ASSERT_PTR_NULL(c.regs[3].function);
  CU_ASSERT_STRING_EQUAL(c.regs[3].field, "napi_property_descriptor.method");
  CU_ASSERT_EQUAL(c.regs[4].context, LS_CTX_NEXT_TICK);
  CU_ASSERT_STRING_EQUAL(c.regs[4].pack, "full");
  CU_ASSERT_EQUAL(c.nblockers, 11);

  size_t n = 0;
  const ls_blocker *const *b = ls_catalogue_blockers(&c, "uv_fs_open", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_STRING_EQUAL(b[0]->rule_id, "sync-fs");
  CU_ASSERT_STRING_EQUAL(b[0]->duration, "it waits");
  CU_ASSERT_EQUAL_FATAL(b[0]->nconds, 1);
  CU_ASSERT_EQUAL(b[0]->conds[0].kind, LS_COND_WHEN_NULL);
  CU_ASSERT_EQUAL(b[0]->conds[0].arg, 5);

  b = ls_catalogue_blockers(&c, "waitpid", &n);
  CU_ASSERT_EQUAL_FATAL(n, 2); /* both entries, in load order */
  CU_ASSERT_EQUAL(b[0]->conds[0].kind, LS_COND_UNLESS_FLAG);
  CU_ASSERT_STRING_EQUAL(b[0]->conds[0].flag, "WNOHANG");
  CU_ASSERT_STRING_EQUAL(b[1]->what, "also listed twice");
  CU_ASSERT_EQUAL(b[1]->nconds, 0);
  b = ls_catalogue_blockers(&c, "wait4", &n);
  CU_ASSERT_EQUAL(n, 1);

  b = ls_catalogue_blockers(&c, "qsort", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL(b[0]->conds[0].kind, LS_COND_UNLESS_AT_MOST);
  CU_ASSERT_EQUAL(b[0]->conds[0].at_most, 64);
  b = ls_catalogue_blockers(&c, "fcntl", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL(b[0]->conds[0].kind, LS_COND_WHEN_FLAG);
  b = ls_catalogue_blockers(&c, "PKCS5_PBKDF2_HMAC", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL_FATAL(b[0]->ncosts, 1);
  CU_ASSERT_EQUAL(b[0]->costs[0].format, LS_COST_NUMBER);
  CU_ASSERT_EQUAL(b[0]->costs[0].arg, 4);
  CU_ASSERT_STRING_EQUAL(b[0]->costs[0].unit, "iterations");
  b = ls_catalogue_blockers(&c, "crypt", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL(b[0]->costs[0].format, LS_COST_BCRYPT_SALT);
  b = ls_catalogue_blockers(&c, "argon2_hash", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL_FATAL(b[0]->ncosts, 2);
  CU_ASSERT_STRING_EQUAL(b[0]->costs[1].unit, "KiB");
  /* Patterns: only for names with no exact entry, the first match wins. */
  b = ls_catalogue_blockers(&c, "g_dbus_proxy_call_sync", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_STRING_EQUAL(b[0]->rule_id, "sync-net");
  b = ls_catalogue_blockers(&c, "g_input_stream_read_all_sync", &n);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_STRING_EQUAL(b[0]->rule_id, "sync-fs");
  CU_ASSERT_PTR_NULL(ls_catalogue_blockers(&c, "g_dbus_sync_not", &n));
  CU_ASSERT_PTR_NULL(ls_catalogue_blockers(&c, "not_listed", &n));
  CU_ASSERT_EQUAL(n, 0);
  ls_catalogue_free(&c);
}

/* Each bad pack: the message must name the file and position and say what
 * is wrong, and the catalogue must be left as it was. */
/* `functions:` and `descriptors: helpers:`, and where each entry is written
 * (ls_pack_site): the pack as named and the line of each name. */
static void functions_helpers_and_sites(void) {
  ls_catalogue c = {0};
  char *err = NULL;
  int r = load_text(&c, "own.yml",
                    "pack: own\n"
                    "registrations:\n"
                    "  - {function: my_timer_start, arg: 1, context: loop}\n"
                    "  - functions:\n"
                    "      - a_start\n"
                    "      - b_start\n"
                    "    arg: 0\n"
                    "    context: worker\n"
                    "  - {field: conn.on_read, context: loop}\n"
                    "blocking:\n"
                    "  - {function: slow_flush, rule: sync-fs, what: flushes}\n"
                    "  - {match: \"db_*_sync\", rule: sync-db, what: queries}\n"
                    "descriptors:\n"
                    "  helpers:\n"
                    "    - {function: anetNonBlock, fd: 1}\n"
                    "    - {functions: [set_nonblock, make_async], fd: 0, note: ours}\n"
                    "functions:\n"
                    "  off_loop: [io_thread_main]\n"
                    "  nonblocking:\n"
                    "    - log_fast\n"
                    "  note: thread bodies and trusted helpers\n",
                    &err);
  if (r) fprintf(stderr, "\n%s\n", err);
  CU_ASSERT_EQUAL_FATAL(r, 0);
  char *path = ls_xasprintf("%s/own.yml", unit_tmpdir());
  CU_ASSERT_EQUAL_FATAL(c.nregs, 4);
  static const unsigned reg_lines[] = {3, 5, 6, 9};
  for (size_t i = 0; i < 4; i++) {
    CU_ASSERT_PTR_NOT_NULL_FATAL(c.regs[i].site.file);
    CU_ASSERT_STRING_EQUAL(c.regs[i].site.file, path);
    CU_ASSERT_EQUAL(c.regs[i].site.line, reg_lines[i]);
  }
  CU_ASSERT_EQUAL_FATAL(c.nblockers, 2);
  CU_ASSERT_EQUAL(c.blockers[0].site.line, 11);
  CU_ASSERT_EQUAL(c.blockers[1].site.line, 12);
  CU_ASSERT_EQUAL_FATAL(c.nfd_helpers, 3);
  CU_ASSERT_EQUAL(c.fd_helpers[0].site.line, 15);
  CU_ASSERT_EQUAL(c.fd_helpers[2].site.line, 16);
  CU_ASSERT_EQUAL(ls_catalogue_fd_helper_arg(&c, "anetNonBlock"), 1);
  CU_ASSERT_EQUAL(ls_catalogue_fd_helper_arg(&c, "make_async"), 0);
  CU_ASSERT_EQUAL(ls_catalogue_fd_helper_arg(&c, "fcntl"), -1);
  CU_ASSERT_EQUAL_FATAL(c.noff_loop, 1);
  CU_ASSERT_EQUAL(c.off_loop[0].site.line, 18);
  CU_ASSERT_STRING_EQUAL(c.off_loop[0].pack, "own");
  CU_ASSERT_EQUAL_FATAL(c.ntrusted, 1);
  CU_ASSERT_EQUAL(c.trusted[0].site.line, 20);
  CU_ASSERT_TRUE(ls_catalogue_is_off_loop(&c, "io_thread_main"));
  CU_ASSERT_FALSE(ls_catalogue_is_off_loop(&c, "log_fast"));
  CU_ASSERT_TRUE(ls_catalogue_is_trusted(&c, "log_fast"));
  CU_ASSERT_FALSE(ls_catalogue_is_trusted(&c, "io_thread_main"));
  free(path);
  ls_catalogue_free(&c);
  /* The default packs' entries name no file: nothing warns about them. */
  CU_ASSERT_EQUAL_FATAL(ls_catalogue_load_dir(&c, LAGSCAN_TEST_RULES_DIR, &err), 0);
  CU_ASSERT_TRUE(c.nregs > 0 && c.nblockers > 0);
  for (size_t i = 0; i < c.nregs; i++) CU_ASSERT_PTR_NULL(c.regs[i].site.file);
  for (size_t i = 0; i < c.nblockers; i++) CU_ASSERT_PTR_NULL(c.blockers[i].site.file);
  ls_catalogue_free(&c);
}

static void errors(void) {
  static const struct {
    const char *text, *expect;
  } cases[] = {
      {"pack: x\nblocking:\n  - {function: f, rule: sync-fs, what: w, colour: red}\n",
       "bad.yml:3:43: unknown key 'colour' in a blocking entry"},
      {"pack: x\nblocking:\n  - {function: f, rule: no-such-rule, what: w}\n",
       "bad.yml:3:25: unknown rule 'no-such-rule'"},
      {"pack: x\nblocking:\n  - {function: f, rule: sleep}\n",
       "bad.yml:3:5: a blocking entry needs 'what'"},
      {"pack: x\nregistrations:\n  - {function: f, arg: 1, context: sometimes}\n",
       "bad.yml:3:36: 'context' must be loop, worker or next-tick, not 'sometimes'"},
      {"pack: x\nregistrations:\n  - {function: f, context: loop}\n",
       "bad.yml:3:5: a registration by function needs 'arg'"},
      {"pack: x\nregistrations:\n  - {function: f, arg: 99, context: loop}\n",
       "bad.yml:3:24: 'arg' must be an integer in 0..15"},
      {"pack: x\nregistrations:\n  - {field: nodot, context: loop}\n",
       "bad.yml:3:13: 'field' must be RECORD.FIELD"},
      {"pack: x\nblocking:\n  - {function: f, rule: sleep, what: w, conditions: [{arg: 1}]}\n",
       "bad.yml:3:54: a condition needs one of when"},
      {"pack: x\nblocking:\n  - {function: f, rule: sleep, what: w, conditions: [{arg: 1, when: 3}]}\n",
       "bad.yml:3:69: 'when' is null (blocking only when the argument is NULL) or given"},
      {"pack: x\nblocking: {function: f}\n", "bad.yml:2:11: 'blocking' must be a list"},
      {"pack: x\nblockers: []\n", "bad.yml:2:1: unknown top-level key 'blockers'"},
      {"description: no name\n", "bad.yml:1:1: a rule pack needs 'pack: NAME'"},
      {"pack: x\nblocking: [\n", "bad.yml:3:1: invalid YAML"},
      {"pack: [unclosed\n", "bad.yml:2:1: invalid YAML"},
      {"", "bad.yml: the rule pack is empty"},
      {"pack: x\n---\npack: y\n", "bad.yml: a rule pack is one YAML document"},
      {"pack: x\nrules:\n  - {id: sleep, name: N}\n", "bad.yml:3:5: rule 'sleep' needs name, short"},
      {"pack: x\ndescriptors:\n  setters:\n    - {function: fcntl, fd: 0}\n",
       "bad.yml:4:7: a setter needs 'function', 'fd', 'flag_arg' and 'flag'"},
      {"pack: x\ndescriptors:\n  nonblocking: [O_NDELAY]\n",
       "bad.yml:3:3: unknown key 'nonblocking' in 'descriptors'"},
      {"pack: x\nrules:\n  - {id: napping}\n", "a rule needs an 'id' of the rule table ('lagscan rules' lists them), not 'napping'"},
      {"pack: x\nfunctions:\n  offloop: [f]\n",
       "bad.yml:3:3: unknown key 'offloop' in 'functions' (off_loop, nonblocking, note)"},
      {"pack: x\nfunctions:\n  off_loop: f\n", "bad.yml:3:13: 'off_loop' must be a list"},
      {"pack: x\nfunctions: [f]\n", "bad.yml:2:12: 'functions' must be a mapping"},
      {"pack: x\ndescriptors:\n  helpers:\n    - {function: set_nonblock}\n",
       "bad.yml:4:7: a helper needs 'function' (or 'functions') and 'fd'"},
      {"pack: x\ndescriptors:\n  helpers:\n    - {function: h, fd: 0, flag: F_SETFL}\n",
       "bad.yml:4:28: unknown key 'flag' in a helper"},
      {"pack: x\nregistrations:\n  - {function: r, arg: 3, context: loop, fd_arg: 1}\n",
       "bad.yml:3:5: 'fd_arg' needs 'function' and 'ready_fd'"},
      {"pack: x\nregistrations:\n  - {function: r, arg: 1, context: loop, ready_fd: 1,\n"
       "     ready_field: fd, fd_arg: 2}\n",
       "bad.yml:3:5: 'fd_arg' is for a callback given the descriptor itself"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ls_catalogue c = {0};
    char *err = NULL;
    CU_ASSERT_EQUAL(load_text(&c, "good.yml", "pack: good\nblocking: [{function: g, rule: sleep, what: w}]\n", &err), 0);
    int r = load_text(&c, "bad.yml", cases[i].text, &err);
    CU_ASSERT_EQUAL(r, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (!strstr(err, cases[i].expect)) {
      fprintf(stderr, "\ncase %zu: got '%s', want '%s'\n", i, err, cases[i].expect);
      CU_FAIL("error message");
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(err, unit_tmpdir())); /* the full path */
    CU_ASSERT_EQUAL(c.nblockers, 1); /* nothing of the bad pack was kept */
    size_t n;
    CU_ASSERT_PTR_NULL(ls_catalogue_blockers(&c, "f", &n));
    free(err);
    ls_catalogue_free(&c);
  }
  ls_catalogue c = {0};
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_catalogue_load_file(&c, "/nonexistent/pack.yml", &err), -1);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "/nonexistent/pack.yml: cannot read rule pack"));
  free(err);
  ls_catalogue_free(&c);
}

static void directories(void) {
  char *dir = ls_xasprintf("%s/packs", unit_tmpdir());
  CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
  ls_catalogue c = {0};
  char *err = NULL;
  /* No rules.yml: refused. */
  free(unit_write_file(dir, "b.yml", "pack: b\nblocking: [{function: f, rule: sleep, what: from b}]\n"));
  CU_ASSERT_EQUAL(ls_catalogue_load_dir(&c, dir, &err), -1);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "rules.yml: missing"));
  free(err);
  ls_catalogue_free(&c);
  free(unit_write_file(dir, "a.yml", "pack: a\nblocking: [{function: f, rule: sleep, what: from a}]\n"));
  free(unit_write_file(dir, "notes.txt", "not a pack"));
  free(unit_write_file(dir, "rules.yml",
                       "pack: rules\nrules:\n"
                       "  - {id: sleep, name: Sleep, short: s, full: f, help: h, help_markdown: m,\n"
                       "     tags: [perf, loop]}\n"));
  CU_ASSERT_EQUAL_FATAL(ls_catalogue_load_dir(&c, dir, &err), 0);
  CU_ASSERT_EQUAL(c.nrules, 1);
  const ls_rule_info *ri = ls_catalogue_rule(&c, "sleep");
  CU_ASSERT_PTR_NOT_NULL_FATAL(ri);
  CU_ASSERT_STRING_EQUAL(ri->level, "warning"); /* defaults */
  CU_ASSERT_STRING_EQUAL(ri->precision, "medium");
  CU_ASSERT_EQUAL_FATAL(ri->ntags, 2);
  CU_ASSERT_STRING_EQUAL(ri->tags[1], "loop");
  CU_ASSERT_PTR_NULL(ls_catalogue_rule(&c, "sync-fs"));
  size_t n;
  const ls_blocker *const *b = ls_catalogue_blockers(&c, "f", &n);
  CU_ASSERT_EQUAL_FATAL(n, 2); /* a.yml before b.yml */
  CU_ASSERT_STRING_EQUAL(b[0]->what, "from a");
  CU_ASSERT_STRING_EQUAL(b[1]->what, "from b");
  /* A second definition of a rule is an error. */
  CU_ASSERT_EQUAL(load_text(&c, "dup.yml",
                            "pack: dup\nrules:\n  - {id: sleep, name: S, short: s, full: f, help: "
                            "h, help_markdown: m}\n",
                            &err),
                  -1);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "rule 'sleep' is already defined"));
  free(err);
  ls_catalogue_free(&c);
  free(dir);
}

/* The packs shipped in rules/ load, describe all fourteen rules, and know
 * the functions the issues name. */
static void shipped_packs(void) {
  ls_catalogue c = {0};
  char *err = NULL;
  int r = ls_catalogue_load_dir(&c, LAGSCAN_TEST_RULES_DIR, &err);
  if (r) fprintf(stderr, "\n%s\n", err);
  CU_ASSERT_EQUAL_FATAL(r, 0);
  static const char *const ids[] = {"sync-fs", "sync-crypto", "sleep", "sync-dns", "sync-net",
                                    "sync-process", "thread-wait", "sync-db", "sync-compress",
                                    "unbounded-parse", "sync-regex", "unbounded-sort",
                                    "next-tick-recursion", "cpu-loop"};
  CU_ASSERT_EQUAL(c.nrules, 14);
  for (size_t i = 0; i < 14; i++) {
    const ls_rule_info *ri = ls_catalogue_rule(&c, ids[i]);
    CU_ASSERT_PTR_NOT_NULL(ri);
    if (ri) CU_ASSERT_PTR_NOT_NULL(strstr(ri->help_markdown, "**"));
  }
  /* posix.yml says what makes a descriptor non-blocking. */
  CU_ASSERT_TRUE(ls_catalogue_names_nonblocking(&c, "SOCK_STREAM | SOCK_NONBLOCK"));
  CU_ASSERT_TRUE(ls_catalogue_names_nonblocking(&c, "O_NDELAY"));
  CU_ASSERT_FALSE(ls_catalogue_names_nonblocking(&c, "O_RDONLY O_CLOEXEC"));
  CU_ASSERT_FALSE(ls_catalogue_names_nonblocking(&c, "O_NONBLOCKING"));
  int have_fcntl = 0;
  for (size_t i = 0; i < c.nfd_setters; i++)
    if (!strcmp(c.fd_setters[i].function, "fcntl") && c.fd_setters[i].mode_arg == 2 &&
        !strcmp(c.fd_setters[i].flag, "F_SETFL"))
      have_fcntl = 1;
  CU_ASSERT_TRUE(have_fcntl);
  CU_ASSERT_TRUE(ls_names_have("F_GETFL F_SETFL", "F_SETFL"));
  CU_ASSERT_FALSE(ls_names_have("F_SETFLX", "F_SETFL"));
  /* rules.yml describes every rule of the table, in the table's order. */
  CU_ASSERT_EQUAL(c.nrules, LS_RULE_COUNT);
  for (int k = 0; k < LS_RULE_COUNT && (size_t)k < c.nrules; k++)
    CU_ASSERT_STRING_EQUAL(c.rules[k].id, ls_rule_id((ls_rule)k));
  CU_ASSERT_EQUAL(ls_rule_lookup("sync-regex"), LS_RULE_SYNC_REGEX);
  CU_ASSERT_EQUAL(ls_rule_lookup("sync-regexp"), LS_RULE_UNKNOWN);
  static const struct { const char *fn, *rule; } known[] = {
      {"uv_fs_open", "sync-fs"}, {"uv_getaddrinfo", "sync-dns"}, {"fopen", "sync-fs"},
      {"sleep", "sleep"}, {"getaddrinfo", "sync-dns"}, {"waitpid", "sync-process"},
      {"pthread_join", "thread-wait"}, {"PKCS5_PBKDF2_HMAC", "sync-crypto"},
      {"EVP_PBE_scrypt", "sync-crypto"}, {"crypt_r", "sync-crypto"}, {"qsort", "unbounded-sort"},
  };
  for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
    size_t n;
    const ls_blocker *const *b = ls_catalogue_blockers(&c, known[i].fn, &n);
    CU_ASSERT_TRUE(n >= 1 && strcmp(b[0]->rule_id, known[i].rule) == 0);
  }
  /* Every uv_fs_* blocker is conditional on its callback being NULL, and the
   * same index is registered as a loop callback. */
  size_t nfs = 0;
  for (size_t i = 0; i < c.nblockers; i++) {
    const ls_blocker *b = &c.blockers[i];
    if (strncmp(b->function, "uv_fs_", 6)) continue;
    nfs++;
    CU_ASSERT_TRUE(b->nconds == 1 && b->conds[0].kind == LS_COND_WHEN_NULL);
    int registered = 0;
    for (size_t k = 0; k < c.nregs; k++)
      if (c.regs[k].function && !strcmp(c.regs[k].function, b->function) &&
          c.regs[k].arg == b->conds[0].arg && c.regs[k].context == LS_CTX_LOOP)
        registered = 1;
    CU_ASSERT_TRUE(registered);
  }
  CU_ASSERT_TRUE(nfs >= 36);
  ls_catalogue_free(&c);
}

/* C++ registrations: `template_arg: K` (an explicit template argument,
 * stored as arg LS_TEMPLATE_ARG_BASE + K) and `overrides:` (the overriders
 * of a virtual method), with their errors. */
static void cxx_registrations(void) {
  ls_catalogue c = {0};
  char *err = NULL;
  int r = load_text(&c, "cxx.yml",
                    "pack: cxx\n"
                    "registrations:\n"
                    "  - {function: Napi::InstanceWrap::InstanceMethod, template_arg: 0, context: loop}\n"
                    "  - {functions: [A::f, B::g], template_arg: 2, context: worker}\n"
                    "  - {function: Napi::Function::New, arg: 1, context: loop}\n"
                    "  - {overrides: [Napi::AsyncWorker::Execute, Napi::AsyncProgressWorker::Execute],\n"
                    "     context: worker}\n"
                    "  - {overrides: [Napi::AsyncWorker::OnOK], context: loop}\n",
                    &err);
  if (r) fprintf(stderr, "\n%s\n", err);
  CU_ASSERT_EQUAL_FATAL(r, 0);
  CU_ASSERT_EQUAL_FATAL(c.nregs, 7);
  CU_ASSERT_STRING_EQUAL(c.regs[0].function, "Napi::InstanceWrap::InstanceMethod");
  CU_ASSERT_EQUAL(c.regs[0].arg, LS_TEMPLATE_ARG_BASE + 0);
  CU_ASSERT_PTR_NULL(c.regs[0].overrides);
  CU_ASSERT_STRING_EQUAL(c.regs[1].function, "A::f");
  CU_ASSERT_STRING_EQUAL(c.regs[2].function, "B::g");
  CU_ASSERT_EQUAL(c.regs[2].arg, LS_TEMPLATE_ARG_BASE + 2);
  CU_ASSERT_EQUAL(c.regs[2].context, LS_CTX_WORKER);
  CU_ASSERT_EQUAL(c.regs[3].arg, 1); /* a plain arg is not moved */
  /* one registration per method named, each with its own line */
  CU_ASSERT_PTR_NULL(c.regs[4].function);
  CU_ASSERT_STRING_EQUAL(c.regs[4].overrides, "Napi::AsyncWorker::Execute");
  CU_ASSERT_STRING_EQUAL(c.regs[5].overrides, "Napi::AsyncProgressWorker::Execute");
  CU_ASSERT_EQUAL(c.regs[4].context, LS_CTX_WORKER);
  CU_ASSERT_EQUAL(c.regs[4].site.line, 6);
  CU_ASSERT_STRING_EQUAL(c.regs[6].overrides, "Napi::AsyncWorker::OnOK");
  CU_ASSERT_EQUAL(c.regs[6].context, LS_CTX_LOOP);
  CU_ASSERT_EQUAL(c.regs[6].site.line, 8);
  ls_catalogue_free(&c);

  static const struct {
    const char *text, *expect;
  } cases[] = {
      {"pack: x\nregistrations:\n  - {overrides: [A::m], arg: 0, context: loop}\n",
       "bad.yml:3:5: a registration by 'overrides' takes no 'arg'"},
      {"pack: x\nregistrations:\n  - {overrides: [A::m], template_arg: 0, context: loop}\n",
       "bad.yml:3:5: a registration by 'overrides' takes no 'arg'"},
      {"pack: x\nregistrations:\n  - {overrides: [A::m], function: f, arg: 0, context: loop}\n",
       "bad.yml:3:5: a registration has one of 'function', 'field' and 'overrides'"},
      {"pack: x\nregistrations:\n  - {overrides: [A::m], field: s.f, context: loop}\n",
       "bad.yml:3:5: a registration has one of 'function', 'field' and 'overrides'"},
      {"pack: x\nregistrations:\n  - {overrides: A::m, context: loop}\n",
       "bad.yml:3:17: 'overrides' must be a list"},
      {"pack: x\nregistrations:\n  - {overrides: [A::m]}\n", "bad.yml:3:5: a registration needs 'context'"},
      {"pack: x\nregistrations:\n  - {function: f, arg: 0, template_arg: 1, context: loop}\n",
       "a registration has 'arg' or 'template_arg', once"},
      {"pack: x\nregistrations:\n  - {function: f, template_arg: 99, context: loop}\n",
       "bad.yml:3:33: 'template_arg' must be an integer in 0..15"},
      {"pack: x\nregistrations:\n  - {function: f, template_arg: -1, context: loop}\n",
       "'template_arg' must be an integer"},
      {"pack: x\nregistrations:\n  - {context: loop}\n",
       "bad.yml:3:5: a registration needs 'function' (with 'arg'), 'field' or 'overrides'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ls_catalogue b = {0};
    err = NULL;
    CU_ASSERT_EQUAL(load_text(&b, "bad.yml", cases[i].text, &err), -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (!strstr(err, cases[i].expect)) {
      fprintf(stderr, "\ncxx case %zu: got '%s', want '%s'\n", i, err, cases[i].expect);
      CU_FAIL("error message");
    }
    CU_ASSERT_EQUAL(b.nregs, 0);
    free(err);
    ls_catalogue_free(&b);
  }

  /* the shipped node-addon-api pack uses both */
  ls_catalogue s = {0};
  err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_catalogue_load_dir(&s, LAGSCAN_TEST_RULES_DIR, &err), 0);
  int targ = 0, execute = 0, onok = 0;
  for (size_t i = 0; i < s.nregs; i++) {
    const ls_registration *g = &s.regs[i];
    if (g->function && !strcmp(g->function, "Napi::InstanceWrap::InstanceMethod") &&
        g->arg == LS_TEMPLATE_ARG_BASE && g->context == LS_CTX_LOOP)
      targ++;
    if (g->overrides && !strcmp(g->overrides, "Napi::AsyncWorker::Execute") && g->context == LS_CTX_WORKER)
      execute++;
    if (g->overrides && !strcmp(g->overrides, "Napi::AsyncWorker::OnOK") && g->context == LS_CTX_LOOP)
      onok++;
  }
  CU_ASSERT_EQUAL(targ, 1);
  CU_ASSERT_EQUAL(execute, 1);
  CU_ASSERT_EQUAL(onok, 1);
  ls_catalogue_free(&s);
}

void register_rulepack_tests(void) {
  CU_pSuite s = CU_add_suite("rulepack", NULL, NULL);
  CU_add_test(s, "a pack with every kind of entry", full_pack);
  CU_add_test(s, "errors name file, line and column", errors);
  CU_add_test(s, "functions:, descriptor helpers, and where entries are written",
              functions_helpers_and_sites);
  CU_add_test(s, "directories: rules.yml first, then by name", directories);
  CU_add_test(s, "the shipped packs", shipped_packs);
  CU_add_test(s, "C++ registrations: template_arg and overrides", cxx_registrations);
}
