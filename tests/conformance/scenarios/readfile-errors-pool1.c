/* readfile-errors-pool1.c: the tickloop twin of readfile-errors-pool1.js (on a pool of one, a directory (EISDIR after open, fstat and a read) loses to a missing file (ENOENT at open) queued after it). */
#include "conf.h"
__attribute__((unused)) static void on_read(tl_loop *l, int status, const char *data, size_t len, void *a) {
  (void)l, (void)data;
  if (status < 0)
    say("readFile %s: %s", (const char *)a, conf_err(status));
  else
    say("readFile %s: %zu bytes", (const char *)a, len);
}
__attribute__((unused)) static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)l, (void)st;
  say("stat %s: %s", (const char *)a, conf_err(status));
}

int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_read_file(loop, conf_path("sub"), on_read, "sub");
  tl_fs_read_file(loop, conf_path("missing.txt"), on_read, "missing.txt");
  tl_fs_read_file(loop, conf_path("empty.txt"), on_read, "empty.txt");
  return conf_finish(loop);
}
