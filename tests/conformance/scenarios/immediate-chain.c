/* immediate-chain.c: the tickloop twin of immediate-chain.js (an immediate set during the check phase waits for the next one). */
#include "conf.h"
static void imm_a(tl_loop *l, void *a) {
  (void)a;
  say("A");
  tl_set_immediate(l, say_cb, "C (set by A)", NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_immediate(loop, imm_a, NULL, NULL);
  tl_set_immediate(loop, say_cb, "B", NULL);
  return conf_finish(loop);
}
