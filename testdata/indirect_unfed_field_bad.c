/* indirect_unfed_field_bad: the loop calls h->on_error(), a field that no
 * code stores a function into by name; disk_report has its type and its
 * address is stored in another record's field, whose bytes may be copied
 * into this one (memcpy, a cast between records): the call may reach it,
 * so its fopen is reported. */
#include <stdio.h>
#include <string.h>
#include <uv.h>

struct hooks {
  int (*on_error)(const char *what);
};

struct defaults {
  int (*report)(const char *what);
};

static int disk_report(const char *what) {
  FILE *f = fopen(what, "a"); // expected-warning {{sync-fs}}
  return f != NULL;
}

static const struct defaults defaults = {.report = disk_report};
static struct hooks hooks;

static void on_tick(uv_timer_t *t) {
  struct hooks *h = t->data;
  if (h->on_error) h->on_error("tick"); // expected-note {{called here from}}
}

int main(void) {
  memcpy(&hooks, &defaults, sizeof hooks);
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  t.data = &hooks;
  uv_timer_start(&t, on_tick, 1000, 1000); // expected-note {{registered here as a loop callback}}
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
