/* nonblocking_helper_tu_ok (main.c): the loop callback reads descriptors
 * that net.c's helpers made non-blocking, each called with the constant
 * that selects the non-blocking mode: nothing is reported. */
#include <unistd.h>
#include <uv.h>

int make_async(int fd);
void setblocking(int fd, int state);
int nonblock_ioctl(int fd, int set);
int nonblock_wrap(int fd, int on);

static int fd_a = 3, fd_b = 4, fd_c = 5, fd_d = 6;

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  (void)read(fd_a, buf, sizeof buf);  // no-warning: make_async
  (void)read(fd_b, buf, sizeof buf);  // no-warning: setblocking(fd, 0)
  (void)write(fd_c, buf, 1);          // no-warning: nonblock_ioctl(fd, 1)
  (void)write(fd_d, buf, 1);          // no-warning: nonblock_wrap(fd, 1)
}

int main(void) {
  make_async(fd_a);
  setblocking(fd_b, 0);
  nonblock_ioctl(fd_c, 1);
  nonblock_wrap(fd_d, 1);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
