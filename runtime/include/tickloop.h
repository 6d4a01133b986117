/* tickloop.h: the public interface of tickloop, lagscan's reference event-loop
 * runtime. tickloop is Node.js's event loop in C, on epoll, modelled on
 * libuv >= 1.45:
 *
 *   - One loop thread runs phases in this order, over and over:
 *       timers -> pending callbacks -> idle/prepare -> poll (I/O) ->
 *       check (immediates) -> close callbacks
 *   - After every callback the next-tick queue drains completely, then the
 *     microtask queue drains completely, and again until both are empty.
 *   - Blocking work (files, password hashing, tl_queue_work) runs on a pool
 *     of threads; its completion callback runs on the loop.
 *   - Every function that blocks the calling thread ends in `_sync`.
 *
 * Conventions:
 *   - Errors are negative errno values (-ENOENT, -EINVAL, ...); 0 or a
 *     non-negative count means success.
 *   - Every function taking a `tl_loop` or a handle must be called on the
 *     loop's thread (the thread that runs tl_run), except where noted.
 *   - Handles (tl_idle, tl_prepare, tl_tcp, tl_http_server) are allocated by
 *     the caller, initialised with their *_init function and closed with
 *     tl_close(); their memory must stay valid until the close callback ran.
 *     Their fields below the "private" marker belong to tickloop.
 *   - Timers and immediates are identified by ids (like Node's timeouts):
 *     clearing an id that already fired or was cleared returns -ENOENT.
 *
 * Every callback parameter carries a lagscan annotation (include/lagscan.h):
 * LAGSCAN_LOOP_CALLBACK when tickloop calls the function on the loop thread,
 * LAGSCAN_WORKER_CALLBACK when it runs off the loop, LAGSCAN_NEXT_TICK for
 * the queues that drain before the loop returns to I/O; every `_sync`
 * function is declared LAGSCAN_BLOCKING. lagscan needs no rule pack for
 * tickloop: the header says it all.
 */
#ifndef TICKLOOP_H
#define TICKLOOP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "lagscan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Loop ---------------------------------------------------------------- */

typedef struct tl_loop tl_loop; /* Opaque; tl_loop_new allocates one. */

/* Creates a loop. Reads TL_BLOCK_WARN_MS from the environment: a positive
 * number of milliseconds starts the watchdog (see tl_watchdog_start).
 * Returns 0 and stores the loop in *out, or a negative errno. */
int tl_loop_new(tl_loop **out);

/* Runs the loop until nothing keeps it alive (no referenced active handle,
 * pending timer, immediate, queued work, or close in progress) or tl_stop()
 * is called. First drains the next-tick and microtask queues (code before
 * tl_run counts as the first callback). Returns 0 when the loop ran out of
 * work, 1 when it was stopped with work left, -EBUSY when called from inside
 * a callback of the same loop.
 *
 * Start-up rule (what makes top-level ordering deterministic): on entry
 * tl_run sets the loop's cached time 1 ms ahead of the clock before its
 * first timers phase, as if start-up had taken at least 1 ms. So a 0 or 1 ms
 * timeout set before tl_run fires in that first timers phase, before any
 * immediate set before tl_run (Node leaves this order to chance). Timers are
 * never more than 1 ms early because of it. */
int tl_run(tl_loop *loop);

/* Makes tl_run return after the current iteration. */
void tl_stop(tl_loop *loop);

/* Frees the loop. Returns -EBUSY, frees nothing, and writes one line per
 * leftover to stderr ("tickloop: tl_loop_close: ...") when any handle is
 * still open or any timer, immediate, next-tick, microtask, or work request
 * is still pending; tl_walk lists the same things. */
int tl_loop_close(tl_loop *loop);

/* The loop's cached time in milliseconds (CLOCK_MONOTONIC), updated at the
 * start of every iteration, after polling, and whenever a timer is set or
 * refreshed (as Node's setTimeout refreshes libuv's time). */
uint64_t tl_now(const tl_loop *loop);

/* Refreshes the cached time (as after polling). */
void tl_update_time(tl_loop *loop);

