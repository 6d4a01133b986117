/* suppress_next_line_ok: a NOLAGSCANNEXTLINE(rule) comment suppresses the
 * finding on the line after it. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  // NOLAGSCANNEXTLINE(sync-fs): /proc reads never touch a disk
  FILE *f = fopen("/proc/self/statm", "r");
  (void)f;
  // NOLAGSCANNEXTLINE(sleep): deliberate 1 ms yield in the test harness
  usleep(1000);
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
