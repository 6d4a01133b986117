/* test_fs.c: the asynchronous file functions (round trips and their errors:
 * a missing file is -ENOENT, a directory -EISDIR) and the *_sync variants. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

typedef struct result {
  ssize_t value;
  int status;
  int calls;
  int on_loop;
  struct stat st;
  char data[256];
  size_t len;
} result;

static pthread_t loop_thread;

static void on_fs(tl_loop *l, ssize_t r, void *a) {
  (void)l;
  result *res = a;
  res->value = r;
  res->calls++;
  res->on_loop = pthread_equal(pthread_self(), loop_thread);
}

static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)l;
  result *res = a;
  res->status = status;
  res->calls++;
  if (st) res->st = *st;
  CU_ASSERT((status == 0) == (st != NULL));
}

static void on_data(tl_loop *l, int status, const char *data, size_t len, void *a) {
  (void)l;
  result *res = a;
  res->status = status;
  res->calls++;
  res->len = len;
  if (status == 0) {
    CU_ASSERT_EQUAL(data[len], '\0');
    snprintf(res->data, sizeof res->data, "%s", data);
  } else {
    CU_ASSERT_PTR_NULL(data);
  }
}

static char *path_in_tmp(const char *name) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", rt_tmpdir(), name);
  return path;
}

static void test_write_file_read_file_stat(void) {
  tl_loop *loop = rt_loop();
  loop_thread = pthread_self();
  const char *path = path_in_tmp("round-trip.txt");
  char text[] = "hello, tickloop\n";
  result w = {0}, r = {0}, s = {0};
  CU_ASSERT_EQUAL(tl_fs_write_file(loop, path, text, strlen(text), on_fs, &w), 0);
  text[0] = 'J'; /* write_file copied the data */
  tl_run(loop);
  CU_ASSERT_EQUAL(w.calls, 1);
  CU_ASSERT_EQUAL(w.value, 0);
  CU_ASSERT(w.on_loop);
  CU_ASSERT_EQUAL(tl_fs_read_file(loop, path, on_data, &r), 0);
  CU_ASSERT_EQUAL(tl_fs_stat(loop, path, on_stat, &s), 0);
  tl_run(loop);
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_STRING_EQUAL(r.data, "hello, tickloop\n");
  CU_ASSERT_EQUAL(r.len, 16);
  CU_ASSERT_EQUAL(s.status, 0);
  CU_ASSERT_EQUAL(s.st.st_size, 16);
  CU_ASSERT(S_ISREG(s.st.st_mode));
  rt_close(loop);
}

static void test_open_write_read_close(void) {
  tl_loop *loop = rt_loop();
  loop_thread = pthread_self();
  const char *path = path_in_tmp("descriptors.txt");
  result o = {0}, w = {0}, r = {0}, c = {0};
  tl_fs_open(loop, path, O_RDWR | O_CREAT | O_TRUNC, 0600, on_fs, &o);
  tl_run(loop);
  CU_ASSERT_FATAL(o.value >= 0);
  int fd = (int)o.value;
  tl_fs_write(loop, fd, "abcdef", 6, 0, on_fs, &w);
  tl_run(loop);
  CU_ASSERT_EQUAL(w.value, 6);
  char buf[8] = {0};
  tl_fs_read(loop, fd, buf, 3, 2, on_fs, &r); /* pread at offset 2 */
  tl_run(loop);
  CU_ASSERT_EQUAL(r.value, 3);
  CU_ASSERT_STRING_EQUAL(buf, "cde");
  tl_fs_close(loop, fd, on_fs, &c);
  tl_run(loop);
  CU_ASSERT_EQUAL(c.value, 0);
  result again = {0};
  tl_fs_read(loop, fd, buf, 3, 0, on_fs, &again); /* closed descriptor */
  tl_run(loop);
  CU_ASSERT_EQUAL(again.value, -EBADF);
  rt_close(loop);
}

