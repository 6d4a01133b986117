/* tcp.c: TCP on non-blocking sockets: listen, accept, read, write, close.
 *
 * Reads go through one buffer per loop (the callback must copy what it
 * keeps). Writes are copied into requests and written in order, as far as
 * the kernel takes them; the rest waits for EPOLLOUT. Every write callback
 * runs in the pending-callbacks phase (or in the close phase with
 * -ECANCELED), never inside tl_tcp_write.
 *
 * A paused handle (tl__tcp_read_pause, for the HTTP server while a handler
 * holds a request) reads nothing but watches EPOLLRDHUP, so that a client
 * that hangs up is noticed before its answer is written.
 *
 * Invariants:
 *   - write_queue_size is the number of unwritten bytes in write_queue.
 *   - The handle is ACTIVE while listening, reading, or with unwritten data.
 *   - EPOLLOUT is registered exactly while write_queue is non-empty.
 *   - EPOLLRDHUP is registered exactly while hangup_cb is set, and then
 *     EPOLLIN is not (reading and pausing exclude each other). */
#define _GNU_SOURCE /* dladdr, accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_BACKLOG 511
#define ACCEPTS_PER_EVENT 64 /* bounds the time one listener holds the loop */

typedef struct write_req {
  tl_queue node;
  tl_write_cb cb;
  void *arg;
  size_t len, off;
  int status;
  char data[];
} write_req;

static void tcp_io(tl_loop *loop, tl_io *io, unsigned revents);
static void tcp_pending(tl_loop *loop, tl_pending *p);

int tl_tcp_init(tl_loop *loop, tl_tcp *t) {
  tl__handle_init(loop, &t->handle, TL_HANDLE_TCP);
  tl__io_init(&t->io, -1, tcp_io);
  t->connection_cb = NULL;
  t->read_cb = NULL;
  tl__queue_init(&t->write_queue);
  tl__queue_init(&t->write_done);
  t->write_queue_size = 0;
  tl__pending_init(&t->pending, tcp_pending);
  t->hangup_cb = NULL;
  t->accepted_fd = -1;
  t->error = 0;
  return 0;
}

static void update_active(tl_tcp *t) {
  if (t->handle.flags & TL__CLOSING) return;
  if ((t->handle.flags & (TL__LISTENING | TL__READING)) || !tl__queue_empty(&t->write_queue))
    tl__handle_start(&t->handle);
  else
    tl__handle_stop(&t->handle);
}

int tl_tcp_open(tl_tcp *t, int fd) {
  if (t->handle.flags & TL__CLOSING) return -EINVAL;
  if (t->io.fd != -1) return -EBUSY;
  if (fd < 0) return -EBADF;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) return -errno;
  if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) return -errno;
  t->io.fd = fd;
  return 0;
}

/* Numeric addresses only: no resolver call can block the loop here. */
static int parse_addr(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len) {
  if (port < 0 || port > 65535) return -EINVAL;
  if (!host) host = "0.0.0.0";
  memset(ss, 0, sizeof *ss);
  struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *len = sizeof *v4;
    return 0;
  }
  if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    *len = sizeof *v6;
    return 0;
  }
  return -EINVAL;
}

int tl_tcp_listen(tl_tcp *t, const char *host, int port, int backlog, tl_connection_cb cb) {
  if (!cb || (t->handle.flags & TL__CLOSING)) return -EINVAL;
  if (t->io.fd != -1) return -EBUSY;
  struct sockaddr_storage ss;
  socklen_t sslen;
  int r = parse_addr(host, port, &ss, &sslen);
  if (r != 0) return r;
  int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int on = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      bind(fd, (struct sockaddr *)&ss, sslen) != 0 ||
      listen(fd, backlog > 0 ? backlog : DEFAULT_BACKLOG) != 0) {
    r = -errno;
    close(fd);
    return r;
  }
  t->io.fd = fd;
  r = tl__io_start(t->handle.loop, &t->io, EPOLLIN);
  if (r != 0) {
    close(fd);
    t->io.fd = -1;
    return r;
  }
  t->connection_cb = cb;
  t->handle.flags |= TL__LISTENING;
  update_active(t);
  return 0;
}

