/* unref-timer-alone.c: the tickloop twin of unref-timer-alone.js (an unreferenced timeout does not keep the loop alive). */
#include "conf.h"
static tl_timer_id t;
static void never(tl_loop *l, void *a) { (void)l, (void)a; say("timeout (never)"); }
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, never, NULL, 30, &t);
  tl_timer_unref(loop, t);
  say("main done");
  tl_run(loop);
  say("exit");
  tl_clear_timeout(loop, t); /* tl_loop_close wants nothing left */
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
