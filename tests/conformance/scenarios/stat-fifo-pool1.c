/* stat-fifo-pool1.c: the tickloop twin of stat-fifo-pool1.js (on a pool of one, single-trip requests finish in the order queued). */
#include "conf.h"
static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)l, (void)st;
  say("stat %s: %s", (const char *)a, conf_err(status));
}
int main(void) {
  tl_loop *loop = conf_loop();
  static const char *names[] = {"small.txt", "missing.txt", "sub", "empty.txt"};
  for (int i = 0; i < 4; i++) tl_fs_stat(loop, conf_path(names[i]), on_stat, (void *)names[i]);
  return conf_finish(loop);
}
