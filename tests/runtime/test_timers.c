/* test_timers.c: timeouts (0 ms clamped to 1, ordered by due time then
 * insertion), intervals and clearing them, immediates, and the rule that an
 * immediate beats a 0 ms timeout inside an I/O callback. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt.h"

static void log_arg(tl_loop *l, void *a) {
  (void)l;
  rt_log(a);
}

/* A 1 ms and a 0 ms timeout set in that order: with the clamp both are due
 * at the same time and fire in insertion order; without it, 0 would win. */
static void test_zero_is_clamped_to_one(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "one", 1, NULL);
  tl_set_timeout(loop, log_arg, "zero", 0, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "one zero");
  rt_close(loop);
}

static void test_ordered_by_due_time_then_insertion(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "30", 30, NULL);
  tl_set_timeout(loop, log_arg, "10", 10, NULL);
  tl_set_timeout(loop, log_arg, "20a", 20, NULL);
  tl_set_timeout(loop, log_arg, "20b", 20, NULL);
  tl_set_timeout(loop, log_arg, "20c", 20, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "10 20a 20b 20c 30");
  rt_close(loop);
}

static double fired_at;
static void note_time(tl_loop *l, void *a) {
  (void)l, (void)a;
  fired_at = rt_ms();
}

static void test_timeout_waits_its_delay(void) {
  tl_loop *loop = rt_loop();
  tl_update_time(loop);
  double start = rt_ms();
  tl_set_timeout(loop, note_time, NULL, 50, NULL);
  tl_run(loop);
  double elapsed = fired_at - start;
  /* The cached clock has 1 ms steps; the upper bound has a 3x margin. */
  CU_ASSERT(elapsed >= 49.0);
  CU_ASSERT(elapsed < 150.0);
  rt_close(loop);
}

/* The start-up rule puts the loop's time 1 ms ahead of the clock, never
 * more: calling tl_run many times in a row must not push it further. */
static void test_run_does_not_drift_the_clock(void) {
  tl_loop *loop = rt_loop();
  for (int i = 0; i < 500; i++) tl_run(loop);
  CU_ASSERT(tl_now(loop) <= tl_hrtime() / 1000000u + 1);
  tl_update_time(loop);
  double start = rt_ms();
  tl_set_timeout(loop, note_time, NULL, 50, NULL);
  tl_run(loop);
  CU_ASSERT(fired_at - start >= 48.0); /* 1 ms of rule, 1 ms of clock steps */
  rt_close(loop);
}

/* ---- intervals ------------------------------------------------------------ */

typedef struct ticker {
  tl_timer_id id;
  int calls;
  int calls_at_clear;
  int clear_self_at;
  int own_clear_result;
} ticker;

static void interval_cb(tl_loop *l, void *a) {
  ticker *t = a;
  t->calls++;
  if (t->calls == t->clear_self_at) t->own_clear_result = tl_clear_interval(l, t->id);
}

static void test_interval_cleared_from_its_callback(void) {
  tl_loop *loop = rt_loop();
  ticker t = {.clear_self_at = 3};
  CU_ASSERT_EQUAL(tl_set_interval(loop, interval_cb, &t, 5, &t.id), 0);
  CU_ASSERT_NOT_EQUAL(t.id, 0);
  tl_set_timeout(loop, log_arg, "later", 60, NULL); /* room for more calls, had it survived */
  rt_log_reset();
  tl_run(loop);
  CU_ASSERT_EQUAL(t.calls, 3);
  CU_ASSERT_EQUAL(t.own_clear_result, 0);
  CU_ASSERT_EQUAL(tl_clear_interval(loop, t.id), -ENOENT); /* already cleared */
  rt_close(loop);
}

static void clear_other(tl_loop *l, void *a) {
  ticker *t = a;
  t->calls_at_clear = t->calls;
  CU_ASSERT_EQUAL(tl_clear_interval(l, t->id), 0);
}

static void test_interval_cleared_by_another_timer(void) {
  tl_loop *loop = rt_loop();
  ticker t = {0};
  tl_set_interval(loop, interval_cb, &t, 10, &t.id);
  tl_set_timeout(loop, clear_other, &t, 45, NULL);
  tl_set_timeout(loop, log_arg, "after", 120, NULL);
  rt_log_reset();
  tl_run(loop);
  CU_ASSERT(t.calls_at_clear >= 1);
  CU_ASSERT_EQUAL(t.calls, t.calls_at_clear); /* nothing after the clear */
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "after");
  rt_close(loop);
}

