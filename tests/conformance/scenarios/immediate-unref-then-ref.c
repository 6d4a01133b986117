/* immediate-unref-then-ref.c: the tickloop twin of immediate-unref-then-ref.js (an immediate unreferenced and referenced again runs at once). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_immediate_id i;
  tl_set_immediate(loop, say_cb, "immediate", &i);
  tl_immediate_unref(loop, i);
  tl_immediate_ref(loop, i);
  tl_set_timeout(loop, say_cb, "timeout 20", 20, NULL);
  return conf_finish(loop);
}
