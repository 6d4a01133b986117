/* tickloop_next_tick_recursion_bad: a function that queues itself on the
 * next-tick queue (directly), and two functions that queue each other on the
 * microtask queue, never let the loop reach I/O. Reported at the scheduling
 * call. */
#include <tickloop.h>

static int remaining = 1000000;

static void pump(tl_loop *loop, void *arg) {
  if (--remaining > 0)
    tl_next_tick(loop, pump, arg); // expected-warning {{next-tick-recursion}}
}

static void pong(tl_loop *loop, void *arg);
static void ping(tl_loop *loop, void *arg) {
  tl_queue_microtask(loop, pong, arg); // expected-warning {{next-tick-recursion}}
}
static void pong(tl_loop *loop, void *arg) {
  tl_queue_microtask(loop, ping, arg); // expected-warning {{next-tick-recursion}}
}

int main(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) return 1;
  tl_next_tick(loop, pump, NULL);
  tl_queue_microtask(loop, ping, NULL);
  tl_run(loop);
  return tl_loop_close(loop);
}
