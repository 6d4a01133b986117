/* test_extract.c: the facts libclang gives for small programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "unit.h"

static ls_facts facts;
static char *source;

static int extract(const char *name, const char *text) {
  ls_facts_free(&facts);
  memset(&facts, 0, sizeof facts);
  free(source);
  source = unit_write_file(unit_tmpdir(), name, text);
  const char *argv[] = {"clang", "-I" LAGSCAN_TEST_INCLUDE_DIR, source};
  char *err = NULL;
  int r = ls_extract_tu(source, argv, 3, &facts, &err);
  free(err);
  return r;
}

static const char *str(uint32_t i) { return i == UINT32_MAX ? NULL : facts.strs.items[i]; }
static const char *sym_key(uint32_t s) { return str(facts.syms.items[s].key); }
static const char *sym_name(uint32_t s) { return str(facts.syms.items[s].name); }

static const ls_fact_call *call_named(const char *callee) {
  for (size_t i = 0; i < facts.calls.len; i++) {
    const ls_fact_call *c = &facts.calls.items[i];
    if (c->via_kind == LS_VIA_DIRECT && !strcmp(sym_name(c->callee), callee)) return c;
  }
  return NULL;
}

static void calls_and_args(void) {
  CU_ASSERT_EQUAL_FATAL(extract("calls.c",
                                "#include <sys/wait.h>\n"
                                "#include <stddef.h>\n"
                                "int open_file(const char *p, void (*cb)(int));\n"
                                "static void helper(void) { int st; waitpid(1, &st, WNOHANG | 0); }\n"
                                "void f(void) {\n"
                                "  helper();\n"
                                "  open_file(\"x\", NULL);\n"
                                "}\n"),
                        0);
  CU_ASSERT_EQUAL(facts.nerrors, 0);
  const ls_fact_call *w = call_named("waitpid");
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  CU_ASSERT_STRING_EQUAL(sym_key(w->callee), "c:@F@waitpid");
  CU_ASSERT_EQUAL(w->nargs, 3);
  const ls_fact_arg *a2 = &facts.args.items[w->first_arg + 2];
  CU_ASSERT_EQUAL(a2->kind, LS_ARG_INT);
  CU_ASSERT_PTR_NOT_NULL(str(a2->text) ? strstr(str(a2->text), "WNOHANG") : NULL);
  CU_ASSERT_EQUAL(w->loc.line, 4);
  const ls_fact_call *o = call_named("open_file");
  CU_ASSERT_PTR_NOT_NULL_FATAL(o);
  CU_ASSERT_EQUAL(facts.args.items[o->first_arg + 1].kind, LS_ARG_NULL);
  CU_ASSERT_EQUAL(facts.args.items[o->first_arg].kind, LS_ARG_STRING);
  const ls_fact_call *h = call_named("helper");
  CU_ASSERT_PTR_NOT_NULL_FATAL(h);
  /* A static function's key carries its file, so two files' helpers differ. */
  CU_ASSERT_PTR_NOT_NULL(strstr(sym_key(h->callee), source));
  CU_ASSERT_STRING_EQUAL(sym_name(h->caller), "f");
}

static const ls_fact_arg *arg_of(const ls_fact_call *c, uint32_t idx) {
  return c && idx < c->nargs ? &facts.args.items[c->first_arg + idx] : NULL;
}

/* A switch's cases guard their calls; an object's address, a constant
 * initialized with a literal and a string variable of several values are
 * argument facts of their own. */
