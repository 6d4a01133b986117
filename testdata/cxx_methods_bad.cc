/* cxx_methods_bad: methods of a class in a namespace are functions of the
 * call graph under their qualified names: an inline method, an out-of-line
 * one, a static one, and one calling another through `this`, reached from a
 * tickloop timer and a libuv timer. */
#include <tickloop.h>
#include <unistd.h>
#include <uv.h>

namespace app {
class Store {
 public:
  void flush() { sleep(1); } // expected-warning {{sleep}}
  void save();
  static void compact();
  void sync() {
    this->checkpoint(); // expected-note {{'app::Store::checkpoint' called here from 'app::Store::sync'}}
  }

 private:
  void checkpoint();
};

void Store::save() { usleep(10); } // expected-warning {{sleep}}
void Store::compact() { sleep(2); } // expected-warning {{sleep}}
void Store::checkpoint() { usleep(20); } // expected-warning {{sleep}}
}  // namespace app

static app::Store store;

static void on_timeout(tl_loop *loop, void *arg) {
  (void)loop; (void)arg;
  store.flush(); // expected-note {{'app::Store::flush' called here from 'on_timeout'}}
  store.save(); // expected-note {{'app::Store::save' called here from 'on_timeout'}}
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  app::Store::compact(); // expected-note {{'app::Store::compact' called here from 'on_tick'}}
  store.sync(); // expected-note {{'app::Store::sync' called here from 'on_tick'}}
}

int main() {
  tl_loop *tl = NULL;
  if (tl_loop_new(&tl) != 0) return 1;
  tl_set_timeout(tl, on_timeout, NULL, 10, NULL); // expected-note {{registered here as a loop callback}}
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
