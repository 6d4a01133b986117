/* libev_startup_ok: blocking work in main before ev_run is start-up code; the
 * watcher's callback itself does nothing blocking. */
#include <ev.h>
#include <stdio.h>

static int counter;

static void on_timer(struct ev_loop *loop, ev_timer *w, int revents) {
  (void)loop; (void)w; (void)revents;
  counter++;
}

int main(void) {
  FILE *f = fopen("/etc/app.conf", "r");
  if (f) fclose(f);
  struct ev_loop *loop = EV_DEFAULT;
  ev_timer t;
  ev_timer_init(&t, on_timer, 1.0, 1.0);
  ev_timer_start(loop, &t);
  ev_run(loop, 0);
  return 0;
}
