/* test_source.c: the source cache (src/common/source.c) as the writers use
 * it: right lines after any number of evictions, at most LS_SOURCE_FILES
 * files and LS_SOURCE_CACHE_BYTES of contents held, a file read once while
 * it is cached, unreadable files remembered with their errno. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtest.h"
#include "common.h"

static int held(const ls_source_cache *c, size_t *bytes) {
  int n = 0;
  *bytes = 0;
  for (int i = 0; i < LS_SOURCE_FILES; i++)
    if (c->files[i].path) {
      n++;
      *bytes += c->files[i].size;
    }
  return n;
}

/* Line 2 of file k reads "file k". */
static int right_file(ls_source_cache *c, const char *dir, int k) {
  char name[64], want[64];
  snprintf(name, sizeof name, "%s/f%03d.c", dir, k);
  snprintf(want, sizeof want, "file %d", k);
  size_t len = 0;
  const char *line = ls_source_file_line(ls_source_get(c, name), 2, &len);
  return line && len == strlen(want) && memcmp(line, want, len) == 0;
}

static void many_files(void) {
  const char *dir = rt_tmpdir();
  enum { N = LS_SOURCE_FILES + 60 };
  for (int k = 0; k < N; k++) {
    char name[32], text[64];
    snprintf(name, sizeof name, "f%03d.c", k);
    snprintf(text, sizeof text, "/* first */\nfile %d\nint x;\n", k);
    free(rt_write_file(dir, name, text));
  }
  ls_source_cache c;
  ls_source_init(&c, dir);
  int wrong = 0;
  for (int round = 0; round < 2; round++)
    for (int k = 0; k < N; k++) wrong += !right_file(&c, dir, k);
  CU_ASSERT_EQUAL(wrong, 0);
  size_t bytes;
  CU_ASSERT_EQUAL(held(&c, &bytes), LS_SOURCE_FILES);
  CU_ASSERT_EQUAL(bytes, c.bytes);
  /* The most recent LS_SOURCE_FILES files are cached: the same buffer. */
  char last[64];
  snprintf(last, sizeof last, "%s/f%03d.c", dir, N - 1);
  const char *data = ls_source_get(&c, last)->data;
  for (int k = N - LS_SOURCE_FILES; k < N; k++) wrong += !right_file(&c, dir, k);
  CU_ASSERT_EQUAL(wrong, 0);
  CU_ASSERT_PTR_EQUAL(ls_source_get(&c, last)->data, data);
  /* Relative paths resolve against srcroot to the same entry. */
  char rel[32];
  snprintf(rel, sizeof rel, "f%03d.c", N - 1);
  CU_ASSERT_PTR_EQUAL(ls_source_get(&c, rel)->data, ls_source_get(&c, last)->data);
  ls_source_free(&c);
  CU_ASSERT_EQUAL(held(&c, &bytes), 0);
}

static void byte_budget(void) {
  const char *dir = rt_tmpdir();
  size_t size = LS_SOURCE_CACHE_BYTES / 5 + 1; /* five do not fit */
  char *text = malloc(size + 1);
  for (size_t i = 0; i < size; i++) text[i] = (i % 64 == 63) ? '\n' : 'x';
  text[size] = '\0';
  ls_source_cache c;
  ls_source_init(&c, dir);
  int over = 0, missing = 0;
  for (int k = 0; k < 8; k++) {
    char name[32];
    snprintf(name, sizeof name, "big%d.c", k);
    char *path = rt_write_file(dir, name, text);
    const ls_source_file *f = ls_source_get(&c, path);
    missing += !f->data || f->size != size;
    size_t bytes;
    held(&c, &bytes);
    over += bytes > LS_SOURCE_CACHE_BYTES || bytes != c.bytes;
    free(path);
  }
  CU_ASSERT_EQUAL(missing, 0);
  CU_ASSERT_EQUAL(over, 0);
  size_t bytes;
  CU_ASSERT_EQUAL(held(&c, &bytes), 4);
  ls_source_free(&c);
  free(text);
}

static void unreadable(void) {
  ls_source_cache c;
  ls_source_init(&c, rt_tmpdir());
  const ls_source_file *f = ls_source_get(&c, "no/such/file.c");
  CU_ASSERT_PTR_NULL(f->data);
  CU_ASSERT_EQUAL(f->error, ENOENT);
  size_t len;
  CU_ASSERT_PTR_NULL(ls_source_file_line(f, 1, &len));
  CU_ASSERT_EQUAL(ls_source_codepoint_col(&c, "no/such/file.c", 1, 7), 7);
  f = ls_source_get(&c, rt_tmpdir()); /* a directory */
  CU_ASSERT_EQUAL(f->error, EISDIR);
  ls_source_free(&c);
}

void register_source_tests(void) {
  CU_pSuite s = CU_add_suite("source", NULL, NULL);
  CU_add_test(s, "more files than the cache holds", many_files);
  CU_add_test(s, "contents bounded in bytes", byte_budget);
  CU_add_test(s, "unreadable files", unreadable);
}
