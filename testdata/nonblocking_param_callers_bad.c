/* nonblocking_param_callers_bad: a wrapper that reads its descriptor
 * parameter blocks when a caller on the loop gives it a blocking one: the
 * finding's path goes through that caller (on_status, with a socket whose
 * mode the code does not set), not through the shorter one that passes a
 * non-blocking socket (on_tick). */
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

static int conn_fd, status_fd;

static ssize_t safe_recv(int fd, void *buf, size_t len) {
  return recv(fd, buf, len, 0); // expected-warning {{sync-net}}
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  char buf[64];
  (void)safe_recv(conn_fd, buf, sizeof buf);
}

static void poll_status(void) {
  char buf[16];
  (void)safe_recv(status_fd, buf, sizeof buf); // expected-note {{'safe_recv' called here from 'poll_status'}}
}

static void on_status(uv_timer_t *t) {
  (void)t;
  poll_status(); // expected-note {{'poll_status' called here from 'on_status'}}
}

int main(void) {
  conn_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  status_fd = socket(AF_UNIX, SOCK_STREAM, 0);
  uv_timer_t t, s;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  uv_timer_init(uv_default_loop(), &s);
  uv_timer_start(&s, on_status, 1000, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
