/* refresh-moves-to-end.c: the tickloop twin of refresh-moves-to-end.js (a refreshed timeout goes to the end of its delay list). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_timer_id a;
  tl_set_timeout(loop, say_cb, "A", 20, &a);
  tl_set_timeout(loop, say_cb, "B", 20, NULL);
  tl_timer_refresh(loop, a);
  tl_set_timeout(loop, say_cb, "C", 20, NULL);
  return conf_finish(loop);
}
