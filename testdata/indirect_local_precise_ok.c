/* indirect_local_precise_ok: a call through a local resolves to the functions
 * that flow into it (note_hit), not to every address-taken function of the
 * same type: slow_job (same type, runs on a uv thread) is not a target.
 * Nothing is reported. */
#include <unistd.h>
#include <uv.h>

static int hits;

static void note_hit(void *arg) {
  (void)arg;
  hits++;
}

static void slow_job(void *arg) {
  (void)arg;
  sleep(10); // no-warning: thread entry, never called through fn
}

static void on_tick(uv_timer_t *t) {
  void (*fn)(void *) = note_hit;
  fn(t);
}

int main(void) {
  uv_thread_t tid;
  uv_thread_create(&tid, slow_job, NULL);
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
