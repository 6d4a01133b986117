/* merge.c: `lagscan extract --shard K/N` and `lagscan merge` (merge.h):
 * extraction of one shard of a compilation database, and the union of
 * shard fact databases into one. */
#include "scan.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs.h"
#include "store.h"
#include "common.h"
#include "workers.h"

#define DEFAULT_DB ".lagscan/lagscan.db"

int ls_shard_of(const char *key, int nshards) {
  if (nshards <= 1) return 1;
  return (int)(ls_hash_str(key) % (uint64_t)nshards) + 1;
}

/* ---- extract ------------------------------------------------------------ */

static void add_note(ls_shard_result *r, const char *path, const char *msg, int fatal) {
  r->notes = ls_xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
  r->notes[r->nnotes++] = (ls_notification){ls_xstrdup(path), ls_xstrdup(msg), fatal};
}

static int cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

static int set_meta(ls_store *s, const char *key, const char *value) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO meta(key, value) VALUES(?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
  sqlite3_finalize(st);
  return rc;
}

int ls_extract_shard(const ls_shard_options *opt, ls_shard_result *res, char **err) {
  memset(res, 0, sizeof *res);
  if (opt->nshards < 1 || opt->shard < 1 || opt->shard > opt->nshards) {
    *err = ls_xasprintf("shard %d/%d does not exist (K/N needs 1 <= K <= N)", opt->shard,
                        opt->nshards);
    return -1;
  }
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    return -1;
  }
  ls_tu_list tus = {0};
  ls_store store = {0};
  ls_extract_job *jobs = NULL;
  size_t njobs = 0;
  int rc = -1;
  if (ls_inputs_from_compdb(opt->build_dir, &tus, err) != 0) goto out;
  /* Workers chdir to each TU's directory: they need the database's absolute path. */
  const char *db = opt->db_path ? opt->db_path : DEFAULT_DB;
  char *db_abs = db[0] == '/' ? ls_xstrdup(db) : ls_xasprintf("%s/%s", cwd, db);
  int opened = ls_store_open(db_abs, &store, err);
  free(db_abs);
  if (opened != 0) goto out;

  jobs = ls_xcalloc(tus.len + 1, sizeof *jobs);
  /* The inputs hold one TU per key (inputs.c drops repeated compile
   * commands), and the test for reuse is the scan's, so a TU stored here
   * is one `lagscan scan` reuses. */
  ls_store_begin(&store);
  for (size_t i = 0; i < tus.len; i++) {
    res->total++;
    if (ls_shard_of(tus.items[i].key, opt->nshards) != opt->shard) continue;
    res->selected++;
    int64_t id = 0;
    int status = 0;
    if (ls_store_unchanged(&store, &tus.items[i], &id, &status))
      res->cached++;
    else
      jobs[njobs++].input = &tus.items[i];
  }
  char shard[32];
  snprintf(shard, sizeof shard, "%d/%d", opt->shard, opt->nshards);
  if (set_meta(&store, "shard", shard) != 0) {
    *err = ls_xasprintf("cannot use database '%s': %s", store.path, sqlite3_errmsg(store.db));
    ls_store_rollback(&store);
    goto out;
  }
  ls_store_commit(&store);

  ls_extract_options xo = {.db_path = store.path,
                           .jobs = opt->jobs > 0 ? opt->jobs : cores(),
                           .timeout_s = opt->tu_timeout_s > 0 ? opt->tu_timeout_s : 300,
                           .progress = opt->progress,
                           .done_before = res->cached,
                           .total = res->selected};
  if (njobs && ls_extract_all(jobs, njobs, &xo, err) != 0) goto out;
  for (size_t i = 0; i < njobs; i++) {
    ls_extract_job *j = &jobs[i];
    if (j->status == LS_TU_FAILED || !j->tu_id) {
      res->failed++;
      add_note(res, j->input->file, j->message ? j->message : "could not be analyzed", 1);
      continue;
    }
    res->parsed++;
    if (j->status == LS_TU_ERRORS)
      add_note(res, j->input->file, j->message ? j->message : "parsed with errors", 0);
  }
  rc = 0;
out:
  for (size_t i = 0; i < njobs; i++) free(jobs[i].message);
  free(jobs);
  if (store.db) ls_store_close(&store);
  ls_tu_list_free(&tus);
  return rc;
}

