/* immediate-sets-timeout-and-immediate.c: the tickloop twin of immediate-sets-timeout-and-immediate.js (inside an immediate a due 0 ms timeout fires before the next immediate (timers come before the next check phase)). */
#include "conf.h"
static void imm1(tl_loop *l, void *a) {
  (void)a;
  say("immediate 1");
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate 2", NULL);
  busy(3);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_immediate(loop, imm1, NULL, NULL);
  return conf_finish(loop);
}
