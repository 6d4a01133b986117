/* cxx_stringstream_ok: reading and writing string streams is memory work:
 * std::istringstream's read, >> and getline and std::ostringstream's <<
 * are the same library methods a file stream inherits, but the object is
 * not a file stream, so nothing is reported. */
#include <sstream>
#include <string>
#include <uv.h>

static void on_tick(uv_timer_t *t) {
  (void)t;
  std::istringstream ss("1 2 3");
  int n = 0;
  ss >> n; // no-warning
  char buf[4];
  ss.read(buf, 2); // no-warning
  std::string line;
  std::getline(ss, line); // no-warning
  std::ostringstream os;
  os << n << line; // no-warning
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
