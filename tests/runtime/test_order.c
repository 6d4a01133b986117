/* test_order.c: the phase order of one iteration, the draining of the
 * next-tick and microtask queues after every callback, and the start-up rule
 * that fixes the order of a top-level 0 ms timeout and immediate. */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rt.h"

/* ---- every phase once, in one iteration -------------------------------- */

static void ph_timer(tl_loop *l, void *a) { (void)l, (void)a, rt_log("timers"); }
static void ph_write_done(tl_tcp *t, int status, void *a) {
  (void)t, (void)a;
  CU_ASSERT_EQUAL(status, 0);
  rt_log("pending");
}
static void ph_idle(tl_idle *h) {
  rt_log("idle");
  tl_idle_stop(h);
}
static void ph_prepare(tl_prepare *h) {
  rt_log("prepare");
  tl_prepare_stop(h);
}
static void ph_read(tl_tcp *t, ssize_t n, const char *buf) {
  (void)buf;
  CU_ASSERT_EQUAL(n, 1);
  rt_log("poll");
  tl_tcp_read_stop(t);
}
static void ph_immediate(tl_loop *l, void *a) { (void)l, (void)a, rt_log("check"); }
static void ph_close(tl_handle *h) { (void)h, rt_log("close"); }

static void test_phase_order(void) {
  tl_loop *loop = rt_loop();
  int sv[2];
  CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  tl_tcp a, b;
  tl_idle idle, closer;
  tl_prepare prepare;
  tl_tcp_init(loop, &a);
  tl_tcp_init(loop, &b);
  CU_ASSERT_EQUAL(tl_tcp_open(&a, sv[0]), 0);
  CU_ASSERT_EQUAL(tl_tcp_open(&b, sv[1]), 0);
  rt_log_reset();
  /* Set up in reverse phase order, so that registration order cannot be
   * what orders the log. */
  tl_idle_init(loop, &closer);
  tl_close(&closer.handle, ph_close);
  tl_set_immediate(loop, ph_immediate, NULL, NULL);
  CU_ASSERT_EQUAL(tl_tcp_read_start(&b, ph_read), 0);
  CU_ASSERT_EQUAL(tl_tcp_write(&a, "x", 1, ph_write_done, NULL), 0); /* done at once: pending */
  tl_prepare_init(loop, &prepare);
  tl_prepare_start(&prepare, ph_prepare);
  tl_idle_init(loop, &idle);
  tl_idle_start(&idle, ph_idle);
  tl_set_timeout(loop, ph_timer, NULL, 0, NULL);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "timers pending idle prepare poll check close");
  tl_close(&a.handle, NULL);
  tl_close(&b.handle, NULL);
  tl_close(&idle.handle, NULL);
  tl_close(&prepare.handle, NULL);
  tl_run(loop);
  rt_close(loop);
}

/* ---- next ticks and microtasks ---------------------------------------- */

static void m_a2(tl_loop *l, void *a) { (void)l, (void)a, rt_log("mA2"); }
static void t_b(tl_loop *l, void *a) { (void)l, (void)a, rt_log("tB"); }
static void m_a(tl_loop *l, void *a) {
  (void)a;
  rt_log("mA");
  tl_next_tick(l, t_b, NULL); /* after the microtask queue is empty */
}
static void t_a(tl_loop *l, void *a) {
  (void)a;
  rt_log("tA");
  tl_queue_microtask(l, m_a2, NULL); /* still before the next timer */
}
static void timer_a(tl_loop *l, void *a) {
  (void)a;
  rt_log("A");
  tl_queue_microtask(l, m_a, NULL);
  tl_next_tick(l, t_a, NULL); /* queued second, runs first */
}
static void timer_b(tl_loop *l, void *a) { (void)l, (void)a, rt_log("B"); }

static void test_ticks_and_microtasks_drain_after_each_callback(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_timeout(loop, timer_a, NULL, 5, NULL);
  tl_set_timeout(loop, timer_b, NULL, 5, NULL); /* same phase as A */
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "A tA mA mA2 tB B");
  rt_close(loop);
}

static void im_1(tl_loop *l, void *a) {
  (void)a;
  rt_log("I1");
  tl_next_tick(l, t_b, NULL);
}
static void im_2(tl_loop *l, void *a) { (void)l, (void)a, rt_log("I2"); }

static void test_ticks_drain_between_immediates(void) {
  tl_loop *loop = rt_loop();
  rt_log_reset();
  tl_set_immediate(loop, im_1, NULL, NULL);
  tl_set_immediate(loop, im_2, NULL, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "I1 tB I2");
  rt_close(loop);
}

/* ---- top level --------------------------------------------------------- */

static void top_timeout(tl_loop *l, void *a) { (void)l, (void)a, rt_log("T"); }
static void top_timeout5(tl_loop *l, void *a) { (void)l, (void)a, rt_log("T50"); }
static void top_immediate(tl_loop *l, void *a) { (void)l, (void)a, rt_log("I"); }
static void top_tick(tl_loop *l, void *a) { (void)l, (void)a, rt_log("tick"); }
static void top_micro(tl_loop *l, void *a) { (void)l, (void)a, rt_log("micro"); }

/* Code before tl_run counts as the first callback: its next ticks and
 * microtasks drain before any phase. The start-up rule puts a 0 ms timeout
 * before the first immediate, every time, but not a 50 ms one. */
static void test_top_level_order_is_deterministic(void) {
  for (int i = 0; i < 50; i++) {
    tl_loop *loop = rt_loop();
    rt_log_reset();
    tl_set_timeout(loop, top_timeout5, NULL, 50, NULL);
    tl_set_immediate(loop, top_immediate, NULL, NULL);
    tl_set_timeout(loop, top_timeout, NULL, 0, NULL);
    tl_queue_microtask(loop, top_micro, NULL);
    tl_next_tick(loop, top_tick, NULL);
    tl_run(loop);
    CU_ASSERT_STRING_EQUAL(rt_log_text(), "tick micro T I T50");
    rt_close(loop);
  }
}

static void reenter(tl_loop *l, void *a) {
  (void)a;
  CU_ASSERT_EQUAL(tl_run(l), -EBUSY);
}

static void test_run_inside_a_callback_is_busy(void) {
  tl_loop *loop = rt_loop();
  tl_set_immediate(loop, reenter, NULL, NULL);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  rt_close(loop);
}

void register_order_tests(void) {
  CU_pSuite s = CU_add_suite("order", NULL, NULL);
  RT_ADD(s, test_phase_order);
  RT_ADD(s, test_ticks_and_microtasks_drain_after_each_callback);
  RT_ADD(s, test_ticks_drain_between_immediates);
  RT_ADD(s, test_top_level_order_is_deterministic);
  RT_ADD(s, test_run_inside_a_callback_is_busy);
}
