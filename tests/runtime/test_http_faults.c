/* test_http_faults.c: the HTTP server against clients that misbehave, over
 * loopback, with blocking clients on the worker pool (http_client.c):
 *
 *   - a client that disconnects mid-request (partial headers, partial body;
 *     closed or reset): the connection is freed, the server keeps serving
 *   - a client that disconnects while a handler holds its request (closed
 *     or reset): the connection closes at once, tl_http_respond returns
 *     -ECONNRESET; one that resets while a 4 MiB answer is being written
 *   - oversized requests under small limits: 413 (declared and chunked
 *     body), 431 (header section, URL, too many headers), each closed
 *   - a slowloris client (one byte every 50 ms) while another client makes
 *     20 requests: they are all answered before the slow one is complete
 *   - 1000 pipelined requests on one connection, some answered later:
 *     answered in order, then closed (Connection: close on the last)
 *
 * Every test ends by waiting until the server has no connection left by
 * itself (tl_walk), closing it, and closing the loop, which asserts that
 * nothing is left; ASan's LeakSanitizer checks that nothing leaked. ctest
 * runs this suite with TL_THREADPOOL_SIZE=2 (runtime_http_faults); the
 * slowloris test needs two client threads. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http_client.h"
#include "rt.h"

static tl_http_server server;
static int port;

/* ---- waiting on the loop for a condition --------------------------------------- */

#define WAIT_LIMIT_MS 5000.0

typedef struct waiter {
  int (*ready)(tl_loop *loop);
  void (*then)(tl_loop *loop);
  tl_timer_id timer;
  double deadline;
} waiter;

static waiter wait_for;
static int waits_timed_out; /* during the current test */

static void wait_tick(tl_loop *loop, void *arg) {
  (void)arg;
  int ok = wait_for.ready(loop);
  if (!ok && rt_ms() < wait_for.deadline) return;
  if (!ok) waits_timed_out++;
  tl_clear_interval(loop, wait_for.timer);
  wait_for.then(loop);
}

/* Polls `ready` every 2 ms; calls `then` once it holds, or after 5 s,
 * counting the time-out in waits_timed_out. One wait at a time. */
static void when(tl_loop *loop, int (*ready)(tl_loop *), void (*then)(tl_loop *)) {
  wait_for = (waiter){ready, then, 0, rt_ms() + WAIT_LIMIT_MS};
  tl_set_interval(loop, wait_tick, NULL, 2, &wait_for.timer);
}

/* Client threads wait for the loop the same way, with a sleep. */
static int client_wait(atomic_int *flag) {
  double deadline = rt_ms() + WAIT_LIMIT_MS;
  while (!atomic_load(flag)) {
    if (rt_ms() > deadline) return -1;
    struct timespec ts = {0, 1000000L};
    nanosleep(&ts, NULL);
  }
  return 0;
}

/* ---- connections the server holds ------------------------------------------------ */

static void count_conn(const tl_walk_item *item, void *arg) {
  if (strcmp(item->kind, "tcp") == 0 && strncmp(item->detail, "listening", 9) != 0) (*(int *)arg)++;
}

static int open_conns(tl_loop *loop) {
  int n = 0;
  tl_walk(loop, count_conn, &n);
  return n;
}

static int no_conns(tl_loop *loop) { return open_conns(loop) == 0; }

static int closed_all_by_itself;
static void close_server(tl_loop *loop) {
  closed_all_by_itself = open_conns(loop) == 0;
  tl_close(&server.handle, NULL);
}

/* A client is done: once the server dropped every connection on its own,
 * close it. */
static void client_done(tl_loop *loop, int status, void *arg) {
  (void)status, (void)arg;
  when(loop, no_conns, close_server);
}

/* ---- the server ------------------------------------------------------------------ */

static void on_hello(tl_http_request *req, void *arg) {
  (void)arg;
  tl_http_respond(req, 200, "text/plain", "hello", 5);
}

/* Echoes the query string: pipelined answers can be matched to requests. */
static void on_query(tl_http_request *req, void *arg) {
  (void)arg;
  const char *q = tl_http_query(req);
  tl_http_respond(req, 200, "text/plain", q, strlen(q));
}

static void answer_query(tl_loop *loop, void *arg) {
  (void)loop;
  on_query(arg, NULL);
}

/* The same, answered from the check phase, after the handler returned. */
static void on_query_later(tl_http_request *req, void *arg) {
  (void)arg;
  tl_set_immediate(tl_http_request_loop(req), answer_query, req, NULL);
}

static tl_http_request *held;
static atomic_int held_flag, answered_flag;
static int held_result;

