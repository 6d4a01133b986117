/* test_split.c: shards split evenly (scan.h, ls_shard_of). For compile
 * commands as CMake writes them (each source named twice: as the file and
 * after -c, with its object after -o), read through the inputs stage as the
 * extraction reads them, for N = 2, 3, 4 and 8: every TU is in exactly one
 * shard, no shard is empty and none holds more than twice its share. The
 * paths are fixed (not the temporary directory's), so the keys, and the
 * split, are the same on every machine and every run.
 *
 * usage: test_split */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"

#define NTUS 48

static char tmp[] = "/tmp/lagscan-split-XXXXXX";

/* tmp/compile_commands.json: NTUS CMake-style commands for sources under a
 * fixed, nonexistent tree (the inputs stage does not open the sources). */
static void write_cmake_compdb(void) {
  char *path;
  if (asprintf(&path, "%s/compile_commands.json", tmp) < 0) abort();
  FILE *f = fopen(path, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  fputs("[\n", f);
  for (int i = 0; i < NTUS; i++)
    fprintf(f,
            "{\"directory\": \"/nonexistent/proj/build\",\n"
            " \"command\": \"/usr/bin/cc -DNDEBUG -I/nonexistent/proj/include -O2 -o "
            "CMakeFiles/proj.dir/src/module%02d.c.o -c /nonexistent/proj/src/module%02d.c\",\n"
            " \"file\": \"/nonexistent/proj/src/module%02d.c\"}%s\n",
            i, i, i, i + 1 < NTUS ? "," : "");
  fputs("]\n", f);
  fclose(f);
  free(path);
}

static void splits_evenly(void) {
  write_cmake_compdb();
  ls_tu_list tus = {0};
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_inputs_from_compdb(tmp, &tus, &err), 0);
  CU_ASSERT_EQUAL_FATAL(tus.len, NTUS);
  static const int ns[] = {2, 3, 4, 8};
  for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
    int n = ns[k];
    size_t count[9] = {0};
    for (size_t i = 0; i < tus.len; i++) {
      int s = ls_shard_of(tus.items[i].key, n);
      CU_ASSERT(s >= 1 && s <= n);
      if (s >= 1 && s <= n) count[s]++;
      /* The same key, the same shard. */
      CU_ASSERT_EQUAL(ls_shard_of(tus.items[i].key, n), s);
    }
    size_t total = 0;
    for (int s = 1; s <= n; s++) {
      total += count[s];
      if (count[s] == 0 || count[s] > 2 * NTUS / (size_t)n)
        fprintf(stderr, "\nshard %d/%d holds %zu of %d TUs\n", s, n, count[s], NTUS);
      CU_ASSERT(count[s] > 0);
      CU_ASSERT(count[s] <= 2 * NTUS / (size_t)n);
    }
    CU_ASSERT_EQUAL(total, NTUS); /* every TU in exactly one shard */
  }
  CU_ASSERT_EQUAL(ls_shard_of(tus.items[0].key, 1), 1);
  ls_tu_list_free(&tus);
}

int main(void) {
  if (!mkdtemp(tmp)) return 2;
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  CU_pSuite s = CU_add_suite("shard split", NULL, NULL);
  CU_add_test(s, "CMake-style TUs split evenly for N = 2, 3, 4, 8", splits_evenly);
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures();
  CU_cleanup_registry();
  char *json;
  if (asprintf(&json, "%s/compile_commands.json", tmp) >= 0) {
    unlink(json);
    free(json);
  }
  rmdir(tmp);
  return failed ? 1 : 0;
}
