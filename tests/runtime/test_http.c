/* test_http.c: the HTTP/1.1 server over loopback, with a blocking client on
 * the worker pool: routes, keep-alive (several requests on one connection,
 * pipelined ones too), an answer given later from another callback,
 * 404/405, 413 for an oversized body, 431 for oversized headers, 400 for a
 * malformed request (each closing the connection), Connection: close, a
 * handler's invalid answer (500), and a request orphaned by closing the
 * server. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http_client.h"
#include "rt.h"

static tl_http_server server;
static int port;

/* ---- the server ------------------------------------------------------------ */

static void on_hello(tl_http_request *req, void *arg) {
  (void)arg;
  tl_http_respond(req, 200, "text/plain", "hello", 5);
}

static void on_echo(tl_http_request *req, void *arg) {
  (void)arg;
  size_t len;
  const char *body = tl_http_body(req, &len);
  const char *ct = tl_http_header(req, "content-type"); /* case-insensitive */
  tl_http_respond(req, 200, ct ? ct : "application/octet-stream", body, len);
}

static void on_query(tl_http_request *req, void *arg) {
  (void)arg;
  char text[256];
  snprintf(text, sizeof text, "%s %s|%s", tl_http_method(req), tl_http_path(req),
           tl_http_query(req));
  tl_http_respond(req, 200, "text/plain", text, strlen(text));
}

static void answer_later(tl_loop *loop, void *arg) {
  (void)loop;
  tl_http_respond(arg, 202, "text/plain", "later", 5);
}

static void on_later(tl_http_request *req, void *arg) {
  (void)arg;
  tl_set_timeout(tl_http_request_loop(req), answer_later, req, 20, NULL);
}

static int bad_result = 1;
static void on_bad(tl_http_request *req, void *arg) {
  (void)arg;
  bad_result = tl_http_respond(req, 200, "text/plain\r\nX-Injected: 1", "x", 1);
}

static int orphan_result = 1;
static void answer_orphan(tl_loop *loop, void *arg) {
  (void)loop;
  orphan_result = tl_http_respond(arg, 200, "text/plain", "too late", 8);
}

static void on_orphan(tl_http_request *req, void *arg) {
  (void)arg;
  /* Close the server (and this request's connection) while we hold req. */
  tl_close(&server.handle, NULL);
  tl_set_immediate(tl_http_request_loop(req), answer_orphan, req, NULL);
}

/* ---- the client: blocking sockets (http_client.c), run on a pool thread ---------- */

typedef struct results {
  rt_response hello, echo, query, pipelined[3], missing, wrong_method;
  int keepalive_same_socket;
  rt_response too_big;
  int too_big_closed;
  rt_response big_headers;
  int big_headers_closed;
  rt_response garbage;
  int garbage_closed;
  rt_response conn_close;
  int conn_close_closed;
  rt_response bad;
  int bad_closed;
  int orphan_closed_without_answer;
  int failures;
} results;

static results res;

