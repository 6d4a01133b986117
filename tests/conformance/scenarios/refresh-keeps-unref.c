/* refresh-keeps-unref.c: the tickloop twin of refresh-keeps-unref.js (a refreshed unreferenced timeout stays unreferenced). */
#include "conf.h"
static tl_timer_id a;
static void refresh(tl_loop *l, void *arg) {
  (void)arg;
  tl_timer_refresh(l, a);
  say("refresh A");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A (never)", 30, &a);
  tl_timer_unref(loop, a);
  tl_set_timeout(loop, refresh, NULL, 20, NULL);
  tl_run(loop);
  say("exit");
  tl_clear_timeout(loop, a);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
