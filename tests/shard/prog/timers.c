/* timers.c: a wrapper whose parameter carries the callback to libuv. */
#include "app.h"

void start_periodic(uv_loop_t *loop, uv_timer_t *t, uv_timer_cb cb) {
  (void)loop;
  uv_timer_start(t, cb, 1000, 1000);
}
