/* test_node.c: the rules tickloop took from Node once the conformance suite
 * (tests/conformance) showed them, as unit tests that need no Node: timers
 * count from the call, overdue timers run list by list, intervals re-arm
 * after their callback, delay coercion, tl_timer_refresh, unreferenced
 * immediates, close callbacks closed-last-first, and tl_fs_read_file in
 * several pool trips. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

static void log_arg(tl_loop *l, void *a) {
  (void)l;
  rt_log(a);
}

/* A timeout set after 30 ms of work counts from then: 40 ms set first fires
 * before 20 ms set 30 ms later. */
static void test_counts_from_call(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "A40", 40, NULL);
  rt_block_ms(30);
  tl_set_timeout(loop, log_arg, "B20", 20, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "A40 B20");
  rt_close(loop);
}

/* All three overdue: the 10 ms list (due at 10 and 18) runs whole before the
 * 5 ms list (due at 14). */
static void test_list_by_list(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "A", 10, NULL);
  rt_block_ms(8);
  tl_set_timeout(loop, log_arg, "B", 10, NULL);
  rt_block_ms(1);
  tl_set_timeout(loop, log_arg, "C", 5, NULL);
  rt_block_ms(40);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "A B C");
  rt_close(loop);
}

static tl_timer_id iv;
static int iv_runs;
static void interval_sets_timeout(tl_loop *l, void *a) {
  (void)a;
  rt_log("I");
  if (++iv_runs == 1) tl_set_timeout(l, log_arg, "T", 10, NULL);
  if (iv_runs == 2) tl_clear_interval(l, iv);
}

/* A timeout of the interval's delay set in its callback comes before the
 * interval's next run (the interval re-joins its list after the callback). */
static void test_interval_rearms_after_callback(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  iv_runs = 0;
  tl_set_interval(loop, interval_sets_timeout, NULL, 10, &iv);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "I T I");
  rt_close(loop);
}

static tl_timer_id mate, lone_iv;
static int lone_runs;
static void interval_empties_its_list(tl_loop *l, void *a) {
  (void)a;
  rt_log("I");
  if (++lone_runs == 1) {
    /* Its list loses its last timer (dropped), and a new list takes a spare:
     * the re-arm after this callback still needs one. */
    CU_ASSERT_EQUAL(tl_clear_timeout(l, mate), 0);
    tl_set_timeout(l, log_arg, "X7", 7, NULL);
    tl_set_timeout(l, log_arg, "X3", 3, NULL);
  } else {
    tl_clear_interval(l, lone_iv);
  }
}

/* An interval whose list is emptied and dropped inside its callback, while
 * the callback makes new lists, is re-armed in a list of its own. */
static void test_interval_list_dropped(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  lone_runs = 0;
  tl_set_interval(loop, interval_empties_its_list, NULL, 30, &lone_iv);
  tl_set_timeout(loop, log_arg, "never", 30, &mate);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "I X3 X7 I");
  rt_close(loop);
}

static void overflow_timer(void *arg) {
  tl_set_timeout(arg, log_arg, "overflow", INT64_C(1) << 31, NULL);
}

/* Below 1 and above TL_TIMEOUT_MAX are 1 ms (the latter with a warning);
 * TL_TIMEOUT_MAX itself really waits. */
static void test_delay_coercion(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "late", 60, NULL);
  tl_set_timeout(loop, log_arg, "negative", -5, NULL);
  char *err = rt_capture_stderr(overflow_timer, loop);
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "TimeoutOverflowWarning: 2147483648"));
  free(err);
  tl_timer_id max;
  tl_set_timeout(loop, log_arg, "max", TL_TIMEOUT_MAX, &max);
  tl_timer_unref(loop, max);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "negative overflow late");
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, max), 0);
  rt_close(loop);
}

static tl_timer_id refreshed, fired;
static int refresh_late_result;
static void do_refresh(tl_loop *l, void *a) {
  (void)a;
  CU_ASSERT_EQUAL(tl_timer_refresh(l, refreshed), 0);
  refresh_late_result = tl_timer_refresh(l, fired);
  rt_log("refresh");
}

static int self_refresh_result = 1;
static tl_timer_id self_iv;
static void interval_refreshes_itself(tl_loop *l, void *a) {
  (void)a;
  self_refresh_result = tl_timer_refresh(l, self_iv);
  tl_clear_interval(l, self_iv);
}

/* refresh: counts again from now; a fired timeout is -ENOENT; inside an
 * interval's own callback it is accepted and changes nothing. */
