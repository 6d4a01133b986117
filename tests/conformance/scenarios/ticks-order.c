/* ticks-order.c: the tickloop twin of ticks-order.js (next ticks drain before microtasks, both after the synchronous code). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  say("sync 1");
  tl_next_tick(loop, say_cb, "tick 1");
  tl_queue_microtask(loop, say_cb, "promise 1");
  tl_queue_microtask(loop, say_cb, "microtask 1");
  tl_next_tick(loop, say_cb, "tick 2");
  say("sync 2");
  return conf_finish(loop);
}
