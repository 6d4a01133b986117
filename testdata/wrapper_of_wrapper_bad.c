/* wrapper_of_wrapper_bad: every_second -> start_periodic -> uv_timer_start,
 * each passing the callback on as a parameter: rotate_logs is a loop root
 * registered at the outermost call. */
#include <unistd.h>
#include <uv.h>

static void start_periodic(uv_loop_t *l, uv_timer_t *t, uv_timer_cb cb, uint64_t ms) {
  (void)l;
  uv_timer_start(t, cb, ms, ms);
}

static void every_second(uv_loop_t *l, uv_timer_t *t, uv_timer_cb cb) {
  start_periodic(l, t, cb, 1000);
}

static void rotate_logs(uv_timer_t *t) {
  (void)t;
  sleep(2); // expected-warning {{sleep}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  every_second(loop, &t, rotate_logs); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
