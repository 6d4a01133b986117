/* indirect_param_bad: a call through a parameter resolves to the functions
 * passed for it: with_retry(flush_to_disk) makes op() a call of
 * flush_to_disk. */
#include <unistd.h>
#include <uv.h>

static int journal_fd = 3;

static int flush_to_disk(void) {
  return fsync(journal_fd); // expected-warning {{sync-fs}}
}

static int with_retry(int (*op)(void)) {
  for (int i = 0; i < 3; i++)
    if (op() == 0) // expected-note {{called here from}}
      return 0;
  return -1;
}

static void on_commit(uv_timer_t *t) {
  (void)t;
  with_retry(flush_to_disk); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_commit, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