static void test_refresh(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  /* Margins of 20 ms: a loaded machine may preempt us between two calls. */
  tl_set_timeout(loop, log_arg, "fired", 2, &fired);
  tl_set_timeout(loop, log_arg, "refreshed", 60, &refreshed);
  tl_set_timeout(loop, do_refresh, NULL, 40, NULL);
  tl_set_timeout(loop, log_arg, "80", 80, NULL);
  tl_set_interval(loop, interval_refreshes_itself, NULL, 5, &self_iv);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "fired refresh 80 refreshed");
  CU_ASSERT_EQUAL(refresh_late_result, -ENOENT);
  CU_ASSERT_EQUAL(self_refresh_result, 0);
  CU_ASSERT_EQUAL(tl_timer_refresh(loop, refreshed), -ENOENT);
  rt_close(loop);
}

/* An unreferenced immediate alone lets tl_run return without running it;
 * with a timer pending it runs once the timer woke the loop. */
static void test_immediate_unref(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_immediate_id im;
  tl_set_immediate(loop, log_arg, "immediate", &im);
  CU_ASSERT_EQUAL(tl_immediate_unref(loop, im), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "");
  double start = rt_ms();
  tl_set_timeout(loop, log_arg, "timer", 30, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "immediate timer");
  CU_ASSERT(rt_ms() - start >= 25); /* the poll phase waited for the timer */
  CU_ASSERT_EQUAL(tl_immediate_ref(loop, im), -ENOENT);
  tl_set_immediate(loop, log_arg, "again", &im);
  tl_immediate_unref(loop, im);
  CU_ASSERT_EQUAL(tl_immediate_ref(loop, im), 0);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "immediate timer again");
  rt_close(loop);
}

static void log_close(tl_handle *h) { rt_log(h->data); }

/* Close callbacks run the handle closed last first. */
static void test_close_order(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_idle idles[3];
  static char *names[] = {"1", "2", "3"};
  for (int i = 0; i < 3; i++) {
    idles[i].handle.data = names[i];
    tl_idle_init(loop, &idles[i]);
  }
  for (int i = 0; i < 3; i++) tl_close(&idles[i].handle, log_close);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "3 2 1");
  rt_close(loop);
}

static unsigned polls;
static void count_poll(tl_prepare *p) {
  (void)p;
  polls++;
}

typedef struct read_result {
  int status;
  size_t len;
  int same;
} read_result;

static const char *expected_data;
static void on_read(tl_loop *l, int status, const char *data, size_t len, void *arg) {
  (void)l;
  read_result *r = arg;
  r->status = status;
  r->len = len;
  r->same = data && memcmp(data, expected_data, len) == 0 && data[len] == '\0';
}

/* A 1.5 MiB + 7 file: open, fstat, four reads, close, each a trip of its own
 * with at least one loop iteration between them; the data is exact. */
static void test_read_file_trips(void) {
  size_t size = 3 * 512 * 1024 + 7;
  char *data = malloc(size);
  CU_ASSERT_FATAL(data != NULL);
  for (size_t i = 0; i < size; i++) data[i] = (char)('a' + i % 23);
  char path[512];
  snprintf(path, sizeof path, "%s/node-big.bin", rt_tmpdir());
  CU_ASSERT_EQUAL_FATAL(tl_fs_write_file_sync(path, data, size), 0);
  expected_data = data;

  tl_loop *loop = rt_loop();
  tl_prepare prep;
  tl_prepare_init(loop, &prep);
  tl_prepare_start(&prep, count_poll);
  tl_unref(&prep.handle);
  polls = 0;
  read_result r = {1, 0, 0};
  CU_ASSERT_EQUAL(tl_fs_read_file(loop, path, on_read, &r), 0);
  tl_run(loop);
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_EQUAL(r.len, size);
  CU_ASSERT(r.same);
  CU_ASSERT(polls >= 7); /* seven trips, each completing in a poll phase of its own */
  tl_close(&prep.handle, NULL);
  tl_run(loop);
  rt_close(loop);
  free(data);
}

void register_node_tests(void) {
  CU_pSuite s = CU_add_suite("node", NULL, NULL);
  RT_ADD(s, test_counts_from_call);
  RT_ADD(s, test_list_by_list);
  RT_ADD(s, test_interval_rearms_after_callback);
  RT_ADD(s, test_interval_list_dropped);
  RT_ADD(s, test_delay_coercion);
  RT_ADD(s, test_refresh);
  RT_ADD(s, test_immediate_unref);
  RT_ADD(s, test_close_order);
  RT_ADD(s, test_read_file_trips);
}
