/* timer.c: setTimeout/setInterval, timeout.refresh() and the timers phase,
 * with the rules of Node's lib/internal/timers.js (written here from those
 * rules, checked against Node by tests/conformance/):
 *
 *   - A timer counts from `start`, a fresh clock reading taken when it is
 *     set or refreshed (Node's getLibuvNow(), which also refreshes the loop's
 *     cached time). It is due at start + msecs.
 *   - Timers of one delay share a list, in the order they were set or
 *     refreshed (not in due order). Lists sit in a min-heap on (expiry, seq);
 *     a new list's expiry is its first timer's due time.
 *   - The timers phase reads `now` once (the loop's time, refreshed just
 *     before), then runs the top list while its expiry <= now. In a list it
 *     runs timers from the head while start + msecs <= now; at the first that
 *     is not due, the list's expiry becomes max(start + msecs, now + 1) with a
 *     new seq, and the list sinks in the heap. A list run to empty is dropped.
 *   - An interval takes a fresh clock reading just before its callback and is
 *     appended to its list again after the callback returns, counting from
 *     that reading.
 *   - A timeout's id is released before its callback runs (clearing or
 *     refreshing it there is -ENOENT; Node would re-arm on refresh).
 *   - Clearing the last timer of a list drops the list.
 *
 * Invariants:
 *   - A live timer (its id in loop->timer_ids) is in exactly one list, the one
 *     in loop->lmap for its key, except the interval whose callback runs
 *     (loop->running_timer, list NULL).
 *   - Every list in loop->lmap is in loop->lheap and the other way round; the
 *     running list may have left both (detached), then it is empty and the
 *     timers phase frees it.
 *   - While an interval's callback runs (loop->running_timer), at least one
 *     spare list is kept (loop->spare_list, nspare of them), with room for
 *     one more list in the heap and the map, so re-arming the interval after
 *     its callback needs no memory: the only calls that use a spare,
 *     tl_set_timeout and tl_set_interval, reserve one more in that case. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#define INTERNAL_KEY ((uint64_t)1 << 40) /* internal timers never share a list with the user's */

/* ---- the heap of lists, on (expiry, seq) ------------------------------------ */

static int before(const tl__tlist *a, const tl__tlist *b) {
  return a->expiry < b->expiry || (a->expiry == b->expiry && a->seq < b->seq);
}

static void heap_set(tl_loop *loop, size_t i, tl__tlist *l) {
  loop->lheap[i] = l;
  l->heap_index = i;
}

static void sift_up(tl_loop *loop, size_t i) {
  tl__tlist *l = loop->lheap[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!before(l, loop->lheap[parent])) break;
    heap_set(loop, i, loop->lheap[parent]);
    i = parent;
  }
  heap_set(loop, i, l);
}

static void sift_down(tl_loop *loop, size_t i) {
  tl__tlist *l = loop->lheap[i];
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= loop->lheap_len) break;
    if (child + 1 < loop->lheap_len && before(loop->lheap[child + 1], loop->lheap[child])) child++;
    if (!before(loop->lheap[child], l)) break;
    heap_set(loop, i, loop->lheap[child]);
    i = child;
  }
  heap_set(loop, i, l);
}

static void heap_fix(tl_loop *loop, size_t i) {
  if (i > 0 && before(loop->lheap[i], loop->lheap[(i - 1) / 2]))
    sift_up(loop, i);
  else
    sift_down(loop, i);
}

static void heap_remove(tl_loop *loop, tl__tlist *l) {
  size_t i = l->heap_index;
  tl__tlist *last = loop->lheap[--loop->lheap_len];
  if (i == loop->lheap_len) return;
  heap_set(loop, i, last);
  heap_fix(loop, i);
}

/* ---- the map from key to list ------------------------------------------------ */

static size_t bucket(const tl_loop *loop, uint64_t key) {
  return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (loop->lmap_size - 1);
}

static tl__tlist *map_get(const tl_loop *loop, uint64_t key) {
  if (loop->lmap_size == 0) return NULL;
  for (tl__tlist *l = loop->lmap[bucket(loop, key)]; l; l = l->bucket_next)
    if (l->key == key) return l;
  return NULL;
}

static void map_remove(tl_loop *loop, tl__tlist *l) {
  tl__tlist **p = &loop->lmap[bucket(loop, l->key)];
  while (*p != l) p = &(*p)->bucket_next;
  *p = l->bucket_next;
  loop->nlists--;
}

/* Takes a list out of the map and the heap; frees it unless the timers phase
 * is running it (then it is detached and the phase frees it). */
static void drop_list(tl_loop *loop, tl__tlist *l) {
  map_remove(loop, l);
  heap_remove(loop, l);
  if (l == loop->running_list)
    l->detached = 1;
  else
    free(l);
}

/* Makes sure `n` new lists can be made without failing: `n` spare lists,
 * room for `n` more in the heap, and a map with at least as many buckets as
 * lists. */
