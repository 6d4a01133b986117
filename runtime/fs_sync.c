/* fs_sync.c: the blocking file functions of the public API. Each blocks the
 * calling thread (declared LAGSCAN_BLOCKING(sync-fs) in tickloop.h): fine at
 * start-up or on a worker, a stall for every client when called on the loop. */
#include "fs_ops.h"
#include "tickloop.h"

int tl_fs_open_sync(const char *path, int flags, int mode) { return tl__fs_open(path, flags, mode); }

ssize_t tl_fs_read_sync(int fd, void *buf, size_t len, int64_t offset) {
  return tl__fs_read(fd, buf, len, offset);
}

ssize_t tl_fs_write_sync(int fd, const void *buf, size_t len, int64_t offset) {
  return tl__fs_write(fd, buf, len, offset);
}

int tl_fs_close_sync(int fd) { return tl__fs_close(fd); }

int tl_fs_stat_sync(const char *path, struct stat *st) { return tl__fs_stat(path, st); }

int tl_fs_read_file_sync(const char *path, char **data, size_t *len) {
  return tl__fs_read_file(path, data, len);
}

int tl_fs_write_file_sync(const char *path, const void *data, size_t len) {
  return tl__fs_write_file(path, data, len);
}
