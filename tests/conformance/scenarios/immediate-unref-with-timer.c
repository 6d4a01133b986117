/* immediate-unref-with-timer.c: the tickloop twin of immediate-unref-with-timer.js (an unreferenced immediate does not stop the poll phase from waiting: it runs when a 30 ms timer wakes the loop). */
#include "conf.h"
static uint64_t start;
static void imm(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("immediate after %s", tl_hrtime() - start >= 25000000u ? "the wait" : "no wait");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_immediate_id i;
  start = tl_hrtime();
  tl_set_immediate(loop, imm, NULL, &i);
  tl_immediate_unref(loop, i);
  tl_set_timeout(loop, say_cb, "timeout 30", 30, NULL);
  return conf_finish(loop);
}
