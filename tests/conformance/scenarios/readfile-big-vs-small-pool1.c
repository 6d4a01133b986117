/* readfile-big-vs-small-pool1.c: the tickloop twin of readfile-big-vs-small-pool1.js (on a pool of one, a small file read second finishes before a 1.5 MiB file (three 512 KiB reads) read first). */
#include "conf.h"

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("big.bin"), conf_on_read, "big.bin");
  tl_fs_read_file(loop, conf_path("small.txt"), conf_on_read, "small.txt");
  return conf_finish(loop);
}