static int reserve(tl_loop *loop, size_t n) {
  while (loop->nspare < n) {
    tl__tlist *l = malloc(sizeof *l);
    if (!l) return -ENOMEM;
    l->bucket_next = loop->spare_list;
    loop->spare_list = l;
    loop->nspare++;
  }
  if (loop->lheap_len + n > loop->lheap_cap) {
    size_t cap = loop->lheap_cap ? loop->lheap_cap : 16;
    while (cap < loop->lheap_len + n) cap *= 2;
    tl__tlist **heap = realloc(loop->lheap, cap * sizeof *heap);
    if (!heap) return -ENOMEM;
    loop->lheap = heap;
    loop->lheap_cap = cap;
  }
  if (loop->nlists + n > loop->lmap_size) {
    size_t size = loop->lmap_size ? loop->lmap_size : 16;
    while (size < loop->nlists + n) size *= 2;
    tl__tlist **map = calloc(size, sizeof *map);
    if (!map) return -ENOMEM;
    tl__tlist **old = loop->lmap;
    size_t old_size = loop->lmap_size;
    loop->lmap = map;
    loop->lmap_size = size;
    for (size_t i = 0; i < old_size; i++) {
      for (tl__tlist *l = old[i], *next; l; l = next) {
        next = l->bucket_next;
        size_t b = bucket(loop, l->key);
        l->bucket_next = map[b];
        map[b] = l;
      }
    }
    free(old);
  }
  return 0;
}

/* Node's insert(): appends `t` to the list of its key, counting from
 * `start`; a new list is due at start + msecs. Needs reserve() first. */
static void insert(tl_loop *loop, tl__timer *t, uint64_t start) {
  uint64_t key = t->msecs | (t->internal ? INTERNAL_KEY : 0);
  t->start = start;
  tl__tlist *l = map_get(loop, key);
  if (!l) {
    l = loop->spare_list;
    loop->spare_list = l->bucket_next;
    loop->nspare--;
    l->key = key;
    l->msecs = t->msecs;
    l->expiry = start + t->msecs;
    l->seq = ++loop->list_seq;
    l->detached = 0;
    tl__queue_init(&l->timers);
    size_t b = bucket(loop, key);
    l->bucket_next = loop->lmap[b];
    loop->lmap[b] = l;
    loop->nlists++;
    loop->lheap[loop->lheap_len] = l;
    l->heap_index = loop->lheap_len++;
    sift_up(loop, l->heap_index);
  }
  t->list = l;
  tl__queue_insert_tail(&l->timers, &t->node);
}

/* The clock reading a timer counts from (it refreshes the cached time). */
static uint64_t fresh_now(tl_loop *loop) {
  tl_update_time(loop);
  return loop->now;
}

/* ---- setting, clearing, refreshing ---------------------------------------------- */

static uint64_t coerce(int64_t ms) {
  if (ms >= 1 && ms <= TL_TIMEOUT_MAX) return (uint64_t)ms;
  if (ms > TL_TIMEOUT_MAX)
    fprintf(stderr,
            "tickloop: TimeoutOverflowWarning: %lld does not fit into a 32-bit signed integer. "
            "Timeout duration was set to 1.\n",
            (long long)ms);
  return 1;
}

static int add_timer(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t msecs, int repeat,
                     int internal, tl_timer_id *id) {
  if (!cb) return -EINVAL;
  /* While an interval's callback runs, one list more stays reserved for
   * re-arming it (its list may have been dropped meanwhile). */
  if (reserve(loop, loop->running_timer ? 2 : 1) != 0) return -ENOMEM;
  tl__timer *t = calloc(1, sizeof *t);
  if (!t) return -ENOMEM;
  t->id = tl__slab_add(&loop->timer_ids, t);
  if (t->id == 0) {
    free(t);
    return -ENOMEM;
  }
  t->msecs = msecs;
  t->repeat = repeat;
  t->cb = cb;
  t->arg = arg;
  t->ref = !internal;
  t->internal = internal;
  loop->ntimers++;
  if (t->ref) loop->timers_ref++;
  insert(loop, t, fresh_now(loop));
  if (id) *id = t->id;
  return 0;
}

int tl_set_timeout(tl_loop *loop, tl_timer_cb cb, void *arg, int64_t ms, tl_timer_id *id) {
  if (!cb) return -EINVAL;
  return add_timer(loop, cb, arg, coerce(ms), 0, 0, id);
}

int tl_set_interval(tl_loop *loop, tl_timer_cb cb, void *arg, int64_t ms, tl_timer_id *id) {
  if (!cb) return -EINVAL;
  return add_timer(loop, cb, arg, coerce(ms), 1, 0, id);
}

