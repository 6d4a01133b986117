/* top-timeout-vs-immediate.c: the tickloop twin of top-timeout-vs-immediate.js (a 0 ms timeout and an immediate set at top level). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(loop, say_cb, "immediate", NULL);
  return conf_finish(loop);
}
