/* unref-then-ref.c: the tickloop twin of unref-then-ref.js (a timeout unreferenced and referenced again keeps the loop alive). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_timer_id t;
  tl_set_timeout(loop, say_cb, "timeout 10", 10, &t);
  tl_timer_unref(loop, t);
  tl_timer_ref(loop, t);
  return conf_finish(loop);
}
