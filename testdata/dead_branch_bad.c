/* dead_branch_bad: branches that never run are not loop code: a constant
 * condition (a literal, a macro that expands to 0), and a branch on a
 * parameter that every caller passes the same constant for. A parameter
 * that callers pass different values for is tested as written, and so is
 * one of a function whose address is taken (callers nobody sees). */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

#define TRACE_TO_FILE 0

static void log_event(const char *what, int from_signal) {
  if (TRACE_TO_FILE) {
    FILE *f = fopen("trace.log", "a"); // no-warning: TRACE_TO_FILE is 0
    if (f) fclose(f);
  }
  if (from_signal) {
    sleep(1); // no-warning: every caller passes 0
  }
  if (0) usleep(10); // no-warning
  printf("%s\n", what);
}

static void close_all(int force) {
  if (force) sleep(2); // expected-warning {{sleep}}
}

static void on_timer(uv_timer_t *t) {
  (void)t;
  log_event("tick", 0);
  close_all(0);
}

static void on_close(uv_handle_t *h) {
  (void)h;
  log_event("close", 0);
  close_all(1);
}

int main(void) {
  static uv_timer_t timer;
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_timer, 10, 10);
  uv_close((uv_handle_t *)&timer, on_close);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
