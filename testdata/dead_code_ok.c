/* dead_code_ok: blocking functions that no loop root reaches (never called, or
 * called only by other dead code) are not reported. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

static int ticks;

static void legacy_dump(void) {
  FILE *f = fopen("/tmp/dump", "w"); // no-warning
  (void)f;
}

void legacy_entry(void) {
  legacy_dump();
  sleep(1); // no-warning
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  ticks++;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
