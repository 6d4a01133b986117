/* interval-count-clear.c: the tickloop twin of interval-count-clear.js (an interval that clears itself on its third run). */
#include "conf.h"
static tl_timer_id id;
static int n;
static void tick(tl_loop *l, void *a) {
  (void)a;
  say("interval %d", ++n);
  if (n == 3) tl_clear_interval(l, id);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_interval(loop, tick, NULL, 5, &id);
  return conf_finish(loop);
}
