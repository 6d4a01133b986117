/* clock.c: the loop's notion of time. A cached millisecond clock, refreshed
 * once per iteration and after polling, as in libuv, and whenever a timer is
 * set or refreshed (timer.c: Node's setTimeout reads the clock the same way);
 * tl_hrtime is the precise clock the lag monitor and the watchdog measure
 * with.
 *
 * Invariant: loop->now never decreases, and is at most 1 ms ahead of the
 * clock (tl_run's start-up rule, see loop.c). */
#include <time.h>

#include "internal.h"

uint64_t tl_hrtime(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t tl_now(const tl_loop *loop) { return loop->now; }

void tl_update_time(tl_loop *loop) {
  uint64_t ms = tl_hrtime() / 1000000u;
  if (ms > loop->now) loop->now = ms;
}
