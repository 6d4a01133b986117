/* io.c: file descriptors on epoll and the poll phase.
 *
 * Level-triggered: a watcher that still has data gets another event in the
 * next poll, so one read per event is fair between connections.
 *
 * Invariants:
 *   - io->registered is what epoll holds for io->fd (0: not added), and
 *     io->events what the owner wants; tl__io_start/stop make them equal at
 *     once (no deferred watcher queue as in libuv).
 *   - An event returned by epoll_wait may belong to a watcher stopped by an
 *     earlier callback of the same batch: it is skipped when the watcher no
 *     longer wants any of its events. Its memory is still valid, because
 *     handles are freed only after the close phase. */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "internal.h"

#define MAX_EVENTS 256 /* events taken per epoll_wait */

void tl__io_init(tl_io *io, int fd, void (*cb)(tl_loop *, tl_io *, unsigned)) {
  io->fd = fd;
  io->events = 0;
  io->registered = 0;
  io->cb = cb;
}

static int sync_epoll(tl_loop *loop, tl_io *io) {
  if (io->events == io->registered || io->fd < 0) return 0;
  struct epoll_event ev = {.events = io->events, .data.ptr = io};
  int op = io->registered == 0 ? EPOLL_CTL_ADD : io->events == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
  if (epoll_ctl(loop->epfd, op, io->fd, &ev) != 0) return -errno;
  io->registered = io->events;
  return 0;
}

int tl__io_start(tl_loop *loop, tl_io *io, unsigned events) {
  unsigned old = io->events;
  io->events |= events;
  int r = sync_epoll(loop, io);
  if (r != 0) io->events = old;
  return r;
}

int tl__io_stop(tl_loop *loop, tl_io *io, unsigned events) {
  io->events &= ~events;
  return sync_epoll(loop, io);
}

int tl__io_set(tl_loop *loop, tl_io *io, unsigned events) {
  unsigned old = io->events;
  io->events = events;
  int r = sync_epoll(loop, io);
  if (r != 0) io->events = old;
  return r;
}

void tl__io_close(tl_loop *loop, tl_io *io) {
  if (io->fd < 0) return;
  io->events = 0;
  sync_epoll(loop, io);
  io->registered = 0;
  close(io->fd);
  io->fd = -1;
}

void tl__io_poll(tl_loop *loop, int timeout) {
  struct epoll_event events[MAX_EVENTS];
  int n = epoll_wait(loop->epfd, events, MAX_EVENTS, timeout);
  tl_update_time(loop);
  if (n < 0) return; /* EINTR: the next iteration polls again */
  for (int i = 0; i < n; i++) {
    tl_io *io = events[i].data.ptr;
    unsigned revents = events[i].events;
    /* Errors and hang-ups are reported to whatever is being waited for. */
    if (revents & (EPOLLERR | EPOLLHUP)) revents |= io->events & (EPOLLIN | EPOLLOUT);
    revents &= io->events | EPOLLERR | EPOLLHUP;
    if (io->events == 0 || revents == 0) continue;
    io->cb(loop, io, revents);
  }
}
