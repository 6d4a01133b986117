/* pool_size.c: TL_THREADPOOL_SIZE is honoured and fixed at first use. ctest
 * runs this program once per environment (see CMakeLists.txt):
 *
 *   test_tickloop_pool EXPECTED           queue work first (first use), then
 *                                         change the environment; the size
 *                                         must stay EXPECTED and exactly
 *                                         EXPECTED jobs must run at once
 *   test_tickloop_pool EXPECTED size-only tl_threadpool_size() is the first
 *                                         use (no threads are started) */
#include <CUnit/Basic.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tickloop.h"

static unsigned expected;
static int size_only;
static atomic_int running, max_running;

static void slow_job(void *data) {
  (void)data;
  int now = atomic_fetch_add(&running, 1) + 1;
  int seen = atomic_load(&max_running);
  while (now > seen && !atomic_compare_exchange_weak(&max_running, &seen, now)) {
  }
  struct timespec ts = {0, 40 * 1000000L}; /* long enough for all threads to overlap */
  nanosleep(&ts, NULL);
  atomic_fetch_sub(&running, 1);
}

static void job_done(tl_loop *loop, int status, void *data) {
  (void)loop, (void)data;
  CU_ASSERT_EQUAL(status, 0);
}

static void test_size(void) {
  if (size_only) {
    CU_ASSERT_EQUAL(tl_threadpool_size(), expected);
    setenv("TL_THREADPOOL_SIZE", "3", 1);
    CU_ASSERT_EQUAL(tl_threadpool_size(), expected);
    return;
  }
  tl_loop *loop;
  CU_ASSERT_FATAL(tl_loop_new(&loop) == 0);
  unsigned jobs = 2 * expected + 1;
  CU_ASSERT_EQUAL(tl_queue_work(loop, slow_job, job_done, NULL), 0); /* first use */
  setenv("TL_THREADPOOL_SIZE", expected == 7 ? "5" : "7", 1);        /* too late */
  for (unsigned i = 1; i < jobs; i++) CU_ASSERT_EQUAL(tl_queue_work(loop, slow_job, job_done, NULL), 0);
  CU_ASSERT_EQUAL(tl_run(loop), 0);
  CU_ASSERT_EQUAL(tl_threadpool_size(), expected);
  CU_ASSERT_EQUAL((unsigned)atomic_load(&max_running), expected);
  CU_ASSERT_EQUAL(tl_loop_close(loop), 0);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s EXPECTED [size-only]\n", argv[0]);
    return 2;
  }
  expected = (unsigned)atoi(argv[1]);
  size_only = argc > 2 && strcmp(argv[2], "size-only") == 0;
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  CU_pSuite s = CU_add_suite("pool_size", NULL, NULL);
  CU_add_test(s, "test_size", test_size);
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  return failed ? 1 : 0;
}
