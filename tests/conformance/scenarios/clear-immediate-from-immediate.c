/* clear-immediate-from-immediate.c: the tickloop twin of clear-immediate-from-immediate.js (an immediate clears a later one of the same check phase). */
#include "conf.h"
static tl_immediate_id b;
static void imm_a(tl_loop *l, void *a) {
  (void)a;
  say("A clears B");
  tl_clear_immediate(l, b);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_immediate(loop, imm_a, NULL, NULL);
  tl_set_immediate(loop, say_cb, "B (never)", &b);
  tl_set_immediate(loop, say_cb, "C", NULL);
  return conf_finish(loop);
}
