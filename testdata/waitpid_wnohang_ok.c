/* waitpid_wnohang_ok: waitpid with WNOHANG (alone or OR-ed with other flags)
 * returns at once: not reported. */
#include <sys/wait.h>
#include <uv.h>

static int reaped;

static void on_reap(uv_timer_t *t) {
  int status;
  (void)t;
  while (waitpid(-1, &status, WNOHANG) > 0)       // no-warning
    reaped++;
  if (waitpid(-1, &status, WNOHANG | WUNTRACED) > 0) // no-warning
    reaped++;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_reap, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