static tl_timer_id self_id;
static int self_clear_result;
static void clear_self_timeout(tl_loop *l, void *a) {
  (void)a;
  self_clear_result = tl_clear_timeout(l, self_id);
}

static void test_clear_timeout(void) {
  tl_loop *loop = rt_loop();
  tl_timer_id id;
  rt_log_reset();
  CU_ASSERT_EQUAL(tl_set_timeout(loop, log_arg, "never", 1, &id), 0);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, id), 0);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, id), -ENOENT);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, 0), -ENOENT);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, 0x123456789abcULL), -ENOENT);
  /* The freed slot is reused: the stale id must not reach the new timer. */
  tl_timer_id id2;
  tl_set_timeout(loop, log_arg, "kept", 1, &id2);
  CU_ASSERT_NOT_EQUAL(id, id2);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, id), -ENOENT);
  tl_set_timeout(loop, clear_self_timeout, NULL, 2, &self_id);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "kept");
  CU_ASSERT_EQUAL(self_clear_result, -ENOENT); /* a fired timeout is gone */
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, id2), -ENOENT);
  CU_ASSERT_EQUAL(tl_set_timeout(loop, NULL, NULL, 1, NULL), -EINVAL);
  rt_close(loop);
}

static tl_timer_id later_id;
static void clear_later_same_phase(tl_loop *l, void *a) {
  (void)a;
  rt_log("first");
  CU_ASSERT_EQUAL(tl_clear_timeout(l, later_id), 0); /* due, not yet run */
}

static void test_clear_a_due_timer_from_the_same_phase(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, clear_later_same_phase, NULL, 5, NULL);
  tl_set_timeout(loop, log_arg, "second", 5, &later_id);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "first");
  rt_close(loop);
}

/* ---- immediates ----------------------------------------------------------- */

static void test_immediates_in_order_and_cleared(void) {
  tl_loop *loop = rt_loop();
  tl_immediate_id id;
  rt_log_reset();
  tl_set_immediate(loop, log_arg, "a", NULL);
  tl_set_immediate(loop, log_arg, "b", &id);
  tl_set_immediate(loop, log_arg, "c", NULL);
  CU_ASSERT_EQUAL(tl_clear_immediate(loop, id), 0);
  CU_ASSERT_EQUAL(tl_clear_immediate(loop, id), -ENOENT);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "a c");
  rt_close(loop);
}

static int iterations;
static void count_iteration(tl_prepare *p) {
  (void)p;
  iterations++;
}
static int iter_a, iter_b;
static void imm_b(tl_loop *l, void *a) {
  (void)l, (void)a;
  iter_b = iterations;
}
static void imm_a(tl_loop *l, void *a) {
  (void)a;
  iter_a = iterations;
  tl_set_immediate(l, imm_b, NULL, NULL);
}

/* Node's rule: an immediate queued during the check phase waits for the
 * next iteration (so immediates cannot starve I/O). */
static void test_immediate_from_immediate_waits_an_iteration(void) {
  tl_loop *loop = rt_loop();
  tl_prepare p;
  tl_prepare_init(loop, &p);
  tl_prepare_start(&p, count_iteration);
  tl_unref(&p.handle);
  iterations = 0;
  tl_set_immediate(loop, imm_a, NULL, NULL);
  tl_run(loop);
  CU_ASSERT_EQUAL(iter_b, iter_a + 1);
  tl_close(&p.handle, NULL);
  tl_run(loop);
  rt_close(loop);
}

/* ---- immediate before a 0 ms timeout inside I/O --------------------------- */

#define ROUNDS 30
static int round_no;
static char io_order[ROUNDS][8];

static void mark_timeout(tl_loop *l, void *a) {
  (void)l;
  strcat(io_order[(intptr_t)a], "T");
}
static void mark_immediate(tl_loop *l, void *a) {
  (void)l;
  strcat(io_order[(intptr_t)a], "I");
}

