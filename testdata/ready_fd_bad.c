/* ready_fd_bad: a libevent callback gets the descriptor the loop found
 * ready; one read, recv or accept on it returns at once. A read in a loop
 * (the second may block), a write, or a read of another descriptor still
 * blocks. */
#include <event2/event.h>
#include <sys/socket.h>
#include <unistd.h>

static int log_fd = 7;

static void on_readable(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  char buf[512];
  ssize_t n = read(fd, buf, sizeof buf); // no-warning: fd is ready
  if (n <= 0) return;
  send(fd, buf, (size_t)n, 0); // expected-warning {{sync-net}}
  read(log_fd, buf, sizeof buf); // expected-warning {{sync-fs}}
  while (recv(fd, buf, sizeof buf, 0) > 0) { // expected-warning {{sync-net}}
  }
}

static void on_listen(evutil_socket_t fd, short what, void *arg) {
  (void)what;
  (void)arg;
  int c = accept(fd, NULL, NULL); // no-warning: the listening socket is ready
  if (c >= 0) close(c);
}

int main(void) {
  struct event_base *base = event_base_new();
  struct event *ev = event_new(base, 3, EV_READ | EV_PERSIST, on_readable, NULL);
  struct event *lev = event_new(base, 4, EV_READ | EV_PERSIST, on_listen, NULL);
  event_add(ev, NULL);
  event_add(lev, NULL);
  return event_base_dispatch(base);
}
