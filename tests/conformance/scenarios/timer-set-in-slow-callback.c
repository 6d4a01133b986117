/* timer-set-in-slow-callback.c: the tickloop twin of timer-set-in-slow-callback.js (a timeout set after slow work inside a timer counts from then, not from the timers phase start). */
#include "conf.h"
static void slow(tl_loop *l, void *a) {
  (void)a;
  say("slow timer");
  busy(30);
  tl_set_timeout(l, say_cb, "X: 10 ms, set after the work", 10, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, slow, NULL, 5, NULL);
  tl_set_timeout(loop, say_cb, "Y: 45 ms, set at the start", 45, NULL);
  return conf_finish(loop);
}
