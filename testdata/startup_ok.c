/* startup_ok: main reads its configuration with fopen/fgets (and sleeps while
 * waiting for a dependency) before running the loop; start-up code is not on
 * the loop and nothing is reported. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <uv.h>

static long interval_ms = 1000;
static long ticks;

static void load_config(const char *path) {
  char line[128];
  FILE *f = fopen(path, "r");             // no-warning
  if (f && fgets(line, sizeof line, f))   // no-warning
    interval_ms = strtol(line, NULL, 10);
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  ticks++;
}

int main(int argc, char **argv) {
  load_config(argc > 1 ? argv[1] : "/etc/app.conf");
  while (access("/run/db.ready", F_OK) != 0) // no-warning
    sleep(1);                                // no-warning
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, (uint64_t)interval_ms, (uint64_t)interval_ms);
  return uv_run(loop, UV_RUN_DEFAULT);
}
