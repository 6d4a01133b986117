/* helper_chain_bad: root -> helper -> helper -> blocking call. The finding is
 * at the fopen; there is a "called here from" note on each intermediate call
 * and the registration note on uv_timer_start. */
#include <stdio.h>
#include <uv.h>

static char line[256];

static int read_limit(const char *path) {
  FILE *f = fopen(path, "r"); // expected-warning {{sync-fs}}
  return f != NULL;
}

static int current_limit(void) {
  return read_limit("/etc/app/limit"); // expected-note {{called here from}}
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  if (current_limit()) // expected-note {{called here from}}
    line[0] = 'x';
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
