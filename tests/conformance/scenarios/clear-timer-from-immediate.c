/* clear-timer-from-immediate.c: the tickloop twin of clear-timer-from-immediate.js (an immediate clears a timeout that is already due). */
#include "conf.h"
static tl_timer_id t;
static void imm(tl_loop *l, void *a) {
  (void)a;
  busy(50);
  tl_clear_timeout(l, t);
  say("immediate cleared the timeout");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout (never)", 40, &t);
  tl_set_timeout(loop, say_cb, "timeout 80", 80, NULL);
  tl_set_immediate(loop, imm, NULL, NULL);
  busy(5);
  return conf_finish(loop);
}
