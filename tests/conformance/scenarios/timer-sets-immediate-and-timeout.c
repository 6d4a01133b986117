/* timer-sets-immediate-and-timeout.c: the tickloop twin of timer-sets-immediate-and-timeout.js (inside a timer an immediate fires before a 0 ms timeout (check comes before the next timers phase)). */
#include "conf.h"
static void timer(tl_loop *l, void *a) {
  (void)a;
  say("timer");
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  busy(3);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, timer, NULL, 5, NULL);
  return conf_finish(loop);
}
