/* timers-list-order.c: the tickloop twin of timers-list-order.js (overdue timers run list by list: every due timer of the 10 ms list before the 5 ms list, though B is due after C). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A (10 ms list, due at 10)", 10, NULL);
  busy(8);
  tl_set_timeout(loop, say_cb, "B (10 ms list, due at 18)", 10, NULL);
  busy(1);
  tl_set_timeout(loop, say_cb, "C (5 ms list, due at 14)", 5, NULL);
  busy(40);
  return conf_finish(loop);
}
