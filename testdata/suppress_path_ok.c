/* suppress_path_ok: path suppression. A NOLAGSCAN on an intermediate call of
 * the path (not on the blocking call) suppresses the findings whose path
 * passes through that call: both blocking calls of read_settings, reached
 * only through the suppressed call, and one reached through a call
 * suppressed with the next-line form. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

static char settings[64];

static void read_settings(void) {
  FILE *f = fopen("/etc/app/settings", "r");
  if (f) {
    if (fgets(settings, sizeof settings, f)) settings[0] = 's';
    fclose(f);
  }
}

static void nap(void) { usleep(100); }

static void on_start(uv_timer_t *t) {
  (void)t;
  read_settings(); // NOLAGSCAN(sync-fs): runs once, before the first client connects
  // NOLAGSCANNEXTLINE(sleep): a bounded 100 us pause, measured
  nap();
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_start, 0, 0);
  return uv_run(loop, UV_RUN_DEFAULT);
}
