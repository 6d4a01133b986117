/* startup_and_loop_bad: load_config is called from main (start-up, fine) and
 * also from a SIGHUP handler on the loop: it is reported, with the path from
 * the loop root. */
#include <signal.h>
#include <stdio.h>
#include <uv.h>

static char config[256];

static void load_config(void) {
  FILE *f = fopen("/etc/app.conf", "r"); // expected-warning {{sync-fs}}
  if (f) config[0] = 1;
}

static void on_sighup(uv_signal_t *h, int signum) {
  (void)h;
  (void)signum;
  load_config(); // expected-note {{called here from}}
}

int main(void) {
  load_config();
  uv_loop_t *loop = uv_default_loop();
  uv_signal_t sig;
  uv_signal_init(loop, &sig);
  uv_signal_start(&sig, on_sighup, SIGHUP); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
