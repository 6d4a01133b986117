/* indirect_unfed_field_ok: the loop calls h->on_error(), a field that no
 * code ever stores a function into; disk_report has its type, but its
 * address only goes into a local and a global function pointer, never
 * into a field, a void *, or a library: the field cannot hold it, and the
 * call has no target (it would crash if it ran). */
#include <stdio.h>
#include <uv.h>

struct hooks {
  int (*on_error)(const char *what);
};

static int disk_report(const char *what) {
  FILE *f = fopen(what, "a"); // no-warning: never in a field
  return f != NULL;
}

static struct hooks hooks;
int (*report_fn)(const char *) = disk_report;

static void on_tick(uv_timer_t *t) {
  struct hooks *h = t->data;
  if (h->on_error) h->on_error("tick");
}

int main(void) {
  int (*local)(const char *) = disk_report;
  local("/var/log/app-start");
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  t.data = &hooks;
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
