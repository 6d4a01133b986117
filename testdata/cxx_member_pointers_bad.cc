/* cxx_member_pointers_bad: a member function pointer (&Store::Flush) called
 * through .* and ->* runs the method it holds; std::bind of a function and
 * of a method, called directly or through a std::function, runs what was
 * bound. */
#include <functional>
#include <unistd.h>
#include <uv.h>

namespace app {
class Store {
 public:
  void Flush() { usleep(1); } // expected-warning {{sleep}}
  void Compact(int n) { usleep((unsigned)n); } // expected-warning {{sleep}}
  void Other() { usleep(3); } // expected-warning {{sleep}}
};
static void rotate(int n) { usleep((unsigned)n); } // expected-warning {{sleep}}
}  // namespace app

static app::Store store;

static void on_tick(uv_timer_t *t) {
  (void)t;
  void (app::Store::*m)() = &app::Store::Flush;
  (store.*m)(); // expected-note {{'app::Store::Flush' called here from 'on_tick'}}
  app::Store *p = &store;
  void (app::Store::*c)(int) = &app::Store::Compact;
  (p->*c)(2); // expected-note {{'app::Store::Compact' called here from 'on_tick'}}
  auto b = std::bind(app::rotate, 4);
  b(); // expected-note {{'app::rotate' called here from 'on_tick'}}
  std::function<void()> bm = std::bind(&app::Store::Other, &store);
  bm(); // expected-note {{'app::Store::Other' called here from 'on_tick'}}
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
