/* test_suppress.c: NOLAGSCAN comment matching, on lines of the source cache
 * (common.h). */
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "unit.h"

static int m(const char *text, const char *marker, const char *rule) {
  return ls_suppression_matches(text, strlen(text), marker, rule);
}

static void matching(void) {
  CU_ASSERT_TRUE(m("x(); // NOLAGSCAN(sync-fs): cached", "NOLAGSCAN", "sync-fs"));
  CU_ASSERT_TRUE(m("x(); // NOLAGSCAN(sleep, sync-fs): both", "NOLAGSCAN", "sync-fs"));
  CU_ASSERT_TRUE(m("x(); // NOLAGSCAN(*): all", "NOLAGSCAN", "sync-dns"));
  CU_ASSERT_FALSE(m("x(); // NOLAGSCAN(sync-fs): other rule", "NOLAGSCAN", "sleep"));
  CU_ASSERT_FALSE(m("x(); // NOLAGSCAN: no list", "NOLAGSCAN", "sleep"));
  CU_ASSERT_FALSE(m("x(); // NOLAGSCAN(sync-fsx)", "NOLAGSCAN", "sync-fs"));
  /* NOLAGSCANNEXTLINE is not NOLAGSCAN for the same line */
  CU_ASSERT_FALSE(m("// NOLAGSCANNEXTLINE(sleep)", "NOLAGSCAN", "sleep"));
  CU_ASSERT_TRUE(m("// NOLAGSCANNEXTLINE(sleep): why", "NOLAGSCANNEXTLINE", "sleep"));
  CU_ASSERT_FALSE(m("// XNOLAGSCAN(sleep)", "NOLAGSCAN", "sleep"));
}

static void on_lines(void) {
  char *p = unit_write_file(unit_tmpdir(), "supp.c",
                            "a(); // NOLAGSCAN(sleep): ok\n"
                            "// NOLAGSCANNEXTLINE(sync-fs): ok\n"
                            "b();\r\n"
                            "c();\n");
  ls_source_cache c;
  ls_source_init(&c, NULL);
  CU_ASSERT_TRUE(ls_is_suppressed(&c, p, 1, "sleep"));
  CU_ASSERT_FALSE(ls_is_suppressed(&c, p, 1, "sync-fs"));
  CU_ASSERT_TRUE(ls_is_suppressed(&c, p, 3, "sync-fs"));
  CU_ASSERT_FALSE(ls_is_suppressed(&c, p, 4, "sync-fs"));
  CU_ASSERT_FALSE(ls_is_suppressed(&c, p, 99, "sync-fs"));
  size_t len;
  const char *line = ls_source_line(&c, p, 3, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(line);
  CU_ASSERT_EQUAL(len, 4); /* "b();" without \r\n */
  CU_ASSERT_PTR_NULL(ls_source_line(&c, "/nonexistent.c", 1, &len));
  ls_source_free(&c);
  free(p);
}

void register_suppress_tests(void) {
  CU_pSuite s = CU_add_suite("suppress", NULL, NULL);
  CU_add_test(s, "comment matching", matching);
  CU_add_test(s, "suppressions on lines", on_lines);
}
