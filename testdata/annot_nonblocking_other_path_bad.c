/* annot_nonblocking_other_path_bad: a helper reached through a
 * LAGSCAN_NONBLOCKING function AND directly from another loop callback is
 * reported, with the path from the direct caller only (the trusted
 * function's root does not reach it: no "also reaches" note for it). */
#include <lagscan.h>
#include <stdio.h>
#include <uv.h>

static char line[64];

static int slurp(const char *path) {
  FILE *f = fopen(path, "r"); // expected-warning {{sync-fs}}
  return f && fgets(line, sizeof line, f) != NULL; // expected-warning {{sync-fs}}
}

int read_proc_counter(const char *path) LAGSCAN_NONBLOCKING;

int read_proc_counter(const char *path) {
  return slurp(path);
}

static void on_sample(uv_timer_t *t) {
  (void)t;
  read_proc_counter("/proc/self/stat");
}

static void on_reload(uv_timer_t *t) {
  (void)t;
  slurp("/etc/app.conf"); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t a, b;
  uv_timer_init(loop, &a);
  uv_timer_init(loop, &b);
  uv_timer_start(&a, on_sample, 0, 1000);
  uv_timer_start(&b, on_reload, 0, 60000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
