/* cxx_operators_bad: overloaded operators are calls: a member operator
 * defined in the class, one defined out of line, a free operator in a
 * namespace, and a functor's operator() called on a local and on a
 * temporary. A functor never called adds nothing. */
#include <unistd.h>
#include <uv.h>

namespace app {
struct Vec {
  int v;
  Vec operator+(const Vec &o) const {
    usleep(1); // expected-warning {{sleep}}
    return Vec{v + o.v};
  }
  bool operator==(const Vec &o) const;
};
bool Vec::operator==(const Vec &o) const {
  usleep(2); // expected-warning {{sleep}}
  return v == o.v;
}
Vec operator-(const Vec &a, const Vec &b) {
  usleep(3); // expected-warning {{sleep}}
  return Vec{a.v - b.v};
}

struct Flusher {
  void operator()(int n) const { usleep((unsigned)n); } // expected-warning {{sleep}}
};
struct Syncer {
  void operator()() const { usleep(6); } // expected-warning {{sleep}}
};
struct Unused {
  void operator()() const { sleep(9); } // no-warning: never called
};
}  // namespace app

static void on_tick(uv_timer_t *t) {
  (void)t;
  app::Vec a{1}, b{2};
  app::Vec c = a + b; // expected-note {{'app::Vec::operator+' called here from 'on_tick'}}
  if (a == c) return; // expected-note {{'app::Vec::operator==' called here from 'on_tick'}}
  app::Vec d = a - b; // expected-note {{'app::operator-' called here from 'on_tick'}}
  (void)d;
  app::Flusher f;
  f(4); // expected-note {{'app::Flusher::operator()' called here from 'on_tick'}}
  app::Syncer{}(); // expected-note {{'app::Syncer::operator()' called here from 'on_tick'}}
  app::Unused u;
  (void)u;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
