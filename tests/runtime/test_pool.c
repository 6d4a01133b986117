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
  RT_ADD(s, test_threadpool_size_parsing);
}
