/* refresh-in-own-interval.c: the tickloop twin of refresh-in-own-interval.js (an interval that refreshes itself inside its callback is re-armed from the reading taken before the callback all the same). */
#include "conf.h"
static tl_timer_id iv;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval %d", ++n);
  busy(8);
  tl_timer_refresh(l, iv);
  if (n == 2) tl_clear_interval(l, iv);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 20, &iv);
  tl_set_timeout(loop, say_cb, "timeout 45", 45, NULL);
  return conf_finish(loop);
}
