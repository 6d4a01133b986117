/* interval-slow-callback.c: the tickloop twin of interval-slow-callback.js (an interval whose callback takes longer than its delay). */
#include "conf.h"
static tl_timer_id id;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval %d", ++n);
  busy(15);
  if (n == 3) tl_clear_interval(l, id);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout 5", 5, NULL);
  tl_set_interval(loop, tick, NULL, 10, &id);
  return conf_finish(loop);
}
