/* indirect_local_bad: a call through a local function pointer resolves to the
 * functions whose address flows into that local (`void (*fn)(void) = helper;
 * fn();`). */
#include <unistd.h>
#include <uv.h>

static int fast_mode;

static void flush_slow(void) {
  fsync(3); // expected-warning {{sync-fs}}
}

static void flush_fast(void) {
  fast_mode++;
}

static void on_tick(uv_timer_t *t) {
  void (*fn)(void) = flush_slow;
  if (t->data) fn = flush_fast;
  fn(); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
