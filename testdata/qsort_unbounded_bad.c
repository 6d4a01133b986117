/* qsort_unbounded_bad: qsort whose element count is not a constant (it comes
 * from the request) can take unbounded time on the loop: unbounded-sort. */
#include <stdlib.h>
#include <uv.h>

struct row {
  int key;
};

static int by_key(const void *a, const void *b) {
  return ((const struct row *)a)->key - ((const struct row *)b)->key;
}

static void sort_rows(struct row *rows, size_t n) {
  qsort(rows, n, sizeof *rows, by_key); // expected-warning {{unbounded-sort}}
}

static void on_batch(uv_timer_t *t) {
  struct row *rows = t->data;
  sort_rows(rows, (size_t)rows[0].key); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_batch, 0, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
