/* static_same_name_ok (a.c): a.c's `static void helper(void)` blocks but is
 * only called from main before the loop runs. b.c has its own helper, which a
 * loop root calls; static functions are distinct per file, so nothing is
 * reported. */
#include <unistd.h>
#include <uv.h>

void on_idle_b(uv_idle_t *h);

static void helper(void) {
  sleep(1); // no-warning: start-up only
}

int main(void) {
  helper();
  uv_loop_t *loop = uv_default_loop();
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  uv_idle_start(&idle, on_idle_b);
  return uv_run(loop, UV_RUN_DEFAULT);
}
