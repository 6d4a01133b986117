/* tty_drain_bad: changing a terminal's mode with TCSADRAIN or TCSAFLUSH,
 * or tcdrain, waits until its pending output is written; TCSANOW does
 * not wait. */
#include <termios.h>
#include <uv.h>

static uv_timer_t timer;

static void on_timer(uv_timer_t *t) {
  (void)t;
  struct termios tio;
  tcgetattr(0, &tio);
  tcsetattr(0, TCSADRAIN, &tio); // expected-warning {{sync-fs}}
  tcsetattr(0, TCSAFLUSH, &tio); // expected-warning {{sync-fs}}
  tcsetattr(0, TCSANOW, &tio); // no-warning
  tcdrain(1); // expected-warning {{sync-fs}}
}

int main(void) {
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_timer, 10, 0);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
