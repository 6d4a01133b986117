/* test_faults.c: faults and misuse that must give clear errors, never a
 * crash or a leak: more work than pool threads (1000 items on a pool of 2),
 * work that fails and file operations on bad descriptors, callbacks that
 * close their own handle, and every kind of handle closed twice. Handles are
 * malloc'd and freed by their close callbacks, so that ASan sees any use
 * after the close callback.
 *
 * ctest runs this suite with TL_THREADPOOL_SIZE=2 (runtime_faults). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rt.h"

static pthread_t loop_thread;

static int count_kind(tl_loop *loop, const char *kind);

/* ---- pool saturation --------------------------------------------------------- */

enum { SAT_N = 1000, SAT_MAX_THREADS = 1024 };

typedef struct sat_item {
  int index;
  int thread;      /* which pool thread ran it (0, 1, ...) */
  int done_calls;  /* after_work calls */
  int status;
  int done_on_loop;
} sat_item;

static sat_item sat_items[SAT_N];
static int sat_order[SAT_N]; /* item indexes in after_work order */
static int sat_ndone;
static pthread_mutex_t sat_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t sat_threads[SAT_MAX_THREADS];
static int sat_nthreads;
static atomic_int sat_running, sat_max_running;
static int sat_ticks;

static int pool_thread_index(void) {
  pthread_mutex_lock(&sat_mu);
  int i = 0;
  while (i < sat_nthreads && !pthread_equal(sat_threads[i], pthread_self())) i++;
  if (i == sat_nthreads && sat_nthreads < SAT_MAX_THREADS)
    sat_threads[sat_nthreads++] = pthread_self();
  pthread_mutex_unlock(&sat_mu);
  return i;
}

static void sat_work(void *data) {
  sat_item *it = data;
  int now = atomic_fetch_add(&sat_running, 1) + 1;
  int seen = atomic_load(&sat_max_running);
  while (now > seen && !atomic_compare_exchange_weak(&sat_max_running, &seen, now)) {
  }
  it->thread = pool_thread_index();
  struct timespec ts = {0, 200 * 1000L}; /* 0.2 ms: 1000 items keep 2 threads busy ~100 ms */
  nanosleep(&ts, NULL);
  atomic_fetch_sub(&sat_running, 1);
}

static void sat_after(tl_loop *loop, int status, void *data) {
  (void)loop;
  sat_item *it = data;
  it->status = status;
  it->done_calls++;
  it->done_on_loop = pthread_equal(pthread_self(), loop_thread);
  if (sat_ndone < SAT_N) sat_order[sat_ndone++] = it->index;
}

static void sat_tick(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  sat_ticks++;
}

/* 1000 items on a pool of 2: every item runs once and calls back once, on
 * the loop, with status 0; never more items run at once than there are
 * threads, and each thread's items call back in the order they were
 * submitted (the queue is FIFO; across threads completions interleave, as
 * in libuv). The loop keeps running timers meanwhile. */
static void test_pool_saturation(void) {
  unsigned size = tl_threadpool_size();
  CU_ASSERT_FATAL(size < SAT_N);
  tl_loop *loop = rt_loop();
  loop_thread = pthread_self();
  memset(sat_items, 0, sizeof sat_items);
  sat_ndone = 0;
  sat_nthreads = 0;
  sat_ticks = 0;
  atomic_store(&sat_running, 0);
  atomic_store(&sat_max_running, 0);
  for (int i = 0; i < SAT_N; i++) {
    sat_items[i].index = i;
    sat_items[i].thread = -1;
    CU_ASSERT_EQUAL(tl_queue_work(loop, sat_work, sat_after, &sat_items[i]), 0);
  }
  CU_ASSERT_EQUAL(count_kind(loop, "work"), SAT_N); /* all queued, none lost */
  tl_timer_id tick;
  CU_ASSERT_EQUAL(tl_set_interval(loop, sat_tick, NULL, 5, &tick), 0);
  tl_timer_unref(loop, tick); /* the work keeps the loop alive, not the ticker */
  double t0 = rt_ms();
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  double elapsed = rt_ms() - t0;
  CU_ASSERT_EQUAL(tl_clear_interval(loop, tick), 0);

  CU_ASSERT_EQUAL(sat_ndone, SAT_N);
  int bad = 0;
  for (int i = 0; i < SAT_N; i++)
    if (sat_items[i].done_calls != 1 || sat_items[i].status != 0 || !sat_items[i].done_on_loop ||
        sat_items[i].thread < 0)
      bad++;
  CU_ASSERT_EQUAL(bad, 0);
  CU_ASSERT_EQUAL(atomic_load(&sat_max_running), (int)size);
  CU_ASSERT((unsigned)sat_nthreads <= size);
  /* Per thread, after_work order is submission order. */
  int last[SAT_MAX_THREADS];
  for (int t = 0; t < SAT_MAX_THREADS; t++) last[t] = -1;
  int out_of_order = 0;
  for (int k = 0; k < sat_ndone; k++) {
    const sat_item *it = &sat_items[sat_order[k]];
    if (it->index <= last[it->thread]) out_of_order++;
    last[it->thread] = it->index;
  }
  CU_ASSERT_EQUAL(out_of_order, 0);
  /* A 5 ms ticker fired at least a third as often as it should have. */
  CU_ASSERT(sat_ticks >= (int)(elapsed / 5.0 / 3.0));
  rt_close(loop);
}

