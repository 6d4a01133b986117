/* sync_db_bad: SQLite, libpq and MySQL calls wait for the disk or the server
 * (sync-db) when made from a loop callback. */
// lagscan-flags: -I/usr/include/postgresql -I/usr/include/mariadb
#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <uv.h>

static sqlite3 *db;
static PGconn *pg;
static MYSQL *my;

static void on_tick(uv_timer_t *t) {
  (void)t;
  sqlite3_exec(db, "DELETE FROM sessions WHERE expired", NULL, NULL, NULL); // expected-warning {{sync-db}}
  PGresult *r = PQexec(pg, "SELECT 1"); // expected-warning {{sync-db}}
  PQclear(r);
  mysql_query(my, "SELECT 1"); // expected-warning {{sync-db}}
}

int main(void) {
  uv_timer_t t;
  uv_timer_init(uv_default_loop(), &t);
  uv_timer_start(&t, on_tick, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
