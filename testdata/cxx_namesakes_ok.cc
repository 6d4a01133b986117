/* cxx_namesakes_ok: a blocking C function's name is not enough in C++: a
 * function of that name in another namespace (other::sleep, called
 * qualified and through a using-directive) and a method named sleep or
 * usleep (Clock::sleep, a static Clock::usleep) are other functions. */
#include <unistd.h>
#include <uv.h>

namespace other {
void sleep(int) {}
int usleep(unsigned) { return 0; }
}  // namespace other
class Clock {
 public:
  void sleep(int) {}
  static void usleep(int) {}
};
namespace mine {
void run() {
  using namespace other;
  other::sleep(1); // no-warning
}
}  // namespace mine

static void on_tick(uv_timer_t *t) {
  (void)t;
  other::sleep(1); // no-warning
  other::usleep(2); // no-warning
  Clock c;
  c.sleep(3); // no-warning
  Clock::usleep(4); // no-warning
  mine::run();
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
