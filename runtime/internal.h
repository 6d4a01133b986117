/* internal.h: This file is private to tickloop. The loop structure and the
 * functions the phase files share. Names: public `tl_`, shared internal
 * `tl__`, file-static helpers unprefixed.
 *
 * Threading invariant: everything in struct tl_loop belongs to the loop
 * thread, except `done` and `done_mutex` (filled by pool threads) and the
 * watchdog (which has its own mutex). */
#ifndef TL_INTERNAL_H
#define TL_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "queue.h"
#include "tickloop.h"

/* A function pointer as data (for the watchdog, tl_walk and reports). */
#define TL__FN(f) ((const void *)(uintptr_t)(f))

/* Handle flags. */
#define TL__ACTIVE 0x01u   /* Counts towards keeping the loop alive (if REF). */
#define TL__REF 0x02u      /* Set at init; tl_unref clears it. */
#define TL__CLOSING 0x04u  /* tl_close was called. */
#define TL__CLOSED 0x08u   /* The close callback ran (or is running). */
#define TL__READING 0x10u  /* tcp: tl_tcp_read_start is in effect. */
#define TL__LISTENING 0x20u /* tcp: a listening socket. */

/* ---- id tables (slab.c) -------------------------------------------------- */

/* Maps ids to objects. An id is (generation << 32 | index + 1); a slot's
 * generation changes whenever it is freed, so a stale id never finds the
 * object that reused the slot. */
typedef struct tl__slot {
  void *ptr;          /* NULL when free */
  uint32_t gen;
  uint32_t next_free; /* index + 1 of the next free slot, 0: none */
} tl__slot;

typedef struct tl__slab {
  tl__slot *slots;
  uint32_t len, cap;
  uint32_t free_head; /* index + 1 of the first free slot, 0: none */
} tl__slab;

uint64_t tl__slab_add(tl__slab *slab, void *ptr); /* 0 on ENOMEM */
void *tl__slab_get(const tl__slab *slab, uint64_t id);
void tl__slab_remove(tl__slab *slab, uint64_t id);
void tl__slab_free(tl__slab *slab);

/* ---- callback queues for next ticks and microtasks (tick.c) ------------- */

typedef struct tl__cb_entry {
  void (*cb)(tl_loop *loop, void *arg);
  void *arg;
} tl__cb_entry;

/* A ring buffer of callbacks; grows, never shrinks until freed. */
typedef struct tl__cbq {
  tl__cb_entry *items;
  size_t head, len, cap; /* cap is 0 or a power of two */
} tl__cbq;

int tl__cbq_push(tl__cbq *q, void (*cb)(tl_loop *, void *), void *arg);
void tl__cbq_free(tl__cbq *q);

/* Runs the next-tick queue, then the microtask queue, until both are
 * empty. Does nothing when already draining. */
void tl__drain(tl_loop *loop);

/* ---- callback scopes (scope.c) --------------------------------------------- */

/* Every user callback runs between tl__cb_enter and tl__cb_leave. `fn` is
 * the user's function (for the watchdog), `kind` a static string. Scopes
 * nest (an HTTP handler runs inside a TCP read callback); when the outermost
 * one is left, the next-tick and microtask queues drain. */
void tl__cb_enter(tl_loop *loop, const void *fn, const char *kind);
void tl__cb_leave(tl_loop *loop);

/* ---- timers (timer.c) ------------------------------------------------------ */

/* A timer (Node's Timeout). `start` is the clock reading taken when it was
 * set, refreshed or (an interval) just before its callback last ran; it is
 * due at start + msecs. */
typedef struct tl__timer {
  uint64_t id;
  uint64_t msecs;      /* the delay after coercion, 1..TL_TIMEOUT_MAX */
  uint64_t start;      /* loop time (ms) it counts from */
  int repeat;          /* an interval */
  tl_timer_cb cb;
  void *arg;
  int ref;             /* keeps the loop alive */
  int internal;        /* the loop's own (lag monitor); hidden from tl_walk */
  struct tl__tlist *list; /* the list it is in; NULL while its callback runs */
  tl_queue node;       /* in list->timers */
} tl__timer;

