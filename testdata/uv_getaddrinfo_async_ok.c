/* uv_getaddrinfo_async_ok: uv_getaddrinfo with a callback resolves on the
 * thread pool; its callback only frees the result: nothing is reported. */
#include <uv.h>

static uv_getaddrinfo_t resolver;
static int resolved;

static void on_resolved(uv_getaddrinfo_t *req, int status, struct addrinfo *res) {
  (void)req;
  resolved = status == 0;
  uv_freeaddrinfo(res);
}

static void on_connect_timer(uv_timer_t *t) {
  uv_getaddrinfo(t->loop, &resolver, on_resolved, "api.internal", "443", NULL); // no-warning
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_connect_timer, 0, 0);
  return uv_run(loop, UV_RUN_DEFAULT);
}