/* Keeps the request; the test answers it. */
static void on_hold(tl_http_request *req, void *arg) {
  (void)arg;
  held = req;
  atomic_store(&held_flag, 1);
}

static char *big_body;
enum { BIG_BODY = 4 << 20 };
static int big_result;
static void on_big(tl_http_request *req, void *arg) {
  (void)arg;
  big_result = tl_http_respond(req, 200, "application/octet-stream", big_body, BIG_BODY);
}

static tl_loop *start_server(void) {
  tl_loop *loop = rt_loop();
  held = NULL;
  waits_timed_out = 0;
  held_result = 1;
  big_result = 1;
  closed_all_by_itself = 0;
  atomic_store(&held_flag, 0);
  atomic_store(&answered_flag, 0);
  CU_ASSERT_EQUAL(tl_http_server_init(loop, &server), 0);
  tl_http_route(&server, "GET", "/hello", on_hello, NULL);
  tl_http_route(&server, "POST", "/hello", on_hello, NULL);
  tl_http_route(&server, "GET", "/q", on_query, NULL);
  tl_http_route(&server, "GET", "/later", on_query_later, NULL);
  tl_http_route(&server, "GET", "/hold", on_hold, NULL);
  tl_http_route(&server, "GET", "/big", on_big, NULL);
  CU_ASSERT_EQUAL(tl_http_listen(&server, "127.0.0.1", 0), 0);
  port = tl_http_port(&server);
  CU_ASSERT_FATAL(port > 0);
  return loop;
}

static void finish(tl_loop *loop) {
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(waits_timed_out, 0);
  CU_ASSERT(closed_all_by_itself); /* every connection was freed without the server's close */
  rt_close(loop);
}

static atomic_int failures; /* client steps that failed, on any client thread */

