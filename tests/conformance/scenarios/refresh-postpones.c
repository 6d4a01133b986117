/* refresh-postpones.c: the tickloop twin of refresh-postpones.js (refreshing a pending timeout makes it count again from now). */
#include "conf.h"
static tl_timer_id a;
static void refresh(tl_loop *l, void *arg) {
  (void)arg;
  tl_timer_refresh(l, a);
  say("refresh A");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A: 30 ms, refreshed at 20", 30, &a);
  tl_set_timeout(loop, refresh, NULL, 20, NULL);
  tl_set_timeout(loop, say_cb, "B: 40 ms", 40, NULL);
  return conf_finish(loop);
}