void ls_shard_result_free(ls_shard_result *res) {
  for (size_t i = 0; i < res->nnotes; i++) {
    free((char *)res->notes[i].path);
    free((char *)res->notes[i].message);
  }
  free(res->notes);
  memset(res, 0, sizeof *res);
}

/* ---- merge -------------------------------------------------------------- */

/* One shard's copy, in the order the foreign keys need: files and symbols
 * first (re-interned by path and key into maps old id -> new id), then the
 * TUs (a stored TU with the same key is dropped first), then every fact
 * table, renumbered through the maps. Call ids move by a constant offset, so
 * arg rows follow their calls and the shard's call order is kept. Rows are
 * copied in their shard's order, so the merged database reads as if the
 * shards had been extracted one after the other.
 *
 * The TU and fact tables are copied column by column as the output's schema
 * has them (columns a shard lacks take their defaults), so a column added by
 * a migration is merged without a change here. What must change here is a
 * new column that names a symbol, a file or a call (the lists below), a new
 * column of file or sym (copied by name in prologue_sql), or a new fact
 * table: merge refuses to run when the output has a table with a tu_id
 * column that fact_tables does not list. */
static const char *const prologue_sql[] = {
    /* Files: a row the output lacks, or lacks a digest for, takes the shard's. */
    "INSERT INTO main.file(path, mtime_ns, size, sha256)"
    " SELECT path, mtime_ns, size, sha256 FROM shard.file WHERE true ORDER BY id"
    " ON CONFLICT(path) DO UPDATE SET mtime_ns=excluded.mtime_ns, size=excluded.size,"
    "  sha256=excluded.sha256 WHERE file.sha256 IS NULL AND excluded.sha256 IS NOT NULL",
    "CREATE TEMP TABLE map_file(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO temp.map_file SELECT s.id, m.id FROM shard.file s JOIN main.file m"
    " ON m.path = s.path",
    "INSERT OR IGNORE INTO main.sym(key, name, kind) SELECT key, name, kind FROM shard.sym"
    " ORDER BY id",
    "CREATE TEMP TABLE map_sym(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO temp.map_sym SELECT s.id, m.id FROM shard.sym s JOIN main.sym m ON m.key = s.key",
    /* TUs the shard replaces. */
    "CREATE TEMP TABLE gone(id INTEGER PRIMARY KEY)",
    "INSERT INTO temp.gone SELECT m.id FROM shard.tu s JOIN main.tu m ON m.key = s.key",
};

/* The fact tables (every table with a tu_id column), with the order their
 * rows are copied in. */
static const struct fact_table {
  const char *name;
  const char *order; /* ORDER BY of the copy, or NULL */
  int or_ignore;     /* INSERT OR IGNORE (a set, not a list) */
} fact_tables[] = {
    {"tu_include", NULL, 1}, {"func", "x.rowid", 0},         {"call", "x.id", 0},
    {"arg", "x.call_id, x.idx", 0}, {"flow", "x.rowid", 0},   {"annot", "x.rowid", 0},
};

/* Columns that hold a sym.id. */
static const char *const sym_columns[] = {"sym", "caller", "callee", "via", "src", "dst", "func",
                                          NULL};

static int in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(s, *list)) return 1;
  return 0;
}

typedef LS_VEC(char) strbuf;

static void sb_add(strbuf *b, const char *s) {
  size_t n = strlen(s);
  LS_VEC_GROW(b, n + 1);
  memcpy(b->items + b->len, s, n + 1);
  b->len += n;
}

/* Whether table `table` of schema `schema` has column `col`. */
static int has_column(sqlite3 *db, const char *schema, const char *table, const char *col) {
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1, ?2) WHERE name = ?3", -1, &st,
                         NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, schema, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, col, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  return found;
}

/* INSERT INTO main.TABLE(cols) SELECT mapped cols FROM shard.TABLE x ...: the
 * output's columns that the shard has too, ids mapped; ?1 is the call id
 * offset. `id` columns are left to the output except call.id. */
