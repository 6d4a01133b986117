/* suppress_path_other_rule_bad: a path suppression names rules like any
 * other: a NOLAGSCAN(sleep) on an intermediate call does not hide the sync-fs
 * finding whose path passes through it, and a suppression on a call that is
 * not on the finding's path (another caller of the same helper) hides
 * nothing. */
#include <stdio.h>
#include <uv.h>

static int check_file(void) {
  FILE *f = fopen("/var/lib/app/flag", "r"); // expected-warning {{sync-fs}}
  return f != NULL;
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  check_file(); // NOLAGSCAN(sleep): names the wrong rule // expected-note {{called here from}}
}

static int unused_path(void) {
  return check_file(); // NOLAGSCAN(sync-fs): not a loop path
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  (void)unused_path;
  return uv_run(loop, UV_RUN_DEFAULT);
}