/* ---- work that fails ------------------------------------------------------------ */

typedef struct failing {
  int err;          /* what the work itself reports */
  int after_status; /* what tickloop reports */
  int after_calls;
} failing;

static void failing_work(void *data) {
  failing *f = data;
  int fd = open("/nonexistent-tickloop-dir/file", O_RDONLY);
  f->err = fd < 0 ? -errno : 0;
  if (fd >= 0) close(fd);
}

static void failing_after(tl_loop *loop, int status, void *data) {
  (void)loop;
  failing *f = data;
  f->after_status = status;
  f->after_calls++;
}

typedef struct fs_result {
  ssize_t value;
  int status;
  int calls;
  int on_loop;
  int had_stat;
  int had_data;
} fs_result;

static void on_fs(tl_loop *loop, ssize_t r, void *arg) {
  (void)loop;
  fs_result *res = arg;
  res->value = r;
  res->calls++;
  res->on_loop = pthread_equal(pthread_self(), loop_thread);
}

static void on_fs_stat(tl_loop *loop, int status, const struct stat *st, void *arg) {
  (void)loop;
  fs_result *res = arg;
  res->status = status;
  res->calls++;
  res->had_stat = st != NULL;
}

static void on_fs_data(tl_loop *loop, int status, const char *data, size_t len, void *arg) {
  (void)loop;
  fs_result *res = arg;
  res->status = status;
  res->calls++;
  res->had_data = data != NULL || len != 0;
}

static void on_key(tl_loop *loop, int status, const unsigned char *key, size_t keylen, void *arg) {
  (void)loop, (void)status, (void)key, (void)keylen;
  (*(int *)arg)++;
}

/* tl_queue_work's after_work always gets status 0 (the request ran; there
 * is no cancellation): a failure of the work itself travels in its data.
 * File operations report their errno: a bad descriptor is -EBADF, a
 * directory read -EISDIR, a missing path -ENOENT; each callback runs once,
 * on the loop. Invalid arguments are refused synchronously and never call
 * back. */
