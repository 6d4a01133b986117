/* cxx_implicit_special_members_bad: the constructors and destructors the
 * compiler writes, and the parts of user-written ones it adds, run the
 * members' and bases' own:
 *   - a class without a constructor of its own builds its members
 *     (ImplicitCtor builds a Member) and runs their in-class initializers
 *     (Configured opens its Config);
 *   - a user-written constructor builds the bases and members its
 *     initializer list leaves out (Derived's builds Base; Partial's builds
 *     Member but not the Member it names, whose constructor it calls
 *     itself); a delegating constructor leaves them to the one it calls;
 *   - a destructor (the compiler's, a defaulted one, or a user-written one
 *     after its body) destroys the members and bases: Owner's destroys its
 *     Res, Defaulted's its Flusher, Pool's its std::jthread, which joins
 *     (the cxx-stdlib pack says so).
 * Each path ends in a blocker of its own, so that every note is checked.
 * lagscan-flags: -std=c++20 */
#include <thread>
#include <unistd.h>
#include <uv.h>

struct Member {
  Member() { usleep(4); } // expected-warning {{sleep}}
  explicit Member(int n) { (void)n; }
};
struct ImplicitCtor {
  Member m; // expected-note {{'Member::Member' called here from 'ImplicitCtor::ImplicitCtor'}}
};
struct Config {
  explicit Config(const char *path) { (void)path; usleep(8); } // expected-warning {{sleep}}
};
struct Configured {
  Config cfg{"/etc/app.conf"}; // expected-note {{'Config::Config' called here from 'Configured::Configured'}}
};
struct Base {
  Base() { usleep(10); } // expected-warning {{sleep}}
};
struct Derived : Base { // expected-note {{'Base::Base' called here from 'Derived::Derived'}}
  explicit Derived(int n) : n_(n) {}
  Derived() : Derived(0) {} // expected-note {{'Derived::Derived' called here from 'Derived::Derived'}} delegates: Base is built once, by Derived(int)
  int n_;
};
struct Part {
  Part() { usleep(12); } // expected-warning {{sleep}}
  explicit Part(int n) { (void)n; }
};
struct Partial {
  Partial() : named_(1) {}
  Part named_;   // built by Part(int), which does not sleep
  Part omitted_; // expected-note {{'Part::Part' called here from 'Partial::Partial'}}
};
struct Res {
  ~Res() { usleep(5); } // expected-warning {{sleep}}
};
struct Owner {
  Res r; // expected-note {{'Res::~Res' called here from 'Owner::~Owner'}}
};
struct Flusher {
  ~Flusher() { usleep(14); } // expected-warning {{sleep}}
};
struct Defaulted {
  ~Defaulted() = default;
  Flusher f; // expected-note {{'Flusher::~Flusher' called here from 'Defaulted::~Defaulted'}}
};
struct Pool {
  ~Pool() { stopping_ = true; }
  bool stopping_ = false;
  std::jthread worker_; // expected-warning {{thread-wait}}
};
struct Explicit {
  Explicit() { usleep(6); } // expected-warning {{sleep}}
};

static void on_tick(uv_timer_t *t) {
  (void)t;
  ImplicitCtor a; // expected-note {{'ImplicitCtor::ImplicitCtor' called here from 'on_tick'}}
  (void)a;
  Configured c; // expected-note {{'Configured::Configured' called here from 'on_tick'}}
  (void)c;
  Derived d; // expected-note {{'Derived::Derived' called here from 'on_tick'}}
  (void)d;
  Partial p; // expected-note {{'Partial::Partial' called here from 'on_tick'}}
  (void)p;
  Owner o; // expected-note {{'Owner::~Owner' called here from 'on_tick'}}
  (void)o;
  Defaulted df; // expected-note {{'Defaulted::~Defaulted' called here from 'on_tick'}}
  (void)df;
  Pool pool; // expected-note {{'Pool::~Pool' called here from 'on_tick'}}
  (void)pool;
  Explicit e; // expected-note {{'Explicit::Explicit' called here from 'on_tick'}}
  (void)e;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