/* The timers of one delay, in the order they were set or refreshed (Node's
 * TimersList). `expiry` is when the list must next be looked at; lists are
 * ordered by (expiry, seq) in loop->lheap. */
typedef struct tl__tlist {
  uint64_t key;        /* msecs, with bit 40 set for internal timers */
  uint64_t msecs;
  uint64_t expiry;
  uint64_t seq;        /* Node's list id: renewed whenever expiry changes */
  size_t heap_index;
  int detached;        /* emptied by a clear while the timers phase ran it */
  tl_queue timers;
  struct tl__tlist *bucket_next; /* in loop->lmap */
} tl__tlist;

void tl__run_timers(tl_loop *loop);
/* Milliseconds until the next timer is due (0 if overdue), -1 if none. */
int64_t tl__next_timeout(const tl_loop *loop);
int tl__set_internal_interval(tl_loop *loop, tl_timer_cb cb, void *arg, uint64_t ms,
                              tl_timer_id *id);
void tl__timers_free(tl_loop *loop);

/* ---- immediates (immediate.c) ------------------------------------------------ */

typedef struct tl__immediate {
  uint64_t id;
  int ref;             /* keeps the loop alive and the poll phase from waiting */
  tl_immediate_cb cb;
  void *arg;
  tl_queue node;
} tl__immediate;

void tl__run_check(tl_loop *loop);
void tl__immediates_free(tl_loop *loop);

/* ---- handles, close phase (handle.c) ---------------------------------------- */

void tl__handle_init(tl_loop *loop, tl_handle *h, tl_handle_type type);
void tl__handle_start(tl_handle *h);
void tl__handle_stop(tl_handle *h);
/* Puts a closing handle on the close-phase queue. */
void tl__handle_make_closing(tl_handle *h);
void tl__run_closing(tl_loop *loop);

/* ---- idle and prepare (watcher.c) -------------------------------------------- */

void tl__run_idle(tl_loop *loop);
void tl__run_prepare(tl_loop *loop);
void tl__idle_close(tl_idle *idle);
void tl__prepare_close(tl_prepare *prepare);

/* ---- pending callbacks (pending.c) ------------------------------------------- */

void tl__pending_init(tl_pending *p, void (*cb)(tl_loop *, tl_pending *));
void tl__pending_queue(tl_loop *loop, tl_pending *p);
void tl__pending_cancel(tl_pending *p);
void tl__run_pending(tl_loop *loop);

/* ---- epoll (io.c) -------------------------------------------------------------- */

void tl__io_init(tl_io *io, int fd, void (*cb)(tl_loop *, tl_io *, unsigned));
int tl__io_start(tl_loop *loop, tl_io *io, unsigned events);
int tl__io_stop(tl_loop *loop, tl_io *io, unsigned events);
/* Replaces the wanted events with one epoll_ctl (a stop and a start cost two). */
int tl__io_set(tl_loop *loop, tl_io *io, unsigned events);
/* Removes the fd from epoll and closes it. */
void tl__io_close(tl_loop *loop, tl_io *io);
/* Waits up to `timeout` ms (-1: forever) and runs the ready watchers. */
void tl__io_poll(tl_loop *loop, int timeout);

/* ---- worker pool (threadpool.c) ------------------------------------------------ */

typedef struct tl__work {
  tl_queue node;       /* in the pool's queue, then in loop->done */
  tl_queue loop_node;  /* in loop->reqs while in flight (loop thread only) */
  tl_loop *loop;
  void (*work)(struct tl__work *w);  /* on a pool thread */
  void (*done)(struct tl__work *w);  /* on the loop; owns and frees w */
  const char *kind;                  /* for tl_walk */
  const void *user_cb;               /* for tl_walk */
} tl__work;

/* Queues `w` (loop thread). Returns 0 or -EAGAIN (no thread could start). */
int tl__work_submit(tl_loop *loop, tl__work *w);
/* Runs the done callbacks of finished work (poll phase, on the wakeup fd). */
void tl__work_done(tl_loop *loop);
/* Parses a TL_THREADPOOL_SIZE value: default 4, clamped to 1..1024. */
unsigned tl__threadpool_parse_size(const char *value);

/* ---- tcp internals (tcp.c) -------------------------------------------------------- */

