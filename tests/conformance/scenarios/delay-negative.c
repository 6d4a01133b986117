/* delay-negative.c: the tickloop twin of delay-negative.js (a negative delay is 1 ms). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A: -10 ms, so 1 ms", -10, NULL);
  tl_set_timeout(loop, say_cb, "B: 20 ms", 20, NULL);
  return conf_finish(loop);
}