static char *copy_sql(sqlite3 *db, const char *table, const char *order, int or_ignore) {
  strbuf cols = {0}, vals = {0};
  sb_add(&cols, "");
  sb_add(&vals, "");
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid", -1,
                         &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int is_tu = !strcmp(table, "tu");
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *c = (const char *)sqlite3_column_text(st, 0);
    if (!strcmp(c, "id") && strcmp(table, "call") != 0) continue;
    if (!has_column(db, "shard", table, c)) continue; /* its default */
    char *v;
    if (!strcmp(c, "tu_id"))
      v = ls_xstrdup("t.new");
    else if (!strcmp(c, "file_id"))
      v = ls_xstrdup("(SELECT new FROM temp.map_file WHERE old = x.file_id)");
    else if (in_list(c, sym_columns))
      v = ls_xasprintf("(SELECT new FROM temp.map_sym WHERE old = x.\"%s\")", c);
    else if ((!strcmp(table, "call") && !strcmp(c, "id")) || !strcmp(c, "call_id"))
      v = ls_xasprintf("x.\"%s\" + ?1", c);
    else
      v = ls_xasprintf("x.\"%s\"", c);
    char *q = ls_xasprintf("%s\"%s\"", cols.len ? ", " : "", c);
    sb_add(&cols, q);
    free(q);
    if (vals.len) sb_add(&vals, ", ");
    sb_add(&vals, v);
    free(v);
  }
  sqlite3_finalize(st);
  char *sql = ls_xasprintf("INSERT %sINTO main.\"%s\"(%s) SELECT %s FROM shard.\"%s\" x%s%s%s",
                           or_ignore ? "OR IGNORE " : "", table, cols.items, vals.items, table,
                           is_tu ? "" : " JOIN temp.map_tu t ON t.old = x.tu_id",
                           order ? " ORDER BY " : "", order ? order : "");
  LS_VEC_FREE(&cols);
  LS_VEC_FREE(&vals);
  return sql;
}

/* A table of the output with a tu_id column that fact_tables does not
 * list (heap), or NULL. */
static char *unknown_fact_table(sqlite3 *db) {
  sqlite3_stmt *st;
  char *name = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT m.name FROM main.sqlite_master m"
                         " WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM"
                         " pragma_table_info(m.name, 'main') WHERE name = 'tu_id')",
                         -1, &st, NULL) != SQLITE_OK)
    return NULL;
  while (!name && sqlite3_step(st) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(st, 0);
    int known = 0;
    for (size_t i = 0; i < sizeof fact_tables / sizeof fact_tables[0]; i++)
      known |= !strcmp(t, fact_tables[i].name);
    if (!known) name = ls_xstrdup(t);
  }
  sqlite3_finalize(st);
  return name;
}

/* Runs one statement of the merge; ?1, if any, is `offset`. */
static int step_sql(sqlite3 *db, const char *sql, int64_t offset) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, offset);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_OK ? 0 : -1;
}

/* Every statement of one shard's merge, in order (heap strings). */
static size_t merge_statements(sqlite3 *db, char ***out) {
  LS_VEC(char *) v = {0};
  for (size_t i = 0; i < sizeof prologue_sql / sizeof prologue_sql[0]; i++)
    LS_VEC_PUSH(&v, ls_xstrdup(prologue_sql[i]));
  for (size_t i = 0; i < sizeof fact_tables / sizeof fact_tables[0]; i++)
    LS_VEC_PUSH(&v, ls_xasprintf("DELETE FROM main.\"%s\" WHERE tu_id IN temp.gone",
                                 fact_tables[i].name));
  LS_VEC_PUSH(&v, ls_xstrdup("DELETE FROM main.tu WHERE id IN temp.gone"));
  LS_VEC_PUSH(&v, copy_sql(db, "tu", "x.id", 0));
  LS_VEC_PUSH(&v, ls_xstrdup("CREATE TEMP TABLE map_tu(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)"));
  LS_VEC_PUSH(&v, ls_xstrdup("INSERT INTO temp.map_tu SELECT s.id, m.id FROM shard.tu s"
                             " JOIN main.tu m ON m.key = s.key"));
  for (size_t i = 0; i < sizeof fact_tables / sizeof fact_tables[0]; i++)
    LS_VEC_PUSH(&v, copy_sql(db, fact_tables[i].name, fact_tables[i].order,
                             fact_tables[i].or_ignore));
  *out = v.items;
  return v.len;
}

static int64_t query_int(sqlite3 *db, const char *sql, int *ok) {
  sqlite3_stmt *st;
  int64_t v = 0;
  *ok = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return 0;
  if (sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int64(st, 0);
    *ok = 1;
  }
  sqlite3_finalize(st);
  return v;
}

/* The shard recorded by `lagscan extract --shard` ("K/N"), or NULL (heap). */
static char *shard_meta(sqlite3 *db) {
  sqlite3_stmt *st;
  char *v = NULL;
  if (sqlite3_prepare_v2(db, "SELECT value FROM shard.meta WHERE key='shard'", -1, &st, NULL) !=
      SQLITE_OK)
    return NULL;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    v = ls_xstrdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}

