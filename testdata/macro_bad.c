/* macro_bad: blocking calls inside macros used in a loop callback are reported
 * at the line where the macro is used; a macro with two blocking calls gives
 * two findings on that line. */
#include <fcntl.h>
#include <unistd.h>
#include <uv.h>

#define NAP() usleep(1000)
#define AUDIT(msg)                                          \
  do {                                                      \
    int fd_ = open("/var/log/audit", O_WRONLY | O_APPEND);  \
    write(fd_, (msg), sizeof(msg) - 1);                     \
  } while (0)

static void on_tick(uv_timer_t *t) {
  (void)t;
  NAP(); // expected-warning {{sleep}}
  AUDIT("tick\n"); // expected-warning {{sync-fs}} {{sync-fs}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
