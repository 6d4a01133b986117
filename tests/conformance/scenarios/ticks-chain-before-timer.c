/* ticks-chain-before-timer.c: the tickloop twin of ticks-chain-before-timer.js (a chain of 1000 next ticks runs to its end before a due timer). */
#include "conf.h"
static int n;
static void again(tl_loop *l, void *a) {
  (void)a;
  if (++n < 1000)
    tl_next_tick(l, again, NULL);
  else
    say("ticks done %d", n);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_set_timeout(loop, say_cb, "timeout", 0, NULL);
  tl_next_tick(loop, again, NULL);
  return conf_finish(loop);
}
