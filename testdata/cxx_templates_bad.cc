/* cxx_templates_bad: a template is walked once and its instantiations stand
 * for it: a blocking call in a function template's body reached through
 * two instantiations (one finding), a callable template parameter called in
 * the body (the function given to it runs), a class template's methods
 * defined in the class and out of line. A template never instantiated adds
 * nothing. */
#include <unistd.h>
#include <uv.h>

namespace app {
template <typename T>
T slow_id(T v) {
  usleep(1); // expected-warning {{sleep}}
  return v;
}
template <typename F>
void call_it(F f) {
  f(); // expected-note {{'app::nap' called here from 'app::call_it'}}
}
static void nap() { usleep(2); } // expected-warning {{sleep}}
template <typename T>
class Box {
 public:
  void put(T v) {
    v_ = v;
    usleep(3); // expected-warning {{sleep}}
  }
  T get() const;
  T v_{};
};
template <typename T>
T Box<T>::get() const {
  usleep(4); // expected-warning {{sleep}}
  return v_;
}
template <typename T>
void never_instantiated(T) {
  sleep(9); // no-warning
}
}  // namespace app

static void on_tick(uv_timer_t *t) {
  (void)t;
  int x = app::slow_id(3); // expected-note {{'app::slow_id' called here from 'on_tick'}}
  app::slow_id<double>(1.0);
  app::call_it(app::nap); // expected-note {{'app::call_it' called here from 'on_tick'}}
  app::Box<int> b;
  b.put(x); // expected-note {{'app::Box::put' called here from 'on_tick'}}
  (void)b.get(); // expected-note {{'app::Box::get' called here from 'on_tick'}}
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
