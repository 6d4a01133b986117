/* clear-and-reset-list.c: the tickloop twin of clear-and-reset-list.js (a timer clears the rest of its list and sets a new timer of the same delay). */
#include "conf.h"
static tl_timer_id b;
static void timer_a(tl_loop *l, void *a) {
  (void)a;
  say("A clears B, sets C");
  tl_clear_timeout(l, b);
  tl_set_timeout(l, say_cb, "C", 10, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, timer_a, NULL, 10, NULL);
  tl_set_timeout(loop, say_cb, "B (never)", 10, &b);
  tl_set_timeout(loop, say_cb, "D: 15 ms", 15, NULL);
  return conf_finish(loop);
}
