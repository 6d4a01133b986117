/* indirect_thread_only_ok: a loop callback calls a function pointer it
 * reads from its handle's data, which nothing visible flows into, so the
 * call resolves by type. The thread's start routine has that type, but
 * its address only goes to pthread_create, which runs it on its own
 * thread: it is no target of the call, and its sleep is worker code. */
#include <pthread.h>
#include <unistd.h>
#include <uv.h>

typedef void *(*job_fn)(void *);

static void *flusher(void *arg) {
  sleep(1); // no-warning: runs on the thread pthread_create starts
  return arg;
}

static void *noop(void *arg) { return arg; }

static job_fn pick(void *data) { return (job_fn)data; }

static void on_tick(uv_timer_t *t) {
  pick(t->data)(NULL);
}

int main(void) {
  pthread_t th;
  pthread_create(&th, NULL, flusher, NULL);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  t.data = (void *)noop;
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