int tl_tcp_port(const tl_tcp *t) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (t->io.fd < 0) return -EBADF;
  if (getsockname(t->io.fd, (struct sockaddr *)&ss, &len) != 0) return -errno;
  if (ss.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&ss)->sin_port);
  if (ss.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
  return -EAFNOSUPPORT;
}

static void do_accept(tl_tcp *t) {
  tl_loop *loop = t->handle.loop;
  for (int i = 0; i < ACCEPTS_PER_EVENT && !(t->handle.flags & TL__CLOSING); i++) {
    int fd = accept4(t->io.fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      /* EMFILE and the like: tell the owner (the socket stays readable, so
       * this repeats until a descriptor is free). */
      int status = -errno;
      tl__cb_enter(loop, TL__FN(t->connection_cb), "tcp connection");
      t->connection_cb(t, status);
      tl__cb_leave(loop);
      return;
    }
    t->accepted_fd = fd;
    tl__cb_enter(loop, TL__FN(t->connection_cb), "tcp connection");
    t->connection_cb(t, 0);
    tl__cb_leave(loop);
    if (t->accepted_fd >= 0) { /* not accepted: dropped */
      close(t->accepted_fd);
      t->accepted_fd = -1;
    }
  }
}

int tl_tcp_accept(tl_tcp *server, tl_tcp *client) {
  if (!(server->handle.flags & TL__LISTENING)) return -EINVAL;
  if (server->accepted_fd < 0) return -EAGAIN;
  if (client->handle.flags & TL__CLOSING) return -EINVAL;
  if (client->io.fd != -1) return -EBUSY;
  client->io.fd = server->accepted_fd;
  server->accepted_fd = -1;
  int on = 1; /* small responses go out at once, as in Node */
  setsockopt(client->io.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return 0;
}

int tl_tcp_read_start(tl_tcp *t, tl_read_cb cb) {
  if (!cb || (t->handle.flags & (TL__CLOSING | TL__LISTENING))) return -EINVAL;
  if (t->io.fd < 0) return -ENOTCONN;
  t->read_cb = cb;
  if (t->handle.flags & TL__READING) return 0;
  /* One epoll_ctl, also when a pause (EPOLLRDHUP) ends here. */
  int r = tl__io_set(t->handle.loop, &t->io, (t->io.events & ~(unsigned)EPOLLRDHUP) | EPOLLIN);
  if (r != 0) return r;
  t->hangup_cb = NULL;
  t->handle.flags |= TL__READING;
  update_active(t);
  return 0;
}

int tl_tcp_read_stop(tl_tcp *t) {
  if (!(t->handle.flags & TL__READING) && !t->hangup_cb) return 0;
  t->handle.flags &= ~TL__READING;
  t->hangup_cb = NULL;
  tl__io_stop(t->handle.loop, &t->io, EPOLLIN | EPOLLRDHUP);
  update_active(t);
  return 0;
}

int tl__tcp_read_pause(tl_tcp *t, void (*hangup)(tl_tcp *, int)) {
  if (!hangup || (t->handle.flags & (TL__CLOSING | TL__LISTENING))) return -EINVAL;
  if (t->io.fd < 0) return -ENOTCONN;
  int r = tl__io_set(t->handle.loop, &t->io, (t->io.events & ~(unsigned)EPOLLIN) | EPOLLRDHUP);
  if (r != 0) return r;
  t->hangup_cb = hangup;
  t->handle.flags &= ~TL__READING;
  update_active(t);
  return 0;
}

/* The peer of a paused handle hung up: a reset leaves its errno in
 * SO_ERROR; otherwise it closed its side. Reported once. */
static void do_hangup(tl_tcp *t) {
  tl_loop *loop = t->handle.loop;
  void (*cb)(tl_tcp *, int) = t->hangup_cb;
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(t->io.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  tl_tcp_read_stop(t);
  tl__cb_enter(loop, TL__FN(cb), "tcp hangup");
  cb(t, err ? -err : TL_EOF);
  tl__cb_leave(loop);
}

static void call_read_cb(tl_tcp *t, ssize_t nread, const char *buf) {
  tl_loop *loop = t->handle.loop;
  tl__cb_enter(loop, TL__FN(t->read_cb), "tcp read");
  t->read_cb(t, nread, buf);
  tl__cb_leave(loop);
}

/* Every descriptor a tl_tcp holds is non-blocking (SOCK_NONBLOCK, or
 * O_NONBLOCK set by tl_tcp_open): read_some and send_some return EAGAIN
 * instead of waiting, which lagscan cannot see here; hence the annotation. */
LAGSCAN_NONBLOCKING static ssize_t read_some(int fd, char *buf, size_t len) {
  ssize_t n;
  do n = read(fd, buf, len);
  while (n < 0 && errno == EINTR);
  return n;
}

static void do_read(tl_tcp *t) {
  tl_loop *loop = t->handle.loop;
  ssize_t n = read_some(t->io.fd, loop->readbuf, loop->readbuf_size);
  if (n > 0) {
    call_read_cb(t, n, loop->readbuf);
  } else if (n == 0) {
    tl_tcp_read_stop(t);
    call_read_cb(t, TL_EOF, NULL);
  } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
    int err = -errno;
    tl_tcp_read_stop(t);
    call_read_cb(t, err, NULL);
  }
}

/* Moves every unwritten request to write_done with `status`. */
static void fail_writes(tl_tcp *t, int status) {
  while (!tl__queue_empty(&t->write_queue)) {
    write_req *req = tl__container_of(tl__queue_head(&t->write_queue), write_req, node);
    tl__queue_remove(&req->node);
    req->status = status;
    tl__queue_insert_tail(&t->write_done, &req->node);
  }
  t->write_queue_size = 0;
  if (!tl__queue_empty(&t->write_done)) tl__pending_queue(t->handle.loop, &t->pending);
}

/* Non-blocking, like read_some. */
LAGSCAN_NONBLOCKING static ssize_t send_some(int fd, const char *p, size_t len) {
  ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
  if (n < 0 && errno == ENOTSOCK) n = write(fd, p, len); /* a pipe given to tl_tcp_open */
  return n;
}

static void flush(tl_tcp *t) {
  tl_loop *loop = t->handle.loop;
  while (!tl__queue_empty(&t->write_queue)) {
    write_req *req = tl__container_of(tl__queue_head(&t->write_queue), write_req, node);
    if (req->off < req->len) {
      ssize_t n = send_some(t->io.fd, req->data + req->off, req->len - req->off);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          tl__io_start(loop, &t->io, EPOLLOUT);
          return;
        }
        t->error = -errno;
        fail_writes(t, t->error);
        break;
      }
      req->off += (size_t)n;
      t->write_queue_size -= (size_t)n;
      if (req->off < req->len) continue;
    }
    tl__queue_remove(&req->node);
    req->status = 0;
    tl__queue_insert_tail(&t->write_done, &req->node);
    tl__pending_queue(loop, &t->pending);
  }
  tl__io_stop(loop, &t->io, EPOLLOUT);
  update_active(t);
}

