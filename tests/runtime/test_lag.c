/* test_lag.c: loop lag made visible. The histogram's buckets and
 * percentiles; the lag monitor and the watchdog facing a callback that
 * blocks the loop for 200 ms (timing assertions with 3x margins). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "histogram.h"
#include "rt.h"

#define BLOCK_MS 200
#define THRESHOLD_MS 50

/* ---- histogram ---------------------------------------------------------- */

static void check_bucket(uint64_t v) {
  unsigned b = tl__hist_bucket(v);
  uint64_t top = tl__hist_bucket_top(b);
  CU_ASSERT(b < TL__HIST_BUCKETS);
  CU_ASSERT(top >= v);
  CU_ASSERT(top - v <= v / 64 + 1);
  if (b > 0) CU_ASSERT(tl__hist_bucket_top(b - 1) < v); /* v is in no lower bucket */
}

static void test_histogram_buckets(void) {
  for (uint64_t v = 0; v < 100000; v++) check_bucket(v);
  for (uint64_t v = 100000; v < TL__HIST_MAX_VALUE; v = v * 3 / 2 + 7) {
    check_bucket(v);
    check_bucket(v - 1);
    check_bucket(v + 1);
  }
  check_bucket(TL__HIST_MAX_VALUE);
  CU_ASSERT_EQUAL(tl__hist_bucket(TL__HIST_MAX_VALUE * 4), tl__hist_bucket(TL__HIST_MAX_VALUE));
}

