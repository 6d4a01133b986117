/* libev_watchers_bad: ev_io_init, ev_timer_init, ev_idle_init and ev_init +
 * ev_set_cb are macros that store the callback in the watcher's cb field;
 * ev_once takes a callback. All of them run on the loop. */
#include <ev.h>
#include <stdio.h>
#include <unistd.h>

static void on_io(struct ev_loop *loop, ev_io *w, int revents) {
  (void)loop; (void)revents;
  char buf[256];
  (void)write(w->fd, buf, 1); // expected-warning {{sync-fs}}: not a read of the ready fd
}
static void on_timer(struct ev_loop *loop, ev_timer *w, int revents) {
  (void)loop; (void)w; (void)revents;
  sleep(1); // expected-warning {{sleep}}
}
static void on_idle(struct ev_loop *loop, ev_idle *w, int revents) {
  (void)loop; (void)w; (void)revents;
  FILE *f = fopen("/tmp/state", "r"); // expected-warning {{sync-fs}}
  (void)f;
}
static void on_signal(struct ev_loop *loop, ev_signal *w, int revents) {
  (void)loop; (void)w; (void)revents;
  usleep(100); // expected-warning {{sleep}}
}
static void on_once(int revents, void *arg) {
  (void)revents; (void)arg;
  unlink("/tmp/once"); // expected-warning {{sync-fs}}
}

int main(void) {
  struct ev_loop *loop = EV_DEFAULT;
  ev_io io;
  ev_io_init(&io, on_io, 0, EV_READ);
  ev_io_start(loop, &io);
  ev_timer t;
  ev_timer_init(&t, on_timer, 1.0, 0.);
  ev_timer_start(loop, &t);
  ev_idle idle;
  ev_idle_init(&idle, on_idle);
  ev_idle_start(loop, &idle);
  ev_signal sig;
  ev_init(&sig, on_signal);
  ev_signal_set(&sig, SIGHUP);
  ev_signal_start(loop, &sig);
  ev_once(loop, -1, 0, 1.0, on_once, NULL);
  ev_run(loop, 0);
  return 0;
}
