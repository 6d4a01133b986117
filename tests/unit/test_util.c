/* test_util.c: the hash map, SHA-256 and file reading helpers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "common.h"

static void strmap_put_get(void) {
  ls_strmap m = {0};
  char key[32];
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    int inserted = 0;
    ls_strmap_put(&m, key, i, &inserted);
    CU_ASSERT_EQUAL(inserted, 1);
  }
  int inserted = 1;
  int64_t *v = ls_strmap_put(&m, "k42", 99, &inserted);
  CU_ASSERT_EQUAL(inserted, 0);
  CU_ASSERT_EQUAL(*v, 42); /* an existing key keeps its value */
  for (int i = 0; i < 5000; i += 97) {
    snprintf(key, sizeof key, "k%d", i);
    v = ls_strmap_get(&m, key);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(*v, i);
  }
  CU_ASSERT_PTR_NULL(ls_strmap_get(&m, "absent"));
  CU_ASSERT_EQUAL(m.len, 5000);
  ls_strmap_free(&m);
}

static void sha256_vector(void) {
  char hex[65];
  ls_sha256_hex("abc", 3, hex);
  CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void read_file_errors(void) {
  char *buf = NULL;
  size_t len = 0;
  CU_ASSERT_EQUAL(ls_read_file("/nonexistent/file", &buf, &len), -ENOENT);
  CU_ASSERT_EQUAL(ls_read_file("/tmp", &buf, &len), -EISDIR);
  char *p = unit_write_file(unit_tmpdir(), "read.txt", "hello\nworld");
  CU_ASSERT_EQUAL(ls_read_file(p, &buf, &len), 0);
  CU_ASSERT_EQUAL(len, 11);
  CU_ASSERT_STRING_EQUAL(buf, "hello\nworld");
  free(buf);
  free(p);
}

void register_util_tests(void) {
  CU_pSuite s = CU_add_suite("util", NULL, NULL);
  CU_add_test(s, "strmap put and get", strmap_put_get);
  CU_add_test(s, "sha256 known vector", sha256_vector);
  CU_add_test(s, "read_file errors", read_file_errors);
}
