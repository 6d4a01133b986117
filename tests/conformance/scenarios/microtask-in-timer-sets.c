/* microtask-in-timer-sets.c: the tickloop twin of microtask-in-timer-sets.js (a promise callback inside a timer sets a 0 ms timeout and an immediate: the immediate comes first). */
#include "conf.h"
static void promise(tl_loop *l, void *a) {
  (void)a;
  say("promise");
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  tl_next_tick(l, say_cb, "tick from the promise");
  busy(3);
}
static void timer(tl_loop *l, void *a) {
  (void)a;
  say("timer");
  tl_queue_microtask(l, promise, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, timer, NULL, 5, NULL);
  return conf_finish(loop);
}