/* A high-resolution monotonic clock in nanoseconds. */
uint64_t tl_hrtime(void);

/* What tl_walk reports: one open handle or pending item of the loop. */
typedef struct tl_walk_item {
  const char *kind;     /* "idle", "tcp", "timer", "immediate", "work", ... */
  const void *callback; /* the user callback involved, or NULL */
  const char *detail;   /* a short human-readable description */
} tl_walk_item;
typedef void (*tl_walk_cb)(const tl_walk_item *item, void *arg);

/* Calls `cb` synchronously, once per open handle and pending timer,
 * immediate, next-tick, microtask and work request (not the loop's own
 * internal ones). Returns how many there were. */
size_t tl_walk(tl_loop *loop, tl_walk_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);

/* ---- Next ticks and microtasks --------------------------------------------- */

typedef void (*tl_tick_cb)(tl_loop *loop, void *arg);
typedef void (*tl_microtask_cb)(tl_loop *loop, void *arg);

/* Queues `cb` on the next-tick queue (process.nextTick). The queue drains
 * completely after the current callback returns, before the microtask queue
 * and before the loop moves on; a callback that queues itself again keeps
 * the loop from ever reaching I/O. Returns 0 or -ENOMEM. */
int tl_next_tick(tl_loop *loop, tl_tick_cb cb LAGSCAN_NEXT_TICK, void *arg);

/* Queues `cb` on the microtask queue (queueMicrotask, a resolved promise's
 * then). It drains completely after the next-tick queue; next ticks queued
 * by microtasks run once the microtask queue is empty. Returns 0 or -ENOMEM. */
int tl_queue_microtask(tl_loop *loop, tl_microtask_cb cb LAGSCAN_NEXT_TICK, void *arg);

/* ---- Timers and immediates ---------------------------------------------- */

typedef uint64_t tl_timer_id;     /* never 0 */
typedef uint64_t tl_immediate_id; /* never 0 */
typedef void (*tl_timer_cb)(tl_loop *loop, void *arg);
typedef void (*tl_immediate_cb)(tl_loop *loop, void *arg);

/* The largest delay (2^31 - 1 ms, Node's TIMEOUT_MAX). */
#define TL_TIMEOUT_MAX INT64_C(2147483647)

/* Calls `cb` once, `ms` milliseconds after now: the timer counts from a
 * fresh clock reading taken by this call (which also refreshes the loop's
 * cached time), as Node's setTimeout does. Delays are coerced as in Node: a
 * delay below 1 (0 or negative) is 1 ms, and so is a delay above
 * TL_TIMEOUT_MAX, with a "TimeoutOverflowWarning" line on stderr (Node's
 * warning; Node 24 also warns about a negative delay, tickloop does not). Stores the id in *id when id is not NULL. Returns 0, -EINVAL (cb
 * NULL) or -ENOMEM.
 *
 * Order (Node's timer lists): timers of the same delay fire in the order
 * they were set or refreshed. The timers phase reads the clock once, then
 * runs the delay lists in the order of when each list is next due; a list
 * runs every one of its timers that is due, from its head, before the next
 * list runs. So timers of different delays that are all overdue need not fire
 * in due order (Node's rule too). A timer set by a callback of the timers
 * phase never runs in that phase.
 *
 * Not expressible in C, so not here: a non-number delay (Node: 1 ms), and a
 * fractional one (Node truncates it). */
int tl_set_timeout(tl_loop *loop, tl_timer_cb cb LAGSCAN_LOOP_CALLBACK, void *arg, int64_t ms,
                   tl_timer_id *id);

/* Calls `cb` every `ms` milliseconds (coerced as for tl_set_timeout) until
 * cleared. Node's rule for re-arming: the clock is read just before each
 * callback, and the interval is appended to its delay's list again after
 * the callback returns, counting from that reading; so a timeout of the same
 * delay set inside the callback fires before the interval's next run. */
int tl_set_interval(tl_loop *loop, tl_timer_cb cb LAGSCAN_LOOP_CALLBACK, void *arg, int64_t ms,
                    tl_timer_id *id);

