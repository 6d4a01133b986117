/* timer.c: setTimeout/setInterval and the timers phase.
 *
 * Timers live in a binary min-heap ordered by (due, seq): due time first,
 * then the order they were set, so equal timeouts fire in insertion order.
 * The timers phase first takes every timer that is due out of the heap into
 * a ready list, then runs that list, as libuv >= 1.45 does; a timer set by a
 * callback of this phase is due at least 1 ms later and waits for the next
 * phase.
 *
 * Invariants: a live timer is in exactly one of the heap or a ready list
 * (t->ready says which) and in loop->timer_ids; heap_cap >= ntimers, so
 * re-arming an interval never needs memory. */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

#define TIMER_MAX_MS ((uint64_t)1 << 40) /* about 35 years; keeps due from overflowing */

static int before(const tl__timer *a, const tl__timer *b) {
  return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_set(tl_loop *loop, size_t i, tl__timer *t) {
  loop->heap[i] = t;
  t->heap_index = i;
}

static void sift_up(tl_loop *loop, size_t i) {
  tl__timer *t = loop->heap[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!before(t, loop->heap[parent])) break;
    heap_set(loop, i, loop->heap[parent]);
    i = parent;
  }
  heap_set(loop, i, t);
}

static void sift_down(tl_loop *loop, size_t i) {
  tl__timer *t = loop->heap[i];
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= loop->heap_len) break;
    if (child + 1 < loop->heap_len && before(loop->heap[child + 1], loop->heap[child])) child++;
    if (!before(loop->heap[child], t)) break;
    heap_set(loop, i, loop->heap[child]);
    i = child;
  }
  heap_set(loop, i, t);
}

static void heap_push(tl_loop *loop, tl__timer *t) {
  /* heap_cap >= ntimers >= heap_len + 1 here (see invariant). */
  loop->heap[loop->heap_len] = t;
  t->heap_index = loop->heap_len++;
  sift_up(loop, t->heap_index);
}

static void heap_remove(tl_loop *loop, tl__timer *t) {
  size_t i = t->heap_index;
  tl__timer *last = loop->heap[--loop->heap_len];
  if (i == loop->heap_len) return;
  heap_set(loop, i, last);
  if (i > 0 && before(last, loop->heap[(i - 1) / 2]))
    sift_up(loop, i);
  else
    sift_down(loop, i);
}

static int reserve(tl_loop *loop) {
  if (loop->ntimers < loop->heap_cap) return 0;
  size_t cap = loop->heap_cap ? loop->heap_cap * 2 : 16;
  tl__timer **heap = realloc(loop->heap, cap * sizeof *heap);
  if (!heap) return -ENOMEM;
  loop->heap = heap;
  loop->heap_cap = cap;
  return 0;
}

static int add_timer(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms, int repeat,
                     int internal, tl_timer_id *id) {
  if (!cb) return -EINVAL;
  if (ms == 0) ms = 1; /* Node: a delay of 0 is 1 ms. */
  if (ms > TIMER_MAX_MS) ms = TIMER_MAX_MS;
  if (reserve(loop) != 0) return -ENOMEM;
  tl__timer *t = calloc(1, sizeof *t);
  if (!t) return -ENOMEM;
  t->id = tl__slab_add(&loop->timer_ids, t);
  if (t->id == 0) {
    free(t);
    return -ENOMEM;
  }
  t->due = loop->now + ms;
  t->repeat = repeat ? ms : 0;
  t->seq = ++loop->timer_seq;
  t->cb = cb;
  t->arg = arg;
  t->ref = !internal;
  t->internal = internal;
  tl__queue_init(&t->ready_node);
  loop->ntimers++;
  if (t->ref) loop->timers_ref++;
  heap_push(loop, t);
  if (id) *id = t->id;
  return 0;
}

int tl_set_timeout(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms, tl_timer_id *id) {
  return add_timer(loop, cb, arg, ms, 0, 0, id);
}

int tl_set_interval(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms, tl_timer_id *id) {
  return add_timer(loop, cb, arg, ms, 1, 0, id);
}

int tl__set_internal_interval(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms,
                              tl_timer_id *id) {
  return add_timer(loop, cb, arg, ms, 1, 1, id);
}

/* Forgets a timer that is out of the heap and ready lists. */
static void release(tl_loop *loop, tl__timer *t) {
  tl__slab_remove(&loop->timer_ids, t->id);
  loop->ntimers--;
  if (t->ref) loop->timers_ref--;
}

int tl_clear_timeout(tl_loop *loop, tl_timer_id id) {
  tl__timer *t = tl__slab_get(&loop->timer_ids, id);
  if (!t) return -ENOENT;
  if (t->ready)
    tl__queue_remove(&t->ready_node);
  else
    heap_remove(loop, t);
  release(loop, t);
  free(t);
  return 0;
}

int tl_clear_interval(tl_loop *loop, tl_timer_id id) { return tl_clear_timeout(loop, id); }

static int set_ref(tl_loop *loop, tl_timer_id id, int ref) {
  tl__timer *t = tl__slab_get(&loop->timer_ids, id);
  if (!t) return -ENOENT;
  if (t->ref != ref) {
    t->ref = ref;
    if (ref)
      loop->timers_ref++;
    else
      loop->timers_ref--;
  }
  return 0;
}

int tl_timer_unref(tl_loop *loop, tl_timer_id id) { return set_ref(loop, id, 0); }
int tl_timer_ref(tl_loop *loop, tl_timer_id id) { return set_ref(loop, id, 1); }

void tl__run_timers(tl_loop *loop) {
  tl_queue ready;
  tl__queue_init(&ready);
  while (loop->heap_len > 0 && loop->heap[0]->due <= loop->now) {
    tl__timer *t = loop->heap[0];
    heap_remove(loop, t);
    t->ready = 1;
    tl__queue_insert_tail(&ready, &t->ready_node);
  }
  while (!tl__queue_empty(&ready)) {
    tl__timer *t = tl__container_of(tl__queue_head(&ready), tl__timer, ready_node);
    tl__queue_remove(&t->ready_node);
    t->ready = 0;
    tl_timer_cb cb = t->cb;
    void *arg = t->arg;
    const char *kind = t->repeat ? "interval" : "timer";
    if (t->repeat) {
      /* Re-armed before its callback (libuv's order), so the callback may
       * clear it; relative to the phase's time, so it cannot be due again in
       * this phase. */
      t->due = loop->now + t->repeat;
      t->seq = ++loop->timer_seq;
      heap_push(loop, t);
    } else {
      /* Gone before its callback: clearing a timeout from inside its own
       * callback returns -ENOENT, as clearTimeout is a no-op there. */
      release(loop, t);
      free(t);
    }
    tl__cb_enter(loop, TL__FN(cb), kind);
    cb(loop, arg);
    tl__cb_leave(loop);
  }
}

int64_t tl__next_timeout(const tl_loop *loop) {
  if (loop->heap_len == 0) return -1;
  uint64_t due = loop->heap[0]->due;
  return due <= loop->now ? 0 : (int64_t)(due - loop->now);
}

void tl__timers_free(tl_loop *loop) {
  for (size_t i = 0; i < loop->heap_len; i++) free(loop->heap[i]);
  free(loop->heap);
  loop->heap = NULL;
  loop->heap_len = loop->heap_cap = loop->ntimers = 0;
  loop->timers_ref = 0;
  tl__slab_free(&loop->timer_ids);
}
