/* handle.c: what all handles share: the loop's list of open handles, the
 * active/ref accounting that keeps tl_run going, tl_close, and the close
 * phase that finishes closing and calls the close callbacks.
 *
 * Invariants:
 *   - A handle is in loop->handles from its *_init until its close callback
 *     runs (flags CLOSED), so tl_loop_close can name everything left open.
 *   - loop->active_handles counts the handles that are ACTIVE and REF.
 *   - loop->closing holds the handles whose close callback is due, the one
 *     closed last at the head (libuv's closing_handles list).
 *   - Closing is one-way: CLOSING, then CLOSED; tl_close on either is
 *     -EALREADY. The caller's memory is never freed by tickloop, which is
 *     what makes a second tl_close safe to detect. */
#include <errno.h>
#include <string.h>

#include "internal.h"

void tl__handle_init(tl_loop *loop, tl_handle *h, tl_handle_type type) {
  void *data = h->data; /* callers may set data before init */
  memset(h, 0, sizeof *h);
  h->data = data;
  h->loop = loop;
  h->type = type;
  h->flags = TL__REF;
  tl__queue_init(&h->close_node);
  tl__queue_insert_tail(&loop->handles, &h->handle_node);
}

void tl__handle_start(tl_handle *h) {
  if (h->flags & TL__ACTIVE) return;
  h->flags |= TL__ACTIVE;
  if (h->flags & TL__REF) h->loop->active_handles++;
}

void tl__handle_stop(tl_handle *h) {
  if (!(h->flags & TL__ACTIVE)) return;
  h->flags &= ~TL__ACTIVE;
  if (h->flags & TL__REF) h->loop->active_handles--;
}

void tl_ref(tl_handle *h) {
  if (h->flags & TL__REF) return;
  h->flags |= TL__REF;
  if (h->flags & TL__ACTIVE) h->loop->active_handles++;
}

void tl_unref(tl_handle *h) {
  if (!(h->flags & TL__REF)) return;
  h->flags &= ~TL__REF;
  if (h->flags & TL__ACTIVE) h->loop->active_handles--;
}

int tl_is_closing(const tl_handle *h) { return (h->flags & (TL__CLOSING | TL__CLOSED)) != 0; }

/* libuv's order: uv_close pushes the handle at the head of the closing
 * list, so the close phase runs the handle closed last first. */
void tl__handle_make_closing(tl_handle *h) {
  tl__queue_insert_head(&h->loop->closing, &h->close_node);
}

int tl_close(tl_handle *h, tl_close_cb cb) {
  if (h->flags & (TL__CLOSING | TL__CLOSED)) return -EALREADY;
  h->flags |= TL__CLOSING;
  h->close_cb = cb;
  switch (h->type) {
  case TL_HANDLE_IDLE:
    tl__idle_close((tl_idle *)h);
    break;
  case TL_HANDLE_PREPARE:
    tl__prepare_close((tl_prepare *)h);
    break;
  case TL_HANDLE_TCP:
    tl__tcp_close((tl_tcp *)h);
    break;
  case TL_HANDLE_HTTP_SERVER:
    /* Closes its listener and connections first; it queues the server
     * itself once they are all closed. */
    tl__http_server_close((tl_http_server *)h);
    return 0;
  }
  tl__handle_stop(h);
  tl__handle_make_closing(h);
  return 0;
}

void tl__run_closing(tl_loop *loop) {
  tl_queue batch;
  tl__queue_move(&loop->closing, &batch);
  while (!tl__queue_empty(&batch)) {
    tl_handle *h = tl__container_of(tl__queue_head(&batch), tl_handle, close_node);
    tl__queue_remove(&h->close_node);
    if (h->type == TL_HANDLE_TCP) tl__tcp_finish_close((tl_tcp *)h);
    if (h->type == TL_HANDLE_HTTP_SERVER) tl__http_server_finish_close((tl_http_server *)h);
    h->flags |= TL__CLOSED;
    tl__queue_remove(&h->handle_node);
    if (h->close_cb) {
      /* After this call the handle's memory may be gone. */
      tl__cb_enter(loop, TL__FN(h->close_cb), "close");
      h->close_cb(h);
      tl__cb_leave(loop);
    }
  }
}
