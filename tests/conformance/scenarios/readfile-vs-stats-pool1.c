/* readfile-vs-stats-pool1.c: the tickloop twin of readfile-vs-stats-pool1.js (on a pool of one, three stats queued after a readFile all finish before it). */
#include "conf.h"

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("small.txt"), conf_on_read, "small.txt");
  tl_fs_stat(loop, conf_path("small.txt"), conf_on_stat, "small.txt");
  tl_fs_stat(loop, conf_path("empty.txt"), conf_on_stat, "empty.txt");
  tl_fs_stat(loop, conf_path("missing.txt"), conf_on_stat, "missing.txt");
  return conf_finish(loop);
}
