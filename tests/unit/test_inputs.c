/* test_inputs.c: untrusted compile commands are sanitized. */
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "unit.h"
#include "common.h"

static char **argv_of(const char *const *in, int n) {
  char **v = ls_xcalloc((size_t)n + 1, sizeof(char *));
  for (int i = 0; i < n; i++) v[i] = ls_xstrdup(in[i]);
  return v;
}

static int contains(char **v, int n, const char *s) {
  for (int i = 0; i < n; i++)
    if (!strcmp(v[i], s)) return 1;
  return 0;
}

static void sanitize(void) {
  const char *in[] = {"cc", "-Iinclude", "-Xclang", "-load", "-Xclang", "/tmp/evil.so",
                      "-fplugin=/tmp/evil.so", "-fpass-plugin=/tmp/p.so", "-o", "out.o", "-c",
                      "-MD", "-MF", "dep.d", "@/etc/rsp", "-DX=1", "-fprofile-generate=/tmp/x",
                      "-O2", "a.c"};
  int n = (int)(sizeof in / sizeof in[0]);
  char **v = ls_sanitize_args(argv_of(in, n), &n);
  CU_ASSERT_EQUAL(n, 5);
  CU_ASSERT_STRING_EQUAL(v[0], "cc");
  CU_ASSERT_TRUE(contains(v, n, "-Iinclude"));
  CU_ASSERT_TRUE(contains(v, n, "-DX=1"));
  CU_ASSERT_TRUE(contains(v, n, "-O2"));
  CU_ASSERT_TRUE(contains(v, n, "a.c"));
  CU_ASSERT_FALSE(contains(v, n, "/tmp/evil.so"));
  CU_ASSERT_FALSE(contains(v, n, "out.o"));
  CU_ASSERT_FALSE(contains(v, n, "dep.d"));
  for (int i = 0; i < n; i++) free(v[i]);
  free(v);
}

static void from_files(void) {
  const char *dir = unit_tmpdir();
  char *p = unit_write_file(dir, "in.c", "int x;\n");
  char *files[] = {p};
  char *flags[] = {"-DA", "-o", "x.o"};
  ls_tu_list l = {0};
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_inputs_from_files(files, 1, flags, 3, &l, &err), 0);
  CU_ASSERT_EQUAL(l.len, 1);
  CU_ASSERT_STRING_EQUAL(l.items[0].file, p);
  CU_ASSERT_EQUAL(l.items[0].argc, 3); /* clang -DA file */
  ls_tu_list_free(&l);
  /* A missing file is still a TU: the scan reports it as one that could
   * not be analyzed (tests/reliability) and analyzes the rest. */
  char *missing[] = {"/nonexistent/x.c"};
  CU_ASSERT_EQUAL(ls_inputs_from_files(missing, 1, NULL, 0, &l, &err), 0);
  CU_ASSERT_EQUAL(l.len, 1);
  if (l.len) CU_ASSERT_STRING_EQUAL(l.items[0].file, "/nonexistent/x.c");
  ls_tu_list_free(&l);
  free(p);
}

static void from_compdb(void) {
  const char *dir = unit_tmpdir();
  char *src = unit_write_file(dir, "cdb.c", "int y;\n");
  char *json = ls_xasprintf(
      "[{\"directory\": \"%s\", \"file\": \"cdb.c\", \"arguments\": [\"cc\", \"-DB\", \"-c\", "
      "\"cdb.c\", \"-o\", \"cdb.o\"]},\n"
      " {\"directory\": \"%s\", \"file\": \"cdb.c\", \"command\": \"cc -DC -c cdb.c\"},\n"
      /* the first command again for a second target: only -o differs */
      " {\"directory\": \"%s\", \"file\": \"cdb.c\", \"command\": \"cc -DB -c cdb.c -o t2/cdb.o\"}]",
      dir, dir, dir);
  char *p = unit_write_file(dir, "compile_commands.json", json);
  ls_tu_list l = {0};
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_inputs_from_compdb(dir, &l, &err), 0);
  CU_ASSERT_EQUAL(l.len, 2); /* the third command is the first TU again */
  for (size_t i = 0; i < l.len; i++) {
    CU_ASSERT_STRING_EQUAL(l.items[i].file, src);
    CU_ASSERT_FALSE(contains(l.items[i].argv, l.items[i].argc, "cdb.o"));
    CU_ASSERT_FALSE(contains(l.items[i].argv, l.items[i].argc, "-c"));
  }
  CU_ASSERT_STRING_NOT_EQUAL(l.items[0].key, l.items[1].key);
  CU_ASSERT_TRUE(contains(l.items[0].argv, l.items[0].argc, "-DB"));
  CU_ASSERT_TRUE(contains(l.items[1].argv, l.items[1].argc, "-DC"));
  ls_tu_list_free(&l);
  CU_ASSERT_EQUAL(ls_inputs_from_compdb("/nonexistent", &l, &err), -1);
  free(err);
  free(json);
  free(p);
  free(src);
}

void register_inputs_tests(void) {
  CU_pSuite s = CU_add_suite("inputs", NULL, NULL);
  CU_add_test(s, "dangerous flags are dropped", sanitize);
  CU_add_test(s, "FILE... -- FLAGS", from_files);
  CU_add_test(s, "compile_commands.json, both forms, one TU per key", from_compdb);
}
