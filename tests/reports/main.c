/* main.c: runs the report-writer suites with CUnit's basic runner; with an
 * argument, only the suite of that name (text, sarif, json, html, output, source,
 * ci),
 * which is how ctest registers them. Exit status 1 when anything failed. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "rtest.h"

int main(int argc, char **argv) {
  static const struct {
    const char *name;
    void (*add)(void);
  } suites[] = {
      {"text", register_text_tests},     {"sarif", register_sarif_tests},
      {"json", register_json_tests},     {"html", register_html_tests},
      {"output", register_output_tests}, {"source", register_source_tests},
      {"ci", register_ci_tests},
  };
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  int found = 0;
  for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
    if (argc < 2 || strcmp(argv[1], suites[i].name) == 0) {
      suites[i].add();
      found = 1;
    }
  if (!found) {
    fprintf(stderr, "test_reports: no suite '%s'\n", argv[1]);
    CU_cleanup_registry();
    return 2;
  }
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  return failed ? 1 : 0;
}
