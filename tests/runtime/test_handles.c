/* test_handles.c: closing (the close callback runs in the close phase;
 * closing twice is an error, not a crash), tl_loop_close refusing and naming
 * what is left open, tl_walk, ref/unref, and tl_stop. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

static int close_calls;
static void on_close(tl_handle *h) {
  (void)h;
  close_calls++;
  rt_log("closed");
}

static void test_close_twice_is_an_error(void) {
  tl_loop *loop = rt_loop();
  tl_idle idle;
  tl_tcp tcp;
  tl_idle_init(loop, &idle);
  tl_tcp_init(loop, &tcp);
  close_calls = 0;
  CU_ASSERT_FALSE(tl_is_closing(&idle.handle));
  CU_ASSERT_EQUAL(tl_close(&idle.handle, on_close), 0);
  CU_ASSERT_EQUAL(tl_close(&idle.handle, on_close), -EALREADY); /* closing */
  CU_ASSERT_EQUAL(tl_close(&tcp.handle, on_close), 0);
  CU_ASSERT_EQUAL(tl_close(&tcp.handle, NULL), -EALREADY);
  CU_ASSERT_TRUE(tl_is_closing(&idle.handle));
  CU_ASSERT_EQUAL(close_calls, 0); /* never from inside tl_close */
  tl_run(loop);
  CU_ASSERT_EQUAL(close_calls, 2);
  CU_ASSERT_EQUAL(tl_close(&idle.handle, on_close), -EALREADY); /* closed */
  CU_ASSERT_EQUAL(tl_close(&tcp.handle, on_close), -EALREADY);
  CU_ASSERT_EQUAL(tl_idle_start(&idle, (tl_idle_cb)NULL), -EINVAL);
  tl_run(loop);
  CU_ASSERT_EQUAL(close_calls, 2);
  rt_close(loop);
}

static tl_idle *to_close;
static void log_immediate(tl_loop *l, void *a) {
  (void)l, (void)a;
  rt_log("immediate");
}
static void close_in_timer(tl_loop *l, void *a) {
  (void)a;
  rt_log("timer");
  tl_close(&to_close->handle, on_close);
  tl_set_immediate(l, log_immediate, NULL, NULL);
}

/* Closed from a timer: the close callback waits for the close phase, after
 * the check phase of the same iteration. */
static void test_close_callback_runs_in_close_phase(void) {
  tl_loop *loop = rt_loop();
  tl_idle idle;
  tl_idle_init(loop, &idle);
  to_close = &idle;
  rt_log_reset();
  tl_set_timeout(loop, close_in_timer, NULL, 1, NULL);
  tl_run(loop);
  CU_ASSERT_STRING_EQUAL(rt_log_text(), "timer immediate closed");
  rt_close(loop);
}

static void never(tl_loop *l, void *a) { (void)l, (void)a; }
static void on_connection(tl_tcp *server, int status) { (void)server, (void)status; }

typedef struct open_things {
  tl_loop *loop;
  int result;
} open_things;

static void close_loop(void *arg) {
  open_things *o = arg;
  o->result = tl_loop_close(o->loop);
}

static void count_item(const tl_walk_item *item, void *arg) {
  char *kinds = arg;
  strcat(kinds, item->kind);
  strcat(kinds, ",");
}

static void test_loop_close_reports_open_handles(void) {
  tl_loop *loop = rt_loop();
  tl_idle idle;
  tl_tcp server;
  tl_timer_id timer;
  tl_immediate_id imm;
  tl_idle_init(loop, &idle);
  tl_tcp_init(loop, &server);
  CU_ASSERT_EQUAL(tl_tcp_listen(&server, "127.0.0.1", 0, 0, on_connection), 0);
  tl_set_timeout(loop, never, NULL, 60000, &timer);
  tl_set_immediate(loop, never, NULL, &imm);
  tl_next_tick(loop, never, NULL);

  char kinds[256] = "";
  CU_ASSERT_EQUAL(tl_walk(loop, count_item, kinds), 5);
  CU_ASSERT_STRING_EQUAL(kinds, "idle,tcp,timer,immediate,next-tick,");

  open_things o = {loop, 0};
  char *text = rt_capture_stderr(close_loop, &o);
  CU_ASSERT_EQUAL(o.result, -EBUSY);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "tickloop: tl_loop_close: idle still open"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "tickloop: tl_loop_close: tcp still open (listening on port"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "tickloop: tl_loop_close: timer still open (timeout"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "tickloop: tl_loop_close: immediate still open"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "tickloop: tl_loop_close: next-tick still open"));
  free(text);

  /* The loop is intact after -EBUSY: clean up and close it for real. */
  tl_close(&idle.handle, NULL);
  tl_close(&server.handle, NULL);
  CU_ASSERT_EQUAL(tl_clear_timeout(loop, timer), 0);
  CU_ASSERT_EQUAL(tl_clear_immediate(loop, imm), 0);
  tl_run(loop); /* drains the tick, runs the close phase */
  kinds[0] = '\0';
  CU_ASSERT_EQUAL(tl_walk(loop, count_item, kinds), 0);
  rt_close(loop);
}

static int idle_calls;
static void idle_three_times(tl_idle *h) {
  if (++idle_calls == 3) tl_idle_stop(h);
}

static void test_ref_and_unref(void) {
  tl_loop *loop = rt_loop();
  tl_idle idle;
  tl_idle_init(loop, &idle);
  tl_idle_start(&idle, idle_three_times);
  tl_unref(&idle.handle);
  idle_calls = 0;
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(idle_calls, 0); /* an unreferenced handle alone: no iteration */
  tl_ref(&idle.handle);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(idle_calls, 3);
  tl_close(&idle.handle, NULL);
  tl_run(loop);
  rt_close(loop);
}

static int interval_calls;
static void stop_on_fifth(tl_loop *l, void *a) {
  (void)a;
  if (++interval_calls == 5) tl_stop(l);
}

static void test_stop(void) {
  tl_loop *loop = rt_loop();
  tl_timer_id id;
  interval_calls = 0;
  tl_set_interval(loop, stop_on_fifth, NULL, 1, &id);
  CU_ASSERT_EQUAL(tl_run(loop), 1); /* stopped with work left */
  CU_ASSERT_EQUAL(interval_calls, 5);
  CU_ASSERT_EQUAL(tl_clear_interval(loop, id), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  rt_close(loop);
}

void register_handle_tests(void) {
  CU_pSuite s = CU_add_suite("handles", NULL, NULL);
  RT_ADD(s, test_close_twice_is_an_error);
  RT_ADD(s, test_close_callback_runs_in_close_phase);
  RT_ADD(s, test_loop_close_reports_open_handles);
  RT_ADD(s, test_ref_and_unref);
  RT_ADD(s, test_stop);
}
