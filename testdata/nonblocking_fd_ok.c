/* nonblocking_fd_ok: read, write, recv and send on descriptors that the code
 * visibly made non-blocking (SOCK_NONBLOCK at accept4 and socket,
 * fcntl F_SETFL with O_NONBLOCK, ioctl FIONBIO, a struct field set so, a
 * helper in the same file that sets its parameter) return
 * at once and are not reported. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

struct conn { int fd; };
static struct conn peer;

/* A helper that makes its parameter non-blocking, through another helper. */
static int set_flags(int fd, int flags) { return fcntl(fd, F_SETFL, flags | O_NONBLOCK); }
static void make_nonblocking(int fd) { set_flags(fd, fcntl(fd, F_GETFL)); }

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  int a = accept4(3, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  (void)read(a, buf, sizeof buf);
  int s;
  s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  (void)send(s, buf, sizeof buf, 0);
  int p = socket(AF_UNIX, SOCK_STREAM, 0);
  int flags = fcntl(p, F_GETFL);
  fcntl(p, F_SETFL, flags | O_NONBLOCK);
  (void)recv(p, buf, sizeof buf, 0);
  int q = socket(AF_UNIX, SOCK_DGRAM, 0);
  int on = 1;
  ioctl(q, FIONBIO, &on);
  (void)write(q, buf, 1);
  (void)write(peer.fd, buf, 1);
  int h = socket(AF_INET, SOCK_DGRAM, 0);
  make_nonblocking(h);
  (void)send(h, buf, 1, 0);
}

void setup(int fd) {
  peer.fd = fd;
  fcntl(peer.fd, F_SETFL, O_NONBLOCK);
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
