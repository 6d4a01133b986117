/* readfile-errors-pool1.c: the tickloop twin of readfile-errors-pool1.js (on a pool of one, a directory (EISDIR after open, fstat and a read) loses to a missing file (ENOENT at open) queued after it). */
#include "conf.h"

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("sub"), conf_on_read, "sub");
  tl_fs_read_file(loop, conf_path("missing.txt"), conf_on_read, "missing.txt");
  tl_fs_read_file(loop, conf_path("empty.txt"), conf_on_read, "empty.txt");
  return conf_finish(loop);
}
