/* watcher.c: idle and prepare handles and their phase. Both are the same
 * watcher, so one macro defines them (libuv's UV_LOOP_WATCHER_DEFINE); they
 * differ only in their queue, and in that a started idle handle makes the
 * poll phase return at once (see backend_timeout in loop.c).
 *
 * Invariant: a started handle is ACTIVE and in its loop queue; the phase
 * moves the queue aside and puts each handle back before calling it, so a
 * callback may stop, close or start any handle safely. */
#include <errno.h>

#include "internal.h"

#define TL__WATCHER_DEFINE(name, type, queue, kind)                                       \
  int tl_##name##_init(tl_loop *loop, tl_##name *w) {                                     \
    tl__handle_init(loop, &w->handle, type);                                             \
    w->cb = NULL;                                                                        \
    tl__queue_init(&w->node);                                                            \
    return 0;                                                                            \
  }                                                                                      \
                                                                                         \
  int tl_##name##_start(tl_##name *w, tl_##name##_cb cb) {                               \
    if (!cb) return -EINVAL;                                                             \
    if (w->handle.flags & TL__CLOSING) return -EINVAL;                                   \
    w->cb = cb;                                                                          \
    if (w->handle.flags & TL__ACTIVE) return 0;                                          \
    tl__queue_insert_tail(&w->handle.loop->queue, &w->node);                             \
    tl__handle_start(&w->handle);                                                        \
    return 0;                                                                            \
  }                                                                                      \
                                                                                         \
  int tl_##name##_stop(tl_##name *w) {                                                   \
    if (!(w->handle.flags & TL__ACTIVE)) return 0;                                       \
    tl__queue_remove(&w->node);                                                          \
    tl__handle_stop(&w->handle);                                                         \
    return 0;                                                                            \
  }                                                                                      \
                                                                                         \
  void tl__run_##name(tl_loop *loop) {                                                   \
    tl_queue batch;                                                                      \
    tl__queue_move(&loop->queue, &batch);                                                \
    while (!tl__queue_empty(&batch)) {                                                   \
      tl_##name *w = tl__container_of(tl__queue_head(&batch), tl_##name, node);          \
      tl__queue_remove(&w->node);                                                        \
      tl__queue_insert_tail(&loop->queue, &w->node);                                     \
      tl__cb_enter(loop, TL__FN(w->cb), kind);                                           \
      w->cb(w);                                                                          \
      tl__cb_leave(loop);                                                                \
    }                                                                                    \
  }                                                                                      \
                                                                                         \
  void tl__##name##_close(tl_##name *w) { tl_##name##_stop(w); }

TL__WATCHER_DEFINE(idle, TL_HANDLE_IDLE, idles, "idle")
TL__WATCHER_DEFINE(prepare, TL_HANDLE_PREPARE, prepares, "prepare")
