/* cxx_extern_c_bad: functions a C++ file defines with C linkage, one by one
 * (`extern "C" void f()`) or in an `extern "C" { ... }` block, are functions
 * of the program like any other (libclang 14 shows both forms as an
 * unexposed declaration, not CXCursor_LinkageSpec). */
#include <unistd.h>
#include <uv.h>

extern "C" void on_tick(uv_timer_t *t) {
  (void)t;
  sleep(1); // expected-warning {{sleep}}
}

extern "C" {
void on_idle(uv_idle_t *h) {
  (void)h;
  usleep(2); // expected-warning {{sleep}}
}
}

static void on_check(uv_check_t *h) {
  (void)h;
  usleep(3); // expected-warning {{sleep}}
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_idle_t i;
  uv_check_t c;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  uv_idle_init(loop, &i);
  uv_idle_start(&i, on_idle); // expected-note {{registered here as a loop callback}}
  uv_check_init(loop, &c);
  uv_check_start(&c, on_check); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
