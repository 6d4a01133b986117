/* writefile-vs-stat-pool1.c: the tickloop twin of writefile-vs-stat-pool1.js (on a pool of one, a stat queued after a writeFile finishes first (writeFile is open, write, close: three pool trips)). */
#include "conf.h"
static const char text[] = "written by the scenario\n";
static void on_read(tl_loop *l, int status, const char *data, size_t len, void *a) {
  (void)l, (void)status, (void)data, (void)a;
  say("read back %zu", len);
}
static void on_write(tl_loop *l, ssize_t r, void *a) {
  (void)a;
  say("writeFile %s", conf_err(r));
  tl_fs_read_file(l, conf_path("written.txt"), on_read, NULL);
}
static void on_write_missing(tl_loop *l, ssize_t r, void *a) {
  (void)l, (void)a;
  say("writeFile into a missing dir %s", conf_err(r));
}
static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)l, (void)st, (void)a;
  say("stat %s", conf_err(status));
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_write_file(loop, conf_path("written.txt"), text, sizeof text - 1, on_write, NULL);
  tl_fs_stat(loop, conf_path("small.txt"), on_stat, NULL);
  tl_fs_write_file(loop, conf_path("sub/missing/x.txt"), "x", 1, on_write_missing, NULL);
  return conf_finish(loop);
}
