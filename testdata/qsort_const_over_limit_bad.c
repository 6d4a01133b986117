/* qsort_const_over_limit_bad: the bound is "a constant at most 64"; a constant
 * count of 65 is past it and is reported as unbounded-sort. */
#include <stdlib.h>
#include <uv.h>

static int samples[4096];

static int cmp_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

static void on_stats(uv_timer_t *t) {
  (void)t;
  qsort(samples, 65, sizeof samples[0], cmp_int); // expected-warning {{unbounded-sort}}
  qsort(samples, 4096, sizeof samples[0], cmp_int); // expected-warning {{unbounded-sort}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_stats, 0, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
