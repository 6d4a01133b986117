/* cxx_stdlib_bad: the C++ standard library's blocking calls (pack
 * cxx-stdlib) on the loop: std::this_thread::sleep_for, std::thread::join,
 * std::future::get, opening a std::ifstream, std::filesystem::exists,
 * std::sort of a range of unknown size (a vector's, `a, a + n` with n a
 * variable, a std::array of more elements than the sort bound), std::regex_search, a file stream's
 * constructor, reads and writes on it (read, >>, <<: named after the
 * stream's class, std::basic_ifstream::read), a condition variable's
 * wait_for with a timeout that is not a short constant. */
#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>
#include <uv.h>

static std::thread worker;
static std::future<int> pending;
static std::vector<int> items;
static std::array<int, 1000> table;
static int buf_n;
static int many[256];
static std::mutex mu;
static std::condition_variable cv;

static void on_tick(uv_timer_t *t) {
  (void)t;
  std::this_thread::sleep_for(std::chrono::milliseconds(10)); // expected-warning {{sleep}}
  worker.join(); // expected-warning {{thread-wait}}
  int v = pending.get(); // expected-warning {{thread-wait}}
  std::ifstream conf;
  conf.open("/etc/app.conf"); // expected-warning {{sync-fs}}
  std::ifstream in("/etc/app.limits"); // expected-warning {{sync-fs}}
  char buf[16];
  in.read(buf, sizeof buf); // expected-warning {{sync-fs}} (named std::basic_ifstream::read)
  in >> v; // expected-warning {{sync-fs}} (std::basic_ifstream::operator>>)
  std::string word;
  std::getline(in, word); // expected-warning {{sync-fs}} (std::getline(std::basic_ifstream))
  in >> word; // expected-warning {{sync-fs}} (std::operator>>(std::basic_ifstream))
  bool e = std::filesystem::exists("/tmp/x"); // expected-warning {{sync-fs}}
  (void)e;
  std::sort(items.begin(), items.end()); // expected-warning {{unbounded-sort}}
  std::sort(table.begin(), table.end()); // expected-warning {{unbounded-sort}} (1000 elements)
  std::sort(many, many + buf_n); // expected-warning {{unbounded-sort}}
  std::string line(buf, sizeof buf);
  std::regex re("a+b");
  bool m = std::regex_search(line, re); // expected-warning {{sync-regex}}
  (void)m;
  std::ofstream out("/tmp/out"); // expected-warning {{sync-fs}}
  out << v; // expected-warning {{sync-fs}} (std::basic_ofstream::operator<<)
  std::unique_lock<std::mutex> lk(mu);
  cv.wait_for(lk, std::chrono::milliseconds(0)); // no-warning: a zero timeout only checks
  cv.wait_for(lk, std::chrono::seconds(2)); // expected-warning {{thread-wait}}
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
