/* cxx_stdlib_bad: the C++ standard library's blocking calls (pack
 * cxx-stdlib) on the loop: std::this_thread::sleep_for, std::thread::join,
 * std::future::get, opening a std::ifstream, std::filesystem::exists,
 * std::sort of a range of unknown size, std::regex_search. Known gaps: the
 * constructor of a std::ifstream or std::ofstream, and reads and writes on
 * them (read, >>, <<), are not reported yet (see the GAP comments). */
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <string>
#include <thread>
#include <vector>
#include <uv.h>

static std::thread worker;
static std::future<int> pending;
static std::vector<int> items;

static void on_tick(uv_timer_t *t) {
  (void)t;
  std::this_thread::sleep_for(std::chrono::milliseconds(10)); // expected-warning {{sleep}}
  worker.join(); // expected-warning {{thread-wait}}
  int v = pending.get(); // expected-warning {{thread-wait}}
  std::ifstream conf;
  conf.open("/etc/app.conf"); // expected-warning {{sync-fs}}
  std::ifstream in("/etc/app.limits"); // GAP: should be sync-fs (std::basic_ifstream's constructor)
  char buf[16];
  in.read(buf, sizeof buf); // GAP: should be sync-fs (named std::basic_istream::read)
  in >> v; // GAP: should be sync-fs (named std::basic_istream::operator>>)
  bool e = std::filesystem::exists("/tmp/x"); // expected-warning {{sync-fs}}
  (void)e;
  std::sort(items.begin(), items.end()); // expected-warning {{unbounded-sort}}
  std::string line(buf, sizeof buf);
  std::regex re("a+b");
  bool m = std::regex_search(line, re); // expected-warning {{sync-regex}}
  (void)m;
  std::ofstream out("/tmp/out"); // GAP: should be sync-fs (std::basic_ofstream's constructor and destructor)
  out << v; // GAP: should be sync-fs (named std::basic_ostream::operator<<)
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
