/* fs_readfile.c: tl_fs_read_file as Node's fs.readFile does it: one trip to
 * the worker pool per step, the loop turning between them (each step's
 * completion runs in a poll phase and queues the next step behind whatever
 * else was queued meanwhile):
 *
 *   open -> fstat -> read ... -> close -> the callback
 *
 * A regular file of size S is read in reads of at most 512 KiB until S bytes
 * came (or a read returns 0); a file whose size is unknown (0, or not a
 * regular file) in reads of 64 KiB until one returns 0. A failed open calls
 * back at once; any later failure closes the file first and reports the
 * first error (a directory: the read fails with -EISDIR, as in Node).
 *
 * Invariant: the request owns its path, buffer and descriptor; fd >= 0 from
 * a successful open until the close step, and the callback runs once, from
 * the last step's completion, after which the request is freed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_ops.h"
#include "internal.h"

#define CHUNK_KNOWN (512 * 1024)  /* Node's kReadFileBufferLength */
#define CHUNK_UNKNOWN (64 * 1024) /* Node's kReadFileUnknownBufferLength */
#define MAX_SIZE 2147483647LL     /* Node's kIoMaxLength */

typedef enum { STEP_OPEN, STEP_FSTAT, STEP_READ, STEP_CLOSE } rf_step;

typedef struct rf_req {
  tl__work w;
  rf_step step;
  char *path;
  int fd;
  ssize_t result;   /* of the step that just ran */
  struct stat st;
  int err;          /* the first error, reported once the file is closed */
  char *buf;        /* cap bytes; the data is buf[0..pos) */
  size_t cap, pos;
  size_t size;      /* the file's size, 0 when unknown */
  size_t want;      /* bytes the read step asks for */
  tl_fs_data_cb cb;
  void *arg;
} rf_req;

static void rf_work(tl__work *w) {
  rf_req *r = (rf_req *)w;
  switch (r->step) {
  case STEP_OPEN: r->result = tl__fs_open(r->path, O_RDONLY, 0); break;
  case STEP_FSTAT: r->result = fstat(r->fd, &r->st) != 0 ? -errno : 0; break;
  case STEP_READ: r->result = tl__fs_read(r->fd, r->buf + r->pos, r->want, -1); break;
  case STEP_CLOSE: r->result = tl__fs_close(r->fd); break;
  }
}

static void rf_free(rf_req *r) {
  free(r->path);
  free(r->buf);
  free(r);
}

/* Calls the user back (in a callback scope) and frees the request. */
static void finish(tl_loop *loop, rf_req *r, int status) {
  tl__cb_enter(loop, r->w.user_cb, "fs");
  if (status == 0) r->buf[r->pos] = '\0';
  r->cb(loop, status, status == 0 ? r->buf : NULL, status == 0 ? r->pos : 0, r->arg);
  rf_free(r);
  tl__cb_leave(loop);
}

static void next(tl_loop *loop, rf_req *r, rf_step step) {
  r->step = step;
  if (tl__work_submit(loop, &r->w) == 0) return;
  /* The pool had started before (this request's first step ran on it), so
   * this does not happen; if it did, the file is closed here. */
  if (r->fd >= 0) tl__fs_close(r->fd);
  finish(loop, r, -EAGAIN);
}

static void close_with(tl_loop *loop, rf_req *r, int err) {
  r->err = err;
  next(loop, r, STEP_CLOSE);
}

/* Sizes the next read, growing the buffer for a file of unknown size. */
static int prepare_read(rf_req *r) {
  if (r->size > 0) {
    size_t left = r->size - r->pos;
    r->want = left < CHUNK_KNOWN ? left : CHUNK_KNOWN;
    return 0;
  }
  if (r->cap - r->pos < CHUNK_UNKNOWN + 1) {
    size_t cap = r->cap ? r->cap * 2 : CHUNK_UNKNOWN + 1;
    while (cap - r->pos < CHUNK_UNKNOWN + 1) cap *= 2;
    char *buf = realloc(r->buf, cap);
    if (!buf) return -ENOMEM;
    r->buf = buf;
    r->cap = cap;
  }
  r->want = CHUNK_UNKNOWN;
  return 0;
}

static void rf_done(tl__work *w) {
  rf_req *r = (rf_req *)w;
  tl_loop *loop = w->loop;
  int e;
  switch (r->step) {
  case STEP_OPEN:
    if (r->result < 0) {
      finish(loop, r, (int)r->result);
      return;
    }
    r->fd = (int)r->result;
    next(loop, r, STEP_FSTAT);
    return;
  case STEP_FSTAT:
    if (r->result < 0) {
      close_with(loop, r, (int)r->result);
      return;
    }
    if (S_ISREG(r->st.st_mode) && r->st.st_size > MAX_SIZE) {
      close_with(loop, r, -EFBIG);
      return;
    }
    r->size = S_ISREG(r->st.st_mode) ? (size_t)r->st.st_size : 0;
    if (r->size > 0) {
      if (!(r->buf = malloc(r->size + 1))) {
        close_with(loop, r, -ENOMEM);
        return;
      }
      r->cap = r->size + 1;
    }
    if ((e = prepare_read(r)) != 0) {
      close_with(loop, r, e);
      return;
    }
    next(loop, r, STEP_READ);
    return;
  case STEP_READ:
    if (r->result < 0) {
      close_with(loop, r, (int)r->result);
      return;
    }
    r->pos += (size_t)r->result;
    if (r->result == 0 || (r->size > 0 && r->pos == r->size)) {
      close_with(loop, r, 0);
      return;
    }
    if ((e = prepare_read(r)) != 0) {
      close_with(loop, r, e);
      return;
    }
    next(loop, r, STEP_READ);
    return;
  case STEP_CLOSE:
    r->fd = -1;
    e = r->err ? r->err : (int)r->result;
    if (e == 0 && !r->buf && !(r->buf = malloc(1))) e = -ENOMEM; /* an empty file */
    finish(loop, r, e);
    return;
  }
}

int tl_fs_read_file(tl_loop *loop, const char *path, tl_fs_data_cb cb, void *arg) {
  if (!path || !cb) return -EINVAL;
  rf_req *r = calloc(1, sizeof *r);
  if (!r) return -ENOMEM;
  if (!(r->path = strdup(path))) {
    free(r);
    return -ENOMEM;
  }
  r->fd = -1;
  r->step = STEP_OPEN;
  r->cb = cb;
  r->arg = arg;
  r->w.work = rf_work;
  r->w.done = rf_done;
  r->w.kind = "fs";
  r->w.user_cb = TL__FN(cb);
  int e = tl__work_submit(loop, &r->w);
  if (e != 0) rf_free(r);
  return e;
}
