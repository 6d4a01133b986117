/* uv_close_cb_bad: a uv_close callback is a loop root; removing the unix
 * socket file with unlink() there is sync-fs. */
#include <unistd.h>
#include <uv.h>

static void on_closed(uv_handle_t *h) {
  (void)h;
  unlink("/run/app.sock"); // expected-warning {{sync-fs}}
}

static void on_timeout(uv_timer_t *t) {
  uv_close((uv_handle_t *)t, on_closed); // expected-note {{registered here as a loop callback}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_timeout, 1000, 0);
  return uv_run(loop, UV_RUN_DEFAULT);
}
