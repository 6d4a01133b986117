/* timers-zero-is-one.c: the tickloop twin of timers-zero-is-one.js (a 0 ms timeout is a 1 ms one and joins the 1 ms list, in order). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A: 1 ms", 1, NULL);
  tl_set_timeout(loop, say_cb, "B: 0 ms", 0, NULL);
  tl_set_timeout(loop, say_cb, "C: 3 ms", 3, NULL);
  tl_set_timeout(loop, say_cb, "D: 1 ms", 1, NULL);
  return conf_finish(loop);
}
