/* readfile-vs-stats-pool1.c: the tickloop twin of readfile-vs-stats-pool1.js (on a pool of one, three stats queued after a readFile all finish before it). */
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
  tl_fs_read_file(loop, conf_path("small.txt"), on_read, "small.txt");
  tl_fs_stat(loop, conf_path("small.txt"), on_stat, "small.txt");
  tl_fs_stat(loop, conf_path("empty.txt"), on_stat, "empty.txt");
  tl_fs_stat(loop, conf_path("missing.txt"), on_stat, "missing.txt");
  return conf_finish(loop);
}
