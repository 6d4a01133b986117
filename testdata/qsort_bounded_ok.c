/* qsort_bounded_ok: qsort with a constant element count of at most 64 (an
 * integer literal, a macro constant, the limit itself) is bounded: not
 * reported. */
#include <stdlib.h>
#include <uv.h>

#define TOP_N 32

static int scores[64];

static int cmp_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

static void on_leaderboard(uv_timer_t *t) {
  (void)t;
  qsort(scores, 16, sizeof scores[0], cmp_int);    // no-warning
  qsort(scores, TOP_N, sizeof scores[0], cmp_int); // no-warning
  qsort(scores, 64, sizeof scores[0], cmp_int);    // no-warning
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_leaderboard, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}
