/* roots.c: loop callbacks. on_timer reaches save() through via_b and via_a
 * (both at distance 2); on_two is registered twice (reg_a.c, reg_z.c). */
#include "ties.h"

static void on_timer(uv_timer_t *t) {
  (void)t;
  via_b();
  via_a();
}

void on_two(uv_timer_t *t) {
  (void)t;
  via_b();
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t a, b, c;
  uv_timer_init(loop, &a);
  uv_timer_init(loop, &b);
  uv_timer_init(loop, &c);
  uv_timer_start(&a, on_timer, 0, 10);
  register_z(&b);
  register_a(&c);
  return uv_run(loop, UV_RUN_DEFAULT);
}
