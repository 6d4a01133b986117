/* open.c: opening the fact store (store.h): creating or migrating its
 * schema in one transaction, moving a corrupt database aside, and the small
 * reads and writes of whole-database facts (meta, counts, TU ids). */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int mkdir_p(const char *dir) {
  char *copy = ls_xstrdup(dir);
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      free(copy);
      return -1;
    }
    *p = '/';
  }
  int r = (mkdir(copy, 0777) != 0 && errno != EEXIST) ? -1 : 0;
  free(copy);
  return r;
}

static int user_version(sqlite3 *db, int *v) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) *v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? 0 : -1;
}

static int unusable(sqlite3 *db) {
  int code = sqlite3_errcode(db);
  return code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
}

/* Opens and checks the database; returns 1 when it is unusable (not a
 * database, corrupt) so the caller can move it aside. */
static int try_open(const char *path, ls_store *s, char **err) {
  /* One connection per process, used by one thread: no per-call mutex. */
  if (sqlite3_open_v2(path, &s->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      NULL) != SQLITE_OK) {
    *err = ls_xasprintf("cannot open database '%s': %s", path,
                        s->db ? sqlite3_errmsg(s->db) : "out of memory");
    return -1;
  }
  if (sqlite3_busy_timeout(s->db, 60000) != SQLITE_OK) {
    *err = ls_xasprintf("cannot use database '%s': %s", path, sqlite3_errmsg(s->db));
    return -1;
  }
  int v = 0;
  if (user_version(s->db, &v) != 0) {
    if (unusable(s->db)) return 1;
    *err = ls_xasprintf("cannot read database '%s': %s", path, sqlite3_errmsg(s->db));
    return -1;
  }
  if (v > LS_SCHEMA_VERSION) {
    *err = ls_xasprintf("database '%s' has schema version %d, newer than this lagscan "
                        "understands (%d); use a newer lagscan or another --db",
                        path, v, LS_SCHEMA_VERSION);
    return -1;
  }
  ls_sql q = ls_sql_on(s);
  /* Turning a new database to WAL needs it to itself for a moment, and
   * SQLite does not wait for that with the busy handler: while another
   * process is creating the same database, retry (up to about 10 s). */
  for (int tries = 0;; tries++) {
    ls_sql_exec(&q, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    if (!q.failed || (q.code != SQLITE_BUSY && q.code != SQLITE_LOCKED) || tries == 1000) break;
    ls_sql_done(&q, "", NULL);
    q = ls_sql_on(s);
    usleep(10000);
  }
  if (q.failed) {
    if (unusable(s->db)) {
      ls_sql_done(&q, "", NULL);
      return 1;
    }
    char *why = NULL;
    ls_sql_done(&q, "cannot set the journal mode of database", &why);
    *err = why;
    return -1;
  }
  if (v < LS_SCHEMA_VERSION) {
    /* Create or migrate in one transaction: a reader sees the old schema or
     * the new one, and a migration that fails leaves the database as it was. */
    ls_sql_exec(&q, "BEGIN IMMEDIATE");
    /* Another process may have created or migrated the schema while we waited. */
    if (!q.failed && user_version(s->db, &v) != 0) ls_sql_fail(&q, sqlite3_errcode(s->db));
    if (!q.failed && v < LS_SCHEMA_VERSION) {
      char *sql = ls__migration_sql(v);
      ls_sql_exec(&q, sql);
      free(sql);
    }
    ls_sql_exec(&q, "COMMIT");
    if (q.failed) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return ls_sql_done(&q, "cannot create or migrate the schema in", err);
    }
  }
  return 0;
}

int ls_store_open(const char *path, ls_store **out, char **err) {
  *out = NULL;
  ls_store *s = ls_xcalloc(1, sizeof *s);
  s->path = ls_xstrdup(path);
  char *copy = ls_xstrdup(path);
  const char *dir = dirname(copy);
  if (strcmp(dir, ".") != 0 && mkdir_p(dir) != 0) {
    *err = ls_xasprintf("cannot create directory '%s': %s", dir, strerror(errno));
    free(copy);
    ls_store_close(s);
    return -1;
  }
  free(copy);
  int r = try_open(path, s, err);
  if (r == 1) {
    /* Not a database or corrupt: keep it for inspection, start afresh. */
    sqlite3_close(s->db);
    s->db = NULL;
    char *aside = ls_xasprintf("%s.corrupt", path);
    fprintf(stderr, "lagscan: warning: database '%s' is corrupt; moved to '%s' and rebuilt\n",
            path, aside);
    rename(path, aside);
    char *wal = ls_xasprintf("%s-wal", path), *shm = ls_xasprintf("%s-shm", path);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
    free(aside);
    r = try_open(path, s, err);
    if (r == 1) *err = ls_xasprintf("database '%s' is unusable", path);
  }
  if (r != 0) {
    ls_store_close(s);
    return -1;
  }
  *out = s;
  return 0;
}

void ls_store_close(ls_store *s) {
  if (!s) return;
  ls__snapshot_free(s);
  sqlite3_finalize(s->file_id_query); /* before the close, which needs none open */
  if (s->db) sqlite3_close(s->db);
  free(s->path);
  ls_free_strings(s->digests.items, s->digests.len);
  ls_strmap_free(&s->digest_cache);
  ls_strmap_free(&s->file_ids);
  free(s);
}

const char *ls_store_path(const ls_store *s) { return s->path; }

int ls_store_version(ls_store *s, int *version, char **err) {
  ls_sql q = ls_sql_on(s);
  sqlite3_stmt *st = ls_sql_prepare(&q, "PRAGMA user_version");
  if (ls_sql_step(&q, st) == 1) *version = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return ls_sql_done(&q, "cannot read database", err);
}

int ls_store_count(ls_store *s, const char *table, int64_t *n, char **err) {
  *n = 0;
  const ls_table *t = ls__table(table);
  if (!t) {
    *err = ls_xasprintf("no table '%s' in the schema of '%s'", table, s->path);
    return -1;
  }
  ls_sql q = ls_sql_on(s);
  char *sql = ls_xasprintf("SELECT count(*) FROM \"%s\"", t->name);
  sqlite3_stmt *st = ls_sql_prepare(&q, sql);
  free(sql);
  if (ls_sql_step(&q, st) == 1) *n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return ls_sql_done(&q, "cannot read database", err);
}

int ls_store_set_meta(ls_store *s, const char *key, const char *value, char **err) {
  ls_sql q = ls_sql_on(s);
  sqlite3_stmt *st = ls_sql_prepare(&q, "INSERT INTO meta(key, value) VALUES(?, ?) "
                                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  ls_sql_text(&q, st, 1, key);
  ls_sql_text(&q, st, 2, value);
  ls_sql_run(&q, st);
  sqlite3_finalize(st);
  return ls_sql_done(&q, "cannot use database", err);
}

int ls_store_tu_ids(ls_store *s, int64_t **ids, size_t *n, char **err) {
  ls_sql q = ls_sql_on(s);
  LS_VEC(int64_t) v = {0};
  sqlite3_stmt *st = ls_sql_prepare(&q, "SELECT id FROM tu ORDER BY id");
  while (ls_sql_step(&q, st) == 1) LS_VEC_PUSH(&v, sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  *ids = v.items ? v.items : ls_xcalloc(1, sizeof(int64_t));
  *n = v.len;
  return ls_sql_done(&q, "cannot read facts from", err);
}
