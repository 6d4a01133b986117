/* ready_fd_libev_bad: an ev_io callback gets its watcher; one read, recv
 * or accept of the watcher's fd (w->fd) returns at once. A read of another
 * watcher's fd, a read in a loop, and a write still block. */
#include <ev.h>
#include <sys/socket.h>
#include <unistd.h>

static ev_io other;

static void on_readable(struct ev_loop *loop, ev_io *w, int revents) {
  (void)loop;
  (void)revents;
  char buf[512];
  ssize_t n = read(w->fd, buf, sizeof buf); // no-warning: w->fd is ready
  if (n <= 0) return;
  (void)write(w->fd, buf, (size_t)n);       // expected-warning {{sync-fs}}
  (void)read(other.fd, buf, sizeof buf);    // expected-warning {{sync-fs}}
  while (recv(w->fd, buf, sizeof buf, 0) > 0) { // expected-warning {{sync-net}}
  }
}

static void on_listen(struct ev_loop *loop, ev_io *w, int revents) {
  (void)loop;
  (void)revents;
  int c = accept(w->fd, NULL, NULL); // no-warning: the listening socket is ready
  if (c >= 0) close(c);
}

int main(void) {
  struct ev_loop *loop = EV_DEFAULT;
  ev_io rd, ls;
  ev_io_init(&rd, on_readable, 3, EV_READ);
  ev_io_init(&ls, on_listen, 4, EV_READ);
  ev_io_init(&other, on_readable, 5, EV_READ);
  ev_io_start(loop, &rd);
  ev_io_start(loop, &ls);
  ev_run(loop, 0);
  return 0;
}
