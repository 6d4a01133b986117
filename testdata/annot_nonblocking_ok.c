/* annot_nonblocking_ok: a function declared LAGSCAN_NONBLOCKING is trusted:
 * the blocking calls inside it, and in the helpers reached only through it,
 * are not reported. */
#include <lagscan.h>
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

/* Reads a value the kernel keeps in memory; the team measured it. */
int read_proc_counter(const char *path) LAGSCAN_NONBLOCKING;

static int parse_counter(FILE *f) {
  char line[64];
  return fgets(line, sizeof line, f) != NULL; // no-warning: only under read_proc_counter
}

int read_proc_counter(const char *path) {
  FILE *f = fopen(path, "r"); // no-warning: inside a trusted function
  usleep(1);                  // no-warning
  return f ? parse_counter(f) : -1;
}

static long total;

static void on_sample(uv_timer_t *t) {
  (void)t;
  total += read_proc_counter("/proc/self/stat");
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_sample, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}
