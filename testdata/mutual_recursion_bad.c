/* mutual_recursion_bad: even() and odd() call each other, and odd() blocks;
 * the fsync is reported once and the analysis terminates. */
#include <unistd.h>
#include <uv.h>

static int odd(int n);

static int even(int n) {
  return n == 0 ? 1 : odd(n - 1); // expected-note {{called here from}}
}

static int odd(int n) {
  if (n == 1) fsync(3); // expected-warning {{sync-fs}}
  return n == 0 ? 0 : even(n - 1);
}

static void on_tick(uv_timer_t *t) {
  even((int)(long)t->data); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
