/* tickloop_schedule_once_ok: queuing a different function once on the
 * next-tick queue, and re-scheduling yourself with an immediate (which lets
 * the loop poll for I/O between rounds), starve nothing. */
#include <tickloop.h>

static int remaining = 1000;

static void after(tl_loop *loop, void *arg) {
  (void)loop;
  (void)arg;
}

static void step(tl_loop *loop, void *arg) {
  tl_next_tick(loop, after, arg);
  if (--remaining > 0) tl_set_immediate(loop, step, arg, NULL);
}

int main(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) return 1;
  tl_set_immediate(loop, step, NULL, NULL);
  tl_run(loop);
  return tl_loop_close(loop);
}
