/* timed_wait_bad: a wait for descriptors inside a callback stops the loop
 * for up to its timeout (poll, epoll_wait with a timeout, select with none);
 * with a zero timeout it only checks. A program's own event loop's wait is
 * not a callback's: see own_loop_*. */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <uv.h>

static int peer_fd = 3, ep = 4;

static int wait_readable(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, ms); // expected-warning {{sync-net}}
}

static void on_timer(uv_timer_t *t) {
  (void)t;
  struct pollfd p = {peer_fd, POLLIN, 0};
  poll(&p, 1, 0); // no-warning: only checks
  poll(&p, 1, 250); // expected-warning {{sync-net}}
  wait_readable(peer_fd, 100);
  struct epoll_event ev[4];
  epoll_wait(ep, ev, 4, 0); // no-warning
  epoll_wait(ep, ev, 4, -1); // expected-warning {{sync-net}}
  fd_set set;
  FD_ZERO(&set);
  FD_SET(peer_fd, &set);
  select(peer_fd + 1, &set, NULL, NULL, NULL); // expected-warning {{sync-net}}
}

int main(void) {
  static uv_timer_t timer;
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_timer, 10, 10);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