static void switch_guards_and_string_args(void) {
  CU_ASSERT_EQUAL_FATAL(extract("sw.c",
                                "#include <stddef.h>\n"
                                "struct re { int x; };\n"
                                "void a(void); void b(void); void c(void); void d(void);\n"
                                "void comp(struct re *r, const char *p);\n"
                                "void emit(const char *k);\n"
                                "const char *lookup(int i);\n"
                                "static const char rx[] = \"^x\" \"y$\";\n"
                                "static struct re re1;\n"
                                "void f(int fam, int i) {\n"
                                "  switch (fam) {\n"
                                "  case 1: a(); break;\n"
                                "  case 2: b();\n"
                                "  case 3: c(); break;\n"
                                "  default: d();\n"
                                "  }\n"
                                "  comp(&re1, rx);\n"
                                "  const char *s = NULL;\n"
                                "  if (i) s = lookup(i);\n"
                                "  if (!s) s = \"event 1\";\n"
                                "  emit(s);\n"
                                "}\n"),
                        0);
  CU_ASSERT_EQUAL(facts.nerrors, 0);
  const char *ga = str(call_named("a")->guards), *gb = str(call_named("b")->guards);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ga);
  CU_ASSERT_PTR_NOT_NULL(strstr(ga, "#0 == 1"));
  CU_ASSERT_PTR_NOT_NULL(gb && strstr(gb, "#0 == 2"));
  /* c() is fallen into from case 2, d() is the default: no case guard */
  CU_ASSERT_PTR_NULL(str(call_named("c")->guards));
  CU_ASSERT_PTR_NULL(str(call_named("d")->guards));
  const ls_fact_call *comp = call_named("comp");
  const ls_fact_arg *obj = arg_of(comp, 0), *pat = arg_of(comp, 1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
  CU_ASSERT_EQUAL(obj->kind, LS_ARG_ADDR);
  CU_ASSERT_PTR_NOT_NULL(strstr(str(obj->text), "re1"));
  CU_ASSERT_PTR_NOT_NULL_FATAL(pat);
  CU_ASSERT_EQUAL(pat->kind, LS_ARG_STRING);
  CU_ASSERT_STRING_EQUAL(str(pat->text), "\"^xy$\"");
  const ls_fact_arg *k = arg_of(call_named("emit"), 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(k);
  CU_ASSERT_EQUAL(k->kind, LS_ARG_STRING_SET);
  CU_ASSERT_STRING_EQUAL(str(k->text), "R\tlookup\nL\t\"event 1\"");
}

static void flows_and_indirect_calls(void) {
  CU_ASSERT_EQUAL_FATAL(
      extract("flows.c",
              "typedef void (*cb_t)(int);\n"
              "struct ops { cb_t handle; int n; };\n"
              "int reg(void *loop, cb_t cb);\n"
              "static void h(int x) { (void)x; }\n"
              "static const struct ops table = { .handle = h };\n"
              "static const struct ops pos = { h, 1 };\n"
              "void run(const struct ops *o, cb_t p) {\n"
              "  cb_t local = h;\n"
              "  local(1);\n"
              "  o->handle(2);\n"
              "  p(3);\n"
              "  reg(0, p);\n"
              "  reg(0, h);\n"
              "}\n"),
      0);
  int field_flows = 0, var_flow = 0, param_flow = 0, reg_param_flow = 0;
  for (size_t i = 0; i < facts.flows.len; i++) {
    const ls_fact_flow *f = &facts.flows.items[i];
    if (f->dst == UINT32_MAX) continue;
    const char *dst = sym_key(f->dst), *src = sym_name(f->src);
    if (!strcmp(dst, "F:c:@S@ops@FI@handle") && !strcmp(src, "h")) field_flows++;
    if (!strncmp(dst, "V:", 2) && strstr(dst, "local") && !strcmp(src, "h")) var_flow++;
    if (!strcmp(dst, "P:c:@F@reg#1") && !strcmp(src, "h")) reg_param_flow++;
    if (!strcmp(dst, "P:c:@F@reg#1") && !strncmp(sym_key(f->src), "P:c:@F@run#1", 12)) param_flow++;
  }
  CU_ASSERT_EQUAL(field_flows, 2); /* designated and positional initializers */
  CU_ASSERT_EQUAL(var_flow, 1);
  CU_ASSERT_EQUAL(reg_param_flow, 1);
  CU_ASSERT_EQUAL(param_flow, 1);
  int via_field = 0, via_var = 0, via_param = 0;
  for (size_t i = 0; i < facts.calls.len; i++) {
    const ls_fact_call *c = &facts.calls.items[i];
    if (c->via_kind == LS_VIA_FIELD && !strcmp(sym_key(c->via), "F:c:@S@ops@FI@handle")) via_field++;
    if (c->via_kind == LS_VIA_VAR && strstr(sym_key(c->via), "local")) via_var++;
    if (c->via_kind == LS_VIA_VAR && !strcmp(sym_key(c->via), "P:c:@F@run#1")) via_param++;
  }
  CU_ASSERT_EQUAL(via_field, 1);
  CU_ASSERT_EQUAL(via_var, 1);
  CU_ASSERT_EQUAL(via_param, 1);
}

static void annotations(void) {
  CU_ASSERT_EQUAL_FATAL(extract("annot.c",
                                "#include \"lagscan.h\"\n"
                                "typedef void (*cb_t)(void *);\n"
                                "int set_timer(void *l, cb_t cb LAGSCAN_LOOP_CALLBACK);\n"
                                "int work(cb_t w LAGSCAN_WORKER_CALLBACK, cb_t done LAGSCAN_LOOP_CALLBACK);\n"
                                "int tick(cb_t cb LAGSCAN_NEXT_TICK);\n"
                                "int query(const char *q) LAGSCAN_BLOCKING(sync-db);\n"
                                "void trusted(void) LAGSCAN_NONBLOCKING;\n"
                                "struct vt { cb_t on_event LAGSCAN_LOOP_CALLBACK; };\n"),
                        0);
  struct { const char *key; ls_annot_kind kind; const char *arg; int seen; } want[] = {
      {"P:c:@F@set_timer#1", LS_ANNOT_LOOP, NULL, 0},
      {"P:c:@F@work#0", LS_ANNOT_WORKER, NULL, 0},
      {"P:c:@F@work#1", LS_ANNOT_LOOP, NULL, 0},
      {"P:c:@F@tick#0", LS_ANNOT_NEXT_TICK, NULL, 0},
      {"c:@F@query", LS_ANNOT_BLOCKING, "sync-db", 0},
      {"c:@F@trusted", LS_ANNOT_NONBLOCKING, NULL, 0},
      {"F:c:@S@vt@FI@on_event", LS_ANNOT_LOOP, NULL, 0},
  };
  size_t nwant = sizeof want / sizeof want[0];
  for (size_t i = 0; i < facts.annots.len; i++) {
    const ls_fact_annot *a = &facts.annots.items[i];
    for (size_t k = 0; k < nwant; k++)
      if (!strcmp(sym_key(a->sym), want[k].key) && a->kind == want[k].kind &&
          (!want[k].arg || (a->arg != UINT32_MAX && !strcmp(str(a->arg), want[k].arg))))
        want[k].seen++;
  }
  for (size_t k = 0; k < nwant; k++) {
    if (want[k].seen != 1) fprintf(stderr, "annotation %s seen %d times\n", want[k].key, want[k].seen);
    CU_ASSERT_EQUAL(want[k].seen, 1);
  }
  CU_ASSERT_EQUAL(facts.annots.len, nwant);
}

static void macro_call_location(void) {
  CU_ASSERT_EQUAL_FATAL(extract("macro.c",
                                "#include <unistd.h>\n"
                                "#define NAP() sleep(1)\n"
                                "void f(void) {\n"
                                "  NAP();\n"
                                "}\n"),
                        0);
  const ls_fact_call *c = call_named("sleep");
  CU_ASSERT_PTR_NOT_NULL_FATAL(c);
  CU_ASSERT_EQUAL(c->loc.line, 4);
}

static void parse_errors_are_counted(void) {
  CU_ASSERT_EQUAL_FATAL(extract("broken.c",
                                "void f(void) { int x = ; }\n"
                                "void g(void) { int y = ; }\n"
                                "void h(void) { f(); }\n"),
                        0);
  CU_ASSERT_TRUE(facts.nerrors > 1);
  CU_ASSERT_PTR_NOT_NULL(facts.first_error);
  CU_ASSERT_PTR_NOT_NULL(call_named("f")); /* what parsed is kept */
}

/* A fatal error (a header not found) fails the TU, with the diagnostic. */
static void fatal_errors_fail(void) {
  ls_facts_free(&facts);
  memset(&facts, 0, sizeof facts);
  free(source);
  source = unit_write_file(unit_tmpdir(), "fatal.c",
                           "#include \"does_not_exist.h\"\nvoid h(void) { }\n");
  const char *argv[] = {"clang", source};
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_extract_tu(source, argv, 2, &facts, &err), -1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "fatal error"));
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "does_not_exist.h"));
  free(err);
}

