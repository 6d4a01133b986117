/* two_programs_bad: a build of two programs, a server on libuv and a
 * command-line client, each with its own main and its own `process`
 * (two definitions of one external function: never in one program), and a
 * file both link. Each program is analyzed on its own: the client's
 * `process`, which sleeps, is not reached from the server's callback, and
 * the shared file's finding is reported once. */
#include <stdio.h>
#include <uv.h>

void write_log(const char *line);

void process(int fd) {
  FILE *f = fopen("requests.log", "a"); // expected-warning {{sync-fs}}
  if (f) fclose(f); // expected-warning {{sync-fs}}
  (void)fd;
  write_log("request");
}

static void on_timer(uv_timer_t *t) {
  (void)t;
  process(0);
}

int main(void) {
  static uv_timer_t timer;
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_timer, 10, 10);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
