/* uv_callback_cast_bad: callbacks registered as `&fn` and through a cast to the
 * callback type (the common uv_close((uv_handle_t *)&t, (uv_close_cb)fn)
 * idiom) are loop roots like any other. */
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  usleep(100); // expected-warning {{sleep}}
}

static void on_timer_closed(uv_timer_t *t) {
  (void)t;
  unlink("/run/app.timer"); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, &on_tick, 10, 0);                  // expected-note {{registered here as a loop callback}}
  uv_close((uv_handle_t *)&t, (uv_close_cb)on_timer_closed); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
