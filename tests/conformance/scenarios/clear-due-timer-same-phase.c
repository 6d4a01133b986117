/* clear-due-timer-same-phase.c: the tickloop twin of clear-due-timer-same-phase.js (a timer clears another that is due in the same timers phase, of its list and of another list). */
#include "conf.h"
static tl_timer_id b, c;
static void timer_a(tl_loop *l, void *a) {
  (void)a;
  say("A clears B and C");
  tl_clear_timeout(l, b);
  tl_clear_timeout(l, c);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, timer_a, NULL, 10, NULL);
  tl_set_timeout(loop, say_cb, "B (never)", 10, &b);
  tl_set_timeout(loop, say_cb, "C (never)", 12, &c);
  tl_set_timeout(loop, say_cb, "D", 12, NULL);
  busy(20);
  return conf_finish(loop);
}
