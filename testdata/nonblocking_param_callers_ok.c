/* nonblocking_param_callers_ok: a wrapper that reads its descriptor
 * parameter (pgbouncer's safe_recv) blocks only when it is given a
 * blocking one. On the loop every caller passes a socket made
 * non-blocking; the one caller that passes a socket it made blocking on
 * purpose runs at start-up, before the loop, so nothing is reported. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

static int conn_fd;

static ssize_t safe_recv(int fd, void *buf, size_t len) {
  return recv(fd, buf, len, 0); // no-warning: every caller on the loop passes a non-blocking socket
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  (void)safe_recv(conn_fd, buf, sizeof buf);
}

static void handshake(int fd) {
  char buf[16];
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); /* blocking on purpose, before the loop */
  (void)safe_recv(fd, buf, sizeof buf);
}

int main(void) {
  conn_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  handshake(socket(AF_INET, SOCK_STREAM, 0));
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
