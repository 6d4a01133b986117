/* test_tcp.c: stream handles: a large write that the kernel takes in pieces
 * (EAGAIN, EPOLLOUT), EOF, write errors and cancellation, and listen/accept
 * over loopback with a blocking client on the worker pool. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rt.h"

#define BIG (4 * 1024 * 1024)

static tl_tcp ta, tb;
static char *sent;
static size_t received;
static int content_ok, got_eof, write_status, write_calls;

static void on_big_written(tl_tcp *t, int status, void *arg) {
  (void)arg;
  write_status = status;
  write_calls++;
  CU_ASSERT_EQUAL(tl_tcp_write_queue_size(t), 0);
  tl_close(&t->handle, NULL); /* b then sees EOF */
}

static void on_big_read(tl_tcp *t, ssize_t n, const char *buf) {
  if (n == TL_EOF) {
    got_eof = 1;
    tl_close(&t->handle, NULL);
    return;
  }
  CU_ASSERT_FATAL(n > 0);
  if (received + (size_t)n > BIG || memcmp(sent + received, buf, (size_t)n) != 0) content_ok = 0;
  received += (size_t)n;
}

static void open_pair(tl_loop *loop) {
  int sv[2];
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp_init(loop, &ta);
  tl_tcp_init(loop, &tb);
  CU_ASSERT_EQUAL(tl_tcp_open(&ta, sv[0]), 0);
  CU_ASSERT_EQUAL(tl_tcp_open(&tb, sv[1]), 0);
}

static void test_large_write_and_eof(void) {
  tl_loop *loop = rt_loop();
  open_pair(loop);
  sent = malloc(BIG);
  for (size_t i = 0; i < BIG; i++) sent[i] = (char)(i * 7 % 251);
  received = 0;
  content_ok = 1;
  got_eof = 0;
  write_calls = 0;
  write_status = 1;
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, sent, BIG, on_big_written, NULL), 0);
  CU_ASSERT(tl_tcp_write_queue_size(&ta) > 0); /* the kernel did not take 4 MiB at once */
  CU_ASSERT_EQUAL(tl_tcp_read_start(&tb, on_big_read), 0);
  tl_run(loop);
  CU_ASSERT_EQUAL(write_calls, 1);
  CU_ASSERT_EQUAL(write_status, 0);
  CU_ASSERT_EQUAL(received, BIG);
  CU_ASSERT(content_ok);
  CU_ASSERT(got_eof);
  free(sent);
  rt_close(loop);
}

static int statuses[4], nstatuses;
static void record_status(tl_tcp *t, int status, void *arg) {
  (void)t, (void)arg;
  if (nstatuses < 4) statuses[nstatuses++] = status;
}

static void test_write_errors(void) {
  tl_loop *loop = rt_loop();
  open_pair(loop);
  nstatuses = 0;
  /* The peer is gone: the write fails with EPIPE, reported in its callback. */
  tl_close(&tb.handle, NULL);
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, "x", 1, record_status, NULL), 0);
  tl_run(loop);
  CU_ASSERT_EQUAL(nstatuses, 1);
  CU_ASSERT_EQUAL(statuses[0], -EPIPE);
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, "x", 1, record_status, NULL), -EPIPE); /* sticky */
  tl_close(&ta.handle, NULL);
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, "x", 1, record_status, NULL), -EBADF);
  tl_run(loop);

  /* Unwritten data is cancelled by tl_close, in the close phase. */
  open_pair(loop);
  nstatuses = 0;
  char *blob = calloc(1, BIG);
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, blob, BIG, record_status, NULL), 0);
  CU_ASSERT_EQUAL(tl_tcp_write(&ta, "y", 1, record_status, NULL), 0);
  tl_close(&ta.handle, NULL);
  tl_close(&tb.handle, NULL);
  tl_run(loop);
  CU_ASSERT_EQUAL(nstatuses, 2);
  CU_ASSERT_EQUAL(statuses[0], -ECANCELED);
  CU_ASSERT_EQUAL(statuses[1], -ECANCELED);
  free(blob);
  rt_close(loop);
}

/* ---- listen, accept, echo --------------------------------------------------- */

static tl_tcp server, conn;
static int port, accepted;
static char echoed[64];

static void on_conn_written(tl_tcp *t, int status, void *arg) {
  (void)arg;
  CU_ASSERT_EQUAL(status, 0);
  tl_close(&t->handle, NULL);
}

static void on_conn_read(tl_tcp *t, ssize_t n, const char *buf) {
  if (n > 0) tl_tcp_write(t, buf, (size_t)n, on_conn_written, NULL);
}

static void on_conn(tl_tcp *s, int status) {
  CU_ASSERT_EQUAL(status, 0);
  if (accepted++ > 0) return; /* the second connection is not accepted: dropped */
  tl_tcp_init(s->handle.loop, &conn);
  CU_ASSERT_EQUAL(tl_tcp_accept(s, &conn), 0);
  CU_ASSERT_EQUAL(tl_tcp_accept(s, &conn), -EAGAIN);
  tl_tcp_read_start(&conn, on_conn_read);
}

static int connect_loopback(int p) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static ssize_t dropped_read;

static void client(void *arg) {
  (void)arg;
  int fd = connect_loopback(port);
  if (fd < 0) return;
  if (write(fd, "ping", 4) == 4) {
    ssize_t n = read(fd, echoed, sizeof echoed - 1);
    if (n > 0) echoed[n] = '\0';
  }
  close(fd);
  /* A second connection, which the server does not accept: closed at once. */
  fd = connect_loopback(port);
  if (fd < 0) return;
  char c;
  dropped_read = read(fd, &c, 1);
  close(fd);
}

static void client_done(tl_loop *l, int status, void *arg) {
  (void)l, (void)status, (void)arg;
  tl_close(&server.handle, NULL);
}

static void test_listen_accept_echo(void) {
  tl_loop *loop = rt_loop();
  tl_tcp_init(loop, &server);
  CU_ASSERT_EQUAL(tl_tcp_listen(&server, "127.0.0.1", 0, 0, on_conn), 0);
  CU_ASSERT_EQUAL(tl_tcp_listen(&server, "127.0.0.1", 0, 0, on_conn), -EBUSY);
  port = tl_tcp_port(&server);
  CU_ASSERT(port > 0);
  accepted = 0;
  dropped_read = 1;
  memset(echoed, 0, sizeof echoed);
  tl_queue_work(loop, client, client_done, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(echoed, "ping");
  CU_ASSERT_EQUAL(accepted, 2);
  CU_ASSERT_EQUAL(dropped_read, 0); /* EOF */
  tl_tcp probe;
  tl_tcp_init(loop, &probe);
  CU_ASSERT_EQUAL(tl_tcp_listen(&probe, "not an address", 0, 0, on_conn), -EINVAL);
  CU_ASSERT_EQUAL(tl_tcp_listen(&probe, "::1", 70000, 0, on_conn), -EINVAL);
  CU_ASSERT_EQUAL(tl_tcp_read_start(&probe, on_conn_read), -ENOTCONN);
  tl_close(&probe.handle, NULL);
  tl_run(loop);
  rt_close(loop);
}

void register_tcp_tests(void) {
  CU_pSuite s = CU_add_suite("tcp", NULL, NULL);
  RT_ADD(s, test_large_write_and_eof);
  RT_ADD(s, test_write_errors);
  RT_ADD(s, test_listen_accept_echo);
}