int tl__set_internal_interval(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms,
                              tl_timer_id *id) {
  return add_timer(loop, cb, arg, ms >= 1 && ms <= TL_TIMEOUT_MAX ? ms : 1, 1, 1, id);
}

/* Forgets a timer that is in no list, and frees it. */
static void release(tl_loop *loop, tl__timer *t) {
  tl__slab_remove(&loop->timer_ids, t->id);
  loop->ntimers--;
  if (t->ref) loop->timers_ref--;
  free(t);
}

int tl_clear_timeout(tl_loop *loop, tl_timer_id id) {
  tl__timer *t = tl__slab_get(&loop->timer_ids, id);
  if (!t) return -ENOENT;
  uint64_t key = t->msecs | (t->internal ? INTERNAL_KEY : 0);
  if (t == loop->running_timer) {
    loop->running_timer = NULL; /* not re-armed after its callback */
  } else {
    tl__queue_remove(&t->node);
  }
  /* Node's unenroll: the list of that delay goes once it is empty. */
  tl__tlist *l = map_get(loop, key);
  if (l && tl__queue_empty(&l->timers)) drop_list(loop, l);
  release(loop, t);
  return 0;
}

int tl_clear_interval(tl_loop *loop, tl_timer_id id) { return tl_clear_timeout(loop, id); }

int tl_timer_refresh(tl_loop *loop, tl_timer_id id) {
  tl__timer *t = tl__slab_get(&loop->timer_ids, id);
  if (!t) return -ENOENT;
  /* An interval inside its own callback: Node re-arms it afterwards from the
   * reading taken before the callback, which overrides a refresh. */
  if (t == loop->running_timer) return 0;
  /* Its list stays (it is the list of its key), so no memory is needed. */
  tl__queue_remove(&t->node);
  insert(loop, t, fresh_now(loop));
  return 0;
}

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

/* ---- the timers phase ---------------------------------------------------------------- */

/* Node's listOnTimeout. Returns 0 when memory ran out before an interval
 * could run (the list stays due and the next timers phase retries). */
static int run_list(tl_loop *loop, tl__tlist *l, uint64_t now) {
  loop->running_list = l;
  while (!tl__queue_empty(&l->timers)) {
    tl__timer *t = tl__container_of(tl__queue_head(&l->timers), tl__timer, node);
    if (t->start + l->msecs > now) {
      /* Not due: the list waits for this timer (at least until now + 1). */
      uint64_t due = t->start + l->msecs;
      l->expiry = due > now + 1 ? due : now + 1;
      l->seq = ++loop->list_seq;
      heap_fix(loop, l->heap_index);
      loop->running_list = NULL;
      return 1;
    }
    if (t->repeat && reserve(loop, 1) != 0) {
      loop->running_list = NULL;
      return 0;
    }
    tl__queue_remove(&t->node);
    t->list = NULL;
    tl_timer_cb cb = t->cb;
    void *arg = t->arg;
    int repeat = t->repeat;
    const char *kind = repeat ? "interval" : "timer";
    uint64_t start = 0;
    if (repeat) {
      start = fresh_now(loop);
      loop->running_timer = t;
    } else {
      release(loop, t);
    }
    tl__cb_enter(loop, TL__FN(cb), kind);
    cb(loop, arg);
    tl__cb_leave(loop);
    /* `t` is freed unless it is an interval that is still running_timer. */
    if (repeat && loop->running_timer == t) {
      loop->running_timer = NULL;
      insert(loop, t, start);
    }
  }
  loop->running_list = NULL;
  if (l->detached)
    free(l);
  else
    drop_list(loop, l);
  return 1;
}

void tl__run_timers(tl_loop *loop) {
  uint64_t now = loop->now;
  while (loop->lheap_len > 0 && loop->lheap[0]->expiry <= now) {
    if (!run_list(loop, loop->lheap[0], now)) break;
  }
}

int64_t tl__next_timeout(const tl_loop *loop) {
  if (loop->lheap_len == 0) return -1;
  uint64_t due = loop->lheap[0]->expiry;
  return due <= loop->now ? 0 : (int64_t)(due - loop->now);
}

void tl__timers_free(tl_loop *loop) {
  for (uint32_t i = 0; i < loop->timer_ids.len; i++) free(loop->timer_ids.slots[i].ptr);
  for (size_t i = 0; i < loop->lheap_len; i++) free(loop->lheap[i]);
  free(loop->lheap);
  free(loop->lmap);
  while (loop->spare_list) {
    tl__tlist *next = loop->spare_list->bucket_next;
    free(loop->spare_list);
    loop->spare_list = next;
  }
  loop->nspare = 0;
  loop->lheap = NULL;
  loop->lmap = NULL;
  loop->spare_list = NULL;
  loop->lheap_len = loop->lheap_cap = loop->lmap_size = loop->nlists = loop->ntimers = 0;
  loop->timers_ref = 0;
  tl__slab_free(&loop->timer_ids);
}