static void test_async_errors(void) {
  tl_loop *loop = rt_loop();
  const char *missing = path_in_tmp("no/such/file");
  result rf = {0}, st = {0}, op = {0}, dir = {0}, dirw = {0};
  tl_fs_read_file(loop, missing, on_data, &rf);
  tl_fs_stat(loop, missing, on_stat, &st);
  tl_fs_open(loop, missing, O_RDONLY, 0, on_fs, &op);
  tl_fs_read_file(loop, rt_tmpdir(), on_data, &dir);
  tl_fs_open(loop, rt_tmpdir(), O_WRONLY, 0, on_fs, &dirw);
  tl_run(loop);
  CU_ASSERT_EQUAL(rf.status, -ENOENT);
  CU_ASSERT_EQUAL(st.status, -ENOENT);
  CU_ASSERT_EQUAL(op.value, -ENOENT);
  CU_ASSERT_EQUAL(dir.status, -EISDIR);
  CU_ASSERT_EQUAL(dirw.value, -EISDIR);
  CU_ASSERT_EQUAL(rf.calls + st.calls + op.calls + dir.calls + dirw.calls, 5);

  /* read(2) on a directory descriptor is EISDIR too. */
  result o = {0}, r = {0};
  char buf[16];
  tl_fs_open(loop, rt_tmpdir(), O_RDONLY | O_DIRECTORY, 0, on_fs, &o);
  tl_run(loop);
  CU_ASSERT_FATAL(o.value >= 0);
  tl_fs_read(loop, (int)o.value, buf, sizeof buf, -1, on_fs, &r);
  tl_run(loop);
  CU_ASSERT_EQUAL(r.value, -EISDIR);
  CU_ASSERT_EQUAL(tl_fs_close_sync((int)o.value), 0);

  /* Bad arguments fail at once, without a callback. */
  CU_ASSERT_EQUAL(tl_fs_read_file(loop, NULL, on_data, &rf), -EINVAL);
  CU_ASSERT_EQUAL(tl_fs_stat(loop, "/", NULL, NULL), -EINVAL);
  rt_close(loop);
}

static void test_sync_variants(void) {
  const char *path = path_in_tmp("sync.txt");
  CU_ASSERT_EQUAL(tl_fs_write_file_sync(path, "sync data", 9), 0);
  char *data;
  size_t len;
  CU_ASSERT_EQUAL(tl_fs_read_file_sync(path, &data, &len), 0);
  CU_ASSERT_EQUAL(len, 9);
  CU_ASSERT_STRING_EQUAL(data, "sync data");
  free(data);
  struct stat st;
  CU_ASSERT_EQUAL(tl_fs_stat_sync(path, &st), 0);
  CU_ASSERT_EQUAL(st.st_size, 9);

  int fd = tl_fs_open_sync(path, O_RDWR, 0);
  CU_ASSERT_FATAL(fd >= 0);
  CU_ASSERT_EQUAL(tl_fs_write_sync(fd, "S", 1, 0), 1);
  char buf[16] = {0};
  CU_ASSERT_EQUAL(tl_fs_read_sync(fd, buf, sizeof buf - 1, 0), 9);
  CU_ASSERT_STRING_EQUAL(buf, "Sync data");
  CU_ASSERT_EQUAL(tl_fs_close_sync(fd), 0);
  CU_ASSERT_EQUAL(tl_fs_close_sync(fd), -EBADF);

  const char *missing = path_in_tmp("missing.txt");
  CU_ASSERT_EQUAL(tl_fs_read_file_sync(missing, &data, &len), -ENOENT);
  CU_ASSERT_PTR_NULL(data);
  CU_ASSERT_EQUAL(tl_fs_stat_sync(missing, &st), -ENOENT);
  CU_ASSERT_EQUAL(tl_fs_open_sync(missing, O_RDONLY, 0), -ENOENT);
  CU_ASSERT_EQUAL(tl_fs_read_file_sync(rt_tmpdir(), &data, &len), -EISDIR);
  CU_ASSERT_EQUAL(tl_fs_write_file_sync(rt_tmpdir(), "x", 1), -EISDIR);

  /* A file larger than one read, and one whose size stat does not know. */
  size_t big = 3 * 1024 * 1024 + 7;
  char *blob = malloc(big);
  for (size_t i = 0; i < big; i++) blob[i] = (char)(i % 251);
  const char *bigpath = path_in_tmp("big.bin");
  CU_ASSERT_EQUAL(tl_fs_write_file_sync(bigpath, blob, big), 0);
  CU_ASSERT_EQUAL(tl_fs_read_file_sync(bigpath, &data, &len), 0);
  CU_ASSERT_EQUAL(len, big);
  CU_ASSERT(memcmp(data, blob, big) == 0);
  free(data);
  free(blob);
  CU_ASSERT_EQUAL(tl_fs_read_file_sync("/proc/self/status", &data, &len), 0);
  CU_ASSERT(len > 0 && strstr(data, "Name:") != NULL);
  free(data);
}

void register_fs_tests(void) {
  CU_pSuite s = CU_add_suite("fs", NULL, NULL);
  RT_ADD(s, test_write_file_read_file_stat);
  RT_ADD(s, test_open_write_read_close);
  RT_ADD(s, test_async_errors);
  RT_ADD(s, test_sync_variants);
}
