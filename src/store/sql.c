/* sql.c: the store's one way of running statements (internal.h, ls_sql):
 * every prepare, bind, step and reset is checked, and the first failure is
 * kept with the database's message for the caller to report. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

void ls_sql_fail(ls_sql *q, int code) {
  if (q->failed) return;
  q->failed = 1;
  q->code = code;
  q->why = ls_xstrdup(q->s && q->s->db ? sqlite3_errmsg(q->s->db) : sqlite3_errstr(code));
}

sqlite3_stmt *ls_sql_prepare(ls_sql *q, const char *sql) {
  if (q->failed) return NULL;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(q->s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) {
    ls_sql_fail(q, rc);
    sqlite3_finalize(st);
    return NULL;
  }
  return st;
}

static void bound(ls_sql *q, int rc) {
  if (rc != SQLITE_OK) ls_sql_fail(q, rc);
}

void ls_sql_text(ls_sql *q, sqlite3_stmt *st, int i, const char *text) {
  if (q->failed || !st) return;
  bound(q, text ? sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void ls_sql_int(ls_sql *q, sqlite3_stmt *st, int i, int64_t v) {
  if (q->failed || !st) return;
  bound(q, sqlite3_bind_int64(st, i, v));
}

void ls_sql_id(ls_sql *q, sqlite3_stmt *st, int i, int64_t id) {
  if (q->failed || !st) return;
  bound(q, id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i));
}

int ls_sql_step(ls_sql *q, sqlite3_stmt *st) {
  if (q->failed || !st) return -1;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) return 0;
  ls_sql_fail(q, rc);
  return -1;
}

void ls_sql_reset(ls_sql *q, sqlite3_stmt *st) {
  if (!st) return;
  /* sqlite3_reset repeats the last step's error, which was reported then. */
  sqlite3_reset(st);
  if (!q->failed) bound(q, sqlite3_clear_bindings(st));
}

void ls_sql_run(ls_sql *q, sqlite3_stmt *st) {
  if (ls_sql_step(q, st) == 1) { /* a row where none was expected: still done */
  }
  ls_sql_reset(q, st);
}

void ls_sql_exec(ls_sql *q, const char *sql) {
  if (q->failed) return;
  char *msg = NULL;
  int rc = sqlite3_exec(q->s->db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) {
    q->failed = 1;
    q->code = rc;
    q->why = ls_xstrdup(msg ? msg : sqlite3_errmsg(q->s->db));
  }
  sqlite3_free(msg);
}

char *ls_sql_col_text(sqlite3_stmt *st, int col) {
  const unsigned char *t = sqlite3_column_text(st, col);
  return t ? ls_xstrdup((const char *)t) : NULL;
}

int ls_sql_done(ls_sql *q, const char *what, char **err) {
  int failed = q->failed;
  if (failed && err)
    *err = ls_xasprintf("%s '%s': %s", what, q->s && q->s->path ? q->s->path : "?",
                        q->why ? q->why : "unknown error");
  free(q->why);
  q->why = NULL;
  return failed ? -1 : 0;
}

int ls__begin(ls_store *s) {
  /* The busy timeout covers most waits; retry for the rest. */
  for (int tries = 0; tries < 100; tries++) {
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return 0;
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return -1;
    usleep(10000);
  }
  return -1;
}

int ls__commit(ls_store *s) {
  for (int tries = 0; tries < 100; tries++) {
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return 0;
    if (rc != SQLITE_BUSY) return -1;
    usleep(10000);
  }
  return -1;
}
