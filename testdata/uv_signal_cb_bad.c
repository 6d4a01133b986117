/* uv_signal_cb_bad: a SIGHUP handler registered with uv_signal_start runs on
 * the loop; running a shell command with system() waits for it: sync-process. */
#include <signal.h>
#include <stdlib.h>
#include <uv.h>

static void on_sighup(uv_signal_t *h, int signum) {
  (void)h;
  (void)signum;
  int rc = system("/usr/sbin/app-reload"); // expected-warning {{sync-process}}
  (void)rc;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_signal_t sig;
  uv_signal_init(loop, &sig);
  uv_signal_start(&sig, on_sighup, SIGHUP); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
