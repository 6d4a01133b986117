/* ticks-between-immediates.c: the tickloop twin of ticks-between-immediates.js (the queues drain after each immediate). */
#include "conf.h"
static void imm1(tl_loop *l, void *a) {
  (void)a;
  say("immediate 1");
  tl_next_tick(l, say_cb, "tick 1");
  tl_queue_microtask(l, say_cb, "promise 1");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_immediate(loop, imm1, NULL, NULL);
  tl_set_immediate(loop, say_cb, "immediate 2", NULL);
  return conf_finish(loop);
}
