/* refresh-inside-own-timeout.c: the tickloop twin of refresh-inside-own-timeout.js (a timeout that refreshes itself inside its own callback). */
#include "conf.h"
static tl_timer_id t;
static int n;
static void run(tl_loop *l, void *a) {
  (void)a;
  say("timeout run %d", ++n);
  if (n == 1) tl_timer_refresh(l, t); /* -ENOENT: the timeout's id ended as it fired */
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, run, NULL, 5, &t);
  tl_set_timeout(loop, say_cb, "timeout 30", 30, NULL);
  return conf_finish(loop);
}
