/* sync_dns_bad: getaddrinfo and gethostbyname in a loop callback: sync-dns. */
#include <netdb.h>
#include <stddef.h>
#include <uv.h>

static void on_reconnect(uv_timer_t *t) {
  struct addrinfo hints = {0}, *res = NULL;
  (void)t;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo("db.internal", "5432", &hints, &res) != 0) // expected-warning {{sync-dns}}
    (void)gethostbyname("db-fallback.internal"); // expected-warning {{sync-dns}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_reconnect, 1000, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