/* Cancel a timer. Return 0, or -ENOENT when the id is unknown, already
 * fired (a timeout) or already cleared. Either works on either kind. */
int tl_clear_timeout(tl_loop *loop, tl_timer_id id);
int tl_clear_interval(tl_loop *loop, tl_timer_id id);

/* timeout.refresh(): the timer counts again from now (a fresh clock
 * reading) and moves to the end of its delay's list; its ref state stays.
 * Inside an interval's own callback it changes nothing (Node re-arms the
 * interval from the reading taken before the callback). Returns 0, or
 * -ENOENT when the timer already fired (a timeout) or was cleared.
 * Different from Node on purpose: Node's refresh() on a timeout that already
 * fired, or inside its own callback, schedules it again; tickloop's ids end
 * when a timeout fires (so that a stale id can never act on a reused timer),
 * and refreshing it there returns -ENOENT: set a new timeout instead. */
int tl_timer_refresh(tl_loop *loop, tl_timer_id id);

/* Makes a timer stop keeping the loop alive (timeout.unref()) or keep it
 * alive again. Return 0 or -ENOENT. */
int tl_timer_unref(tl_loop *loop, tl_timer_id id);
int tl_timer_ref(tl_loop *loop, tl_timer_id id);

/* Calls `cb` in the next check phase (setImmediate). Immediates run in the
 * order they were set; one set while the check phase runs waits for the
 * next iteration. Inside an I/O callback an immediate always fires before a
 * 0 ms timeout set in the same callback. Returns 0, -EINVAL or -ENOMEM. */
int tl_set_immediate(tl_loop *loop, tl_immediate_cb cb LAGSCAN_LOOP_CALLBACK, void *arg,
                     tl_immediate_id *id);

/* Returns 0, or -ENOENT when the immediate already ran or was cleared. */
int tl_clear_immediate(tl_loop *loop, tl_immediate_id id);

/* immediate.unref() / immediate.ref(): an unreferenced immediate neither
 * keeps the loop alive nor keeps the poll phase from waiting (as in Node):
 * it runs in the next check phase the loop reaches for another reason, and
 * never if nothing else keeps the loop alive. Return 0, or -ENOENT when the
 * immediate already ran or was cleared. */
int tl_immediate_unref(tl_loop *loop, tl_immediate_id id);
int tl_immediate_ref(tl_loop *loop, tl_immediate_id id);

/* ---- Handles ----------------------------------------------------------- */

typedef struct tl_handle tl_handle;
typedef void (*tl_close_cb)(tl_handle *handle);

/* Closes any handle: stops it, releases its file descriptor, and calls `cb`
 * (may be NULL) in the close phase of the current iteration; only then may
 * the handle's memory be reused. Close callbacks run in libuv's order (what
 * Node's close events follow): the handle closed last first; a handle closed
 * by a close callback waits for the next close phase. Returns 0, or -EALREADY when the handle is
 * already closing or closed (closing twice is an error, not a crash). */
int tl_close(tl_handle *handle, tl_close_cb cb LAGSCAN_LOOP_CALLBACK);

/* Nonzero while the handle is closing or closed. */
int tl_is_closing(const tl_handle *handle);

/* An unreferenced handle does not keep tl_run going by itself. */
void tl_ref(tl_handle *handle);
void tl_unref(tl_handle *handle);

/* ---- Idle and prepare handles ------------------------------------------ */

typedef struct tl_idle tl_idle;
typedef struct tl_prepare tl_prepare;
typedef void (*tl_idle_cb)(tl_idle *idle);
typedef void (*tl_prepare_cb)(tl_prepare *prepare);

/* Idle handles run in the idle/prepare phase of every iteration while
 * started, and make the poll phase not wait. Prepare handles run right
 * after them, just before polling, without that side effect. */