static void on_stat(tl_loop *l, int status, const struct stat *st, void *a) {
  (void)st, (void)a;
  CU_ASSERT_EQUAL(status, 0);
  intptr_t r = round_no++;
  tl_set_timeout(l, mark_timeout, (void *)r, 0, NULL); /* set first, fires second */
  tl_set_immediate(l, mark_immediate, (void *)r, NULL);
  /* Make the timeout due before the callback returns: then only the phase
   * order (check before timers) puts the immediate first. */
  rt_block_ms(2);
  if (round_no < ROUNDS) tl_fs_stat(l, "/", on_stat, NULL);
}

static void test_immediate_beats_zero_timeout_in_fs_callback(void) {
  tl_loop *loop = rt_loop();
  memset(io_order, 0, sizeof io_order);
  round_no = 0;
  tl_fs_stat(loop, "/", on_stat, NULL);
  tl_run(loop);
  CU_ASSERT_EQUAL(round_no, ROUNDS);
  for (int i = 0; i < ROUNDS; i++) CU_ASSERT_STRING_EQUAL(io_order[i], "IT");
  rt_close(loop);
}

static tl_tcp sp_a, sp_b;
static void on_sp_read(tl_tcp *t, ssize_t n, const char *buf) {
  (void)buf;
  tl_loop *l = t->handle.loop;
  if (n <= 0) return;
  for (ssize_t i = 0; i < n; i++) {
    intptr_t r = round_no++;
    tl_set_timeout(l, mark_timeout, (void *)r, 0, NULL);
    tl_set_immediate(l, mark_immediate, (void *)r, NULL);
  }
  rt_block_ms(2); /* the timeouts are due before this callback returns */
  if (round_no < ROUNDS)
    tl_tcp_write(&sp_a, "x", 1, NULL, NULL);
  else {
    tl_close(&sp_a.handle, NULL);
    tl_close(&sp_b.handle, NULL);
  }
}

static void test_immediate_beats_zero_timeout_in_socket_callback(void) {
  tl_loop *loop = rt_loop();
  int sv[2];
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp_init(loop, &sp_a);
  tl_tcp_init(loop, &sp_b);
  tl_tcp_open(&sp_a, sv[0]);
  tl_tcp_open(&sp_b, sv[1]);
  memset(io_order, 0, sizeof io_order);
  round_no = 0;
  tl_tcp_read_start(&sp_b, on_sp_read);
  tl_tcp_write(&sp_a, "x", 1, NULL, NULL);
  tl_run(loop);
  CU_ASSERT_EQUAL(round_no, ROUNDS);
  for (int i = 0; i < ROUNDS; i++) CU_ASSERT_STRING_EQUAL(io_order[i], "IT");
  rt_close(loop);
}

static void test_timer_unref_lets_the_loop_end(void) {
  tl_loop *loop = rt_loop();
  tl_timer_id id;
  rt_log_reset();
  tl_set_timeout(loop, log_arg, "unref'd", 10000, &id);
  CU_ASSERT_EQUAL(tl_timer_unref(loop, id), 0);
  double start = rt_ms();
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT(rt_ms() - start < 3000);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "");
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, id), 0);
  CU_ASSERT_EQUAL(tl_timer_unref(loop, id), -ENOENT);
  rt_close(loop);
}

void register_timer_tests(void) {
  CU_pSuite s = CU_add_suite("timers", NULL, NULL);
  RT_ADD(s, test_zero_is_clamped_to_one);
  RT_ADD(s, test_ordered_by_due_time_then_insertion);
  RT_ADD(s, test_timeout_waits_its_delay);
  RT_ADD(s, test_run_does_not_drift_the_clock);
  RT_ADD(s, test_interval_cleared_from_its_callback);
  RT_ADD(s, test_interval_cleared_by_another_timer);
  RT_ADD(s, test_clear_timeout);
  RT_ADD(s, test_clear_a_due_timer_from_the_same_phase);
  RT_ADD(s, test_immediates_in_order_and_cleared);
  RT_ADD(s, test_immediate_from_immediate_waits_an_iteration);
  RT_ADD(s, test_immediate_beats_zero_timeout_in_fs_callback);
  RT_ADD(s, test_immediate_beats_zero_timeout_in_socket_callback);
  RT_ADD(s, test_timer_unref_lets_the_loop_end);
}
