/* delay-max-waits.c: the tickloop twin of delay-max-waits.js (a delay of exactly 2^31-1 ms really waits). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_timer_id a;
  tl_set_timeout(loop, say_cb, "A (never)", TL_TIMEOUT_MAX, &a);
  tl_timer_unref(loop, a);
  tl_set_timeout(loop, say_cb, "B: 5 ms", 5, NULL);
  tl_run(loop);
  say("exit");
  tl_clear_timeout(loop, a);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
