/* sleep_calls_bad: sleep, usleep and nanosleep reached through a helper from a
 * timer callback: three sleep findings with the path notes. */
#include <time.h>
#include <unistd.h>
#include <uv.h>

static void backoff(int attempt) {
  struct timespec ts = {0, 50000000};
  if (attempt > 3)
    sleep(1); // expected-warning {{sleep}}
  else if (attempt > 1)
    usleep(1000); // expected-warning {{sleep}}
  else
    nanosleep(&ts, NULL); // expected-warning {{sleep}}
}

static void on_retry(uv_timer_t *t) {
  backoff((int)(long)t->data); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_retry, 100, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