int tl__tcp_write2(tl_tcp *t, const void *a, size_t alen, const void *b, size_t blen,
                   tl_write_cb cb, void *arg) {
  if (t->handle.flags & TL__CLOSING) return -EBADF;
  if (t->handle.flags & TL__LISTENING) return -EINVAL;
  if (t->io.fd < 0) return -ENOTCONN;
  if (t->error) return t->error;
  if ((!a && alen) || (!b && blen) || alen > SIZE_MAX / 2 || blen > SIZE_MAX / 2) return -EINVAL;
  write_req *req = malloc(sizeof *req + alen + blen);
  if (!req) return -ENOMEM;
  req->cb = cb;
  req->arg = arg;
  req->len = alen + blen;
  req->off = 0;
  req->status = 0;
  if (alen) memcpy(req->data, a, alen);
  if (blen) memcpy(req->data + alen, b, blen);
  int first = tl__queue_empty(&t->write_queue);
  tl__queue_insert_tail(&t->write_queue, &req->node);
  t->write_queue_size += req->len;
  if (first) flush(t); /* else EPOLLOUT is registered and flush will get to it */
  update_active(t);
  return 0;
}

int tl_tcp_write(tl_tcp *t, const void *buf, size_t len, tl_write_cb cb, void *arg) {
  return tl__tcp_write2(t, buf, len, NULL, 0, cb, arg);
}