#define STEP(x)            \
  do {                     \
    if ((x) != 0) {        \
      res.failures++;      \
      fprintf(stderr, "client step failed: %s (line %d)\n", #x, __LINE__); \
    }                      \
  } while (0)

static void client(void *arg) {
  (void)arg;
  static rt_conn c;
  /* One keep-alive connection, several requests. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(rt_read_response(&c, &res.hello));
  STEP(rt_send_str(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: text/x-test\r\n"
                    "Content-Length: 11\r\n\r\nhello body!"));
  STEP(rt_read_response(&c, &res.echo));
  STEP(rt_send_str(&c, "GET /query?a=1&b=2 HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(rt_read_response(&c, &res.query));
  /* Three pipelined requests in one write; the middle one answers later. */
  STEP(rt_send_str(&c, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
                    "GET /later HTTP/1.1\r\nHost: t\r\n\r\n"
                    "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"));
  for (int i = 0; i < 3; i++) STEP(rt_read_response(&c, &res.pipelined[i]));
  STEP(rt_send_str(&c, "GET /missing HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(rt_read_response(&c, &res.missing));
  STEP(rt_send_str(&c, "DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(rt_read_response(&c, &res.wrong_method));
  res.keepalive_same_socket = res.failures == 0;
  close(c.fd);

  /* A declared body over the limit: 413 before the body is read, closed. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n"));
  static char chunk[32768];
  memset(chunk, 'z', sizeof chunk);
  rt_send_all(&c, chunk, sizeof chunk); /* the server may already be closing */
  STEP(rt_read_response(&c, &res.too_big));
  res.too_big_closed = rt_closed_by_server(&c);
  close(c.fd);

  /* Header section over the limit (16 KiB): 431, closed. */
  STEP(rt_dial(&c, port));
  static char big[20000 + 128];
  int n = snprintf(big, sizeof big, "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: ");
  memset(big + n, 'h', 20000);
  strcpy(big + n + 20000, "\r\n\r\n");
  STEP(rt_send_str(&c, big));
  STEP(rt_read_response(&c, &res.big_headers));
  res.big_headers_closed = rt_closed_by_server(&c);
  close(c.fd);

  /* Not HTTP: 400, closed. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "HELLO THERE\r\n\r\n"));
  STEP(rt_read_response(&c, &res.garbage));
  res.garbage_closed = rt_closed_by_server(&c);
  close(c.fd);

  /* Connection: close is honoured. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  STEP(rt_read_response(&c, &res.conn_close));
  res.conn_close_closed = rt_closed_by_server(&c);
  close(c.fd);

  /* A handler's invalid answer: 500, closed, no injected header. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /bad HTTP/1.1\r\nHost: t\r\n\r\n"));
  STEP(rt_read_response(&c, &res.bad));
  res.bad_closed = rt_closed_by_server(&c);
  close(c.fd);

  /* The server closes while a handler holds the request. */
  STEP(rt_dial(&c, port));
  STEP(rt_send_str(&c, "GET /orphan HTTP/1.1\r\nHost: t\r\n\r\n"));
  res.orphan_closed_without_answer = rt_closed_by_server(&c);
  close(c.fd);
}

static void client_done(tl_loop *loop, int status, void *arg) {
  (void)loop, (void)status, (void)arg;
  tl_close(&server.handle, NULL); /* already closing: -EALREADY, harmless */
}

static void test_http_round_trips(void) {
  tl_loop *loop = rt_loop();
  memset(&res, 0, sizeof res);
  orphan_result = 1;
  bad_result = 1;
  CU_ASSERT_EQUAL(tl_http_server_init(loop, &server), 0);
  tl_http_route(&server, "GET", "/hello", on_hello, NULL);
  tl_http_route(&server, "POST", "/echo", on_echo, NULL);
  tl_http_route(&server, "GET", "/query", on_query, NULL);
  tl_http_route(&server, "GET", "/later", on_later, NULL);
  tl_http_route(&server, "GET", "/orphan", on_orphan, NULL);
  tl_http_route(&server, "GET", "/bad", on_bad, NULL);
  CU_ASSERT_EQUAL(tl_http_listen(&server, "127.0.0.1", 0), 0);
  port = tl_http_port(&server);
  CU_ASSERT_FATAL(port > 0);
  tl_queue_work(loop, client, client_done, NULL);
  CU_ASSERT_EQUAL(tl_run(loop), 0);

  CU_ASSERT_EQUAL(res.failures, 0);
  CU_ASSERT_EQUAL(res.hello.status, 200);
  CU_ASSERT_STRING_EQUAL(res.hello.body, "hello");
  CU_ASSERT_STRING_EQUAL(res.hello.connection, "keep-alive");
  CU_ASSERT_EQUAL(res.echo.status, 200);
  CU_ASSERT_STRING_EQUAL(res.echo.body, "hello body!");
  CU_ASSERT_STRING_EQUAL(res.echo.content_type, "text/x-test");
  CU_ASSERT_STRING_EQUAL(res.query.body, "GET /query|a=1&b=2");
  CU_ASSERT_STRING_EQUAL(res.pipelined[0].body, "hello");
  CU_ASSERT_EQUAL(res.pipelined[1].status, 202);
  CU_ASSERT_STRING_EQUAL(res.pipelined[1].body, "later");
  CU_ASSERT_STRING_EQUAL(res.pipelined[2].body, "abc");
  CU_ASSERT_EQUAL(res.missing.status, 404);
  CU_ASSERT_EQUAL(res.wrong_method.status, 405);
  CU_ASSERT(res.keepalive_same_socket);

  CU_ASSERT_EQUAL(res.too_big.status, 413);
  CU_ASSERT_STRING_EQUAL(res.too_big.connection, "close");
  CU_ASSERT(res.too_big_closed);
  CU_ASSERT_EQUAL(res.big_headers.status, 431);
  CU_ASSERT(res.big_headers_closed);
  CU_ASSERT_EQUAL(res.garbage.status, 400);
  CU_ASSERT_STRING_EQUAL(res.garbage.connection, "close");
  CU_ASSERT(res.garbage_closed);
  CU_ASSERT_EQUAL(res.conn_close.status, 200);
  CU_ASSERT_STRING_EQUAL(res.conn_close.connection, "close");
  CU_ASSERT(res.conn_close_closed);

  CU_ASSERT_EQUAL(bad_result, -EINVAL);
  CU_ASSERT_EQUAL(res.bad.status, 500);
  CU_ASSERT_STRING_EQUAL(res.bad.content_type, "text/plain");
  CU_ASSERT(res.bad_closed);

  CU_ASSERT(res.orphan_closed_without_answer);
  CU_ASSERT_EQUAL(orphan_result, -ECONNRESET);
  rt_close(loop); /* every connection and the server were closed */
}

static void test_route_arguments(void) {
  tl_loop *loop = rt_loop();
  tl_http_server s;
  tl_http_server_init(loop, &s);
  CU_ASSERT_EQUAL(tl_http_route(&s, NULL, "/", on_hello, NULL), -EINVAL);
  CU_ASSERT_EQUAL(tl_http_route(&s, "GET", "/", NULL, NULL), -EINVAL);
  CU_ASSERT_EQUAL(tl_http_route(&s, "GET", "/", on_hello, NULL), 0);
  CU_ASSERT_EQUAL(tl_http_listen(&s, "bogus", 0), -EINVAL);
  CU_ASSERT_EQUAL(tl_close(&s.handle, NULL), 0);
  CU_ASSERT_EQUAL(tl_close(&s.handle, NULL), -EALREADY);
  tl_run(loop);
  rt_close(loop);
}

void register_http_tests(void) {
  CU_pSuite s = CU_add_suite("http", NULL, NULL);
  RT_ADD(s, test_http_round_trips);
  RT_ADD(s, test_route_arguments);
}
