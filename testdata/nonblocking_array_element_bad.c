/* nonblocking_array_element_bad: an element of an array of descriptors at
 * a constant index is a descriptor of its own (a pipe's two ends,
 * `fds[0]` and `fds[1]`): making one non-blocking says nothing of the
 * other, nor of another array's. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>
static int fds[2];
static int other[2];
static void on_tick(uv_timer_t *t) {
  (void)t;
  char b[8];
  while (read(fds[0], b, sizeof b) > 0) {} // no-warning: fds[0] is non-blocking
  while (read(fds[1], b, sizeof b) > 0) {} // expected-warning {{sync-fs}}
  while (read(other[0], b, sizeof b) > 0) {} // expected-warning {{sync-fs}}
}
int main(void) {
  if (pipe(fds) < 0 || pipe(other) < 0) return 1;
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  static uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1, 1);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