#define STEP(x)                                                             \
  do {                                                                      \
    if ((x) != 0) {                                                         \
      atomic_fetch_add(&failures, 1);                                       \
      fprintf(stderr, "client step failed: %s (line %d)\n", #x, __LINE__); \
    }                                                                       \
  } while (0)

/* GET /hello on a new connection: the server still answers. */
static int still_serving(void) {
  static rt_conn c;
  rt_response r;
  int ok = rt_dial(&c, port) == 0 &&
           rt_send_str(&c, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n") == 0 &&
           rt_read_response(&c, &r) == 0 && r.status == 200 && strcmp(r.body, "hello") == 0;
  close(c.fd);
  return ok ? 0 : -1;
}

/* ---- a client that disconnects mid-request ---------------------------------------- */

static void mid_request_client(void *arg) {
  (void)arg;
  static rt_conn c;
  static const char *partial[] = {
      "GET /hello HTTP/1.1\r\nHost: t\r\nX-Partial: abc",                         /* headers */
      "POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789", /* body */
      "GET /hel",                                                                 /* request line */
  };
  for (int reset = 0; reset <= 1; reset++) {
    for (size_t i = 0; i < sizeof partial / sizeof partial[0]; i++) {
      STEP(rt_dial(&c, port));
      STEP(rt_send_str(&c, partial[i]));
      if (reset)
        rt_reset(&c);
      else
        close(c.fd);
    }
  }
  STEP(still_serving());
}

static void test_client_disconnects_mid_request(void) {
  tl_loop *loop = start_server();
  atomic_store(&failures, 0);
  tl_queue_work(loop, mid_request_client, client_done, NULL);
  finish(loop);
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
}

/* ---- a client that disconnects before its answer ----------------------------------- */

static int held_conn_gone(tl_loop *loop) { return held && open_conns(loop) == 0; }

static void answer_held(tl_loop *loop) {
  (void)loop;
  held_result = held ? tl_http_respond(held, 200, "text/plain", "too late", 8) : 1;
  held = NULL;
  atomic_store(&answered_flag, 1); /* the client goes on; client_done closes the server */
}

static void before_answer_client(void *arg) {
  int reset = *(int *)arg;
  static rt_conn c;
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /hold HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(client_wait(&held_flag)); /* the handler has it */
  if (reset)
    rt_reset(&c);
  else
    close(c.fd);
  STEP(client_wait(&answered_flag));
  STEP(still_serving());
}

static void run_before_answer(int reset) {
  tl_loop *loop = start_server();
  atomic_store(&failures, 0);
  tl_queue_work(loop, before_answer_client, client_done, &reset);
  /* Answer once the server dropped the connection by itself. */
  when(loop, held_conn_gone, answer_held);
  finish(loop);
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
  CU_ASSERT_EQUAL(held_result, -ECONNRESET);
}

static void test_client_closes_before_answer(void) { run_before_answer(0); }
static void test_client_resets_before_answer(void) { run_before_answer(1); }

static void big_answer_client(void *arg) {
  (void)arg;
  static rt_conn c;
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /big HTTP/1.1\r\nHost: t\r\n\r\n"));
  /* Read the head and a little of the body, then reset. */
  char buf[1024];
  STEP(recv(c.fd, buf, sizeof buf, 0) > 0 ? 0 : -1);
  rt_reset(&c);
  STEP(still_serving());
}

/* The answer was handed over (tl_http_respond returned 0) but most of it
 * was still queued when the client reset: the write fails, the connection
 * closes, its 4 MiB are freed. */
static void test_client_resets_during_big_answer(void) {
  tl_loop *loop = start_server();
  atomic_store(&failures, 0);
  big_body = calloc(1, BIG_BODY);
  tl_queue_work(loop, big_answer_client, client_done, NULL);
  finish(loop);
  free(big_body);
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
  CU_ASSERT_EQUAL(big_result, 0);
}

/* ---- oversized requests ---------------------------------------------------------------- */

enum { MAX_HEADER = 1024, MAX_BODY = 4096 };

static struct {
  rt_response r[6];
  int closed[6];
} over;

/* Sends `req` (ignoring a send failure: the server may close first), reads
 * the answer, checks that the server closed. */
static void send_oversized(int i, const char *req, size_t len) {
  static rt_conn c;
  STEP(rt_dial(&c, port));
  rt_send_all(&c, req, len);
  STEP(rt_read_response(&c, &over.r[i]));
  over.closed[i] = rt_closed_by_server(&c);
  close(c.fd);
}

static void oversized_client(void *arg) {
  (void)arg;
  static char req[16384];
  int n;
  /* 0: a declared body over the limit */
  n = snprintf(req, sizeof req, "POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n",
               MAX_BODY + 1);
  send_oversized(0, req, (size_t)n);
  /* 1: a chunked body that crosses it */
  n = snprintf(req, sizeof req,
               "POST /hello HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (int k = 0; k < 5; k++) {
    n += snprintf(req + n, sizeof req - (size_t)n, "3e8\r\n");
    memset(req + n, 'b', 1000);
    n += 1000;
    n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
  }
  n += snprintf(req + n, sizeof req - (size_t)n, "0\r\n\r\n");
  send_oversized(1, req, (size_t)n);
  /* 2: one header over the limit */
  n = snprintf(req, sizeof req, "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: ");
  memset(req + n, 'h', 2000);
  n += 2000;
  n += snprintf(req + n, sizeof req - (size_t)n, "\r\n\r\n");
  send_oversized(2, req, (size_t)n);
  /* 3: a URL over the limit */
  n = snprintf(req, sizeof req, "GET /hello?");
  memset(req + n, 'u', 2000);
  n += 2000;
  n += snprintf(req + n, sizeof req - (size_t)n, " HTTP/1.1\r\nHost: t\r\n\r\n");
  send_oversized(3, req, (size_t)n);
  /* 4: more headers than the server keeps (64), each small */
  n = snprintf(req, sizeof req, "GET /hello HTTP/1.1\r\n");
  for (int k = 0; k < 70; k++) n += snprintf(req + n, sizeof req - (size_t)n, "h%d:v\r\n", k);
  n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
  send_oversized(4, req, (size_t)n);
  /* 5: within the limits: answered */
  n = snprintf(req, sizeof req, "POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n"
                                "Connection: close\r\n\r\n", MAX_BODY);
  memset(req + n, 'b', MAX_BODY);
  send_oversized(5, req, (size_t)n + MAX_BODY);
}

static void test_oversized_requests(void) {
  tl_loop *loop = start_server();
  tl_http_set_limits(&server, MAX_HEADER, MAX_BODY);
  atomic_store(&failures, 0);
  memset(&over, 0, sizeof over);
  tl_queue_work(loop, oversized_client, client_done, NULL);
  finish(loop);
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
  static const int want[6] = {413, 413, 431, 431, 431, 200};
  for (int i = 0; i < 6; i++) {
    CU_ASSERT_EQUAL(over.r[i].status, want[i]);
    CU_ASSERT_STRING_EQUAL(over.r[i].connection, "close");
    CU_ASSERT(over.closed[i]);
  }
}

/* ---- slowloris --------------------------------------------------------------------------- */

static const char slow_request[] = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n";
static atomic_int slow_started, slow_bytes;
static rt_response slow_response;
static int fast_ok, fast_while_slow;
static double fast_worst_ms;
static int clients_left;

static void slow_client(void *arg) {
  (void)arg;
  static rt_conn c;
  STEP(rt_dial(&c, port));
  for (size_t i = 0; i < sizeof slow_request - 1; i++) {
    STEP(rt_send_all(&c, slow_request + i, 1));
    atomic_store(&slow_bytes, (int)i + 1);
    atomic_store(&slow_started, 1);
    struct timespec ts = {0, 50 * 1000000L}; /* one byte per 50 ms */
    nanosleep(&ts, NULL);
  }
  STEP(rt_read_response(&c, &slow_response));
  close(c.fd);
}

static void fast_client(void *arg) {
  (void)arg;
  STEP(client_wait(&slow_started));
  fast_ok = 0;
  fast_worst_ms = 0;
  for (int i = 0; i < 20; i++) {
    double t0 = rt_ms();
    if (still_serving() == 0) fast_ok++;
    double ms = rt_ms() - t0;
    if (ms > fast_worst_ms) fast_worst_ms = ms;
  }
  /* Done before the slow request was even complete. */
  fast_while_slow = atomic_load(&slow_bytes) < (int)sizeof slow_request - 1;
}

static void slowloris_done(tl_loop *loop, int status, void *arg) {
  if (--clients_left == 0) client_done(loop, status, arg);
}

/* A client that sends its request one byte every 50 ms (1.6 s in all)
 * holds one connection and nothing else: 20 requests of another client are
 * answered meanwhile, each in a small fraction of the slow one's time. */
static void test_slowloris(void) {
  CU_ASSERT_FATAL(tl_threadpool_size() >= 2); /* two clients at once */
  tl_loop *loop = start_server();
  atomic_store(&failures, 0);
  fast_while_slow = 0;
  atomic_store(&slow_started, 0);
  atomic_store(&slow_bytes, 0);
  memset(&slow_response, 0, sizeof slow_response);
  clients_left = 2;
  tl_queue_work(loop, slow_client, slowloris_done, NULL);
  tl_queue_work(loop, fast_client, slowloris_done, NULL);
  double t0 = rt_ms();
  finish(loop);
  double slow_ms = rt_ms() - t0;
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
  CU_ASSERT_EQUAL(fast_ok, 20);
  CU_ASSERT(fast_while_slow);
  /* Generous: the slow request alone takes 1.6 s; each fast one well under
   * a third of it. */
  CU_ASSERT(fast_worst_ms < slow_ms / 3);
  CU_ASSERT_EQUAL(slow_response.status, 200);
  CU_ASSERT_STRING_EQUAL(slow_response.body, "hello");
}

/* ---- 1000 pipelined requests ------------------------------------------------------------ */

enum { PIPELINED = 1000 };
static int pipelined_ok, pipelined_closed;

static void pipelining_client(void *arg) {
  (void)arg;
  static rt_conn c;
  static char reqs[PIPELINED * 80];
  size_t n = 0;
  for (int i = 0; i < PIPELINED; i++)
    n += (size_t)snprintf(reqs + n, sizeof reqs - n, "GET /%s?%d HTTP/1.1\r\nHost: t\r\n%s\r\n",
                          i % 10 == 9 ? "later" : "q", i,
                          i == PIPELINED - 1 ? "Connection: close\r\n" : "");
  STEP(rt_dial(&c, port));
  STEP(rt_send_all(&c, reqs, n)); /* all at once, before reading anything */
  pipelined_ok = 0;
  for (int i = 0; i < PIPELINED; i++) {
    rt_response r;
    char want[16];
    snprintf(want, sizeof want, "%d", i);
    if (rt_read_response(&c, &r) != 0) break;
    if (r.status == 200 && strcmp(r.body, want) == 0 &&
        strcmp(r.connection, i == PIPELINED - 1 ? "close" : "keep-alive") == 0)
      pipelined_ok++;
  }
  pipelined_closed = rt_closed_by_server(&c);
  close(c.fd);
}

static void test_pipelined_requests(void) {
  tl_loop *loop = start_server();
  atomic_store(&failures, 0);
  pipelined_closed = 0;
  tl_queue_work(loop, pipelining_client, client_done, NULL);
  finish(loop);
  CU_ASSERT_EQUAL(atomic_load(&failures), 0);
  CU_ASSERT_EQUAL(pipelined_ok, PIPELINED);
  CU_ASSERT(pipelined_closed);
}

void register_http_fault_tests(void) {
  CU_pSuite s = CU_add_suite("http_faults", NULL, NULL);
  RT_ADD(s, test_client_disconnects_mid_request);
  RT_ADD(s, test_client_closes_before_answer);
  RT_ADD(s, test_client_resets_before_answer);
  RT_ADD(s, test_client_resets_during_big_answer);
  RT_ADD(s, test_oversized_requests);
  RT_ADD(s, test_slowloris);
  RT_ADD(s, test_pipelined_requests);
}
