/* annot_loop_field_bad: a struct field declared LAGSCAN_LOOP_CALLBACK; a
 * function stored there (designated initializer) is a loop root. */
#include <lagscan.h>
#include <unistd.h>

struct plugin {
  const char *name;
  void (*on_event)(int fd) LAGSCAN_LOOP_CALLBACK;
};

void plugin_register(const struct plugin *p);

static void audit_event(int fd) {
  fsync(fd); // expected-warning {{sync-fs}}
}

static const struct plugin audit = {
    .name = "audit",
    .on_event = audit_event, // expected-note {{registered here as a loop callback}}
};

int main(void) {
  plugin_register(&audit);
  return 0;
}
