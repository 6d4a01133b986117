/* interval-clear-then-same-delay.c: the tickloop twin of interval-clear-then-same-delay.js (an interval that clears itself and sets a timeout of its own delay). */
#include "conf.h"
static tl_timer_id id;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval");
  tl_clear_interval(l, id);
  tl_set_timeout(l, say_cb, "timeout of the same delay", 10, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 10, &id);
  tl_set_timeout(loop, say_cb, "timeout 15", 15, NULL);
  return conf_finish(loop);
}
