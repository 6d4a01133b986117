/* test_starve.c: a next tick that re-queues itself starves timers and I/O
 * (the next-tick queue drains completely before the loop moves on); the same
 * chain built with immediates does not. Both chains are bounded by time, so
 * the test ends. */
#include "rt.h"

#define CHAIN_MS 200.0 /* how long the chain runs */
#define READY_MS 20     /* when the timer and the work are ready (10x shorter) */

static double chain_start;
static long links, links_at_timer, links_at_io;
static int chain_done;

static void tick_link(tl_loop *l, void *a) {
  (void)a;
  links++;
  if (rt_ms() - chain_start < CHAIN_MS)
    tl_next_tick(l, tick_link, NULL);
  else
    chain_done = 1;
}

static void immediate_link(tl_loop *l, void *a) {
  (void)a;
  links++;
  if (rt_ms() - chain_start < CHAIN_MS)
    tl_set_immediate(l, immediate_link, NULL, NULL);
  else
    chain_done = 1;
}

static void on_timer(tl_loop *l, void *a) {
  (void)l, (void)a;
  links_at_timer = links;
}

static void io_work(void *a) {
  (void)a;
  rt_block_ms(READY_MS);
}

static void on_io(tl_loop *l, int status, void *a) {
  (void)l, (void)a;
  CU_ASSERT_EQUAL(status, 0);
  links_at_io = links;
}

static void start(tl_loop *loop, int with_ticks) {
  links = links_at_timer = links_at_io = 0;
  chain_done = 0;
  tl_set_timeout(loop, on_timer, NULL, READY_MS, NULL);
  tl_queue_work(loop, io_work, on_io, NULL);
  chain_start = rt_ms();
  if (with_ticks)
    tl_next_tick(loop, tick_link, NULL);
  else
    tl_set_immediate(loop, immediate_link, NULL, NULL);
}

static void test_recursive_next_tick_starves_timers_and_io(void) {
  tl_loop *loop = rt_loop();
  start(loop, 1);
  tl_run(loop);
  CU_ASSERT(chain_done);
  CU_ASSERT(links > 1);
  /* Neither the timer nor the work's callback, both ready after 20 ms, ran
   * before the chain ended, 200 ms later. */
  CU_ASSERT_EQUAL(links_at_timer, links);
  CU_ASSERT_EQUAL(links_at_io, links);
  rt_close(loop);
}

static void test_recursive_immediate_lets_timers_and_io_run(void) {
  tl_loop *loop = rt_loop();
  start(loop, 0);
  tl_run(loop);
  CU_ASSERT(chain_done);
  CU_ASSERT(links_at_timer > 0 && links_at_timer < links);
  CU_ASSERT(links_at_io > 0 && links_at_io < links);
  rt_close(loop);
}

void register_starve_tests(void) {
  CU_pSuite s = CU_add_suite("starve", NULL, NULL);
  RT_ADD(s, test_recursive_next_tick_starves_timers_and_io);
  RT_ADD(s, test_recursive_immediate_lets_timers_and_io_run);
}