static void drop_maps(sqlite3 *db) {
  sqlite3_exec(db,
               "DROP TABLE IF EXISTS temp.map_file; DROP TABLE IF EXISTS temp.map_sym;"
               "DROP TABLE IF EXISTS temp.gone; DROP TABLE IF EXISTS temp.map_tu;",
               NULL, NULL, NULL);
}

/* Merges the database attached as `shard`. Returns 0, or -1 with *err set. */
static int merge_one(ls_store *out, const char *path, ls_merge_result *res, char **err) {
  sqlite3 *db = out->db;
  int ok;
  int64_t version = query_int(db, "PRAGMA shard.user_version", &ok);
  if (!ok && sqlite3_errcode(db) != SQLITE_NOTADB) {
    *err = ls_xasprintf("cannot read '%s': %s", path, sqlite3_errmsg(db));
    return -1;
  }
  if (!ok || version < 1 ||
      !query_int(db, "SELECT count(*) FROM shard.sqlite_master WHERE name='tu'", &ok)) {
    *err = ls_xasprintf("'%s' is not a lagscan fact database", path);
    return -1;
  }
  if (version > LS_SCHEMA_VERSION) {
    *err = ls_xasprintf("'%s' has schema version %lld, newer than this lagscan understands (%d)",
                        path, (long long)version, LS_SCHEMA_VERSION);
    return -1;
  }
  char *unknown = unknown_fact_table(db);
  if (unknown) {
    /* A fact table added without teaching merge about it: refuse rather
     * than drop its facts. */
    *err = ls_xasprintf("cannot merge into '%s': its table '%s' is unknown to merge "
                        "(analyzer/merge.c)",
                        out->path, unknown);
    free(unknown);
    return -1;
  }
  if (ls_store_begin(out) != 0) {
    *err = ls_xasprintf("database '%s' is busy: %s", out->path, sqlite3_errmsg(db));
    return -1;
  }
  int64_t ntus = query_int(db, "SELECT count(*) FROM shard.tu", &ok);
  int64_t replaced =
      query_int(db, "SELECT count(*) FROM shard.tu s JOIN main.tu m ON m.key = s.key", &ok);
  int64_t offset = query_int(db, "SELECT coalesce(max(id), 0) FROM main.call", &ok);
  char **sql = NULL;
  size_t nsql = merge_statements(db, &sql);
  int failed = 0;
  for (size_t i = 0; i < nsql && !failed; i++)
    failed = !sql[i] || step_sql(db, sql[i], offset) != 0;
  ls_free_strings(sql, nsql);
  if (failed) {
    *err = ls_xasprintf("cannot merge '%s' into '%s': %s", path, out->path, sqlite3_errmsg(db));
    ls_store_rollback(out);
    drop_maps(db);
    return -1;
  }
  drop_maps(db);
  if (ls_store_commit(out) != 0) {
    *err = ls_xasprintf("cannot merge '%s' into '%s': %s", path, out->path, sqlite3_errmsg(db));
    ls_store_rollback(out);
    return -1;
  }
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
  ls_store out;
  if (ls_store_open(out_path, &out, err) != 0) return -1;
  char **metas = ls_xcalloc((size_t)nshards + 1, sizeof(char *));
  int rc = 0;
  for (int i = 0; i < nshards && rc == 0; i++) {
    sqlite3_stmt *st;
    sqlite3_prepare_v2(out.db, "ATTACH DATABASE ? AS shard", -1, &st, NULL);
    sqlite3_bind_text(st, 1, shards[i], -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
      if (sqlite3_errcode(out.db) == SQLITE_NOTADB)
        *err = ls_xasprintf("'%s' is not a lagscan fact database", shards[i]);
      else
        *err = ls_xasprintf("cannot open '%s': %s", shards[i], sqlite3_errmsg(out.db));
      sqlite3_finalize(st);
      rc = -1;
      break;
    }
    sqlite3_finalize(st);
    rc = merge_one(&out, shards[i], res, err);
    if (rc == 0) metas[i] = shard_meta(out.db);
    sqlite3_exec(out.db, "DETACH DATABASE shard", NULL, NULL, NULL);
  }
  if (rc == 0) res->warning = check_shards(metas, nshards);
  ls_free_strings(metas, (size_t)nshards);
  ls_store_close(&out);
  return rc;
}
