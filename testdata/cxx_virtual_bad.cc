/* cxx_virtual_bad: a virtual call runs the overrides of the method it
 * names: sink->write() reaches FileSink::write. Every override the program
 * declares counts, whether or not an object of its class is ever built:
 * NeverBuilt is never constructed and its overrides are reported too (the
 * call graph is by class hierarchy, not by the objects created). A call
 * qualified with the base (`d.Sink::close()`) is not virtual: it runs the
 * base's method only: SlowTimer::stop is not reached. */
#include <unistd.h>
#include <uv.h>

namespace app {
class Sink {
 public:
  virtual ~Sink() {}
  virtual void write(int n) = 0;
  virtual void close() {}
};
class FileSink : public Sink {
 public:
  void write(int n) override { usleep((unsigned)n); } // expected-warning {{sleep}}
};
class NeverBuilt : public Sink {
 public:
  void write(int n) override { sleep((unsigned)n); } // expected-warning {{sleep}}
  void close() override { sleep(1); } // expected-warning {{sleep}}
};
class Timer {
 public:
  virtual ~Timer() {}
  virtual void stop() {}
};
class SlowTimer : public Timer {
 public:
  void stop() override { sleep(3); } // no-warning: only Timer::stop is called, qualified
};
}  // namespace app

static app::Sink *sink;

static void on_tick(uv_timer_t *t) {
  (void)t;
  sink->write(1); // expected-note {{'app::FileSink::write' called here from 'on_tick'}} expected-note {{'app::NeverBuilt::write' called here from 'on_tick'}}
  sink->close(); // expected-note {{'app::NeverBuilt::close' called here from 'on_tick'}}
  app::SlowTimer st;
  app::Timer &tm = st;
  tm.Timer::stop();
}

int main() {
  static app::FileSink fs;
  sink = &fs;
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
