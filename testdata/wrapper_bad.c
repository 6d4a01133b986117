/* wrapper_bad: a callback passed through a wrapper's parameter into
 * uv_timer_start is a loop root; the registration note is at the wrapper's
 * call site, where rotate_logs enters the program. */
#include <unistd.h>
#include <uv.h>

static void start_periodic(uv_loop_t *l, uv_timer_t *t, uv_timer_cb cb) {
  (void)l;
  uv_timer_start(t, cb, 100, 100);
}

static void rotate_logs(uv_timer_t *t) {
  (void)t;
  unlink("/var/log/app.log.9"); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  start_periodic(loop, &t, rotate_logs); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
