/* readfile-vs-stat-pool1.c: the tickloop twin of readfile-vs-stat-pool1.js (on a pool of one, a stat queued after a readFile finishes first (readFile is four pool trips)). */
#include "conf.h"

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("small.txt"), conf_on_read, "small.txt");
  tl_fs_stat(loop, conf_path("small.txt"), conf_on_stat, "small.txt");
  return conf_finish(loop);
}
