/* merge.c: `lagscan merge` (store.h, ls_merge_stores): the union of shard
 * fact databases into one. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* ---- merge -------------------------------------------------------------- */

/* One shard's copy, in the order the foreign keys need: files and symbols
 * first (re-interned by path and key into maps old id -> new id), then the
 * TUs (a stored TU with the same key is dropped first), then every fact
 * table, renumbered through the maps. Call ids move by a constant offset, so
 * arg rows follow their calls and the shard's call order is kept. Rows are
 * copied in their shard's order, so the merged database reads as if the
 * shards had been extracted one after the other.
 *
 * The TU and fact tables are copied column by column as the schema declares
 * them (schema.c), each column mapped by its role; the columns a shard of an
 * older version lacks take their defaults. So a new column or fact table is
 * merged without a change here; what must change here is a new column of
 * file (copied by name in prologue_sql). Merge refuses to run when
 * the output has a table with a tu_id column that the schema does not
 * declare. */
static const char *const prologue_sql[] = {
    /* (the symbols come first of all: sym_sql) */
    /* Files: a row the output lacks, or lacks a digest for, takes the shard's. */
    "INSERT INTO main.file(path, mtime_ns, size, sha256)"
    " SELECT path, mtime_ns, size, sha256 FROM shard.file WHERE true ORDER BY id"
    " ON CONFLICT(path) DO UPDATE SET mtime_ns=excluded.mtime_ns, size=excluded.size,"
    "  sha256=excluded.sha256 WHERE file.sha256 IS NULL AND excluded.sha256 IS NOT NULL",
    "CREATE TEMP TABLE map_file(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO temp.map_file SELECT s.id, m.id FROM shard.file s JOIN main.file m"
    " ON m.path = s.path",
    "CREATE TEMP TABLE map_sym(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO temp.map_sym SELECT s.id, m.id FROM shard.sym s JOIN main.sym m ON m.key = s.key",
    /* TUs the shard replaces. */
    "CREATE TEMP TABLE gone(id INTEGER PRIMARY KEY)",
    "INSERT INTO temp.gone SELECT m.id FROM shard.tu s JOIN main.tu m ON m.key = s.key",
};

/* INSERT INTO main.TABLE(cols) SELECT mapped cols FROM shard.TABLE x ...:
 * the columns the shard's schema version has (the others take their
 * defaults), ids mapped by their roles (schema.c); ?1 is the call id
 * offset. */
static char *copy_sql(const ls_table *t, int shard_version) {
  ls_buf cols = {0}, vals = {0};
  ls_buf_puts(&cols, "");
  ls_buf_puts(&vals, "");
  for (size_t i = 0; i < t->ncolumns; i++) {
    const ls_column *c = &t->columns[i];
    if (c->role == LS_COL_ROWID || c->since > shard_version) continue;
    char *v;
    switch (c->role) {
    case LS_COL_TU: v = ls_xstrdup("t.new"); break;
    case LS_COL_FILE: v = ls_xasprintf("(SELECT new FROM temp.map_file WHERE old = x.\"%s\")", c->name); break;
    case LS_COL_SYM: v = ls_xasprintf("(SELECT new FROM temp.map_sym WHERE old = x.\"%s\")", c->name); break;
    case LS_COL_CALL: v = ls_xasprintf("x.\"%s\" + ?1", c->name); break;
    default: v = ls_xasprintf("x.\"%s\"", c->name); break;
    }
    char *q = ls_xasprintf("%s\"%s\"", cols.len ? ", " : "", c->name);
    ls_buf_puts(&cols, q);
    free(q);
    if (vals.len) ls_buf_puts(&vals, ", ");
    ls_buf_puts(&vals, v);
    free(v);
  }
  int is_tu = !strcmp(t->name, "tu");
  const char *order = is_tu ? "x.id" : t->merge_order;
  char *sql = ls_xasprintf("INSERT %sINTO main.\"%s\"(%s) SELECT %s FROM shard.\"%s\" x%s%s%s",
                           t->merge_or_ignore ? "OR IGNORE " : "", t->name, ls_buf_str(&cols),
                           ls_buf_str(&vals), t->name,
                           is_tu ? "" : " JOIN temp.map_tu t ON t.old = x.tu_id",
                           order ? " ORDER BY " : "", order ? order : "");
  ls_buf_free(&cols);
  ls_buf_free(&vals);
  return sql;
}

