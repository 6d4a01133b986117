/* refresh-fired-timeout.c: the tickloop twin of refresh-fired-timeout.js (refreshing a timeout that already fired). */
#include "conf.h"
static tl_timer_id a;
static void refresh(tl_loop *l, void *arg) {
  (void)arg;
  tl_timer_refresh(l, a); /* -ENOENT: the id ended when A fired */
  say("refresh A after it fired");
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "A", 5, &a);
  tl_set_timeout(loop, refresh, NULL, 20, NULL);
  return conf_finish(loop);
}
