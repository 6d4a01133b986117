/* dead_branch_bad: branches that never run are not loop code: a constant
 * condition (a literal, a macro that expands to 0), and a branch on a
 * parameter that every caller passes the same constant for. A parameter
 * that callers pass different values for is tested as written, and so is
 * one of a function whose address is taken (callers nobody sees). An
 * unsigned count tested `< 0` never lets its branch run. */
#include <stdio.h>
#include <stdlib.h>
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

/* A parameter after a non-constant argument is still looked at. */
static void verbose_work(int a, int verbose) {
  (void)a;
  if (verbose) sleep(3); // expected-warning {{sleep}}
}

/* `ok || die()` dies only when ok is false: check returns otherwise. */
static void check(int rc) { (void)(rc == 0 || (abort(), 0)); }

/* A branch that ends in abort but returns on an inner path. */
static void read_or_die(int n) {
  if (n < 0) {
    if (n == -4) {
      fsync(1); // expected-warning {{sync-fs}}
      return;
    }
    abort();
  }
}

/* A count returned as size_t is never negative: a `< 0` test of it,
 * through a signed variable, never lets its branch run (pgbouncer's
 * load_file). */
static int load(FILE *f, char *buf, size_t n) {
  int res;
  if ((res = fread(buf, 1, n, f)) < 0) { // expected-warning {{sync-fs}}
    fclose(f); // no-warning: fread's count is never negative
    return -1;
  }
  fclose(f); // expected-warning {{sync-fs}}
  return res;
}

static void on_timer(uv_timer_t *t) {
  (void)t;
  log_event("tick", 0);
  close_all(0);
  verbose_work(rand(), 1);
  verbose_work(5, 0);
  check(t == NULL);
  usleep(5); // expected-warning {{sleep}}
  read_or_die((int)(long)t->data);
  static char buf[64];
  load(stdin, buf, sizeof buf);
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