int tl_idle_init(tl_loop *loop, tl_idle *idle);
int tl_idle_start(tl_idle *idle, tl_idle_cb cb LAGSCAN_LOOP_CALLBACK);
int tl_idle_stop(tl_idle *idle);
int tl_prepare_init(tl_loop *loop, tl_prepare *prepare);
int tl_prepare_start(tl_prepare *prepare, tl_prepare_cb cb LAGSCAN_LOOP_CALLBACK);
int tl_prepare_stop(tl_prepare *prepare);

/* ---- Worker pool --------------------------------------------------------- */

typedef void (*tl_work_cb)(void *data);
typedef void (*tl_after_work_cb)(tl_loop *loop, int status, void *data);

/* Runs `work(data)` on a pool thread, then `after_work(loop, 0, data)` on
 * the loop in its poll phase. The pool is shared by all loops. Returns 0,
 * -EINVAL or -ENOMEM (or -EAGAIN when no pool thread could be started). */
int tl_queue_work(tl_loop *loop, tl_work_cb work LAGSCAN_WORKER_CALLBACK,
                  tl_after_work_cb after_work LAGSCAN_LOOP_CALLBACK, void *data);

/* The pool's size: TL_THREADPOOL_SIZE from the environment (default 4,
 * clamped to 1..1024), read once, at the first call of this function or of
 * any function that queues work, and fixed from then on. */
unsigned tl_threadpool_size(void);

/* ---- Files -------------------------------------------------------------- */

/* `result` is a file descriptor (open), a byte count (read, write), 0
 * (close, write_file) or a negative errno. */
typedef void (*tl_fs_cb)(tl_loop *loop, ssize_t result, void *arg);
typedef void (*tl_fs_stat_cb)(tl_loop *loop, int status, const struct stat *st, void *arg);
/* `data` (NUL-terminated after `len` bytes) is valid only during the call. */
typedef void (*tl_fs_data_cb)(tl_loop *loop, int status, const char *data, size_t len, void *arg);

/* Asynchronous file operations: they run on the worker pool and call `cb`
 * on the loop. They return 0 when queued, else a negative errno (and `cb`
 * is not called). A negative `offset` means the file's current position.
 * `buf` must stay valid until `cb` runs; tl_fs_write_file copies `data`.
 * Each is one job on the pool, except tl_fs_read_file and tl_fs_write_file:
 * like Node's fs.readFile and fs.writeFile they make one trip per step
 * (read: open, fstat, reads of at most 512 KiB, or of 64 KiB when the size
 * is unknown, close; write: open, writes of what is left, close), and the
 * loop turns between them, so work queued after them (say a tl_fs_stat on a
 * pool of one thread) may finish first. tl_fs_write_file creates or
 * truncates the file with mode 0666 (less the umask). */
