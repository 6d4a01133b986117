/* worker_and_loop_bad: a helper called from uv_queue_work's work_cb (worker:
 * fine) and from its after_work_cb (loop) is reported, with the path from the
 * after_work callback only. */
#include <stdio.h>
#include <uv.h>

static char cache[128];

static void refresh_cache(void) {
  FILE *f = fopen("/var/cache/app/value", "r"); // expected-warning {{sync-fs}}
  if (f) cache[0] = 1;
}

static void work(uv_work_t *req) {
  (void)req;
  refresh_cache();
}

static void after(uv_work_t *req, int status) {
  (void)req;
  if (status == 0 && !cache[0])
    refresh_cache(); // expected-note {{called here from}}
}

int main(void) {
  static uv_work_t req;
  uv_loop_t *loop = uv_default_loop();
  uv_queue_work(loop, &req, work, after); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
