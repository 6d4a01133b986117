/* annot_blocking_bad: a user function declared LAGSCAN_BLOCKING(sync-db)
 * (body elsewhere) is blocking under that rule when called from a loop
 * callback, directly or through a helper. */
#include <lagscan.h>
#include <uv.h>

int db_query(const char *sql) LAGSCAN_BLOCKING(sync-db);

static int count_users(void) {
  return db_query("SELECT count(*) FROM users"); // expected-warning {{sync-db}}
}

static void on_metrics(uv_timer_t *t) {
  (void)t;
  db_query("SELECT 1"); // expected-warning {{sync-db}}
  count_users(); // expected-note {{called here from}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_metrics, 0, 5000); // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