int tl_fs_open(tl_loop *loop, const char *path, int flags, int mode,
               tl_fs_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
int tl_fs_read(tl_loop *loop, int fd, void *buf, size_t len, int64_t offset,
               tl_fs_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
int tl_fs_write(tl_loop *loop, int fd, const void *buf, size_t len, int64_t offset,
                tl_fs_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
int tl_fs_close(tl_loop *loop, int fd, tl_fs_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
int tl_fs_stat(tl_loop *loop, const char *path, tl_fs_stat_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
int tl_fs_read_file(tl_loop *loop, const char *path, tl_fs_data_cb cb LAGSCAN_LOOP_CALLBACK,
                    void *arg);
int tl_fs_write_file(tl_loop *loop, const char *path, const void *data, size_t len,
                     tl_fs_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);

/* The same operations, blocking the calling thread. Same results as the
 * callbacks above; tl_fs_read_file_sync stores a malloc'd, NUL-terminated
 * buffer in *data (free it with free()). */
LAGSCAN_BLOCKING(sync-fs) int tl_fs_open_sync(const char *path, int flags, int mode);
LAGSCAN_BLOCKING(sync-fs) ssize_t tl_fs_read_sync(int fd, void *buf, size_t len, int64_t offset);
LAGSCAN_BLOCKING(sync-fs) ssize_t tl_fs_write_sync(int fd, const void *buf, size_t len, int64_t offset);
LAGSCAN_BLOCKING(sync-fs) int tl_fs_close_sync(int fd);
LAGSCAN_BLOCKING(sync-fs) int tl_fs_stat_sync(const char *path, struct stat *st);
LAGSCAN_BLOCKING(sync-fs) int tl_fs_read_file_sync(const char *path, char **data, size_t *len);
LAGSCAN_BLOCKING(sync-fs) int tl_fs_write_file_sync(const char *path, const void *data, size_t len);

/* ---- Crypto -------------------------------------------------------------- */

/* `key` holds `keylen` bytes and is valid only during the call. */
typedef void (*tl_pbkdf2_cb)(tl_loop *loop, int status, const unsigned char *key, size_t keylen,
                             void *arg);

/* PBKDF2 (OpenSSL's PKCS5_PBKDF2_HMAC) with the digest named `digest`
 * ("sha256" when NULL; "sha1", "sha512", ... as OpenSSL names them).
 * tl_pbkdf2 copies its inputs, derives on the worker pool and calls `cb` on
 * the loop; it returns 0, or -EINVAL (unknown digest, 0 iterations, keylen 0
 * or above 1 MiB) or -ENOMEM synchronously. tl_pbkdf2_sync derives on the
 * calling thread into `out` and returns 0 or a negative errno. */
int tl_pbkdf2(tl_loop *loop, const void *password, size_t passlen, const void *salt,
              size_t saltlen, unsigned iterations, size_t keylen, const char *digest,
              tl_pbkdf2_cb cb LAGSCAN_LOOP_CALLBACK, void *arg);
LAGSCAN_BLOCKING(sync-crypto)
int tl_pbkdf2_sync(const void *password, size_t passlen, const void *salt, size_t saltlen,
                   unsigned iterations, size_t keylen, const char *digest, unsigned char *out);

/* ---- TCP ----------------------------------------------------------------- */

typedef struct tl_tcp tl_tcp;

#define TL_EOF (-4095) /* nread value: the peer closed its side. */

/* status is 0 or a negative errno; call tl_tcp_accept from here, or the
 * connection is dropped when the callback returns. */
typedef void (*tl_connection_cb)(tl_tcp *server, int status);
/* nread > 0: `buf` holds nread bytes, valid only during the call;
 * nread < 0: TL_EOF or a negative errno (reading has stopped). */
typedef void (*tl_read_cb)(tl_tcp *tcp, ssize_t nread, const char *buf);
/* status is 0 once every byte was handed to the kernel, a negative errno on
 * failure, or -ECANCELED when the handle was closed first. */
typedef void (*tl_write_cb)(tl_tcp *tcp, int status, void *arg);

int tl_tcp_init(tl_loop *loop, tl_tcp *tcp);
/* Adopts a connected stream socket (made non-blocking), e.g. one end of a
 * socketpair. */
int tl_tcp_open(tl_tcp *tcp, int fd);
/* Binds to the numeric address `host` (IPv4 or IPv6; no DNS lookup) and
 * `port` (0: any free port, see tl_tcp_port) and listens. */
int tl_tcp_listen(tl_tcp *tcp, const char *host, int port, int backlog,
                  tl_connection_cb cb LAGSCAN_LOOP_CALLBACK);
/* The local port of a bound socket, or a negative errno. */
int tl_tcp_port(const tl_tcp *tcp);
/* Moves the pending connection of `server` into the initialised `client`. */
int tl_tcp_accept(tl_tcp *server, tl_tcp *client);
int tl_tcp_read_start(tl_tcp *tcp, tl_read_cb cb LAGSCAN_LOOP_CALLBACK);
int tl_tcp_read_stop(tl_tcp *tcp);
/* Copies `len` bytes and writes them in order; `cb` (may be NULL) runs in
 * the pending-callbacks phase once they are written. */
int tl_tcp_write(tl_tcp *tcp, const void *buf, size_t len, tl_write_cb cb LAGSCAN_LOOP_CALLBACK,
                 void *arg);
/* Bytes accepted by tl_tcp_write but not yet handed to the kernel. */
size_t tl_tcp_write_queue_size(const tl_tcp *tcp);

/* ---- HTTP/1.1 server ------------------------------------------------------ */

typedef struct tl_http_server tl_http_server;
typedef struct tl_http_request tl_http_request; /* opaque */

/* Runs on the loop once a whole request arrived. The handler must answer
 * it exactly once with tl_http_respond, now or from a later callback; the
 * connection reads nothing more until then (pipelined requests wait). */
typedef void (*tl_http_handler)(tl_http_request *req, void *arg);

int tl_http_server_init(tl_loop *loop, tl_http_server *server);
/* Routes requests whose method and path (the URL before any '?') equal
 * `method` and `path` exactly. Other paths get 404, other methods 405. */
int tl_http_route(tl_http_server *server, const char *method, const char *path,
                  tl_http_handler handler LAGSCAN_LOOP_CALLBACK, void *arg);
/* Limits (defaults 16 KiB and 1 MiB): a request whose header section is
 * larger gets 431, one whose body is larger gets 413; both close the
 * connection, as does any parse error (400). */
void tl_http_set_limits(tl_http_server *server, size_t max_header_bytes, size_t max_body_bytes);
int tl_http_listen(tl_http_server *server, const char *host, int port);
/* The listening port, or a negative errno. */
int tl_http_port(const tl_http_server *server);
/* Closing the server (tl_close(&server->handle, cb)) closes its listener and
 * every connection; the close callback runs once all of them are closed, in
 * a close phase. Different from Node on purpose: Node emits a server's
 * 'close' event from a next tick queued by server.close() (before the
 * listening handle has really closed, so before immediates set meanwhile);
 * tl_close's callback is always the handle's close callback, which is when
 * the handle's memory may be reused. */

const char *tl_http_method(const tl_http_request *req);
const char *tl_http_url(const tl_http_request *req);   /* as sent */
const char *tl_http_path(const tl_http_request *req);  /* URL before '?' */
const char *tl_http_query(const tl_http_request *req); /* after '?', or "" */
/* The value of header `name` (case-insensitive), or NULL. */
const char *tl_http_header(const tl_http_request *req, const char *name);
const char *tl_http_body(const tl_http_request *req, size_t *len);
tl_loop *tl_http_request_loop(const tl_http_request *req);

/* Sends the response (Content-Length framing; `content_type` may be NULL)
 * and frees `req`. Returns 0, or -ECONNRESET when the connection was closed
 * before the answer, or -EINVAL (a status outside 100..999, or a line break
 * in content_type: the client gets a 500 and the connection closes), or
 * another negative errno; `req` is freed in every case. */
int tl_http_respond(tl_http_request *req, int status, const char *content_type, const void *body,
                    size_t len);

/* ---- Loop lag: a histogram of loop delay ------------------------------------ */

/* Like Node's perf_hooks.monitorEventLoopDelay: a timer fires every
 * `resolution_ms` (0 means 10) and records how late it fired, in
 * microseconds, into a log-linear histogram (about 1.6% precision). The
 * recorded value is the delay beyond the resolution (Node records the whole
 * interval). The timer does not keep the loop alive. */
typedef struct tl_lag_stats {
  uint64_t count; /* samples recorded */
  double min_ms, max_ms, mean_ms, stddev_ms;
  double p50_ms, p90_ms, p99_ms;
} tl_lag_stats;

int tl_lag_enable(tl_loop *loop, unsigned resolution_ms);
int tl_lag_disable(tl_loop *loop);
/* Fills *out (all zero before the first sample). -ENOENT if never enabled. */
int tl_lag_stats_get(tl_loop *loop, tl_lag_stats *out);
/* The delay in ms below which `percentile` (0 < p <= 100) % of samples lie. */
double tl_lag_percentile(tl_loop *loop, double percentile);
void tl_lag_reset(tl_loop *loop);

/* ---- Watchdog: names the callback that holds the loop ------------------------ */

/* One report of the watchdog thread. */
typedef struct tl_block_report {
  const void *callback; /* the callback's address */
  const char *name;     /* its symbol name (dladdr), or "module+0xoffset" */
  const char *kind;     /* "timer", "immediate", "http handler", ... */
  double elapsed_ms;    /* how long it has held (or held) the loop */
  int still_running;    /* 1: reported while the callback runs; 0: it returned */
} tl_block_report;

/* Runs on the watchdog thread, never on the loop. */
typedef void (*tl_block_report_cb)(const tl_block_report *report, void *arg);

/* Starts the watchdog thread: whenever one callback holds the loop for
 * `threshold_ms` or longer, it reports the callback once while it still runs
 * and once when it returned, with the time held. Reports go to stderr
 * ("tickloop: callback 'on_register' (http handler) held the loop for 212 ms")
 * unless a reporter is set. Executables should link with -rdynamic so that
 * names resolve. Returns 0, -EINVAL (threshold 0) or a negative errno. */
int tl_watchdog_start(tl_loop *loop, unsigned threshold_ms);
int tl_watchdog_stop(tl_loop *loop);
/* Sets (or, with NULL, resets to stderr) where reports go. */
void tl_watchdog_set_reporter(tl_loop *loop, tl_block_report_cb cb LAGSCAN_WORKER_CALLBACK,
                              void *arg);

/* ---- Handle layouts --------------------------------------------------------- */
/* Public so that callers can allocate handles; every field except `data` is
 * private to tickloop. */

typedef struct tl_queue {
  struct tl_queue *next, *prev;
} tl_queue;

/* A file descriptor watched by epoll (private). */
typedef struct tl_io {
  int fd;
  unsigned events;     /* EPOLLIN/EPOLLOUT wanted */
  unsigned registered; /* what epoll currently has; 0: not added */
  void (*cb)(tl_loop *loop, struct tl_io *io, unsigned revents);
} tl_io;

/* A callback deferred to the pending-callbacks phase (private). */
typedef struct tl_pending {
  tl_queue node;
  int queued;
  void (*cb)(tl_loop *loop, struct tl_pending *pending);
} tl_pending;

typedef enum tl_handle_type {
  TL_HANDLE_IDLE = 1,
  TL_HANDLE_PREPARE,
  TL_HANDLE_TCP,
  TL_HANDLE_HTTP_SERVER
} tl_handle_type;

struct tl_handle {
  void *data; /* for the caller; tickloop never touches it */
  /* private */
  tl_loop *loop;
  tl_handle_type type;
  unsigned flags;
  tl_close_cb close_cb;
  tl_queue handle_node; /* in the loop's list of open handles */
  tl_queue close_node;  /* in the loop's closing queue */
};

struct tl_idle {
  tl_handle handle;
  /* private */
  tl_idle_cb cb LAGSCAN_LOOP_CALLBACK;
  tl_queue node;
};

struct tl_prepare {
  tl_handle handle;
  /* private */
  tl_prepare_cb cb LAGSCAN_LOOP_CALLBACK;
  tl_queue node;
};

struct tl_tcp {
  tl_handle handle;
  /* private */
  tl_io io;
  tl_connection_cb connection_cb LAGSCAN_LOOP_CALLBACK;
  tl_read_cb read_cb LAGSCAN_LOOP_CALLBACK;
  tl_queue write_queue; /* writes not yet fully written, oldest first */
  tl_queue write_done;  /* written or failed, awaiting their callback */
  size_t write_queue_size;
  tl_pending pending; /* runs the callbacks in write_done */
  void (*hangup_cb)(tl_tcp *tcp, int status) LAGSCAN_LOOP_CALLBACK; /* see tl__tcp_read_pause */
  int accepted_fd;    /* -1 unless inside connection_cb */
  int error;          /* sticky write error */
};

struct tl_http_route_entry;

struct tl_http_server {
  tl_handle handle;
  /* private */
  tl_tcp listener;
  struct tl_http_route_entry *routes;
  size_t nroutes;
  tl_queue conns;  /* open connections */
  size_t nclosing; /* listener and connections still closing */
  size_t max_header_bytes, max_body_bytes;
};

#ifdef __cplusplus
}
#endif

#endif /* TICKLOOP_H */