void tl__tcp_close(tl_tcp *tcp);        /* at tl_close */
void tl__tcp_finish_close(tl_tcp *tcp); /* in the close phase */
/* tl_tcp_write of two buffers as one write. */
int tl__tcp_write2(tl_tcp *tcp, const void *a, size_t alen, const void *b, size_t blen,
                   tl_write_cb cb, void *arg);
void tl__tcp_shutdown_write(tl_tcp *tcp);
/* Stops reading, like tl_tcp_read_stop, but keeps watching for the peer's
 * hang-up: once the peer closes its side (status TL_EOF) or resets the
 * connection (a negative errno), `hangup` runs, once, in the poll phase.
 * Unread data does not wake it. tl_tcp_read_start and tl_tcp_read_stop end
 * the watch. Returns 0 or a negative errno. */
int tl__tcp_read_pause(tl_tcp *tcp, void (*hangup)(tl_tcp *tcp, int status));
void tl__tcp_describe(const tl_tcp *tcp, char *buf, size_t size);

/* ---- http internals (http_server.c) ------------------------------------------------ */

void tl__http_server_close(tl_http_server *server);
void tl__http_server_finish_close(tl_http_server *server);

/* ---- lag and watchdog (lag.c, watchdog.c) -------------------------------------------- */

struct tl__lag;
struct tl__watchdog;
void tl__lag_free(tl_loop *loop);
void tl__wd_enter(struct tl__watchdog *wd, const void *fn, const char *kind);
void tl__wd_leave(struct tl__watchdog *wd);
int tl__wd_active(const struct tl__watchdog *wd);
void tl__wd_free(tl_loop *loop);

/* ---- symbols (symbol.c) ----------------------------------------------------------- */

/* Writes the symbol name of `fn` (dladdr), or "module+0xoffset", or
 * "0xaddress" into buf. */
void tl__symbol_name(const void *fn, char *buf, size_t size);

/* ---- the loop ------------------------------------------------------------------- */

struct tl_loop {
  int epfd;
  int wakefd;           /* eventfd: pool threads signal finished work */
  tl_io wake_io;
  uint64_t now;         /* cached time in ms; never goes backwards */
  int running;          /* inside tl_run */
  int stop;             /* tl_stop was called */
  unsigned scope_depth; /* nesting of tl__cb_enter */
  int draining;         /* inside tl__drain */

  tl_queue handles;     /* initialised, not yet closed */
  tl_queue closing;     /* close callback due in the next close phase */
  tl_queue idles;       /* started idle handles */
  tl_queue prepares;    /* started prepare handles */
  tl_queue pending;     /* tl_pending items for the next pending phase */
  unsigned active_handles; /* handles ACTIVE and REF */

  tl__tlist **lheap;    /* min-heap on (expiry, seq) of timer lists */
  size_t lheap_len, lheap_cap;
  tl__tlist **lmap;     /* hash table key -> list (chained), lmap_size buckets */
  size_t lmap_size, nlists;
  tl__tlist *spare_list; /* lists kept allocated (chained by bucket_next), see timer.c */
  size_t nspare;
  tl__tlist *running_list; /* the list the timers phase is running, or NULL */
  tl__timer *running_timer; /* the interval whose callback runs, or NULL */
  size_t ntimers;       /* live timers */
  unsigned timers_ref;  /* timers that keep the loop alive */
  uint64_t list_seq;
  tl__slab timer_ids;

  tl_queue immediates;  /* waiting for the next check phase */
  size_t nimmediates;   /* queued, including the batch running now */
  size_t nimmediates_ref; /* of those, the referenced ones (keep the loop alive) */
  tl__slab immediate_ids;

  tl__cbq ticks;
  tl__cbq microtasks;

  pthread_mutex_t done_mutex;
  tl_queue done;        /* finished work (guarded by done_mutex) */
  tl_queue reqs;        /* work in flight (loop thread) */
  unsigned active_reqs;

  char *readbuf;        /* shared by all TCP reads of this loop */
  size_t readbuf_size;

  struct tl__lag *lag;
  struct tl__watchdog *wd;
};

#endif /* TL_INTERNAL_H */
