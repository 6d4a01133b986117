/* fs.c: the asynchronous file functions but tl_fs_read_file and
 * tl_fs_write_file (fs_readfile.c, fs_writefile.c: several trips, as Node's
 * fs.readFile and fs.writeFile). Each is one request: the blocking operation
 * (fs_ops.c) runs on the worker pool, the callback on the loop in its poll
 * phase, as Node's fs.open, fs.stat and friends on libuv's pool.
 *
 * Invariant: a request owns its copy of the path and its
 * results until its callback returned; then it is freed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs_ops.h"
#include "internal.h"

typedef enum { OP_OPEN, OP_READ, OP_WRITE, OP_CLOSE, OP_STAT } fs_op;

typedef struct fs_req {
  tl__work w;
  fs_op op;
  char *path;
  int fd, flags, mode;
  void *buf;          /* read: the caller's buffer */
  const void *cbuf;   /* write: the caller's buffer */
  size_t len;
  int64_t offset;
  ssize_t result;
  struct stat st;
  tl_fs_cb cb;
  tl_fs_stat_cb stat_cb;
  void *arg;
} fs_req;

static void fs_work(tl__work *w) {
  fs_req *r = (fs_req *)w;
  switch (r->op) {
  case OP_OPEN: r->result = tl__fs_open(r->path, r->flags, r->mode); break;
  case OP_READ: r->result = tl__fs_read(r->fd, r->buf, r->len, r->offset); break;
  case OP_WRITE: r->result = tl__fs_write(r->fd, r->cbuf, r->len, r->offset); break;
  case OP_CLOSE: r->result = tl__fs_close(r->fd); break;
  case OP_STAT: r->result = tl__fs_stat(r->path, &r->st); break;
  }
}

static void fs_done(tl__work *w) {
  fs_req *r = (fs_req *)w;
  tl_loop *loop = w->loop;
  tl__cb_enter(loop, w->user_cb, "fs");
  if (r->op == OP_STAT)
    r->stat_cb(loop, (int)r->result, r->result == 0 ? &r->st : NULL, r->arg);
  else
    r->cb(loop, r->result, r->arg);
  free(r->path);
  free(r);
  tl__cb_leave(loop);
}

static fs_req *new_req(fs_op op, const char *path, const void *cb) {
  fs_req *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->op = op;
  r->fd = -1;
  r->w.work = fs_work;
  r->w.done = fs_done;
  r->w.kind = "fs";
  r->w.user_cb = cb;
  if (path && !(r->path = strdup(path))) {
    free(r);
    return NULL;
  }
  return r;
}

static int submit(tl_loop *loop, fs_req *r) {
  int e = tl__work_submit(loop, &r->w);
  if (e != 0) {
    free(r->path);
      free(r);
  }
  return e;
}

int tl_fs_open(tl_loop *loop, const char *path, int flags, int mode, tl_fs_cb cb, void *arg) {
  if (!path || !cb) return -EINVAL;
  fs_req *r = new_req(OP_OPEN, path, TL__FN(cb));
  if (!r) return -ENOMEM;
  r->flags = flags;
  r->mode = mode;
  r->cb = cb;
  r->arg = arg;
  return submit(loop, r);
}

int tl_fs_read(tl_loop *loop, int fd, void *buf, size_t len, int64_t offset, tl_fs_cb cb,
               void *arg) {
  if (!cb || (!buf && len)) return -EINVAL;
  fs_req *r = new_req(OP_READ, NULL, TL__FN(cb));
  if (!r) return -ENOMEM;
  r->fd = fd;
  r->buf = buf;
  r->len = len;
  r->offset = offset;
  r->cb = cb;
  r->arg = arg;
  return submit(loop, r);
}

int tl_fs_write(tl_loop *loop, int fd, const void *buf, size_t len, int64_t offset, tl_fs_cb cb,
                void *arg) {
  if (!cb || (!buf && len)) return -EINVAL;
  fs_req *r = new_req(OP_WRITE, NULL, TL__FN(cb));
  if (!r) return -ENOMEM;
  r->fd = fd;
  r->cbuf = buf;
  r->len = len;
  r->offset = offset;
  r->cb = cb;
  r->arg = arg;
  return submit(loop, r);
}

int tl_fs_close(tl_loop *loop, int fd, tl_fs_cb cb, void *arg) {
  if (!cb) return -EINVAL;
  fs_req *r = new_req(OP_CLOSE, NULL, TL__FN(cb));
  if (!r) return -ENOMEM;
  r->fd = fd;
  r->cb = cb;
  r->arg = arg;
  return submit(loop, r);
}

int tl_fs_stat(tl_loop *loop, const char *path, tl_fs_stat_cb cb, void *arg) {
  if (!path || !cb) return -EINVAL;
  fs_req *r = new_req(OP_STAT, path, TL__FN(cb));
  if (!r) return -ENOMEM;
  r->stat_cb = cb;
  r->arg = arg;
  return submit(loop, r);
}
