/* main.c: registers the loop callbacks; everything they call is elsewhere. */
#include "app.h"

static void on_tick(uv_timer_t *t) {
  (void)t;
  storage_save("/tmp/state");
}

static void on_flush(uv_timer_t *t) {
  (void)t;
  log_line("flush");
  file_ops.on_event(3);
}

static void on_start(tl_loop *loop, void *arg) { pump(loop, arg); }

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t a, b;
  uv_timer_init(loop, &a);
  uv_timer_init(loop, &b);
  start_periodic(loop, &a, on_tick);
  uv_timer_start(&b, on_flush, 0, 10);
  tl_loop *tl;
  if (tl_loop_new(&tl) == 0) tl_set_timeout(tl, on_start, NULL, 1, NULL);
  return uv_run(loop, UV_RUN_DEFAULT);
}
