/* uv_idle_prepare_check_bad: idle, prepare and check callbacks are loop roots;
 * each sleeps in its own way (usleep, nanosleep, sleep): three sleep findings,
 * each with its own registration note. */
#include <time.h>
#include <unistd.h>
#include <uv.h>

static void on_idle(uv_idle_t *h) {
  (void)h;
  usleep(500); // expected-warning {{sleep}}
}

static void on_prepare(uv_prepare_t *h) {
  (void)h;
  struct timespec ts = {0, 1000000};
  nanosleep(&ts, NULL); // expected-warning {{sleep}}
}

static void on_check(uv_check_t *h) {
  (void)h;
  sleep(1); // expected-warning {{sleep}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_idle_t idle;
  uv_prepare_t prepare;
  uv_check_t check;
  uv_idle_init(loop, &idle);
  uv_prepare_init(loop, &prepare);
  uv_check_init(loop, &check);
  uv_idle_start(&idle, on_idle);             // expected-note {{registered here as a loop callback}}
  uv_prepare_start(&prepare, on_prepare);    // expected-note {{registered here as a loop callback}}
  uv_check_start(&check, on_check);          // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
