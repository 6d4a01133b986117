/* loop.c: creating, running and closing a loop. tl_run reads like the list
 * of phases in the docs: one call per phase, in libuv >= 1.45's order, where
 * the timers phase closes each iteration:
 *
 *   timers (once on entry) ->
 *   { pending -> idle -> prepare -> poll -> check -> close -> timers }*
 *
 * Start-up rule: on entry, the cached time is set 1 ms ahead of the clock
 * before the first timers phase, so timeouts of 0 or 1 ms set before tl_run
 * fire before the first immediates, every run. Node leaves that order to how
 * long start-up took; tickloop-order depends on it being fixed. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"

#define READBUF_SIZE (64 * 1024)

static void wake_cb(tl_loop *loop, tl_io *io, unsigned revents) {
  (void)io;
  (void)revents;
  tl__work_done(loop);
}

int tl_loop_new(tl_loop **out) {
  tl_loop *loop = calloc(1, sizeof *loop);
  int r = -ENOMEM;
  if (!loop) return r;
  loop->readbuf_size = READBUF_SIZE;
  loop->readbuf = malloc(loop->readbuf_size);
  if (!loop->readbuf) goto fail_buf;
  loop->epfd = epoll_create1(EPOLL_CLOEXEC);
  if (loop->epfd < 0) {
    r = -errno;
    goto fail_epoll;
  }
  loop->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (loop->wakefd < 0) {
    r = -errno;
    goto fail_eventfd;
  }
  if ((r = -pthread_mutex_init(&loop->done_mutex, NULL)) != 0) goto fail_mutex;
  tl__queue_init(&loop->handles);
  tl__queue_init(&loop->closing);
  tl__queue_init(&loop->idles);
  tl__queue_init(&loop->prepares);
  tl__queue_init(&loop->pending);
  tl__queue_init(&loop->immediates);
  tl__queue_init(&loop->done);
  tl__queue_init(&loop->reqs);
  tl__io_init(&loop->wake_io, loop->wakefd, wake_cb);
  if ((r = tl__io_start(loop, &loop->wake_io, EPOLLIN)) != 0) goto fail_wake;
  tl_update_time(loop);

  const char *warn = getenv("TL_BLOCK_WARN_MS");
  if (warn && *warn) {
    char *end;
    long ms = strtol(warn, &end, 10);
    if (*end == '\0' && ms > 0 && ms <= INT_MAX) tl_watchdog_start(loop, (unsigned)ms);
  }
  *out = loop;
  return 0;

fail_wake:
  pthread_mutex_destroy(&loop->done_mutex);
fail_mutex:
  close(loop->wakefd);
fail_eventfd:
  close(loop->epfd);
fail_epoll:
  free(loop->readbuf);
fail_buf:
  free(loop);
  return r;
}

/* What keeps tl_run going. */
static int alive(const tl_loop *loop) {
  return loop->active_handles > 0 || loop->timers_ref > 0 || loop->nimmediates_ref > 0 ||
         loop->active_reqs > 0 || !tl__queue_empty(&loop->closing) ||
         !tl__queue_empty(&loop->pending) || loop->ticks.len > 0 || loop->microtasks.len > 0;
}

/* How long the poll phase may wait: not at all when there is work for the
 * next phases (a referenced immediate: Node's idle handle; unreferenced ones
 * wait for whatever else wakes the loop) or nothing keeps the loop alive any
 * more (a callback of this iteration stopped the last handle), else until
 * the next timer, else forever. */
static int backend_timeout(const tl_loop *loop) {
  if (loop->stop || !alive(loop) || loop->nimmediates_ref > 0 ||
      !tl__queue_empty(&loop->idles) ||
      !tl__queue_empty(&loop->pending) || !tl__queue_empty(&loop->closing))
    return 0;
  int64_t t = tl__next_timeout(loop);
  return t > INT_MAX ? INT_MAX : (int)t;
}

int tl_run(tl_loop *loop) {
  if (loop->running) return -EBUSY;
  loop->running = 1;
  loop->stop = 0;
  /* The code before tl_run was the first callback: its ticks drain now. */
  tl__drain(loop);
  /* The start-up rule: the loop's time starts 1 ms ahead of the clock (never
   * more, however often tl_run is called), so every timeout of 0 or 1 ms set
   * before tl_run is due in the first timers phase. */
  uint64_t ahead = tl_hrtime() / 1000000u + 1;
  if (loop->now < ahead) loop->now = ahead;
  if (!loop->stop) tl__run_timers(loop);
  while (alive(loop) && !loop->stop) {
    tl__run_pending(loop);
    tl__run_idle(loop);
    tl__run_prepare(loop);
    tl__io_poll(loop, backend_timeout(loop));
    tl__run_check(loop);
    tl__run_closing(loop);
    tl_update_time(loop);
    tl__run_timers(loop);
  }
  int stopped = loop->stop && alive(loop);
  loop->stop = 0;
  loop->running = 0;
  return stopped ? 1 : 0;
}

