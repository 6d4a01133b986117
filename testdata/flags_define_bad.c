/* flags_define_bad: compiler flags from the fixture (lagscan-flags) reach the
 * analyzer: with -DAPP_SYNC_LOG the #ifdef branch that blocks is compiled in
 * and reported; the #else branch is not.
 * lagscan-flags: -DAPP_SYNC_LOG=1
 */
#include <unistd.h>
#include <uv.h>

static int log_fd = 2;
static int queued;

static void on_log(uv_idle_t *h) {
  (void)h;
  queued++;
#ifdef APP_SYNC_LOG
  fsync(log_fd); // expected-warning {{sync-fs}}
#else
  (void)log_fd;
  sleep(1);
#endif
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  uv_idle_start(&idle, on_log); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
