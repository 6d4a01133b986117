/* registered_fd_ok: a libevent callback's descriptor parameter holds the
 * descriptor its registrations pass (event_assign's fd). When every
 * registration of the callback passes one made non-blocking, here by a
 * helper (pgbouncer's tune_socket) and through a wrapper that takes the
 * callback as a parameter and the descriptor from a field, every read of
 * it returns at once: in a loop (accept until EAGAIN) and in a function
 * the callback passes it to. */
#include <errno.h>
#include <event2/event.h>
#include <event2/event_struct.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int sock;
  struct event ev;
};

static struct event_base *base;

static int tune_socket(int fd) {
  int flags = fcntl(fd, F_GETFL, 0);
  return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static int safe_accept(int fd) {
  int res;
again:
  res = accept(fd, NULL, NULL); // no-warning: every registration of on_listen passes a non-blocking socket
  if (res < 0 && errno == EINTR) goto again;
  return res;
}

static void on_listen(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  for (;;) {
    int c = safe_accept(fd);
    if (c < 0) return; /* EAGAIN */
    close(c);
  }
}

static void on_data(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  char buf[512];
  while (recv(fd, buf, sizeof buf, 0) > 0) { // no-warning: the connection's socket is non-blocking
  }
}

/* registers a callback for a connection, on its socket */
static void conn_wait(struct conn *c, event_callback_fn cb) {
  event_assign(&c->ev, base, c->sock, EV_READ | EV_PERSIST, cb, c);
  event_add(&c->ev, NULL);
}

static void conn_open(int sock) {
  struct conn *c = calloc(1, sizeof *c);
  tune_socket(sock);
  c->sock = sock;
  conn_wait(c, on_data);
}

int main(void) {
  base = event_base_new();
  int lfd = socket(AF_INET, SOCK_STREAM, 0);
  tune_socket(lfd);
  struct event *lev = event_new(base, lfd, EV_READ | EV_PERSIST, on_listen, NULL);
  event_add(lev, NULL);
  conn_open(socket(AF_INET, SOCK_STREAM, 0));
  return event_base_dispatch(base);
}
