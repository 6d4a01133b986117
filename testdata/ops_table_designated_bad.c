/* ops_table_designated_bad: static const ops tables with designated
 * initializers; a loop callback calls ops->handle(x), which resolves
 * field-based to every function stored in .handle: the file backend blocks. */
#include <stdio.h>
#include <uv.h>

struct backend_ops {
  const char *name;
  int (*handle)(const char *key);
};

static int mem_handle(const char *key) {
  return key[0];
}

static int file_handle(const char *key) {
  FILE *f = fopen(key, "r"); // expected-warning {{sync-fs}}
  return f != NULL;
}

static const struct backend_ops mem_ops = {.name = "mem", .handle = mem_handle};
static const struct backend_ops file_ops = {.handle = file_handle, .name = "file"};

static const struct backend_ops *pick(int which) {
  return which ? &file_ops : &mem_ops;
}

static void on_lookup(uv_timer_t *t) {
  const struct backend_ops *ops = pick(t->data != NULL);
  ops->handle("/var/cache/app/key"); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_lookup, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
