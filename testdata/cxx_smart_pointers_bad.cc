/* cxx_smart_pointers_bad: calls through std::unique_ptr and std::shared_ptr
 * (operator-> of the library, then the method: a virtual one reaches the
 * overrides of classes with objects, std::make_shared<T> and
 * std::make_unique<T> making them), through a reference, and conversion
 * operators called where C++ calls them (`if (conn)` runs an explicit
 * operator bool, an int initialized from an object its operator int). */
#include <memory>
#include <unistd.h>
#include <uv.h>

namespace app {
class Store {
 public:
  void flush() { usleep(1); } // expected-warning {{sleep}}
};
class Backend {
 public:
  virtual ~Backend() {}
  virtual void sync() = 0;
};
class DiskBackend : public Backend {
 public:
  void sync() override { usleep(2); } // expected-warning {{sleep}}
};
class MemBackend : public Backend {
 public:
  void sync() override { usleep(3); } // no-warning: no MemBackend is ever made
};
class Journal {
 public:
  virtual ~Journal() {}
  virtual void append() {}
};
class FileJournal : public Journal {
 public:
  void append() override { usleep(4); } // expected-warning {{sleep}}
};
class Conn {
 public:
  explicit operator bool() const { usleep(5); return true; } // expected-warning {{sleep}}
  operator int() const { usleep(6); return 3; } // expected-warning {{sleep}}
};
}  // namespace app

static std::unique_ptr<app::Store> store = std::make_unique<app::Store>();
static std::shared_ptr<app::Backend> backend = std::make_shared<app::DiskBackend>();
static std::unique_ptr<app::Journal> journal(new app::FileJournal);
static app::Conn conn;

static void on_tick(uv_timer_t *t) {
  (void)t;
  store->flush(); // expected-note {{'app::Store::flush' called here from 'on_tick'}}
  backend->sync(); // expected-note {{'app::DiskBackend::sync' called here from 'on_tick'}}
  app::Journal &j = *journal;
  j.append(); // expected-note {{'app::FileJournal::append' called here from 'on_tick'}}
  if (conn) { // expected-note {{'app::Conn::operator bool' called here from 'on_tick'}}
    int n = conn; // expected-note {{'app::Conn::operator int' called here from 'on_tick'}}
    (void)n;
  }
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
