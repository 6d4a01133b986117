/* io-immediate-before-timeout.c: the tickloop twin of io-immediate-before-timeout.js (inside an fs callback an immediate fires before a 0 ms timeout). */
#include "conf.h"
static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)status, (void)st, (void)a;
  say("stat");
  tl_set_timeout(l, say_cb, "timeout 0", 0, NULL);
  tl_set_immediate(l, say_cb, "immediate", NULL);
  busy(3);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_stat(loop, conf_path("small.txt"), on_stat, NULL);
  return conf_finish(loop);
}
