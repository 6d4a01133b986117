/* nonblocking_field_tu_bad (main.c): conn.log_fd and peer.fd are fields
 * nothing makes non-blocking, and a local that is not a copy of conn.fd:
 * each read or write blocks. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>

#include "conn.h"

static struct conn client;
static struct peer other;

static void on_tick(uv_timer_t *t) {
  struct conn *conn = t->data;
  char buf[64];
  (void)write(conn->log_fd, buf, 1);      // expected-warning {{sync-fs}}
  (void)read(other.fd, buf, sizeof buf);  // expected-warning {{sync-fs}}
  int fd = open("/tmp/x", O_RDONLY);      // expected-warning {{sync-fs}}
  (void)read(fd, buf, sizeof buf);        // expected-warning {{sync-fs}}
}

int main(void) {
  conn_init(&client, 3);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  t.data = &client;
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