/* Loops whose trip count is exponential in a variable: every function
 * named yes_* has exactly one, with the exponent as written; no_* none;
 * gap_* is a known gap (an operator from a macro's body cannot be read with
 * libclang 14): move it to yes_* when it is seen. */
static void cost_loops(void) {
  CU_ASSERT_EQUAL_FATAL(
      extract("cost.c",
              "#include <math.h>\n"
              "#include <stddef.h>\n"
              "#include <stdint.h>\n"
              "struct ctx { unsigned log_rounds; };\n"
              "void step(void);\n"
              "#define ROUNDS(c) (1u << (c))\n"
              "void yes_shift(unsigned cost) { for (unsigned i = 0; i < (1u << cost); i++) step(); }\n"
              "void yes_sizet(int cost) { size_t i; for (i = 0; i < ((size_t)1 << cost); ++i) step(); }\n"
              "void yes_field(struct ctx *ctx) { uint64_t rounds = 1ULL << ctx->log_rounds;\n"
              "  while (rounds--) step(); }\n"
              "void yes_assigned(int log_rounds) { unsigned rounds; rounds = 1 << log_rounds;\n"
              "  do step(); while (--rounds > 0); }\n"
              "void yes_pow(int n) { for (double i = 0; i < pow(2, n); i++) step(); }\n"
              "void yes_exp2(int n) { for (int i = 0; exp2(n) > i; i++) step(); }\n"
              "void yes_ldexp(int n) { for (int i = 0; i < ldexp(1, n); i++) step(); }\n"
              "void yes_shifted(int cost) { size_t n = 1; n <<= cost;\n"
              "  for (size_t i = 0; i < n; i++) step(); }\n"
              "void yes_down(unsigned cost) { for (unsigned i = 1u << cost; i > 0; i--) step(); }\n"
              "void gap_macro(unsigned cost) { for (unsigned i = 0; i < ROUNDS(cost); i++) step(); }\n"
              "void yes_and(unsigned cost, int *stop) {\n"
              "  for (unsigned i = 0; !*stop && i < (1u << cost); i++) step(); }\n"
              "void no_const(void) { for (int i = 0; i < (1 << 4); i++) step(); }\n"
              "enum { SHIFT = 10 };\n"
              "void no_enum(void) { for (int i = 0; i < (1 << SHIFT); i++) step(); }\n"
              "void no_linear(int n) { for (int i = 0; i < n; i++) step(); }\n"
              "void no_doubling(int n) { for (int i = 1; i < (1 << n); i <<= 1) step(); }\n"
              "void no_halving(int n) { unsigned m = 1u << n; while (m) { step(); m >>= 1; } }\n"
              "void no_twice(int n, int k) { unsigned r = 1u << n; if (k) r = 8; while (r--) step(); }\n"
              "void set(unsigned *p);\n"
              "void no_escape(int n) { unsigned r = 1u << n; set(&r); while (r--) step(); }\n"
              "void no_forever(void) { for (;;) step(); }\n"
              "void no_shift_value(unsigned v, int n) { while (v < (v << n)) v++; }\n"),
      0);
  CU_ASSERT_EQUAL(facts.nerrors, 0);
  static const struct { const char *func, *var; unsigned line; int seen; } want[] = {
      {"yes_shift", "cost", 7, 0},        {"yes_sizet", "cost", 8, 0},
      {"yes_field", "ctx->log_rounds", 10, 0}, {"yes_assigned", "log_rounds", 12, 0},
      {"yes_pow", "n", 13, 0},            {"yes_exp2", "n", 14, 0},
      {"yes_ldexp", "n", 15, 0},          {"yes_shifted", "cost", 17, 0},
      {"yes_down", "cost", 18, 0},
      {"yes_and", "cost", 21, 0},
  };
  size_t nwant = sizeof want / sizeof want[0];
  int seen[sizeof want / sizeof want[0]] = {0};
  for (size_t i = 0; i < facts.cost_loops.len; i++) {
    const ls_fact_cost_loop *cl = &facts.cost_loops.items[i];
    const char *fn = sym_name(cl->func), *var = str(cl->var);
    size_t k = 0;
    while (k < nwant && strcmp(want[k].func, fn)) k++;
    if (k == nwant) {
      fprintf(stderr, "\nunexpected cost loop in %s (%s)\n", fn, var ? var : "?");
      CU_FAIL("a cost loop where there is none");
      continue;
    }
    seen[k]++;
    CU_ASSERT_STRING_EQUAL(var, want[k].var);
    CU_ASSERT_EQUAL(cl->loc.line, want[k].line);
    CU_ASSERT_STRING_EQUAL(str(cl->loc.file), source);
  }
  for (size_t k = 0; k < nwant; k++) {
    if (seen[k] != 1) fprintf(stderr, "\n%s: %d cost loops\n", want[k].func, seen[k]);
    CU_ASSERT_EQUAL(seen[k], 1);
  }
  /* The region runs from the keyword to the end of the condition. */
  const ls_fact_cost_loop *first = &facts.cost_loops.items[0];
  CU_ASSERT_EQUAL(first->loc.col, 33);
  CU_ASSERT_EQUAL(first->loc.end_line, 7);
  CU_ASSERT_EQUAL(first->loc.end_col, 70);
}

static int cleanup(void) {
  ls_facts_free(&facts);
  free(source);
  source = NULL;
  return 0;
}

void register_extract_tests(void) {
  CU_pSuite s = CU_add_suite("extract", NULL, cleanup);
  CU_add_test(s, "calls and constant arguments", calls_and_args);
  CU_add_test(s, "flows and indirect calls", flows_and_indirect_calls);
  CU_add_test(s, "switch guards, object addresses, constant and several-valued strings",
              switch_guards_and_string_args);
  CU_add_test(s, "annotations", annotations);
  CU_add_test(s, "macro calls at the macro's use", macro_call_location);
  CU_add_test(s, "parse errors are counted, facts kept", parse_errors_are_counted);
  CU_add_test(s, "a fatal error fails the TU", fatal_errors_fail);
  CU_add_test(s, "cost loops: trip counts exponential in a variable", cost_loops);
}
