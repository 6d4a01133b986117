/* timers-different-delays.c: the tickloop twin of timers-different-delays.js (timeouts of different delays fire in due order). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "30 ms", 30, NULL);
  tl_set_timeout(loop, say_cb, "10 ms", 10, NULL);
  tl_set_timeout(loop, say_cb, "20 ms", 20, NULL);
  return conf_finish(loop);
}
