/* readfile-vs-stat-pool4.c: the tickloop twin of readfile-vs-stat-pool4.js (on a pool of four, a stat queued after a readFile). */
#include "conf.h"

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("big.bin"), conf_on_read, "big.bin");
  tl_fs_stat(loop, conf_path("small.txt"), conf_on_stat, "small.txt");
  return conf_finish(loop);
}
