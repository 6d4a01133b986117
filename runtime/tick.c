/* tick.c: the next-tick queue (process.nextTick) and the microtask queue
 * (queueMicrotask, promise reactions), and how they drain.
 *
 * Node's rule, kept exactly: after a callback, run every next tick (including
 * ones queued meanwhile), then every microtask (including ones queued
 * meanwhile), and start over while next ticks were queued by microtasks.
 * Only then does the loop go on. A next tick that always queues another one
 * therefore starves timers and I/O forever; that is the point of lagscan's
 * next-tick-recursion rule. */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

int tl__cbq_push(tl__cbq *q, void (*cb)(tl_loop *, void *), void *arg) {
  if (q->len == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 64;
    tl__cb_entry *items = malloc(cap * sizeof *items);
    if (!items) return -ENOMEM;
    /* Unwrap the ring into the new array, oldest first. */
    for (size_t i = 0; i < q->len; i++) items[i] = q->items[(q->head + i) & (q->cap - 1)];
    free(q->items);
    q->items = items;
    q->cap = cap;
    q->head = 0;
  }
  q->items[(q->head + q->len) & (q->cap - 1)] = (tl__cb_entry){cb, arg};
  q->len++;
  return 0;
}

static int cbq_pop(tl__cbq *q, tl__cb_entry *out) {
  if (q->len == 0) return 0;
  *out = q->items[q->head];
  q->head = (q->head + 1) & (q->cap - 1);
  q->len--;
  return 1;
}

void tl__cbq_free(tl__cbq *q) {
  free(q->items);
  q->items = NULL;
  q->head = q->len = q->cap = 0;
}

int tl_next_tick(tl_loop *loop, tl_tick_cb cb, void *arg) {
  if (!cb) return -EINVAL;
  return tl__cbq_push(&loop->ticks, cb, arg);
}

int tl_queue_microtask(tl_loop *loop, tl_microtask_cb cb, void *arg) {
  if (!cb) return -EINVAL;
  return tl__cbq_push(&loop->microtasks, cb, arg);
}

/* Runs one queued callback under the watchdog (no scope: these callbacks are
 * what a scope's end runs, and they must not drain recursively). */
static void run_entry(tl_loop *loop, const tl__cb_entry *e, const char *kind) {
  int watched = tl__wd_active(loop->wd);
  if (watched) tl__wd_enter(loop->wd, TL__FN(e->cb), kind);
  e->cb(loop, e->arg);
  if (watched && tl__wd_active(loop->wd)) tl__wd_leave(loop->wd);
}

void tl__drain(tl_loop *loop) {
  if (loop->draining) return;
  loop->draining = 1;
  tl__cb_entry e;
  do {
    while (cbq_pop(&loop->ticks, &e)) run_entry(loop, &e, "next-tick");
    while (cbq_pop(&loop->microtasks, &e)) run_entry(loop, &e, "microtask");
  } while (loop->ticks.len > 0);
  loop->draining = 0;
}
