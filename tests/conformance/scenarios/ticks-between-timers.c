/* ticks-between-timers.c: the tickloop twin of ticks-between-timers.js (the queues drain after each timer, before the next timer of the same phase). */
#include "conf.h"
static void timer1(tl_loop *l, void *a) {
  (void)a;
  say("timer 1");
  tl_next_tick(l, say_cb, "tick 1");
  tl_queue_microtask(l, say_cb, "promise 1");
}
static void timer3(tl_loop *l, void *a) {
  (void)a;
  say("timer 3 (other list)");
  tl_next_tick(l, say_cb, "tick 3");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, timer1, NULL, 5, NULL);
  tl_set_timeout(loop, say_cb, "timer 2", 5, NULL);
  tl_set_timeout(loop, timer3, NULL, 5, NULL);
  return conf_finish(loop);
}
