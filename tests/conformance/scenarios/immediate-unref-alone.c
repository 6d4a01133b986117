/* immediate-unref-alone.c: the tickloop twin of immediate-unref-alone.js (an unreferenced immediate does not keep the loop alive and never runs). */
#include "conf.h"
int main(void) {
  tl_loop *loop = conf_loop();
  tl_immediate_id i;
  tl_set_immediate(loop, say_cb, "immediate (never)", &i);
  tl_immediate_unref(loop, i);
  say("main done");
  tl_run(loop);
  say("exit");
  tl_clear_immediate(loop, i);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