static void test_work_that_fails(void) {
  tl_loop *loop = rt_loop();
  loop_thread = pthread_self();
  failing f = {1, 1, 0};
  CU_ASSERT_EQUAL(tl_queue_work(loop, failing_work, failing_after, &f), 0);

  enum {
    BAD_NEG, BAD_HIGH, BAD_WRITE, BAD_CLOSE, RDONLY_WRITE, DIR_READ, MISSING_OPEN, /* fail */
    RDONLY_CLOSE, DIR_CLOSE,                                                      /* succeed */
    NFS
  };
  fs_result r[NFS], st = {0}, rf = {0}, refused = {0};
  memset(r, 0, sizeof r);
  char buf[16];
  int high = 1 << 20; /* above any descriptor limit here */
  CU_ASSERT_EQUAL(tl_fs_read(loop, -1, buf, sizeof buf, 0, on_fs, &r[BAD_NEG]), 0);
  CU_ASSERT_EQUAL(tl_fs_read(loop, high, buf, sizeof buf, -1, on_fs, &r[BAD_HIGH]), 0);
  CU_ASSERT_EQUAL(tl_fs_write(loop, -1, "x", 1, -1, on_fs, &r[BAD_WRITE]), 0);
  CU_ASSERT_EQUAL(tl_fs_close(loop, high, on_fs, &r[BAD_CLOSE]), 0);
  int rdonly = tl_fs_open_sync("/dev/null", O_RDONLY, 0);
  int dir = tl_fs_open_sync(rt_tmpdir(), O_RDONLY | O_DIRECTORY, 0);
  CU_ASSERT_FATAL(rdonly >= 0 && dir >= 0);
  CU_ASSERT_EQUAL(tl_fs_write(loop, rdonly, "x", 1, -1, on_fs, &r[RDONLY_WRITE]), 0);
  CU_ASSERT_EQUAL(tl_fs_read(loop, dir, buf, sizeof buf, 0, on_fs, &r[DIR_READ]), 0);
  CU_ASSERT_EQUAL(tl_fs_open(loop, "/nonexistent-tickloop-dir/f", O_RDONLY, 0, on_fs,
                             &r[MISSING_OPEN]), 0);
  CU_ASSERT_EQUAL(tl_fs_stat(loop, "/nonexistent-tickloop-dir/f", on_fs_stat, &st), 0);
  CU_ASSERT_EQUAL(tl_fs_read_file(loop, "/nonexistent-tickloop-dir/f", on_fs_data, &rf), 0);

  /* Refused at once: no callback. */
  int key_calls = 0;
  CU_ASSERT_EQUAL(tl_fs_read(loop, 0, NULL, 5, 0, on_fs, &refused), -EINVAL);
  CU_ASSERT_EQUAL(tl_fs_open(loop, NULL, O_RDONLY, 0, on_fs, &refused), -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2(loop, "p", 1, "s", 1, 1, 32, "no-such-digest", on_key, &key_calls),
                  -EINVAL);
  CU_ASSERT_EQUAL(tl_pbkdf2(loop, "p", 1, "s", 1, 0, 32, NULL, on_key, &key_calls), -EINVAL);
  CU_ASSERT_EQUAL(tl_queue_work(loop, NULL, failing_after, &f), -EINVAL);

  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(f.after_calls, 1);
  CU_ASSERT_EQUAL(f.after_status, 0);
  CU_ASSERT_EQUAL(f.err, -ENOENT);
  CU_ASSERT_EQUAL(r[BAD_NEG].value, -EBADF);
  CU_ASSERT_EQUAL(r[BAD_HIGH].value, -EBADF);
  CU_ASSERT_EQUAL(r[BAD_WRITE].value, -EBADF);
  CU_ASSERT_EQUAL(r[BAD_CLOSE].value, -EBADF);
  CU_ASSERT_EQUAL(r[RDONLY_WRITE].value, -EBADF);
  CU_ASSERT_EQUAL(r[DIR_READ].value, -EISDIR);
  CU_ASSERT_EQUAL(r[MISSING_OPEN].value, -ENOENT);
  CU_ASSERT_EQUAL(st.status, -ENOENT);
  CU_ASSERT_FALSE(st.had_stat);
  CU_ASSERT_EQUAL(rf.status, -ENOENT);
  CU_ASSERT_FALSE(rf.had_data);
  CU_ASSERT_EQUAL(key_calls, 0);
  CU_ASSERT_EQUAL(refused.calls, 0);
  for (int i = 0; i <= MISSING_OPEN; i++) {
    CU_ASSERT_EQUAL(r[i].calls, 1);
    CU_ASSERT(r[i].on_loop);
  }
  CU_ASSERT_EQUAL(st.calls, 1);
  CU_ASSERT_EQUAL(rf.calls, 1);

  /* The descriptors used above are still good: close them on the pool. */
  CU_ASSERT_EQUAL(tl_fs_close(loop, rdonly, on_fs, &r[RDONLY_CLOSE]), 0);
  CU_ASSERT_EQUAL(tl_fs_close(loop, dir, on_fs, &r[DIR_CLOSE]), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(r[RDONLY_CLOSE].value, 0);
  CU_ASSERT_EQUAL(r[DIR_CLOSE].value, 0);
  rt_close(loop);
}

/* ---- callbacks that close their own handle ------------------------------------ */

static int closes;
static void free_on_close(tl_handle *h) {
  closes++;
  rt_log("closed");
  free(h); /* the handle is the first member of every handle type */
}

static tl_idle *idle_b;
static int idle_a_calls, idle_b_calls;

static void idle_a_cb(tl_idle *idle) {
  idle_a_calls++;
  rt_log("idle-a");
  CU_ASSERT_EQUAL(tl_close(&idle->handle, free_on_close), 0);
  CU_ASSERT_EQUAL(tl_close(&idle->handle, free_on_close), -EALREADY);
  CU_ASSERT_TRUE(tl_is_closing(&idle->handle));
  /* B is next in this very phase: closing it means it never runs. */
  CU_ASSERT_EQUAL(tl_close(&idle_b->handle, free_on_close), 0);
}

static void idle_b_cb(tl_idle *idle) {
  (void)idle;
  idle_b_calls++;
}

static int prepare_calls;
static void prepare_close_self(tl_prepare *p) {
  prepare_calls++;
  rt_log("prepare");
  CU_ASSERT_EQUAL(tl_close(&p->handle, free_on_close), 0);
}

static tl_timer_id timeout_id, interval_id;
static tl_immediate_id immediate_id;
static int timeout_clear, interval_calls, immediate_clear;

static void timeout_clears_itself(tl_loop *loop, void *arg) {
  (void)arg;
  timeout_clear = tl_clear_timeout(loop, timeout_id); /* already fired */
}

static void interval_clears_itself(tl_loop *loop, void *arg) {
  (void)arg;
  if (++interval_calls == 3) CU_ASSERT_EQUAL(tl_clear_interval(loop, interval_id), 0);
}

static void immediate_clears_itself(tl_loop *loop, void *arg) {
  (void)arg;
  immediate_clear = tl_clear_immediate(loop, immediate_id);
}

/* Idle, prepare, timers and immediates that stop or close themselves from
 * their own callback: called exactly as often as they should be, the close
 * callback once, after the callback returned; the loop then ends by
 * itself. */
static void test_callbacks_close_their_own_handle(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  closes = idle_a_calls = idle_b_calls = prepare_calls = interval_calls = 0;
  timeout_clear = immediate_clear = 1;
  tl_idle *a = malloc(sizeof *a);
  idle_b = malloc(sizeof *idle_b);
  tl_prepare *p = malloc(sizeof *p);
  tl_idle_init(loop, a);
  tl_idle_init(loop, idle_b);
  tl_prepare_init(loop, p);
  tl_idle_start(a, idle_a_cb);
  tl_idle_start(idle_b, idle_b_cb);
  tl_prepare_start(p, prepare_close_self);
  CU_ASSERT_EQUAL(tl_set_timeout(loop, timeout_clears_itself, NULL, 1, &timeout_id), 0);
  CU_ASSERT_EQUAL(tl_set_interval(loop, interval_clears_itself, NULL, 1, &interval_id), 0);
  CU_ASSERT_EQUAL(tl_set_immediate(loop, immediate_clears_itself, NULL, &immediate_id), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(idle_a_calls, 1);
  CU_ASSERT_EQUAL(idle_b_calls, 0);
  CU_ASSERT_EQUAL(prepare_calls, 1);
  CU_ASSERT_EQUAL(closes, 3);
  /* One iteration: idle-a, then prepare, then the close phase. */
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "idle-a prepare closed closed closed");
  CU_ASSERT_EQUAL(timeout_clear, -ENOENT);
  CU_ASSERT_EQUAL(interval_calls, 3);
  CU_ASSERT_EQUAL(immediate_clear, -ENOENT);
  rt_close(loop);
}

static int tcp_reads;
static void read_then_close(tl_tcp *t, ssize_t n, const char *buf) {
  (void)buf;
  tcp_reads++;
  CU_ASSERT(n > 0); /* never called again: not with more data, not with EOF */
  rt_log("read");
  CU_ASSERT_EQUAL(tl_close(&t->handle, free_on_close), 0);
}

static int write_statuses[2], nwrite_statuses;
static void write_then_close(tl_tcp *t, int status, void *arg) {
  (void)arg;
  write_statuses[nwrite_statuses++] = status;
  rt_log("written");
  CU_ASSERT_EQUAL(tl_close(&t->handle, free_on_close), 0);
}

static void record_write(tl_tcp *t, int status, void *arg) {
  (void)t, (void)arg;
  write_statuses[nwrite_statuses++] = status;
  rt_log(status == -ECANCELED ? "cancelled" : "big-written");
}

/* A TCP read callback that closes its handle while more data and an EOF
 * wait; a write callback that closes its handle while a 4 MiB write is
 * still queued (that write is cancelled, its callback runs before the close
 * callback). */
static void test_tcp_callbacks_close_their_own_handle(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  closes = tcp_reads = nwrite_statuses = 0;
  int sv[2];
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp *reader = malloc(sizeof *reader);
  tl_tcp_init(loop, reader);
  CU_ASSERT_EQUAL(tl_tcp_open(reader, sv[0]), 0);
  CU_ASSERT_EQUAL(write(sv[1], "first", 5), 5);
  shutdown(sv[1], SHUT_WR); /* an EOF waits behind the data */
  CU_ASSERT_EQUAL(tl_tcp_read_start(reader, read_then_close), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(tcp_reads, 1);
  CU_ASSERT_EQUAL(closes, 1);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "read closed");
  char c;
  CU_ASSERT_EQUAL(read(sv[1], &c, 1), 0); /* the reader's descriptor was closed */
  close(sv[1]);

  rt_log_reset();
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp *writer = malloc(sizeof *writer);
  tl_tcp_init(loop, writer);
  CU_ASSERT_EQUAL(tl_tcp_open(writer, sv[0]), 0);
  size_t big = 4u << 20;
  char *blob = calloc(1, big);
  CU_ASSERT_EQUAL(tl_tcp_write(writer, "x", 1, write_then_close, NULL), 0);
  CU_ASSERT_EQUAL(tl_tcp_write(writer, blob, big, record_write, NULL), 0);
  free(blob); /* tl_tcp_write copied it */
  CU_ASSERT(tl_tcp_write_queue_size(writer) > 0); /* nobody reads sv[1] */
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(nwrite_statuses, 2);
  CU_ASSERT_EQUAL(write_statuses[0], 0);
  CU_ASSERT_EQUAL(write_statuses[1], -ECANCELED);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "written cancelled closed");
  close(sv[1]);
  rt_close(loop);
}

