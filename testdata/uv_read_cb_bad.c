/* uv_read_cb_bad: the read callback of uv_read_start (registered inside a
 * uv_listen callback) appends every chunk to a log file with fwrite: sync-fs.
 * The log file is opened by main before the loop runs (start-up: fine). */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static FILE *access_log;
static char slab[65536];

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  (void)h;
  (void)suggested;
  *buf = uv_buf_init(slab, sizeof slab);
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  (void)s;
  if (nread <= 0) return;
  fwrite(buf->base, 1, (size_t)nread, access_log); // expected-warning {{sync-fs}}
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  uv_tcp_t *client = malloc(sizeof *client);
  uv_tcp_init(server->loop, client);
  if (uv_accept(server, (uv_stream_t *)client) == 0)
    uv_read_start((uv_stream_t *)client, on_alloc, on_read); // expected-note {{registered here as a loop callback}}
}

int main(void) {
  access_log = fopen("/tmp/access.log", "a"); // no-warning: start-up code
  uv_loop_t *loop = uv_default_loop();
  uv_tcp_t server;
  struct sockaddr_in addr;
  uv_tcp_init(loop, &server);
  uv_ip4_addr("0.0.0.0", 7000, &addr);
  uv_tcp_bind(&server, (const struct sockaddr *)&addr, 0);
  uv_listen((uv_stream_t *)&server, 128, on_connection);
  return uv_run(loop, UV_RUN_DEFAULT);
}
