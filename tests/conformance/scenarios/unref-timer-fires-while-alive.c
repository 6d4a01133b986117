/* unref-timer-fires-while-alive.c: the tickloop twin of unref-timer-fires-while-alive.js (an unreferenced timeout still fires while a referenced one keeps the loop alive). */
#include "conf.h"
static tl_timer_id t10, t80;
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "unref 10", 10, &t10);
  tl_timer_unref(loop, t10);
  tl_set_timeout(loop, say_cb, "ref 40", 40, NULL);
  tl_set_timeout(loop, say_cb, "unref 80 (never)", 80, &t80);
  tl_timer_unref(loop, t80);
  tl_run(loop);
  say("exit");
  tl_clear_timeout(loop, t80);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
