/* test_util.c: the hash map (with removal), SHA-256, file reading, paths,
 * the atomic file write and its permissions, and the UTF-8 repair. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Removal keeps every other key reachable, through any number of removals
 * and re-insertions in one small table (long probe chains). */
static void strmap_del(void) {
  ls_strmap m = {0};
  char key[32];
  for (int i = 0; i < 3000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    ls_strmap_put(&m, key, i, NULL);
  }
  for (int i = 0; i < 3000; i += 3) {
    snprintf(key, sizeof key, "k%d", i);
    CU_ASSERT_EQUAL(ls_strmap_del(&m, key), 1);
    CU_ASSERT_EQUAL(ls_strmap_del(&m, key), 0);
  }
  CU_ASSERT_EQUAL(m.len, 2000);
  int wrong = 0;
  for (int i = 0; i < 3000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    int64_t *v = ls_strmap_get(&m, key);
    wrong += i % 3 ? !v || *v != i : v != NULL;
  }
  CU_ASSERT_EQUAL(wrong, 0);
  CU_ASSERT_EQUAL(ls_strmap_del(&m, "absent"), 0);
  ls_strmap_free(&m);
  CU_ASSERT_EQUAL(ls_strmap_del(&m, "k1"), 0); /* an empty map */
}

static void paths(void) {
  char *s = ls_path_join("/a/b", "c.c");
  CU_ASSERT_STRING_EQUAL(s, "/a/b/c.c");
  free(s);
  s = ls_path_join("/a/b/", "c.c");
  CU_ASSERT_STRING_EQUAL(s, "/a/b/c.c");
  free(s);
  s = ls_path_join("/a", "/x/c.c");
  CU_ASSERT_STRING_EQUAL(s, "/x/c.c");
  free(s);
  s = ls_path_join(NULL, "c.c");
  CU_ASSERT_STRING_EQUAL(s, "c.c");
  free(s);
  CU_ASSERT_STRING_EQUAL(ls_path_under("/r/src/a.c", "/r"), "src/a.c");
  CU_ASSERT_STRING_EQUAL(ls_path_under("/r/src/a.c", "/r/"), "src/a.c");
  CU_ASSERT_STRING_EQUAL(ls_path_under("src/a.c", "/r"), "src/a.c");
  CU_ASSERT_PTR_NULL(ls_path_under("/rx/a.c", "/r"));
  CU_ASSERT_PTR_NULL(ls_path_under("/r", "/r"));
  CU_ASSERT_PTR_NULL(ls_path_under("/r/a.c", NULL));
  const char *dir = unit_tmpdir();
  char *p = unit_write_file(dir, "abs.c", "x\n");
  char real[4096];
  CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(p, real));
  s = ls_path_absolute("abs.c", dir); /* exists: resolved */
  CU_ASSERT_STRING_EQUAL(s, real);
  free(s);
  s = ls_path_absolute("no/such.c", "/nowhere"); /* missing: joined */
  CU_ASSERT_STRING_EQUAL(s, "/nowhere/no/such.c");
  free(s);
  free(p);
}

/* The one permission policy: 0666 or, for an executable, 0777, less the
 * umask; a failed write leaves the target as it was and no temporary file. */
static void atomic_write(void) {
  const char *dir = unit_tmpdir();
  char *p = unit_write_file(dir, "atomic.txt", "old");
  mode_t old = umask(022);
  for (int exec = 0; exec < 2; exec++) {
    ls_atomic a;
    CU_ASSERT_EQUAL_FATAL(ls_atomic_open(&a, p, exec ? LS_ATOMIC_EXEC : 0), 0);
    fputs("new", a.f);
    CU_ASSERT_EQUAL(ls_atomic_commit(&a, 0), 0);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(p, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, exec ? 0755 : 0644);
  }
  ls_atomic a;
  CU_ASSERT_EQUAL_FATAL(ls_atomic_open(&a, p, 0), 0);
  fputs("lost", a.f);
  char *tmp = ls_xstrdup(a.tmp);
  CU_ASSERT_EQUAL(ls_atomic_commit(&a, -EIO), -EIO);
  umask(old);
  struct stat st;
  CU_ASSERT_NOT_EQUAL(stat(tmp, &st), 0);
  char *buf = NULL;
  CU_ASSERT_EQUAL(ls_read_file(p, &buf, NULL), 0);
  CU_ASSERT_STRING_EQUAL(buf, "new");
  free(buf);
  free(tmp);
  CU_ASSERT_EQUAL(ls_atomic_open(&a, "/nonexistent/dir/f", 0), -ENOENT);
  free(p);
}

static void utf8_repair(void) {
  ls_buf b = {0};
  CU_ASSERT_EQUAL(ls_utf8_append(&b, "ok \xC3\xA9 \xFF \xED\xA0\x80 \xE2\x82"), 6);
  CU_ASSERT_STRING_EQUAL(ls_buf_str(&b), "ok \xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD"
                                          "\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
  ls_buf_free(&b);
  CU_ASSERT_STRING_EQUAL(ls_buf_str(&b), "");
}

void register_util_tests(void) {
  CU_pSuite s = CU_add_suite("util", NULL, NULL);
  CU_add_test(s, "strmap put and get", strmap_put_get);
  CU_add_test(s, "sha256 known vector", sha256_vector);
  CU_add_test(s, "read_file errors", read_file_errors);
  CU_add_test(s, "strmap removal", strmap_del);
  CU_add_test(s, "paths", paths);
  CU_add_test(s, "atomic write and its modes", atomic_write);
  CU_add_test(s, "UTF-8 repair", utf8_repair);
}
