/* ticks-nested.c: the tickloop twin of ticks-nested.js (ticks queued by microtasks wait until the microtask queue is empty). */
#include "conf.h"
static void from_m(tl_loop *l, void *a) { (void)a; (void)l; say("tick from M"); }
static void micro_m(tl_loop *l, void *a) {
  (void)a;
  say("microtask M");
  tl_next_tick(l, from_m, NULL);
}
static void tick_a(tl_loop *l, void *a) {
  (void)a;
  say("tick A");
  tl_queue_microtask(l, micro_m, NULL);
  tl_next_tick(l, say_cb, "tick A2");
}
static void promise_p(tl_loop *l, void *a) {
  (void)a;
  say("promise P");
  tl_next_tick(l, say_cb, "tick from P");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_next_tick(loop, tick_a, NULL);
  tl_queue_microtask(loop, promise_p, NULL);
  return conf_finish(loop);
}