size_t tl_tcp_write_queue_size(const tl_tcp *t) { return t->write_queue_size; }

static void run_write_callbacks(tl_tcp *t) {
  tl_loop *loop = t->handle.loop;
  tl_queue batch;
  tl__queue_move(&t->write_done, &batch);
  while (!tl__queue_empty(&batch)) {
    write_req *req = tl__container_of(tl__queue_head(&batch), write_req, node);
    tl__queue_remove(&req->node);
    if (req->cb) {
      tl__cb_enter(loop, TL__FN(req->cb), "tcp write");
      req->cb(t, req->status, req->arg);
      tl__cb_leave(loop);
    }
    free(req);
  }
}

static void tcp_pending(tl_loop *loop, tl_pending *p) {
  (void)loop;
  run_write_callbacks(tl__container_of(p, tl_tcp, pending));
}

static void tcp_io(tl_loop *loop, tl_io *io, unsigned revents) {
  (void)loop;
  tl_tcp *t = tl__container_of(io, tl_tcp, io);
  if (t->handle.flags & TL__LISTENING) {
    do_accept(t);
    return;
  }
  if ((revents & EPOLLOUT) && !tl__queue_empty(&t->write_queue)) flush(t);
  if (t->handle.flags & TL__CLOSING) return;
  if ((revents & EPOLLIN) && (t->handle.flags & TL__READING))
    do_read(t);
  else if ((revents & (EPOLLRDHUP | EPOLLERR | EPOLLHUP)) && t->hangup_cb)
    do_hangup(t);
}

void tl__tcp_shutdown_write(tl_tcp *t) {
  if (t->io.fd >= 0) shutdown(t->io.fd, SHUT_WR);
}

void tl__tcp_close(tl_tcp *t) {
  if (t->accepted_fd >= 0) {
    close(t->accepted_fd);
    t->accepted_fd = -1;
  }
  tl__io_close(t->handle.loop, &t->io);
  t->handle.flags &= ~(TL__READING | TL__LISTENING);
  t->hangup_cb = NULL;
  fail_writes(t, -ECANCELED);
  /* The write callbacks run in the close phase, before the close callback. */
  tl__pending_cancel(&t->pending);
}

void tl__tcp_finish_close(tl_tcp *t) { run_write_callbacks(t); }

void tl__tcp_describe(const tl_tcp *t, char *buf, size_t size) {
  if (t->handle.flags & TL__LISTENING)
    snprintf(buf, size, "listening on port %d", tl_tcp_port(t));
  else if (t->io.fd >= 0)
    snprintf(buf, size, "fd %d%s%s", t->io.fd, (t->handle.flags & TL__READING) ? ", reading" : "",
             t->write_queue_size ? ", writing" : "");
  else
    snprintf(buf, size, "%s", (t->handle.flags & TL__CLOSING) ? "closing" : "not connected");
}
