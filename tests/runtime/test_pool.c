/* test_pool.c: tl_queue_work runs work off the loop and its completion on
 * the loop; TL_THREADPOOL_SIZE parsing. (That the size is fixed at first use
 * and honoured is tested by pool_size.c, one process per environment.) */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "internal.h" /* tl__threadpool_parse_size */
#include "rt.h"

static pthread_t loop_thread;

typedef struct job {
  int input, output;
  int ran_off_loop, done_on_loop, done;
} job;

static void work(void *data) {
  job *j = data;
  j->ran_off_loop = !pthread_equal(pthread_self(), loop_thread);
  j->output = j->input * 2;
}

static void after_work(tl_loop *loop, int status, void *data) {
  (void)loop;
  job *j = data;
  CU_ASSERT_EQUAL(status, 0);
  j->done_on_loop = pthread_equal(pthread_self(), loop_thread);
  j->done++;
}

static void test_work_runs_off_loop_and_completes_on_it(void) {
  enum { N = 200 };
  static job jobs[N];
  tl_loop *loop = rt_loop();
  loop_thread = pthread_self();
  for (int i = 0; i < N; i++) {
    jobs[i] = (job){.input = i};
    CU_ASSERT_EQUAL(tl_queue_work(loop, work, after_work, &jobs[i]), 0);
  }
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  for (int i = 0; i < N; i++) {
    CU_ASSERT_EQUAL(jobs[i].output, 2 * i);
    CU_ASSERT_EQUAL(jobs[i].done, 1);
    CU_ASSERT(jobs[i].ran_off_loop);
    CU_ASSERT(jobs[i].done_on_loop);
  }
  CU_ASSERT_EQUAL(tl_queue_work(loop, NULL, after_work, NULL), -EINVAL);
  CU_ASSERT_EQUAL(tl_queue_work(loop, work, NULL, NULL), -EINVAL);
  rt_close(loop);
}

static void nothing(void *data) { (void)data; }
static void count_done(tl_loop *loop, int status, void *data) {
  (void)loop, (void)status;
  (*(int *)data)++;
}

/* Many short-lived loops, each closed as soon as its last completion ran.
 * A pool thread used to wake its loop after leaving the loop's mutex, so it
 * could write to the eventfd of a loop that another item's wake-up had let
 * finish and close (ThreadSanitizer: a race between close() and write(),
 * then a use after free). The wake-up is now made under the mutex; under
 * TSan (scripts/tsan.sh) this test fails without that. */
static void test_loops_closed_right_after_their_work(void) {
  int done = 0, closed = 0;
  for (int i = 0; i < 3000; i++) {
    tl_loop *loop = rt_loop();
    for (int k = 0; k < 4; k++) tl_queue_work(loop, nothing, count_done, &done);
    tl_run(loop);
    if (tl_loop_close(loop) == 0) closed++;
  }
  CU_ASSERT_EQUAL(done, 3000 * 4);
  CU_ASSERT_EQUAL(closed, 3000);
}

static void test_threadpool_size_parsing(void) {
  CU_ASSERT_EQUAL(tl__threadpool_parse_size(NULL), 4);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size(""), 4);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("abc"), 4);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("12x"), 4);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("0"), 1);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("-3"), 1);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("1"), 1);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("8"), 8);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("1024"), 1024);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("1025"), 1024);
  CU_ASSERT_EQUAL(tl__threadpool_parse_size("99999999999999999999"), 4);
}

void register_pool_tests(void) {
  CU_pSuite s = CU_add_suite("pool", NULL, NULL);
  RT_ADD(s, test_work_runs_off_loop_and_completes_on_it);
  RT_ADD(s, test_loops_closed_right_after_their_work);
  RT_ADD(s, test_threadpool_size_parsing);
}
