/* fs-steps-and-immediates.c: the tickloop twin of fs-steps-and-immediates.js (open, read and close, each started from the previous callback, with an immediate from each: the check phase runs before the next completion). */
#include <fcntl.h>

#include "conf.h"
static char buf[64];
static int fd;
static void on_close(tl_loop *l, ssize_t r, void *a) {
  (void)a;
  say("close %s", conf_err(r));
  tl_set_immediate(l, say_cb, "immediate after close", NULL);
}
static void on_read(tl_loop *l, ssize_t n, void *a) {
  (void)a;
  say("read %zd", n);
  tl_set_immediate(l, say_cb, "immediate after read", NULL);
  tl_fs_close(l, fd, on_close, NULL);
}
static void on_open(tl_loop *l, ssize_t r, void *a) {
  (void)a;
  say("open %s", conf_err(r));
  fd = (int)r;
  tl_set_immediate(l, say_cb, "immediate after open", NULL);
  tl_fs_read(l, fd, buf, sizeof buf, 0, on_read, NULL);
}
int main(void) {
  tl_loop *loop = conf_loop();
  tl_fs_open(loop, conf_path("small.txt"), O_RDONLY, 0, on_open, NULL);
  return conf_finish(loop);
}
