/* cxx_thread_lambda_ok: what a loop callback hands to std::thread or
 * std::async runs on that thread, not on the loop: a lambda, a function and
 * a method's body may block there. */
#include <future>
#include <thread>
#include <unistd.h>
#include <uv.h>

static void rotate_logs(int n) { sleep((unsigned)n); }

static void on_tick(uv_timer_t *t) {
  (void)t;
  std::thread th([] { sleep(9); }); // no-warning: on the new thread
  th.detach();
  std::thread(rotate_logs, 2).detach(); // no-warning
  auto f = std::async(std::launch::async, [] { usleep(100); return 1; }); // no-warning
  (void)f;
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
