/* lag.c: loop delay, measured the way perf_hooks.monitorEventLoopDelay
 * measures it: an interval timer of `resolution` ms that should fire every
 * resolution ms; how much later it fired is how long something held the
 * loop. Each sample is that delay in microseconds (Node records the whole
 * interval, resolution included).
 *
 * The timer is internal: it keeps no loop alive and tl_walk does not show
 * it. Invariant: lag->timer is 0 exactly while the monitor is disabled. */
#include <errno.h>
#include <stdlib.h>

#include "histogram.h"
#include "internal.h"

#define DEFAULT_RESOLUTION_MS 10

struct tl__lag {
  tl__hist hist;
  tl_timer_id timer;
  unsigned resolution_ms;
  uint64_t last_ns; /* when the timer last fired (or was started) */
};

static void sample(tl_loop *loop, void *arg) {
  (void)loop;
  struct tl__lag *lag = arg;
  uint64_t now = tl_hrtime();
  uint64_t expected = lag->last_ns + (uint64_t)lag->resolution_ms * 1000000u;
  tl__hist_record(&lag->hist, now > expected ? (now - expected) / 1000u : 0);
  lag->last_ns = now;
}

int tl_lag_enable(tl_loop *loop, unsigned resolution_ms) {
  if (!loop->lag) {
    loop->lag = calloc(1, sizeof *loop->lag);
    if (!loop->lag) return -ENOMEM;
  }
  struct tl__lag *lag = loop->lag;
  if (lag->timer) return 0;
  lag->resolution_ms = resolution_ms ? resolution_ms : DEFAULT_RESOLUTION_MS;
  /* The interval counts from a fresh clock reading taken when it is set
   * (and, after each run, from one taken just before the callback): start
   * measuring from now. */
  tl_update_time(loop);
  lag->last_ns = tl_hrtime();
  return tl__set_internal_interval(loop, sample, lag, lag->resolution_ms, &lag->timer);
}

int tl_lag_disable(tl_loop *loop) {
  if (!loop->lag || !loop->lag->timer) return 0;
  tl_clear_interval(loop, loop->lag->timer);
  loop->lag->timer = 0;
  return 0;
}

int tl_lag_stats_get(tl_loop *loop, tl_lag_stats *out) {
  if (!loop->lag) return -ENOENT;
  const tl__hist *h = &loop->lag->hist;
  out->count = h->count;
  out->min_ms = (double)h->min / 1000.0;
  out->max_ms = (double)h->max / 1000.0;
  out->mean_ms = tl__hist_mean(h) / 1000.0;
  out->stddev_ms = tl__hist_stddev(h) / 1000.0;
  out->p50_ms = (double)tl__hist_percentile(h, 50) / 1000.0;
  out->p90_ms = (double)tl__hist_percentile(h, 90) / 1000.0;
  out->p99_ms = (double)tl__hist_percentile(h, 99) / 1000.0;
  return 0;
}

double tl_lag_percentile(tl_loop *loop, double percentile) {
  if (!loop->lag || percentile <= 0) return 0;
  return (double)tl__hist_percentile(&loop->lag->hist, percentile) / 1000.0;
}

void tl_lag_reset(tl_loop *loop) {
  if (loop->lag) tl__hist_reset(&loop->lag->hist);
}

void tl__lag_free(tl_loop *loop) {
  tl_lag_disable(loop);
  free(loop->lag);
  loop->lag = NULL;
}
