/* timers-equal-delay.c: the tickloop twin of timers-equal-delay.js (timeouts of one delay fire in the order they were set). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A", 10, NULL);
  tl_set_timeout(loop, say_cb, "B", 10, NULL);
  tl_set_timeout(loop, say_cb, "C", 10, NULL);
  return conf_finish(loop);
}
