/* one_root_two_paths_bad: one root reaches the same blocking call through two
 * call chains: still one finding, with the shortest path (the direct call). */
#include <unistd.h>
#include <uv.h>

static void persist(void) {
  fsync(3); // expected-warning {{sync-fs}}
}

static void checkpoint(void) {
  persist();
}

static void on_tick(uv_timer_t *t) {
  if (t->data) checkpoint();
  persist(); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
