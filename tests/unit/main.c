/* main.c: runs every analyzer unit-test suite with CUnit's basic runner and
 * fails (exit 1) when any assertion failed. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "common.h"

static char tmpdir[] = "/tmp/lagscan-unit-XXXXXX";
static int have_tmpdir;

const char *unit_tmpdir(void) {
  if (!have_tmpdir) {
    if (!mkdtemp(tmpdir)) abort();
    have_tmpdir = 1;
  }
  return tmpdir;
}

char *unit_write_file(const char *dir, const char *name, const char *text) {
  char *path = ls_xasprintf("%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) abort();
  fputs(text, f);
  fclose(f);
  return path;
}

static void cleanup(void) {
  if (!have_tmpdir) return;
  char *cmd = ls_xasprintf("rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
  free(cmd);
}

int main(void) {
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  register_util_tests();
  register_suppress_tests();
  register_inputs_tests();
  register_store_tests();
  register_extract_tests();
  register_extract_cxx_tests();
  register_graph_tests();
  register_rulepack_tests();
  register_config_tests();
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  cleanup();
  return failed ? 1 : 0;
}
