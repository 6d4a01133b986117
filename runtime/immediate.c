/* immediate.c: setImmediate and the check phase.
 *
 * The check phase runs the immediates that were queued when it began, in
 * order; one queued meanwhile waits for the next iteration (Node's rule), so
 * an immediate that queues another cannot starve I/O. The check phase comes
 * right after poll, which is why, inside an I/O callback, an immediate always
 * beats a 0 ms timeout: the timers phase only comes after check and close.
 *
 * An unreferenced immediate (tl_immediate_unref, Node's immediate.unref())
 * still runs in the next check phase, but neither keeps the loop alive nor
 * makes the poll phase return at once: only referenced ones count in
 * loop->nimmediates_ref, which is what alive() and the poll timeout read.
 *
 * Invariant: a queued immediate is in loop->immediates or in the batch the
 * check phase is running, and in loop->immediate_ids; nimmediates counts
 * both, nimmediates_ref those of them with `ref` set. */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

int tl_set_immediate(tl_loop *loop, tl_immediate_cb cb, void *arg, tl_immediate_id *id) {
  if (!cb) return -EINVAL;
  tl__immediate *im = malloc(sizeof *im);
  if (!im) return -ENOMEM;
  im->id = tl__slab_add(&loop->immediate_ids, im);
  if (im->id == 0) {
    free(im);
    return -ENOMEM;
  }
  im->cb = cb;
  im->arg = arg;
  im->ref = 1;
  tl__queue_insert_tail(&loop->immediates, &im->node);
  loop->nimmediates++;
  loop->nimmediates_ref++;
  if (id) *id = im->id;
  return 0;
}

static void release(tl_loop *loop, tl__immediate *im) {
  tl__queue_remove(&im->node);
  tl__slab_remove(&loop->immediate_ids, im->id);
  loop->nimmediates--;
  if (im->ref) loop->nimmediates_ref--;
  free(im);
}

int tl_clear_immediate(tl_loop *loop, tl_immediate_id id) {
  tl__immediate *im = tl__slab_get(&loop->immediate_ids, id);
  if (!im) return -ENOENT;
  release(loop, im); /* works in either list: the node unlinks itself */
  return 0;
}

static int set_ref(tl_loop *loop, tl_immediate_id id, int ref) {
  tl__immediate *im = tl__slab_get(&loop->immediate_ids, id);
  if (!im) return -ENOENT;
  if (im->ref != ref) {
    im->ref = ref;
    if (ref)
      loop->nimmediates_ref++;
    else
      loop->nimmediates_ref--;
  }
  return 0;
}

int tl_immediate_unref(tl_loop *loop, tl_immediate_id id) { return set_ref(loop, id, 0); }
int tl_immediate_ref(tl_loop *loop, tl_immediate_id id) { return set_ref(loop, id, 1); }

void tl__run_check(tl_loop *loop) {
  tl_queue batch;
  tl__queue_move(&loop->immediates, &batch);
  while (!tl__queue_empty(&batch)) {
    tl__immediate *im = tl__container_of(tl__queue_head(&batch), tl__immediate, node);
    tl_immediate_cb cb = im->cb;
    void *arg = im->arg;
    release(loop, im);
    tl__cb_enter(loop, TL__FN(cb), "immediate");
    cb(loop, arg);
    tl__cb_leave(loop);
  }
}

void tl__immediates_free(tl_loop *loop) {
  while (!tl__queue_empty(&loop->immediates))
    release(loop, tl__container_of(tl__queue_head(&loop->immediates), tl__immediate, node));
  tl__slab_free(&loop->immediate_ids);
}
