/* interval-cleared-by-timeout.c: the tickloop twin of interval-cleared-by-timeout.js (a timeout clears an interval between its runs). */
#include "conf.h"
static tl_timer_id id;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("interval %d", ++n);
}
static void stop(tl_loop *l, void *a) {
  (void)a;
  tl_clear_interval(l, id);
  say("cleared after %d", n);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 20, &id);
  tl_set_timeout(loop, stop, NULL, 70, NULL);
  return conf_finish(loop);
}
