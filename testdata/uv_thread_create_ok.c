/* uv_thread_create_ok: the entry of uv_thread_create runs off the loop, so its
 * sleeps and file writes are fine. The loop's own timer does not block. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

static volatile int ticks;

static void flusher(void *arg) {
  (void)arg;
  for (;;) {
    FILE *f = fopen("/tmp/ticks", "w"); // no-warning
    if (f) fwrite("x", 1, 1, f);        // no-warning
    sleep(5);                           // no-warning
  }
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  ticks++;
}

int main(void) {
  uv_thread_t tid;
  uv_thread_create(&tid, flusher, NULL);
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 10, 10);
  return uv_run(loop, UV_RUN_DEFAULT);
}
