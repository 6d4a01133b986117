/* fs_ops.c: the blocking file operations behind both tl_fs_*_sync and the
 * asynchronous tl_fs_* (which run them on the worker pool). POSIX calls,
 * errors as negative errno values, EINTR retried. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_ops.h"

int tl__fs_open(const char *path, int flags, int mode) {
  if (!path) return -EINVAL;
  int fd;
  do fd = open(path, flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  return fd < 0 ? -errno : fd;
}

ssize_t tl__fs_read(int fd, void *buf, size_t len, int64_t offset) {
  ssize_t n;
  do n = offset < 0 ? read(fd, buf, len) : pread(fd, buf, len, (off_t)offset);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -errno : n;
}

ssize_t tl__fs_write(int fd, const void *buf, size_t len, int64_t offset) {
  ssize_t n;
  do n = offset < 0 ? write(fd, buf, len) : pwrite(fd, buf, len, (off_t)offset);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -errno : n;
}

int tl__fs_close(int fd) {
  /* Linux frees the descriptor even when close fails with EINTR: no retry. */
  return close(fd) != 0 && errno != EINTR ? -errno : 0;
}

int tl__fs_stat(const char *path, struct stat *st) {
  if (!path) return -EINVAL;
  return stat(path, st) != 0 ? -errno : 0;
}

int tl__fs_read_file(const char *path, char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  int fd = tl__fs_open(path, O_RDONLY, 0);
  if (fd < 0) return fd;
  struct stat st;
  int r = 0;
  if (fstat(fd, &st) != 0) {
    r = -errno;
    goto out;
  }
  if (S_ISDIR(st.st_mode)) { /* as Node's readFile: a directory is EISDIR */
    r = -EISDIR;
    goto out;
  }
  /* st_size is a hint only (/proc files say 0): grow until EOF. */
  size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, used = 0;
  char *buf = malloc(cap);
  if (!buf) {
    r = -ENOMEM;
    goto out;
  }
  for (;;) {
    if (used + 1 >= cap) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) {
        free(buf);
        r = -ENOMEM;
        goto out;
      }
      buf = bigger;
      cap *= 2;
    }
    ssize_t n = tl__fs_read(fd, buf + used, cap - used - 1, -1);
    if (n < 0) {
      free(buf);
      r = (int)n;
      goto out;
    }
    if (n == 0) break;
    used += (size_t)n;
  }
  buf[used] = '\0';
  *data = buf;
  *len = used;
out:
  close(fd);
  return r;
}

int tl__fs_write_file(const char *path, const void *data, size_t len) {
  int fd = tl__fs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (fd < 0) return fd;
  const char *p = data;
  while (len > 0) {
    ssize_t n = tl__fs_write(fd, p, len, -1);
    if (n < 0) {
      close(fd);
      return (int)n;
    }
    p += n;
    len -= (size_t)n;
  }
  return tl__fs_close(fd);
}
