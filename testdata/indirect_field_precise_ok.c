/* indirect_field_precise_ok: field-based resolution is precise. The loop calls
 * cache->lookup(), and only cache_lookup is ever stored in .lookup; disk_load
 * has the same type but is stored only in another struct's field (.load), which
 * the loop never calls. Nothing is reported. */
#include <stdio.h>
#include <uv.h>

struct cache_ops {
  int (*lookup)(const char *key);
};

struct loader_ops {
  int (*load)(const char *key);
};

static int cache_lookup(const char *key) {
  return key[0] == 'k';
}

static int disk_load(const char *key) {
  FILE *f = fopen(key, "r"); // no-warning: only reachable through .load
  return f != NULL;
}

static const struct cache_ops cache = {.lookup = cache_lookup};
const struct loader_ops loader = {.load = disk_load};

static void on_get(uv_timer_t *t) {
  const struct cache_ops *ops = t->data;
  ops->lookup("key");
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  t.data = (void *)&cache;
  uv_timer_start(&t, on_get, 0, 100);
  loader.load("/etc/app/warm"); // start-up only
  return uv_run(loop, UV_RUN_DEFAULT);
}
