/* suppress_other_rule_bad: a suppression names a rule; a comment naming a
 * different rule than the call's suppresses nothing (same line and next-line
 * forms), and a next-line comment does not reach two lines down. */
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  // expected-warning@+1 {{sleep}}
  sleep(1); // NOLAGSCAN(sync-fs): names the wrong rule
  // NOLAGSCANNEXTLINE(sync-dns): names the wrong rule
  usleep(10); // expected-warning {{sleep}}
  // NOLAGSCANNEXTLINE(sync-fs): only covers the next line

  fsync(3); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
