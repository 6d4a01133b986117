/* rt.h: shared helpers of the tickloop tests (tests/runtime). Each test
 * makes its own loop, runs it, asserts on what its callbacks recorded, and
 * closes the loop, asserting that nothing was left open. */
#ifndef RT_TEST_H
#define RT_TEST_H

#include <CUnit/CUnit.h>
#include <stdint.h>

#include "tickloop.h"

void register_order_tests(void);
void register_timer_tests(void);
void register_pool_tests(void);
void register_fs_tests(void);
void register_crypto_tests(void);
void register_starve_tests(void);
void register_lag_tests(void);
void register_handle_tests(void);
void register_tcp_tests(void);
void register_http_tests(void);
void register_fault_tests(void);
void register_http_fault_tests(void);
void register_node_tests(void);

/* A new loop; aborts the test program when none can be made. */
tl_loop *rt_loop(void);
/* Asserts that tl_loop_close succeeds (nothing left open). */
void rt_close(tl_loop *loop);

/* An event log: rt_log appends a word, rt_log_text returns "a b c". */
void rt_log_reset(void);
void rt_log(const char *word);
const char *rt_log_text(void);

/* A temporary directory for the whole run (removed at exit). */
const char *rt_tmpdir(void);

/* Milliseconds since some fixed point (tl_hrtime). */
double rt_ms(void);

/* Holds the calling thread for `ms` milliseconds of wall time. */
void rt_block_ms(unsigned ms);

/* Runs `fn` with stderr redirected to a file; returns what it wrote (heap). */
char *rt_capture_stderr(void (*fn)(void *), void *arg);

#define RT_ADD(suite, fn) CU_add_test(suite, #fn, fn)

#endif
