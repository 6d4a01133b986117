/* uv_listen_cb_bad: a connection callback (uv_listen) resolving a host name
 * with gethostbyname blocks the loop on DNS: sync-dns. */
#include <netdb.h>
#include <uv.h>

static int upstream_ok;

static void on_connection(uv_stream_t *server, int status) {
  (void)server;
  if (status < 0) return;
  struct hostent *he = gethostbyname("upstream.internal"); // expected-warning {{sync-dns}}
  upstream_ok = he != NULL;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_tcp_t server;
  struct sockaddr_in addr;
  uv_tcp_init(loop, &server);
  uv_ip4_addr("0.0.0.0", 7000, &addr);
  uv_tcp_bind(&server, (const struct sockaddr *)&addr, 0);
  uv_listen((uv_stream_t *)&server, 128, on_connection); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
