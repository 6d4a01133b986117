/* fs_ops.h: This file is private to tickloop. The file operations shared by
 * the *_sync functions (on the caller's thread) and the asynchronous ones (on
 * the worker pool). Each returns what its public form returns. */
#ifndef TL_FS_OPS_H
#define TL_FS_OPS_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

int tl__fs_open(const char *path, int flags, int mode);
ssize_t tl__fs_read(int fd, void *buf, size_t len, int64_t offset);
ssize_t tl__fs_write(int fd, const void *buf, size_t len, int64_t offset);
int tl__fs_close(int fd);
int tl__fs_stat(const char *path, struct stat *st);
int tl__fs_read_file(const char *path, char **data, size_t *len);
int tl__fs_write_file(const char *path, const void *data, size_t len);

#endif /* TL_FS_OPS_H */
