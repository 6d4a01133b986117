/* recursion_bad: a recursive helper on the path to a blocking call; the stat
 * is reported once, and the analysis terminates. */
#include <stdio.h>
#include <sys/stat.h>
#include <uv.h>

static long bytes;

static void walk(const char *dir, int depth) {
  struct stat st;
  char child[512];
  if (depth > 8) return;
  if (stat(dir, &st) == 0) // expected-warning {{sync-fs}}
    bytes += st.st_size;
  snprintf(child, sizeof child, "%s/sub", dir);
  walk(child, depth + 1);
}

static void on_usage(uv_timer_t *t) {
  (void)t;
  walk("/var/lib/app", 0); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_usage, 0, 60000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
