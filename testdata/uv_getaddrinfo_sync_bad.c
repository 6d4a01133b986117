/* uv_getaddrinfo_sync_bad: uv_getaddrinfo with a NULL callback resolves
 * synchronously: sync-dns. */
#include <uv.h>

static void on_connect_timer(uv_timer_t *t) {
  uv_getaddrinfo_t req;
  if (uv_getaddrinfo(t->loop, &req, NULL, "api.internal", "443", NULL) == 0) // expected-warning {{sync-dns}}
    uv_freeaddrinfo(req.addrinfo);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_connect_timer, 0, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
