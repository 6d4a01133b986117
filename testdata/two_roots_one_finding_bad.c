/* two_roots_one_finding_bad: the same blocking call reachable from two loop
 * roots is ONE finding: the path comes from the nearer root (on_flush calls it
 * directly), the other root (on_idle, two hops away) is an "also reaches"
 * note at its registration. */
#include <stdio.h>
#include <uv.h>

static FILE *log_file;
static char pending[256];

static void flush_log(void) {
  fwrite(pending, 1, sizeof pending, log_file); // expected-warning {{sync-fs}}
}

static void maybe_flush(void) {
  if (pending[0]) flush_log();
}

static void on_flush(uv_timer_t *t) {
  (void)t;
  flush_log(); // expected-note {{called here from}}
}

static void on_idle(uv_idle_t *h) {
  (void)h;
  maybe_flush();
}

int main(void) {
  log_file = fopen("/var/log/app.log", "a");
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_idle_t idle;
  uv_timer_init(loop, &t);
  uv_idle_init(loop, &idle);
  uv_timer_start(&t, on_flush, 0, 1000); // expected-note {{registered here as a loop callback}}
  uv_idle_start(&idle, on_idle);          // expected-note {{also}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
