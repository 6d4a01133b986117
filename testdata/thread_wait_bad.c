/* thread_wait_bad: pthread_join, pthread_cond_wait and sem_wait in loop
 * callbacks wait for another thread: thread-wait. */
#include <pthread.h>
#include <semaphore.h>
#include <uv.h>

static pthread_t loader;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;
static sem_t slots;

static void on_shutdown(uv_signal_t *h, int signum) {
  (void)h;
  (void)signum;
  pthread_join(loader, NULL); // expected-warning {{thread-wait}}
}

static void on_request(uv_idle_t *h) {
  (void)h;
  pthread_mutex_lock(&mu);
  while (!ready)
    pthread_cond_wait(&ready_cv, &mu); // expected-warning {{thread-wait}}
  pthread_mutex_unlock(&mu);
  sem_wait(&slots); // expected-warning {{thread-wait}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_signal_t sig;
  uv_idle_t idle;
  sem_init(&slots, 0, 4);
  uv_signal_init(loop, &sig);
  uv_idle_init(loop, &idle);
  uv_signal_start(&sig, on_shutdown, 15); // expected-note {{registered here as a loop callback}}
  uv_idle_start(&idle, on_request);        // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
