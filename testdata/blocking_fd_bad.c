/* blocking_fd_bad: the same calls on descriptors that are blocking, or whose
 * mode the code does not show, are reported: read/write as sync-fs, socket
 * calls as sync-net. open is reported whatever its flags. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  int a = open("/var/lib/app/state", O_RDONLY); // expected-warning {{sync-fs}}
  (void)read(a, buf, sizeof buf); // expected-warning {{sync-fs}}
  /* open itself waits for the file system even with O_NONBLOCK; the reads
   * on the descriptor it returns do not wait. */
  int b = open("/dev/ttyS0", O_RDWR | O_NONBLOCK); // expected-warning {{sync-fs}}
  (void)read(b, buf, sizeof buf);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  (void)send(s, buf, sizeof buf, 0); // expected-warning {{sync-net}}
  int p = socket(AF_UNIX, SOCK_STREAM, 0);
  fcntl(p, F_SETFL, O_APPEND);
  (void)recv(p, buf, sizeof buf, 0); // expected-warning {{sync-net}}
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
