/* timer-counts-from-call.c: the tickloop twin of timer-counts-from-call.js (a timeout counts from when it is set, not from the loop time before 30 ms of synchronous work). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A: 40 ms, set first", 40, NULL);
  busy(30);
  tl_set_timeout(loop, say_cb, "B: 20 ms, set after 30 ms of work", 20, NULL);
  return conf_finish(loop);
}
