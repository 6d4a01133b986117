/* cycle_ok: self-recursion and a three-function cycle on the loop that reach
 * nothing blocking: nothing is reported and the analysis terminates. */
#include <uv.h>

static int c(int n);

static int fact(int n) {
  return n <= 1 ? 1 : n * fact(n - 1);
}

static int a(int n) {
  return n <= 0 ? 0 : c(n - 1) + 1;
}

static int b(int n) {
  return n <= 0 ? 0 : a(n - 1) + 1;
}

static int c(int n) {
  return n <= 0 ? 0 : b(n - 1) + 1;
}

static long acc;

static void on_tick(uv_timer_t *t) {
  (void)t;
  acc += fact(5) + a(10);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
