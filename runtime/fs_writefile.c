/* fs_writefile.c: tl_fs_write_file as Node's fs.writeFile does it: one trip
 * to the worker pool per step, the loop turning between them:
 *
 *   open (write-only, create, truncate, mode 0666) -> write ... -> close ->
 *   the callback
 *
 * Each write asks for everything not yet written (as Node's writeAll); a
 * short write is followed by another trip for the rest. A failed open calls
 * back at once; a failed write closes the file first and reports the write's
 * error (else the close's).
 *
 * Invariant: the request owns its copy of the data and its path; fd >= 0
 * from a successful open until the close step, and the callback runs once,
 * from the last step's completion, after which the request is freed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "fs_ops.h"
#include "internal.h"

typedef enum { STEP_OPEN, STEP_WRITE, STEP_CLOSE } wf_step;

typedef struct wf_req {
  tl__work w;
  wf_step step;
  char *path;
  int fd;
  ssize_t result; /* of the step that just ran */
  int err;        /* a write's error, reported once the file is closed */
  char *data;     /* our copy; data[0..pos) is written */
  size_t len, pos;
  tl_fs_cb cb;
  void *arg;
} wf_req;

static void wf_work(tl__work *w) {
  wf_req *r = (wf_req *)w;
  switch (r->step) {
  case STEP_OPEN: r->result = tl__fs_open(r->path, O_WRONLY | O_CREAT | O_TRUNC, 0666); break;
  case STEP_WRITE: r->result = tl__fs_write(r->fd, r->data + r->pos, r->len - r->pos, -1); break;
  case STEP_CLOSE: r->result = tl__fs_close(r->fd); break;
  }
}

static void wf_free(wf_req *r) {
  free(r->path);
  free(r->data);
  free(r);
}

static void finish(tl_loop *loop, wf_req *r, int status) {
  tl__cb_enter(loop, r->w.user_cb, "fs");
  r->cb(loop, status, r->arg);
  wf_free(r);
  tl__cb_leave(loop);
}

static void next(tl_loop *loop, wf_req *r, wf_step step) {
  r->step = step;
  if (tl__work_submit(loop, &r->w) == 0) return;
  /* The pool had started before (this request's first step ran on it), so
   * this does not happen; if it did, the file is closed here. */
  if (r->fd >= 0) tl__fs_close(r->fd);
  finish(loop, r, -EAGAIN);
}

static void wf_done(tl__work *w) {
  wf_req *r = (wf_req *)w;
  tl_loop *loop = w->loop;
  switch (r->step) {
  case STEP_OPEN:
    if (r->result < 0) {
      finish(loop, r, (int)r->result);
      return;
    }
    r->fd = (int)r->result;
    next(loop, r, STEP_WRITE);
    return;
  case STEP_WRITE:
    if (r->result < 0) {
      r->err = (int)r->result;
      next(loop, r, STEP_CLOSE);
      return;
    }
    r->pos += (size_t)r->result;
    /* A write of 0 bytes when some are left would repeat for ever. */
    if (r->result == 0 && r->pos < r->len) r->err = -EIO;
    next(loop, r, r->pos < r->len && !r->err ? STEP_WRITE : STEP_CLOSE);
    return;
  case STEP_CLOSE:
    r->fd = -1;
    finish(loop, r, r->err ? r->err : (int)r->result);
    return;
  }
}

int tl_fs_write_file(tl_loop *loop, const char *path, const void *data, size_t len, tl_fs_cb cb,
                     void *arg) {
  if (!path || !cb || (!data && len)) return -EINVAL;
  wf_req *r = calloc(1, sizeof *r);
  if (!r) return -ENOMEM;
  r->path = strdup(path);
  r->data = malloc(len ? len : 1);
  if (!r->path || !r->data) {
    wf_free(r);
    return -ENOMEM;
  }
  if (len) memcpy(r->data, data, len);
  r->len = len;
  r->fd = -1;
  r->step = STEP_OPEN;
  r->cb = cb;
  r->arg = arg;
  r->w.work = wf_work;
  r->w.done = wf_done;
  r->w.kind = "fs";
  r->w.user_cb = TL__FN(cb);
  int e = tl__work_submit(loop, &r->w);
  if (e != 0) wf_free(r);
  return e;
}
