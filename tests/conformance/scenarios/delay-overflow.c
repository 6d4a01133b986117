/* delay-overflow.c: the tickloop twin of delay-overflow.js (a delay above 2^31-1 ms is 1 ms (with a warning on stderr)). */
#include "conf.h"
static tl_timer_id iv;
static void once(tl_loop *l, void *a) {
  (void)a;
  say("interval of 2^32 ms, so 1 ms");
  tl_clear_interval(l, iv);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A: 2^31 ms, so 1 ms", INT64_C(1) << 31, NULL);
  tl_set_interval(loop, once, NULL, INT64_C(1) << 32, &iv);
  tl_set_timeout(loop, say_cb, "B: 20 ms", 20, NULL);
  return conf_finish(loop);
}
