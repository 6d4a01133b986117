/* pending.c: the pending-callbacks phase. Work that finished outside a
 * callback of its own (a TCP write completed inside tl_tcp_write, an HTTP
 * connection resuming after its response) is deferred here, so tickloop never
 * calls a user callback from inside a tickloop function.
 *
 * Invariant: p->queued is 1 exactly while p is in loop->pending or in the
 * batch the phase is running; items queued during the phase run in the next
 * iteration. */
#include "internal.h"

void tl__pending_init(tl_pending *p, void (*cb)(tl_loop *, tl_pending *)) {
  tl__queue_init(&p->node);
  p->queued = 0;
  p->cb = cb;
}

void tl__pending_queue(tl_loop *loop, tl_pending *p) {
  if (p->queued) return;
  p->queued = 1;
  tl__queue_insert_tail(&loop->pending, &p->node);
}

void tl__pending_cancel(tl_pending *p) {
  if (!p->queued) return;
  p->queued = 0;
  tl__queue_remove(&p->node);
}

void tl__run_pending(tl_loop *loop) {
  tl_queue batch;
  tl__queue_move(&loop->pending, &batch);
  while (!tl__queue_empty(&batch)) {
    tl_pending *p = tl__container_of(tl__queue_head(&batch), tl_pending, node);
    tl__queue_remove(&p->node);
    p->queued = 0;
    p->cb(loop, p); /* it enters a scope around any user callback it runs */
  }
}
