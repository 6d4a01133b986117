/* indirect_by_type_return_bad: a function pointer returned by a function and
 * called at once (lookup(cmd)(arg)) goes through no field, local or
 * parameter; it resolves by type among address-taken functions. */
#include <string.h>
#include <unistd.h>
#include <uv.h>

typedef int (*command_fn)(const char *arg);

static int cmd_echo(const char *arg) {
  return (int)strlen(arg);
}

static int cmd_rm(const char *arg) {
  return unlink(arg); // expected-warning {{sync-fs}}
}

static command_fn lookup(const char *name) {
  return strcmp(name, "rm") == 0 ? cmd_rm : cmd_echo;
}

static void on_command(uv_timer_t *t) {
  lookup(t->data)("/tmp/scratch"); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  t.data = "echo";
  uv_timer_start(&t, on_command, 0, 0); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
