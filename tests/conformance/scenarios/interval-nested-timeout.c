/* interval-nested-timeout.c: the tickloop twin of interval-nested-timeout.js (a timeout of the interval's delay set inside its callback fires before the interval's next run). */
#include "conf.h"
static tl_timer_id id;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval %d", ++n);
  if (n == 1) tl_set_timeout(l, say_cb, "timeout set by interval 1", 10, NULL);
  if (n == 3) tl_clear_interval(l, id);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 10, &id);
  return conf_finish(loop);
}
