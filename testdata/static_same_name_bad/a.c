/* static_same_name_bad (a.c): a.c and b.c each define `static void
 * helper(void)`; only a.c's blocks. Its finding must have the path from a.c's
 * root alone: b.c's root calls b.c's helper, a different function, so there
 * is no "also reaches" note for it. */
#include <unistd.h>
#include <uv.h>

void on_idle_b(uv_idle_t *h);

static void helper(void) {
  fsync(3); // expected-warning {{sync-fs}}
}

static void on_tick_a(uv_timer_t *t) {
  (void)t;
  helper(); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_idle_t idle;
  uv_timer_init(loop, &t);
  uv_idle_init(loop, &idle);
  uv_timer_start(&t, on_tick_a, 0, 100); // expected-note {{registered here as a loop callback}}
  uv_idle_start(&idle, on_idle_b);
  return uv_run(loop, UV_RUN_DEFAULT);
}
