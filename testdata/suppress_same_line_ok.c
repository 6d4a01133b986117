/* suppress_same_line_ok: a NOLAGSCAN(rule) comment on the blocking call's line
 * naming its rule suppresses the finding. */
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  usleep(50); // NOLAGSCAN(sleep): 50 us pacing, measured under the loop budget
  fsync(3); // NOLAGSCAN(sync-fs): fd 3 is a tmpfs file, fsync returns at once
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
