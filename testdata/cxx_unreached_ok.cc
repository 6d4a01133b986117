/* cxx_unreached_ok: C++ code that blocks but never runs on the loop: a
 * method no loop callback calls, a lambda stored and never called, a
 * function template never instantiated, a functor never called, and a
 * method called only from main before the loop runs. */
#include <unistd.h>
#include <uv.h>

namespace app {
class Config {
 public:
  void load() { sleep(1); } // no-warning: called from main only
  void reload() { sleep(2); } // no-warning: never called
};
template <typename T>
void wait_for(T) {
  sleep(3); // no-warning: never instantiated
}
struct Waiter {
  void operator()() const { sleep(4); } // no-warning: never called
};
}  // namespace app

static app::Config config;

static void on_tick(uv_timer_t *t) {
  (void)t;
  auto later = [] { sleep(5); }; // no-warning: never called
  (void)later;
  app::Waiter w;
  (void)w;
}

int main() {
  config.load();
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
