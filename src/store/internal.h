/* internal.h: what the files of src/store share. This file is private to
 * src/store: no other stage sees SQLite.
 *
 * Three things live here:
 *   - struct ls_store, the connection and its per-process caches;
 *   - the schema, declared once as a table of tables and columns
 *     (schema.c), from which the DDL of a new database, the migrations of
 *     an old one and the column lists of a merge are all made;
 *   - ls_sql, the one way statements run: prepared once, every bind, step
 *     and reset checked, the first failure kept with the database's message
 *     so that a sequence of statements reads straight and is checked once.
 */
#ifndef LAGSCAN_STORE_INTERNAL_H
#define LAGSCAN_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "store.h"

/* ---- the connection ------------------------------------------------------ */

struct ls_store {
  sqlite3 *db;
  char *path;
  ls_strmap digest_cache; /* path -> index in digests (this process only) */
  LS_VEC(char *) digests;
  /* path -> file.id, only for rows found committed (file rows are never
   * deleted, so such an id stays right); a worker keeps its connection
   * across TUs, so headers are looked up once per worker. */
  ls_strmap file_ids;
  sqlite3_stmt *file_id_query;
  /* ls_store_unchanged's copy of the file, tu and tu_include tables, loaded
   * by its first call; dropped by ls_store_put_tu and ls_store_close. */
  struct ls_store_snapshot *snap;
};

void ls__snapshot_free(ls_store *s);                   /* digest.c */
const char *ls__file_digest(ls_store *s, const char *path);

/* ---- the schema ------------------------------------------------------------ */

/* What a column holds, for the merge: ids of the output's own rows are
 * renumbered through maps, call ids shifted by an offset. */
typedef enum ls_col_role {
  LS_COL_PLAIN = 0, /* copied as it is */
  LS_COL_ROWID,     /* the table's own id: left to the output */
  LS_COL_TU,        /* a tu.id */
  LS_COL_FILE,      /* a file.id */
  LS_COL_SYM,       /* a sym.id */
  LS_COL_CALL       /* a call.id (call.id itself, arg.call_id): shifted */
} ls_col_role;

typedef struct ls_column {
  const char *name;
  const char *decl;  /* "INTEGER NOT NULL" */
  int since;         /* schema version that added it */
  ls_col_role role;
} ls_column;

typedef struct ls_table {
  const char *name;
  int since;                 /* schema version that added it */
  const ls_column *columns;  /* in declaration order */
  size_t ncolumns;
  const char *constraints;   /* ", PRIMARY KEY(a, b)" inside the parentheses, or "" */
  const char *options;       /* " WITHOUT ROWID" after them, or "" */
  const char *merge_order;   /* fact tables: ORDER BY of a merge's copy, or NULL */
  int merge_or_ignore;       /* fact tables: the rows are a set (INSERT OR IGNORE) */
} ls_table;

typedef struct ls_index {
  const char *name, *table, *columns;
  int since;
} ls_index;

/* The schema, in creation order (a table before the indexes on it). */
extern const ls_table ls__tables[];
extern const size_t ls__ntables;
extern const ls_index ls__indexes[];
extern const size_t ls__nindexes;

/* A table by name, or NULL. */
const ls_table *ls__table(const char *name);
/* Whether the table is a fact table: one TU's rows, keyed by a tu_id column. */
int ls__is_fact_table(const ls_table *t);
/* The statements that take a database of schema version `from` (0: empty)
 * to LS_SCHEMA_VERSION: new tables, new columns (ALTER TABLE ... ADD
 * COLUMN), new indexes, then the version. One heap string. */
char *ls__migration_sql(int from);

/* ---- statements --------------------------------------------------------- */

/* One run of statements under one error: after the first failure every
 * call is a no-op returning failure, and ls_sql_done reports it. */
typedef struct ls_sql {
  ls_store *s;
  int failed;
  int code;    /* the failing call's result code */
  char *why;   /* its message (heap), or NULL */
} ls_sql;

static inline ls_sql ls_sql_on(ls_store *s) { return (ls_sql){s, 0, SQLITE_OK, NULL}; }

/* Prepares `sql` (NULL after a failure). */
sqlite3_stmt *ls_sql_prepare(ls_sql *q, const char *sql);
/* Binds parameter i (1-based): text (NULL binds NULL), an integer, an id
 * (0 binds NULL, the facts' "no symbol"). */
void ls_sql_text(ls_sql *q, sqlite3_stmt *st, int i, const char *text);
void ls_sql_int(ls_sql *q, sqlite3_stmt *st, int i, int64_t v);
void ls_sql_id(ls_sql *q, sqlite3_stmt *st, int i, int64_t id);
/* Steps: 1 for a row, 0 when done, -1 on failure (kept in q). */
int ls_sql_step(ls_sql *q, sqlite3_stmt *st);
/* Steps a statement that returns no row, then resets it for the next use. */
void ls_sql_run(ls_sql *q, sqlite3_stmt *st);
/* Clears a statement's bindings and position for its next use. */
void ls_sql_reset(ls_sql *q, sqlite3_stmt *st);
/* Runs one or more statements without parameters. */
void ls_sql_exec(ls_sql *q, const char *sql);
/* Marks the run failed with the database's current error. */
void ls_sql_fail(ls_sql *q, int code);
/* Column text as a heap copy, or NULL. */
char *ls_sql_col_text(sqlite3_stmt *st, int col);
/* Ends the run: 0 when nothing failed; else -1 with *err set to
 * "<what> '<database path>': <message>" (what: "cannot read facts from"). */
int ls_sql_done(ls_sql *q, const char *what, char **err);

/* BEGIN IMMEDIATE / COMMIT, retried while another process holds the lock. */
int ls__begin(ls_store *s);
int ls__commit(ls_store *s);

#endif /* LAGSCAN_STORE_INTERNAL_H */
