/* dying_path_ok: calls on the way to the end of the process (a branch that
 * ends in exit or abort, an assertion's failure, a fatal-error function
 * that always exits or is declared noreturn) are not loop stalls. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <uv.h>

__attribute__((noreturn)) void panic(const char *msg);

static void fatal(const char *msg) {
  FILE *f = fopen("crash.log", "a"); // no-warning: fatal always exits
  if (f) {
    fputs(msg, f);
    fclose(f);
  }
  exit(1);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  (void)buf;
  if (n < -100) {
    FILE *f = fopen("core.txt", "w"); // no-warning: this branch ends in abort
    if (f) fclose(f);
    abort();
  }
  if (n == -2) fatal("bad read");
  if (n == -3) {
    sleep(1); // no-warning: ends in panic, declared noreturn
    panic("bad state");
  }
  assert(n >= 0);
}

int main(void) {
  static uv_tcp_t tcp;
  uv_tcp_init(uv_default_loop(), &tcp);
  uv_read_start((uv_stream_t *)&tcp, NULL, on_read);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