/* A table of the output with a tu_id column that the schema does not
 * declare (heap), or NULL: its rows would not be merged. */
static char *unknown_fact_table(ls_sql *q) {
  char *name = NULL;
  sqlite3_stmt *st = ls_sql_prepare(q, "SELECT m.name FROM main.sqlite_master m"
                                       " WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM"
                                       " pragma_table_info(m.name, 'main') WHERE name = 'tu_id')");
  while (!name && ls_sql_step(q, st) == 1) {
    const char *t = (const char *)sqlite3_column_text(st, 0);
    const ls_table *known = t ? ls__table(t) : NULL;
    if (!known || !ls__is_fact_table(known)) name = ls_xstrdup(t ? t : "?");
  }
  sqlite3_finalize(st);
  return name;
}

/* Runs one statement of the merge; ?1, if any, is `offset`. */
static void step_sql(ls_sql *q, const char *sql, int64_t offset) {
  sqlite3_stmt *st = ls_sql_prepare(q, sql);
  if (st && sqlite3_bind_parameter_count(st) > 0) ls_sql_int(q, st, 1, offset);
  ls_sql_run(q, st);
  sqlite3_finalize(st);
}

/* Symbols the output lacks, by key, in the shard's order: every column the
 * shard's version has but the id. */
static char *sym_sql(int shard_version) {
  const ls_table *t = ls__table("sym");
  ls_buf cols = {0};
  ls_buf_puts(&cols, "");
  for (size_t i = 0; i < t->ncolumns; i++) {
    const ls_column *c = &t->columns[i];
    if (c->role == LS_COL_ROWID || c->since > shard_version) continue;
    if (cols.len) ls_buf_puts(&cols, ", ");
    ls_buf_puts(&cols, c->name);
  }
  char *sql = ls_xasprintf("INSERT OR IGNORE INTO main.sym(%s) SELECT %s FROM shard.sym ORDER BY id",
                           ls_buf_str(&cols), ls_buf_str(&cols));
  ls_buf_free(&cols);
  return sql;
}

/* Every statement of one shard's merge, in order (heap strings). */
static size_t merge_statements(int shard_version, char ***out) {
  LS_VEC(char *) v = {0};
  LS_VEC_PUSH(&v, sym_sql(shard_version));
  for (size_t i = 0; i < sizeof prologue_sql / sizeof prologue_sql[0]; i++)
    LS_VEC_PUSH(&v, ls_xstrdup(prologue_sql[i]));
  for (size_t i = 0; i < ls__ntables; i++)
    if (ls__is_fact_table(&ls__tables[i]))
      LS_VEC_PUSH(&v, ls_xasprintf("DELETE FROM main.\"%s\" WHERE tu_id IN temp.gone",
                                   ls__tables[i].name));
  LS_VEC_PUSH(&v, ls_xstrdup("DELETE FROM main.tu WHERE id IN temp.gone"));
  LS_VEC_PUSH(&v, copy_sql(ls__table("tu"), shard_version));
  LS_VEC_PUSH(&v, ls_xstrdup("CREATE TEMP TABLE map_tu(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)"));
  LS_VEC_PUSH(&v, ls_xstrdup("INSERT INTO temp.map_tu SELECT s.id, m.id FROM shard.tu s"
                             " JOIN main.tu m ON m.key = s.key"));
  for (size_t i = 0; i < ls__ntables; i++)
    if (ls__is_fact_table(&ls__tables[i]) && ls__tables[i].since <= shard_version)
      LS_VEC_PUSH(&v, copy_sql(&ls__tables[i], shard_version));
  *out = v.items;
  return v.len;
}

