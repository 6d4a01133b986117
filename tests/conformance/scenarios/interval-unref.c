/* interval-unref.c: the tickloop twin of interval-unref.js (an unreferenced interval runs while a referenced timeout keeps the loop alive, then the loop ends). */
#include "conf.h"
static int n;
static void tick(tl_loop *l, void *a) {
  (void)l, (void)a;
  say("interval %d", ++n);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_timer_id iv;
  tl_set_interval(loop, tick, NULL, 20, &iv);
  tl_timer_unref(loop, iv);
  tl_set_timeout(loop, say_cb, "timeout 70", 70, NULL);
  tl_run(loop);
  say("exit");
  tl_clear_interval(loop, iv);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
