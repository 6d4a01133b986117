/* cxx_lambdas_bad: a lambda is a function of its own, named after where it
 * is written: called where it is written, stored in auto and called, stored
 * in a std::function (a local, a global assigned later) and called, passed
 * to a std::function parameter and to a template parameter that the callee
 * calls, and a capture-less lambda converted to a function pointer (given
 * to uv_timer_start, or to a C callback parameter). */
#include <functional>
#include <unistd.h>
#include <uv.h>

static void run_fn(const std::function<void()> &fn) {
  fn(); // expected-note {{'lambda at cxx_lambdas_bad.cc:35' called here from 'run_fn'}}
}
template <typename F>
static void run_tpl(F f) {
  f(); // expected-note {{'lambda at cxx_lambdas_bad.cc:36' called here from 'run_tpl'}}
}
static void run_cb(void (*cb)(int), int n) { cb(n); } // expected-note {{'lambda at cxx_lambdas_bad.cc:41' called here from 'run_cb'}}

static std::function<void()> stored;

static void on_tick(uv_timer_t *t) {
  (void)t;
  [] {
    usleep(1); // expected-warning {{sleep}}
  }(); // expected-note@-2 {{'lambda at cxx_lambdas_bad.cc:24' called here from 'on_tick'}}
  auto later = [](int n) {
    usleep((unsigned)n); // expected-warning {{sleep}}
  };
  later(2); // expected-note {{'lambda at cxx_lambdas_bad.cc:27' called here from 'on_tick'}}
  std::function<void()> fn = [] {
    usleep(3); // expected-warning {{sleep}}
  };
  fn(); // expected-note {{'lambda at cxx_lambdas_bad.cc:31' called here from 'on_tick'}}
  run_fn([] { usleep(5); }); // expected-warning {{sleep}} expected-note {{'run_fn' called here from 'on_tick'}}
  run_tpl([] { usleep(6); }); // expected-warning {{sleep}} expected-note {{'run_tpl' called here from 'on_tick'}}
  stored = [] {
    usleep(7); // expected-warning {{sleep}}
  };
  stored(); // expected-note {{'lambda at cxx_lambdas_bad.cc:37' called here from 'on_tick'}}
  run_cb([](int n) { usleep((unsigned)n); }, 4); // expected-warning {{sleep}} expected-note {{'run_cb' called here from 'on_tick'}}
  auto never = [] { sleep(8); }; // no-warning: never called
  (void)never;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t, t2;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  uv_timer_init(loop, &t2);
  uv_timer_start(&t2, [](uv_timer_t *) { sleep(1); }, 100, 100); // expected-warning {{sleep}} expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