static int64_t query_int(ls_sql *q, const char *sql) {
  sqlite3_stmt *st = ls_sql_prepare(q, sql);
  int64_t v = ls_sql_step(q, st) == 1 ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return v;
}

/* The shard recorded by `lagscan extract --shard` ("K/N"), or NULL (heap). */
static char *shard_meta(ls_sql *q) {
  sqlite3_stmt *st = ls_sql_prepare(q, "SELECT value FROM shard.meta WHERE key='shard'");
  char *v = ls_sql_step(q, st) == 1 ? ls_sql_col_text(st, 0) : NULL;
  sqlite3_finalize(st);
  return v;
}

static void drop_maps(ls_store *s) {
  /* Temporary tables of a failed merge: dropping them cannot fail in a way
   * that matters (the connection is closed next). */
  sqlite3_exec(s->db,
               "DROP TABLE IF EXISTS temp.map_file; DROP TABLE IF EXISTS temp.map_sym;"
               "DROP TABLE IF EXISTS temp.gone; DROP TABLE IF EXISTS temp.map_tu;",
               NULL, NULL, NULL);
}

/* Merges the database attached as `shard`. Returns 0, or -1 with *err set. */
static int merge_one(ls_store *out, const char *path, ls_merge_result *res, char **err) {
  ls_sql q = ls_sql_on(out);
  int64_t version = query_int(&q, "PRAGMA shard.user_version");
  if (q.failed && q.code != SQLITE_NOTADB) {
    ls_sql_done(&q, "", NULL);
    *err = ls_xasprintf("cannot read '%s': %s", path, sqlite3_errmsg(out->db));
    return -1;
  }
  if (q.failed || version < 1 ||
      !query_int(&q, "SELECT count(*) FROM shard.sqlite_master WHERE name='tu'")) {
    ls_sql_done(&q, "", NULL);
    *err = ls_xasprintf("'%s' is not a lagscan fact database", path);
    return -1;
  }
  if (version > LS_SCHEMA_VERSION) {
    ls_sql_done(&q, "", NULL);
    *err = ls_xasprintf("'%s' has schema version %lld, newer than this lagscan understands (%d)",
                        path, (long long)version, LS_SCHEMA_VERSION);
    return -1;
  }
  char *unknown = unknown_fact_table(&q);
  if (unknown) {
    /* A fact table the schema does not declare: refuse rather than drop
     * its facts. */
    ls_sql_done(&q, "", NULL);
    *err = ls_xasprintf("cannot merge into '%s': its table '%s' is not in lagscan's schema",
                        out->path, unknown);
    free(unknown);
    return -1;
  }
  if (ls_sql_done(&q, "cannot read", err) != 0) return -1;
  if (ls__begin(out) != 0) {
    *err = ls_xasprintf("database '%s' is busy: %s", out->path, sqlite3_errmsg(out->db));
    return -1;
  }
  q = ls_sql_on(out);
  int64_t ntus = query_int(&q, "SELECT count(*) FROM shard.tu");
  int64_t replaced = query_int(&q, "SELECT count(*) FROM shard.tu s JOIN main.tu m ON m.key = s.key");
  int64_t offset = query_int(&q, "SELECT coalesce(max(id), 0) FROM main.call");
  char **sql = NULL;
  size_t nsql = merge_statements((int)version, &sql);
  for (size_t i = 0; i < nsql && !q.failed; i++) step_sql(&q, sql[i], offset);
  ls_free_strings(sql, nsql);
  if (!q.failed) {
    drop_maps(out);
    if (ls__commit(out) != 0) ls_sql_fail(&q, sqlite3_errcode(out->db));
  }
  if (q.failed) {
    sqlite3_exec(out->db, "ROLLBACK", NULL, NULL, NULL);
    drop_maps(out);
    char *why = NULL;
    ls_sql_done(&q, "", &why);
    *err = ls_xasprintf("cannot merge '%s' into%s", path, why);
    free(why);
    return -1;
  }
  ls_sql_done(&q, "", NULL);
  res->tus += (size_t)ntus;
  res->replaced += (size_t)replaced;
  res->shards++;
  return 0;
}

