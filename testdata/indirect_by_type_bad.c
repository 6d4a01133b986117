/* indirect_by_type_bad: handlers[op](arg) through an array of function
 * pointers resolves to the address-taken functions of the same type; the
 * dump handler blocks. An address-taken function of another type
 * (log_sink, never called) is not a target. */
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

typedef void (*op_handler)(int arg);

static int pings;

static void op_ping(int arg) {
  pings += arg;
}

static void op_dump(int arg) {
  FILE *f = fopen("/tmp/dump", "w"); // expected-warning {{sync-fs}}
  (void)f;
  (void)arg;
}

static void log_sink(const char *msg) {
  unlink(msg); // no-warning: other type, never called indirectly
}

static op_handler handlers[2];
void (*volatile sink_slot)(const char *);

static void on_op(uv_timer_t *t) {
  int op = (int)(long)t->data;
  handlers[op & 1](op); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  handlers[0] = op_ping;
  handlers[1] = op_dump;
  sink_slot = log_sink;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_op, 0, 100); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
