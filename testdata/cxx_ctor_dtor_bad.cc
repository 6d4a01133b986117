/* cxx_ctor_dtor_bad: constructors and destructors run where C++ runs them:
 * a local's constructor (explicit), `new`, a temporary, a member initializer
 * of another constructor; the destructor at `delete` and a local's at the
 * end of its scope (reported at the local's declaration). Classes without a
 * user-declared constructor or destructor add nothing. */
#include <unistd.h>
#include <uv.h>

namespace app {
class Local {
 public:
  explicit Local(int fd) : fd_(fd) { usleep(1); } // expected-warning {{sleep}}
  int fd_;
};
class Heap {
 public:
  Heap() { usleep(2); } // expected-warning {{sleep}}
};
class Temp {
 public:
  Temp(int n) { usleep((unsigned)n); } // expected-warning {{sleep}}
};
class Member {
 public:
  Member() { usleep(4); } // expected-warning {{sleep}}
};
class Holder {
 public:
  Holder() : m_() {} // expected-note {{'app::Member::Member' called here from 'app::Holder::Holder'}}
  Member m_;
};
class Deleted {
 public:
  ~Deleted() { sleep(5); } // expected-warning {{sleep}}
};
class Scoped {
 public:
  ~Scoped() { sleep(6); } // expected-warning {{sleep}}
};
class Trivial {
 public:
  int x = 0;
};
}  // namespace app

static void use(const app::Temp &c) { (void)c; }

static void on_tick(uv_timer_t *t) {
  (void)t;
  app::Local local(1); // expected-note {{'app::Local::Local' called here from 'on_tick'}}
  (void)local;
  app::Heap *h = new app::Heap; // expected-note {{'app::Heap::Heap' called here from 'on_tick'}}
  delete h;
  use(app::Temp(3)); // expected-note {{'app::Temp::Temp' called here from 'on_tick'}}
  app::Holder holder; // expected-note {{'app::Holder::Holder' called here from 'on_tick'}}
  app::Deleted *d = new app::Deleted();
  delete d; // expected-note {{'app::Deleted::~Deleted' called here from 'on_tick'}}
  {
    app::Scoped s; // expected-note {{'app::Scoped::~Scoped' called here from 'on_tick'}}
  }
  app::Trivial tr;
  (void)tr;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
