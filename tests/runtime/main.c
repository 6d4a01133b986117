/* main.c: runs the tickloop test suites with CUnit's basic runner; exits 1
 * when any assertion failed. One suite per feature (test_*.c). */
#include <CUnit/Basic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt.h"

static char tmpdir[] = "/tmp/tickloop-test-XXXXXX";
static int have_tmpdir;
static char log_buf[4096];

tl_loop *rt_loop(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) {
    fprintf(stderr, "cannot create a loop\n");
    abort();
  }
  return loop;
}

void rt_close(tl_loop *loop) { CU_ASSERT_EQUAL(tl_loop_close(loop), 0); }

void rt_log_reset(void) { log_buf[0] = '\0'; }

void rt_log(const char *word) {
  size_t len = strlen(log_buf);
  snprintf(log_buf + len, sizeof log_buf - len, "%s%s", len ? " " : "", word);
}

const char *rt_log_text(void) { return log_buf; }

const char *rt_tmpdir(void) {
  if (!have_tmpdir) {
    if (!mkdtemp(tmpdir)) abort();
    have_tmpdir = 1;
  }
  return tmpdir;
}

double rt_ms(void) { return (double)tl_hrtime() / 1e6; }

void rt_block_ms(unsigned ms) {
  uint64_t until = tl_hrtime() + (uint64_t)ms * 1000000u;
  uint64_t now;
  while ((now = tl_hrtime()) < until) {
    struct timespec ts = {0, (long)(until - now)};
    nanosleep(&ts, NULL);
  }
}

char *rt_capture_stderr(void (*fn)(void *), void *arg) {
  char path[256];
  snprintf(path, sizeof path, "%s/stderr-XXXXXX", rt_tmpdir());
  int fd = mkstemp(path);
  if (fd < 0) abort();
  fflush(stderr);
  int saved = dup(STDERR_FILENO);
  dup2(fd, STDERR_FILENO);
  fn(arg);
  fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  off_t size = lseek(fd, 0, SEEK_END);
  char *text = calloc(1, (size_t)size + 1);
  if (!text || pread(fd, text, (size_t)size, 0) != size) abort();
  close(fd);
  unlink(path);
  return text;
}

static void cleanup(void) {
  if (!have_tmpdir) return;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
}

/* With an argument, runs only the suite of that name (ctest runs one suite
 * per test, runtime_<suite>). */
int main(int argc, char **argv) {
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  register_order_tests();
  register_timer_tests();
  register_pool_tests();
  register_fs_tests();
  register_crypto_tests();
  register_starve_tests();
  register_lag_tests();
  register_handle_tests();
  register_tcp_tests();
  register_http_tests();
  register_fault_tests();
  register_http_fault_tests();
  register_node_tests();
  CU_basic_set_mode(CU_BRM_VERBOSE);
  if (argc > 1) {
    CU_pSuite suite = CU_get_suite(argv[1]);
    if (!suite) {
      fprintf(stderr, "no suite named '%s'\n", argv[1]);
      CU_cleanup_registry();
      return 2;
    }
    CU_basic_run_suite(suite);
  } else {
    CU_basic_run_tests();
  }
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  cleanup();
  return failed ? 1 : 0;
}