static void test_histogram_percentiles(void) {
  static tl__hist h;
  tl__hist_reset(&h);
  CU_ASSERT_EQUAL(tl__hist_percentile(&h, 50), 0);
  for (uint64_t v = 1; v <= 1000; v++) tl__hist_record(&h, v);
  CU_ASSERT_EQUAL(h.count, 1000);
  CU_ASSERT_EQUAL(h.min, 1);
  CU_ASSERT_EQUAL(h.max, 1000);
  uint64_t p50 = tl__hist_percentile(&h, 50), p99 = tl__hist_percentile(&h, 99);
  CU_ASSERT(p50 >= 500 && p50 <= 508); /* within a bucket (1.6%) above */
  CU_ASSERT(p99 >= 990 && p99 <= 1000);
  CU_ASSERT_EQUAL(tl__hist_percentile(&h, 100), 1000);
  CU_ASSERT_DOUBLE_EQUAL(tl__hist_mean(&h), 500.5, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(tl__hist_stddev(&h), 288.6749, 1e-3);
  tl__hist_record(&h, 5000000); /* one outlier moves max and p100 only */
  CU_ASSERT_EQUAL(h.max, 5000000);
  CU_ASSERT(tl__hist_percentile(&h, 99) <= 1000);
  tl__hist_reset(&h);
  CU_ASSERT_EQUAL(h.count, 0);
  CU_ASSERT_EQUAL(tl__hist_percentile(&h, 99), 0);
}

/* ---- a loop that blocks once ------------------------------------------------ */

/* Exported (not static) so that dladdr can name it; the test program is
 * linked with -rdynamic. */
void blocking_timer_cb(tl_loop *loop, void *arg);
void quick_timer_cb(tl_loop *loop, void *arg);

void blocking_timer_cb(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  rt_block_ms(BLOCK_MS);
}

void quick_timer_cb(tl_loop *loop, void *arg) { (void)loop, (void)arg; }

typedef struct captured {
  char name[128];
  char kind[32];
  double elapsed_ms;
  int still_running;
} captured;

static pthread_mutex_t cap_mu = PTHREAD_MUTEX_INITIALIZER;
static captured caps[16];
static int ncaps;

static void capture(const tl_block_report *r, void *arg) {
  (void)arg;
  pthread_mutex_lock(&cap_mu);
  if (ncaps < 16) {
    captured *c = &caps[ncaps++];
    snprintf(c->name, sizeof c->name, "%s", r->name);
    snprintf(c->kind, sizeof c->kind, "%s", r->kind);
    c->elapsed_ms = r->elapsed_ms;
    c->still_running = r->still_running;
  }
  pthread_mutex_unlock(&cap_mu);
}

static void schedule_block(tl_loop *loop) {
  tl_set_timeout(loop, quick_timer_cb, NULL, 20, NULL);
  tl_set_timeout(loop, blocking_timer_cb, NULL, 60, NULL);
  tl_set_timeout(loop, quick_timer_cb, NULL, 400, NULL); /* samples after the block */
}

static void test_lag_histogram_sees_the_block(void) {
  tl_loop *loop = rt_loop();
  tl_lag_stats s;
  CU_ASSERT_EQUAL(tl_lag_stats_get(loop, &s), -ENOENT);
  CU_ASSERT_EQUAL(tl_lag_enable(loop, 10), 0);
  schedule_block(loop);
  tl_run(loop); /* the lag timer keeps no loop alive: this returns */
  CU_ASSERT_EQUAL(tl_lag_stats_get(loop, &s), 0);
  /* ~20 samples of 10 ms in 400 ms; at least a third of them. */
  CU_ASSERT(s.count >= 7);
  /* The sample due during the block came about 190-200 ms late. */
  CU_ASSERT(s.max_ms >= BLOCK_MS / 3.0);
  CU_ASSERT(s.max_ms <= BLOCK_MS * 3.0);
  CU_ASSERT(s.p50_ms < BLOCK_MS / 3.0); /* most samples were on time */
  CU_ASSERT(s.p99_ms <= s.max_ms && s.p50_ms <= s.p90_ms && s.p90_ms <= s.p99_ms);
  CU_ASSERT_DOUBLE_EQUAL(tl_lag_percentile(loop, 100), s.max_ms, 1e-9);
  tl_lag_reset(loop);
  CU_ASSERT_EQUAL(tl_lag_stats_get(loop, &s), 0);
  CU_ASSERT_EQUAL(s.count, 0);
  CU_ASSERT_EQUAL(tl_lag_disable(loop), 0);
  rt_close(loop);
}

static void test_watchdog_names_the_blocking_callback(void) {
  tl_loop *loop = rt_loop();
  ncaps = 0;
  tl_watchdog_set_reporter(loop, capture, NULL);
  CU_ASSERT_EQUAL(tl_watchdog_start(loop, 0), -EINVAL);
  CU_ASSERT_EQUAL(tl_watchdog_start(loop, THRESHOLD_MS), 0);
  schedule_block(loop);
  tl_run(loop);
  CU_ASSERT_EQUAL(tl_watchdog_stop(loop), 0); /* joins: every report was made */
  int finals = 0, lives = 0;
  for (int i = 0; i < ncaps; i++) {
    captured *c = &caps[i];
    CU_ASSERT_STRING_EQUAL(c->name, "blocking_timer_cb");
    CU_ASSERT_STRING_EQUAL(c->kind, "timer");
    if (c->still_running) {
      lives++;
      CU_ASSERT(c->elapsed_ms >= THRESHOLD_MS);
    } else {
      finals++;
      CU_ASSERT(c->elapsed_ms >= BLOCK_MS);
      CU_ASSERT(c->elapsed_ms <= BLOCK_MS * 3.0);
    }
  }
  CU_ASSERT_EQUAL(finals, 1);
  CU_ASSERT_EQUAL(lives, 1);
  rt_close(loop);
}

static void run_blocking_loop_with_env(void *arg) {
  (void)arg;
  setenv("TL_BLOCK_WARN_MS", "50", 1);
  tl_loop *loop = rt_loop(); /* reads TL_BLOCK_WARN_MS: the watchdog starts */
  unsetenv("TL_BLOCK_WARN_MS");
  schedule_block(loop);
  tl_run(loop);
  rt_close(loop); /* stops the watchdog, which reports what is left */
}

static void test_watchdog_from_environment_prints_to_stderr(void) {
  char *text = rt_capture_stderr(run_blocking_loop_with_env, NULL);
  CU_ASSERT_PTR_NOT_NULL(
      strstr(text, "tickloop: callback 'blocking_timer_cb' (timer) has held the loop for "));
  const char *done = strstr(text, "tickloop: callback 'blocking_timer_cb' (timer) held the loop for ");
  CU_ASSERT_PTR_NOT_NULL(done);
  if (done) {
    int ms = atoi(done + strlen("tickloop: callback 'blocking_timer_cb' (timer) held the loop for "));
    CU_ASSERT(ms >= BLOCK_MS && ms <= BLOCK_MS * 3);
  }
  CU_ASSERT_PTR_NULL(strstr(text, "quick_timer_cb"));
  free(text);
}

void register_lag_tests(void) {
  CU_pSuite s = CU_add_suite("lag", NULL, NULL);
  RT_ADD(s, test_histogram_buckets);
  RT_ADD(s, test_histogram_percentiles);
  RT_ADD(s, test_lag_histogram_sees_the_block);
  RT_ADD(s, test_watchdog_names_the_blocking_callback);
  RT_ADD(s, test_watchdog_from_environment_prints_to_stderr);
}
