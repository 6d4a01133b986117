/* interval-after-slow-timer.c: the tickloop twin of interval-after-slow-timer.js (an interval followed in its list by a slow timer counts from the reading taken just before its own callback). */
#include "conf.h"
static tl_timer_id id;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval %d", ++n);
  if (n == 2) tl_clear_interval(l, id);
}
static void slow(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("slow timer (20 ms list, after the interval)");
  busy(15);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 20, &id);
  tl_set_timeout(loop, slow, NULL, 20, NULL);
  tl_set_timeout(loop, say_cb, "timeout 60", 60, NULL);
  return conf_finish(loop);
}
