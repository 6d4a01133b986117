/* uv_timer_sleep_bad: a uv_timer_start callback that calls sleep() is a loop
 * root; the sleep is reported at its call site, with the registration note. */
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  sleep(1); // expected-warning {{sleep}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
