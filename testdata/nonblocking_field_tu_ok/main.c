/* nonblocking_field_tu_ok (main.c): a loop callback reads conn.fd, and a
 * local copy of it, which conn.c made non-blocking: nothing is reported. */
#include <unistd.h>
#include <uv.h>

#include "conn.h"

static struct conn client;

static void on_tick(uv_timer_t *t) {
  struct conn *conn = t->data;
  char buf[64];
  (void)read(conn->fd, buf, sizeof buf); // no-warning: conn.fd is non-blocking
  int fd = conn->fd;
  (void)write(fd, buf, 1);               // no-warning: a copy of it
}

int main(void) {
  conn_init(&client, 3);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  t.data = &client;
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
