/* clear-from-tick-and-microtask.c: the tickloop twin of clear-from-tick-and-microtask.js (a next tick clears a timeout, a microtask clears an immediate). */
#include "conf.h"
static tl_timer_id t;
static tl_immediate_id i;
static void tick(tl_loop *l, void *a) {
  (void)a;
  tl_clear_timeout(l, t);
  say("tick cleared the timeout");
}
static void micro(tl_loop *l, void *a) {
  (void)a;
  tl_clear_immediate(l, i);
  say("microtask cleared the immediate");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout (never)", 1, &t);
  tl_set_immediate(loop, say_cb, "immediate (never)", &i);
  tl_set_timeout(loop, say_cb, "timeout 5", 5, NULL);
  tl_next_tick(loop, tick, NULL);
  tl_queue_microtask(loop, micro, NULL);
  return conf_finish(loop);
}
