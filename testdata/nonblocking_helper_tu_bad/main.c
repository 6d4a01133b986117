/* nonblocking_helper_tu_bad (main.c): net.c's helpers called with the
 * constant that selects the blocking mode, with a mode the call does not
 * show, or a helper that clears O_NONBLOCK: every read and write blocks. */
#include <unistd.h>
#include <uv.h>

void setblocking(int fd, int state);
int nonblock_ioctl(int fd, int set);
int nonblock_wrap(int fd, int on);
int set_blocking(int fd);

static int fd_b = 4, fd_c = 5, fd_d = 6, fd_e = 7, fd_f = 8;

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  (void)read(fd_b, buf, sizeof buf);  // expected-warning {{sync-fs}}
  (void)write(fd_c, buf, 1);          // expected-warning {{sync-fs}}
  (void)write(fd_d, buf, 1);          // expected-warning {{sync-fs}}
  (void)read(fd_e, buf, sizeof buf);  // expected-warning {{sync-fs}}
  (void)read(fd_f, buf, sizeof buf);  // expected-warning {{sync-fs}}
}

int main(int argc, char **argv) {
  (void)argv;
  setblocking(fd_b, 1);
  nonblock_ioctl(fd_c, 0);
  nonblock_wrap(fd_d, 0);
  setblocking(fd_e, argc > 1);
  set_blocking(fd_f);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
