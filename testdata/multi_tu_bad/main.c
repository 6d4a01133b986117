/* multi_tu_bad (main.c): the loop root lives here and calls storage_flush,
 * which is defined in storage.c and blocks: the graph spans both TUs. */
#include <uv.h>

void storage_flush(void);

static void on_commit(uv_timer_t *t) {
  (void)t;
  storage_flush(); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_commit, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