/* A warning when the shards recorded by extract do not make a whole:
 * different N, a K twice, or a K missing (the scan then parses those TUs). */
static char *check_shards(char **metas, int n) {
  int total = 0;
  LS_VEC(char) seen = {0};
  for (int i = 0; i < n; i++) {
    int k, m;
    if (!metas[i] || sscanf(metas[i], "%d/%d", &k, &m) != 2 || k < 1 || m < 1 || k > m)
      continue;
    if (total && m != total) {
      LS_VEC_FREE(&seen);
      return ls_xasprintf("the databases come from different shardings (%s and %d shards)",
                          metas[i], total);
    }
    if (!total) {
      total = m;
      LS_VEC_GROW(&seen, (size_t)m + 1);
      memset(seen.items, 0, (size_t)m + 1);
    }
    if (seen.items[k]) {
      LS_VEC_FREE(&seen);
      return ls_xasprintf("shard %d/%d was given twice", k, m);
    }
    seen.items[k] = 1;
  }
  char *w = NULL;
  for (int k = 1; k <= total && !w; k++)
    if (!seen.items[k])
      w = ls_xasprintf("shard %d/%d is missing: the scan will parse its translation units", k,
                       total);
  LS_VEC_FREE(&seen);
  return w;
}

int ls_merge_stores(const char *out_path, char *const *shards, int nshards,
                    ls_merge_result *res, char **err) {
  memset(res, 0, sizeof *res);
  char out_real[PATH_MAX];
  int out_exists = realpath(out_path, out_real) != NULL;
  for (int i = 0; i < nshards; i++) {
    struct stat st;
    char real[PATH_MAX];
    if (stat(shards[i], &st) != 0) {
      *err = ls_xasprintf("cannot read '%s': %s", shards[i], strerror(errno));
      return -1;
    }
    if (!S_ISREG(st.st_mode)) {
      *err = ls_xasprintf("'%s' is not a lagscan fact database", shards[i]);
      return -1;
    }
    if (out_exists && realpath(shards[i], real) && !strcmp(real, out_real)) {
      *err = ls_xasprintf("'%s' is both the output and an input", shards[i]);
      return -1;
    }
  }
  ls_store *out;
  if (ls_store_open(out_path, &out, err) != 0) return -1;
  char **metas = ls_xcalloc((size_t)nshards + 1, sizeof(char *));
  int rc = 0;
  for (int i = 0; i < nshards && rc == 0; i++) {
    ls_sql q = ls_sql_on(out);
    sqlite3_stmt *st = ls_sql_prepare(&q, "ATTACH DATABASE ? AS shard");
    ls_sql_text(&q, st, 1, shards[i]);
    ls_sql_step(&q, st);
    sqlite3_finalize(st);
    if (q.failed) {
      if (q.code == SQLITE_NOTADB)
        *err = ls_xasprintf("'%s' is not a lagscan fact database", shards[i]);
      else
        *err = ls_xasprintf("cannot open '%s': %s", shards[i], q.why);
      ls_sql_done(&q, "", NULL);
      rc = -1;
      break;
    }
    rc = merge_one(out, shards[i], res, err);
    if (rc == 0) {
      metas[i] = shard_meta(&q);
      ls_sql_done(&q, "", NULL); /* a shard without its K/N: nothing to check */
    }
    q = ls_sql_on(out);
    ls_sql_exec(&q, "DETACH DATABASE shard");
    if (rc == 0 && ls_sql_done(&q, "cannot detach a shard from", err) != 0) rc = -1;
    else if (rc != 0) ls_sql_done(&q, "", NULL);
  }
  if (rc == 0) res->warning = check_shards(metas, nshards);
  ls_free_strings(metas, (size_t)nshards);
  ls_store_close(out);
  return rc;
}