void tl_stop(tl_loop *loop) { loop->stop = 1; }

/* ---- tl_walk and tl_loop_close ------------------------------------------- */

static const char *handle_kind(const tl_handle *h) {
  switch (h->type) {
  case TL_HANDLE_IDLE: return "idle";
  case TL_HANDLE_PREPARE: return "prepare";
  case TL_HANDLE_TCP: return "tcp";
  case TL_HANDLE_HTTP_SERVER: return "http server";
  }
  return "handle";
}

static void walk_handle(tl_handle *h, tl_walk_cb cb, void *arg) {
  char detail[128];
  tl_walk_item item = {handle_kind(h), NULL, detail};
  const char *state = (h->flags & TL__CLOSING) ? "closing"
                      : (h->flags & TL__ACTIVE) ? "active"
                                                : "inactive";
  switch (h->type) {
  case TL_HANDLE_IDLE:
    item.callback = TL__FN(((tl_idle *)h)->cb);
    snprintf(detail, sizeof detail, "%s", state);
    break;
  case TL_HANDLE_PREPARE:
    item.callback = TL__FN(((tl_prepare *)h)->cb);
    snprintf(detail, sizeof detail, "%s", state);
    break;
  case TL_HANDLE_TCP: {
    tl_tcp *t = (tl_tcp *)h;
    item.callback = t->read_cb ? TL__FN(t->read_cb) : TL__FN(t->connection_cb);
    tl__tcp_describe(t, detail, sizeof detail);
    break;
  }
  case TL_HANDLE_HTTP_SERVER: {
    tl_http_server *s = (tl_http_server *)h;
    snprintf(detail, sizeof detail, "%s, port %d", state, tl_http_port(s));
    break;
  }
  }
  cb(&item, arg);
}

static void walk_queue(const tl__cbq *q, const char *kind, tl_walk_cb cb, void *arg) {
  for (size_t i = 0; i < q->len; i++) {
    const tl__cb_entry *e = &q->items[(q->head + i) & (q->cap - 1)];
    tl_walk_item item = {kind, TL__FN(e->cb), "queued"};
    cb(&item, arg);
  }
}

size_t tl_walk(tl_loop *loop, tl_walk_cb cb, void *arg) {
  size_t n = 0;
  tl_queue *q;
  tl__queue_foreach(q, &loop->handles) {
    walk_handle(tl__container_of(q, tl_handle, handle_node), cb, arg);
    n++;
  }
  for (uint32_t i = 0; i < loop->timer_ids.len; i++) {
    const tl__timer *t = loop->timer_ids.slots[i].ptr;
    if (!t || t->internal) continue;
    char detail[64];
    if (t == loop->running_timer)
      snprintf(detail, sizeof detail, "interval, running");
    else
      snprintf(detail, sizeof detail, "%s, due in %lld ms", t->repeat ? "interval" : "timeout",
               (long long)(t->start + t->msecs) - (long long)loop->now);
    tl_walk_item item = {"timer", TL__FN(t->cb), detail};
    cb(&item, arg);
    n++;
  }
  tl__queue_foreach(q, &loop->immediates) {
    const tl__immediate *im = tl__container_of(q, tl__immediate, node);
    tl_walk_item item = {"immediate", TL__FN(im->cb), "queued"};
    cb(&item, arg);
    n++;
  }
  walk_queue(&loop->ticks, "next-tick", cb, arg);
  walk_queue(&loop->microtasks, "microtask", cb, arg);
  n += loop->ticks.len + loop->microtasks.len;
  tl__queue_foreach(q, &loop->reqs) {
    const tl__work *w = tl__container_of(q, tl__work, loop_node);
    tl_walk_item item = {w->kind, w->user_cb, "in flight on the worker pool"};
    cb(&item, arg);
    n++;
  }
  return n;
}

static void report_leftover(const tl_walk_item *item, void *arg) {
  (void)arg;
  char name[256] = "";
  if (item->callback) tl__symbol_name(item->callback, name, sizeof name);
  fprintf(stderr, "tickloop: tl_loop_close: %s still open (%s%s%s)\n", item->kind, item->detail,
          item->callback ? ", callback " : "", name);
}

int tl_loop_close(tl_loop *loop) {
  if (loop->running) return -EBUSY;
  if (tl_walk(loop, report_leftover, NULL) > 0) return -EBUSY;
  tl__lag_free(loop);
  tl__wd_free(loop);
  tl__timers_free(loop);
  tl__immediates_free(loop);
  tl__cbq_free(&loop->ticks);
  tl__cbq_free(&loop->microtasks);
  tl__io_close(loop, &loop->wake_io);
  close(loop->epfd);
  pthread_mutex_destroy(&loop->done_mutex);
  free(loop->readbuf);
  free(loop);
  return 0;
}
