/* cxx_virtual_bad: a virtual call runs the overrides of the method it
 * names, among the classes the program makes objects of (rapid type
 * analysis): sink->write() reaches FileSink::write, whose class is built
 * in main. NeverBuilt is never constructed: its overrides are not targets.
 * An object of a class that does not override a method runs its base's
 * override: only QuietLog is built, and it inherits LoudLog::log. When no
 * class with an override of a method has objects the program shows (a
 * plugin built by a factory it does not define), every override stays a
 * target: Codec::decode reaches ZlibCodec::decode. A call qualified with
 * the base (`d.Sink::close()`) is not virtual: it runs the base's method
 * only: SlowTimer::stop is not reached. */
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
  void write(int n) override { sleep((unsigned)n); } // no-warning: no NeverBuilt object exists
  void close() override { sleep(1); } // no-warning: no NeverBuilt object exists
};
class Log {
 public:
  virtual ~Log() {}
  virtual void log() {}
};
class LoudLog : public Log {
 public:
  void log() override { usleep(7); } // expected-warning {{sleep}}
};
class QuietLog : public LoudLog {};
class Codec {
 public:
  virtual ~Codec() {}
  virtual void decode() = 0;
};
class ZlibCodec : public Codec {
 public:
  void decode() override { usleep(9); } // expected-warning {{sleep}}
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

app::Codec *load_codec(const char *name); /* defined in a plugin */

static app::Sink *sink;
static app::Log *logger;

static void on_tick(uv_timer_t *t) {
  (void)t;
  sink->write(1); // expected-note {{'app::FileSink::write' called here from 'on_tick'}}
  sink->close();
  logger->log(); // expected-note {{'app::LoudLog::log' called here from 'on_tick'}}
  load_codec("zlib")->decode(); // expected-note {{'app::ZlibCodec::decode' called here from 'on_tick'}}
  app::SlowTimer st;
  app::Timer &tm = st;
  tm.Timer::stop();
}

int main() {
  static app::FileSink fs;
  static app::QuietLog ql;
  sink = &fs;
  logger = &ql;
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
