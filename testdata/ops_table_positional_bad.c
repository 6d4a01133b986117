/* ops_table_positional_bad: a static const route table (array of structs with
 * positional initializers); routes[i].handle(req) from a loop callback
 * resolves field-based to every handler in the table: the export route's
 * fwrite is reported. */
#include <stdio.h>
#include <string.h>
#include <uv.h>

struct route {
  const char *path;
  void (*handle)(const char *body);
};

static int hits;

static void health(const char *body) {
  (void)body;
  hits++;
}

static void export_csv(const char *body) {
  static FILE *out;
  fwrite(body, 1, strlen(body), out); // expected-warning {{sync-fs}}
}

static const struct route routes[] = {
    {"/health", health},
    {"/export", export_csv},
};

static void on_request(uv_idle_t *h) {
  const char *path = h->data;
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if (strcmp(routes[i].path, path) == 0)
      routes[i].handle(path); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_idle_t idle;
  uv_idle_init(loop, &idle);
  uv_idle_start(&idle, on_request); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