/* ---- handles closed twice ----------------------------------------------------- */

static int second_close;
static void close_again_in_close_cb(tl_handle *h) {
  second_close = tl_close(h, NULL);
  free_on_close(h);
}

static void on_conn_ignored(tl_tcp *server, int status) { (void)server, (void)status; }
static void idle_never(tl_idle *idle) {
  (void)idle;
  CU_FAIL("a closed idle handle ran");
}
static void on_req_ignored(tl_http_request *req, void *arg) {
  (void)arg;
  tl_http_respond(req, 200, NULL, "", 0);
}

/* Every handle type closed twice while closing, and again after its close
 * callback, and once from inside its own close callback: -EALREADY each
 * time, the close callback once. */
static void test_every_handle_closed_twice(void) {
  tl_loop *loop = rt_loop();
  closes = 0;
  second_close = 1;
  tl_idle *idle = malloc(sizeof *idle);
  tl_prepare *prep = malloc(sizeof *prep);
  tl_tcp *conn = malloc(sizeof *conn);
  tl_tcp *listener = malloc(sizeof *listener);
  tl_http_server *http = malloc(sizeof *http);
  tl_idle_init(loop, idle);
  tl_idle_start(idle, idle_never); /* closed before the loop runs */
  tl_prepare_init(loop, prep);
  int sv[2];
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp_init(loop, conn);
  CU_ASSERT_EQUAL(tl_tcp_open(conn, sv[0]), 0);
  tl_tcp_init(loop, listener);
  CU_ASSERT_EQUAL(tl_tcp_listen(listener, "127.0.0.1", 0, 0, on_conn_ignored), 0);
  tl_http_server_init(loop, http);
  tl_http_route(http, "GET", "/", on_req_ignored, NULL);
  CU_ASSERT_EQUAL(tl_http_listen(http, "127.0.0.1", 0), 0);

  tl_handle *all[] = {&idle->handle, &prep->handle, &conn->handle, &listener->handle,
                      &http->handle};
  enum { NALL = sizeof all / sizeof all[0] };
  for (int i = 0; i < NALL; i++) {
    CU_ASSERT_EQUAL(tl_close(all[i], i == 0 ? close_again_in_close_cb : free_on_close), 0);
    CU_ASSERT_EQUAL(tl_close(all[i], free_on_close), -EALREADY);
    CU_ASSERT_EQUAL(tl_close(all[i], NULL), -EALREADY);
  }
  CU_ASSERT_EQUAL(closes, 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(closes, NALL);
  CU_ASSERT_EQUAL(second_close, -EALREADY);
  close(sv[1]);
  rt_close(loop);

  /* After the close callback (the memory still valid, as the caller's). */
  loop = rt_loop();
  tl_idle kept;
  tl_idle_init(loop, &kept);
  CU_ASSERT_EQUAL(tl_close(&kept.handle, NULL), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(tl_close(&kept.handle, NULL), -EALREADY);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  rt_close(loop);
}

/* ---- helpers --------------------------------------------------------------------- */

typedef struct kind_count {
  const char *kind;
  int n;
} kind_count;

static void count_item(const tl_walk_item *item, void *arg) {
  kind_count *k = arg;
  if (strcmp(item->kind, k->kind) == 0) k->n++;
}

static int count_kind(tl_loop *loop, const char *kind) {
  kind_count k = {kind, 0};
  tl_walk(loop, count_item, &k);
  return k.n;
}

void register_fault_tests(void) {
  CU_pSuite s = CU_add_suite("faults", NULL, NULL);
  RT_ADD(s, test_pool_saturation);
  RT_ADD(s, test_work_that_fails);
  RT_ADD(s, test_callbacks_close_their_own_handle);
  RT_ADD(s, test_tcp_callbacks_close_their_own_handle);
  RT_ADD(s, test_every_handle_closed_twice);
}
