/* history.c: the history of runs and findings in the fact store's database
 * (store.h; the tables are schema version 2 in schema.c): recording one run
 * with the findings it saw, and reading the history back for `lagscan
 * history`. What a run covers and what names its program is the scan's
 * business (src/scan); this file only keeps the books. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "internal.h"

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}


int ls_store_inputs_hash(ls_store *s, const ls_tu_list *tus, char out[65], char **err) {
  char **lines = ls_xcalloc(tus->len + 1, sizeof(char *));
  ls_sql q = ls_sql_on(s);
  sqlite3_stmt *st = ls_sql_prepare(&q, "SELECT input_hash FROM tu WHERE key=?");
  for (size_t i = 0; i < tus->len; i++) {
    ls_sql_text(&q, st, 1, tus->items[i].key);
    const unsigned char *h = NULL;
    if (ls_sql_step(&q, st) == 1) h = sqlite3_column_text(st, 0);
    lines[i] = ls_xasprintf("%s\t%s", tus->items[i].key, h && *h ? (const char *)h : "-");
    ls_sql_reset(&q, st);
  }
  sqlite3_finalize(st);
  qsort(lines, tus->len, sizeof(char *), cmp_str);
  char *all = ls_join(lines, tus->len, "\n");
  ls_sha256_hex(all, strlen(all), out);
  free(all);
  ls_free_strings(lines, tus->len);
  return ls_sql_done(&q, "cannot read facts from", err);
}

/* ---- recording ---------------------------------------------------------- */

/* Upserts one finding seen by the run; returns 1 when the run opened it
 * (first seen, or seen again after it was fixed). */
static int upsert(ls_sql *q, sqlite3_stmt *sel, sqlite3_stmt *ins, sqlite3_stmt *upd,
                  const char *program, int64_t run, int64_t when, const ls_history_seen *f) {
  ls_sql_text(q, sel, 1, program);
  ls_sql_text(q, sel, 2, f->fingerprint);
  int rc = ls_sql_step(q, sel);
  if (rc < 0) return 0;
  if (rc == 1 && sqlite3_column_int64(sel, 0) == run) { /* seen already */
    ls_sql_reset(q, sel);
    return 0;
  }
  int reopened = rc == 1 && sqlite3_column_type(sel, 1) != SQLITE_NULL;
  sqlite3_stmt *st = rc == 1 ? upd : ins;
  ls_sql_reset(q, sel);
  /* Both statements take the same twelve values. */
  ls_sql_text(q, st, 1, program);
  ls_sql_text(q, st, 2, f->fingerprint);
  ls_sql_text(q, st, 3, f->rule);
  ls_sql_text(q, st, 4, f->path ? f->path : "");
  ls_sql_text(q, st, 5, f->abspath);
  ls_sql_int(q, st, 6, f->line);
  ls_sql_text(q, st, 7, f->function);
  ls_sql_text(q, st, 8, f->callee);
  ls_sql_text(q, st, 9, f->root);
  ls_sql_text(q, st, 10, f->message);
  ls_sql_int(q, st, 11, run);
  ls_sql_int(q, st, 12, when);
  ls_sql_run(q, st);
  return rc == 0 || reopened;
}

/* Marks open findings of the program that the run did not see as fixed,
 * only those in `abspath` when it is given. Returns how many. */
static int64_t fix_unseen(ls_sql *q, sqlite3_stmt *st, const char *program, int64_t run,
                          int64_t when, const char *abspath) {
  ls_sql_int(q, st, 1, run);
  ls_sql_int(q, st, 2, when);
  ls_sql_text(q, st, 3, program);
  ls_sql_text(q, st, 4, abspath);
  ls_sql_run(q, st);
  return q->failed ? 0 : sqlite3_changes(q->s->db);
}

int ls_history_record(ls_store *s, const ls_history_entry *e, int64_t *run_id, char **err) {
  if (ls__begin(s) != 0) {
    *err = ls_xasprintf("cannot record the run in '%s': database is busy (%s)", s->path,
                        sqlite3_errmsg(s->db));
    return -1;
  }
  ls_sql q = ls_sql_on(s);
  int64_t when = e->ended_at ? e->ended_at : (int64_t)time(NULL), run = 0;
  char *scope_text = e->scope ? ls_join(e->scope, e->nscope, "\n") : NULL;
  sqlite3_stmt *st = ls_sql_prepare(
      &q, "INSERT INTO run(program, program_label, started_at, ended_at, command_line,"
          " inputs_hash, scope, complete, tus_total, tus_parsed, tus_cached, tus_failed,"
          " nfindings) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,0)");
  ls_sql_text(&q, st, 1, e->program);
  ls_sql_text(&q, st, 2, e->program_label);
  ls_sql_int(&q, st, 3, e->started_at ? e->started_at : when);
  ls_sql_int(&q, st, 4, when);
  ls_sql_text(&q, st, 5, e->command_line);
  ls_sql_text(&q, st, 6, e->inputs_hash);
  ls_sql_text(&q, st, 7, scope_text);
  ls_sql_int(&q, st, 8, e->complete);
  ls_sql_int(&q, st, 9, e->tus_total);
  ls_sql_int(&q, st, 10, e->tus_parsed);
  ls_sql_int(&q, st, 11, e->tus_cached);
  ls_sql_int(&q, st, 12, e->tus_failed);
  if (ls_sql_step(&q, st) == 0) run = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  free(scope_text);

  /* The findings the run saw. ?11 is the run, ?12 its time. */
  sqlite3_stmt *sel = ls_sql_prepare(&q, "SELECT last_run, fixed_run FROM finding_history"
                                         " WHERE program=? AND fingerprint=?");
  sqlite3_stmt *ins = ls_sql_prepare(
      &q, "INSERT INTO finding_history(program, fingerprint, rule, path, abspath, line, function,"
          " callee, root, message, first_run, first_seen, last_run, last_seen, opened_run)"
          " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?11,?12,?11)");
  sqlite3_stmt *upd = ls_sql_prepare(
      &q, "UPDATE finding_history SET rule=?3, path=?4, abspath=?5, line=?6, function=?7,"
          " callee=?8, root=?9, message=?10, last_run=?11, last_seen=?12,"
          " opened_run=CASE WHEN fixed_run IS NULL THEN opened_run ELSE ?11 END,"
          " fixed_run=NULL, fixed_at=NULL WHERE program=?1 AND fingerprint=?2");
  int64_t opened = 0, fixed = 0, open_now = 0;
  for (size_t i = 0; i < e->nseen && !q.failed; i++)
    opened += upsert(&q, sel, ins, upd, e->program, run, when, &e->seen[i]);
  sqlite3_finalize(sel);
  sqlite3_finalize(ins);
  sqlite3_finalize(upd);

  /* What the run did not see is fixed, if the run could have seen it. */
  if (e->complete) {
    st = ls_sql_prepare(&q, "UPDATE finding_history SET fixed_run=?1, fixed_at=?2"
                            " WHERE program=?3 AND fixed_run IS NULL AND last_run<>?1"
                            " AND (?4 IS NULL OR abspath=?4)");
    if (!e->scope) {
      fixed += fix_unseen(&q, st, e->program, run, when, NULL);
    } else {
      for (size_t i = 0; i < e->nscope; i++)
        fixed += fix_unseen(&q, st, e->program, run, when, e->scope[i]);
    }
    sqlite3_finalize(st);
  }
  st = ls_sql_prepare(&q,
                      "SELECT count(*) FROM finding_history WHERE program=? AND fixed_run IS NULL");
  ls_sql_text(&q, st, 1, e->program);
  if (ls_sql_step(&q, st) == 1) open_now = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  st = ls_sql_prepare(&q, "UPDATE run SET nfindings=?, nnew=?, nfixed=?, nopen=? WHERE id=?");
  ls_sql_int(&q, st, 1, (int64_t)e->nseen);
  ls_sql_int(&q, st, 2, opened);
  ls_sql_int(&q, st, 3, fixed);
  ls_sql_int(&q, st, 4, open_now);
  ls_sql_int(&q, st, 5, run);
  ls_sql_run(&q, st);
  sqlite3_finalize(st);
  if (!q.failed && !run) ls_sql_fail(&q, SQLITE_ERROR);
  if (!q.failed && ls__commit(s) != 0) ls_sql_fail(&q, sqlite3_errcode(s->db));
  if (q.failed) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return ls_sql_done(&q, "cannot record the run in", err);
  }
  ls_sql_done(&q, "", NULL);
  *run_id = run;
  return 0;
}

/* ---- reading ------------------------------------------------------------ */

static int bind_opt_text(sqlite3_stmt *st, int col, const char *s) {
  return s ? sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, col);
}

/* Splits a run's scope (one path a line) into an array. */
static void split_scope(const char *text, ls_history_run *run) {
  if (!text) return;
  LS_VEC(char *) v = {0};
  const char *p = text;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n) LS_VEC_PUSH(&v, ls_xstrndup(p, n));
    p += n + (nl ? 1 : 0);
  }
  run->scope = v.items ? v.items : ls_xcalloc(1, sizeof(char *));
  run->nscope = v.len;
}

static int load_runs(sqlite3 *db, ls_history *h, size_t max_runs) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT id, program, program_label, started_at, ended_at, command_line,"
                         " inputs_hash, scope, complete, tus_total, tus_parsed, tus_cached,"
                         " tus_failed, nfindings, nnew, nfixed, nopen FROM run"
                         " WHERE ?1 IS NULL OR program=?1 ORDER BY id DESC LIMIT ?2",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (bind_opt_text(st, 1, h->program) != SQLITE_OK ||
      sqlite3_bind_int64(st, 2, max_runs ? (int64_t)max_runs : -1) != SQLITE_OK) {
    sqlite3_finalize(st);
    return -1;
  }
  LS_VEC(ls_history_run) v = {0};
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ls_history_run run = {0};
    run.id = sqlite3_column_int64(st, 0);
    run.program = ls_sql_col_text(st, 1);
    run.program_label = ls_sql_col_text(st, 2);
    run.started_at = sqlite3_column_int64(st, 3);
    run.ended_at = sqlite3_column_int64(st, 4);
    run.command_line = ls_sql_col_text(st, 5);
    run.inputs_hash = ls_sql_col_text(st, 6);
    split_scope((const char *)sqlite3_column_text(st, 7), &run);
    run.complete = sqlite3_column_int(st, 8);
    run.tus_total = sqlite3_column_int64(st, 9);
    run.tus_parsed = sqlite3_column_int64(st, 10);
    run.tus_cached = sqlite3_column_int64(st, 11);
    run.tus_failed = sqlite3_column_int64(st, 12);
    run.nfindings = sqlite3_column_int64(st, 13);
    run.nnew = sqlite3_column_int64(st, 14);
    run.nfixed = sqlite3_column_int64(st, 15);
    run.nopen = sqlite3_column_int64(st, 16);
    LS_VEC_PUSH(&v, run);
  }
  sqlite3_finalize(st);
  /* Oldest first, as a log reads. */
  for (size_t i = 0; i < v.len / 2; i++) {
    ls_history_run t = v.items[i];
    v.items[i] = v.items[v.len - 1 - i];
    v.items[v.len - 1 - i] = t;
  }
  h->runs = v.items;
  h->nruns = v.len;
  return rc == SQLITE_DONE ? 0 : -1;
}

static int load_findings(sqlite3 *db, ls_history *h, unsigned select) {
  if (!select || !h->nruns) return 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT program, fingerprint, rule, path, function, callee, root, message,"
                         " line, first_run, first_seen, last_run, last_seen, opened_run,"
                         " fixed_run, fixed_at FROM finding_history"
                         " WHERE (?1 IS NULL OR program=?1) AND ((?2 AND fixed_run IS NULL)"
                         " OR (?3 AND fixed_run>=?5) OR (?4 AND opened_run>=?5))"
                         " ORDER BY path, line, rule, fingerprint",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (bind_opt_text(st, 1, h->program) != SQLITE_OK ||
      sqlite3_bind_int(st, 2, (select & LS_HISTORY_OPEN) != 0) != SQLITE_OK ||
      sqlite3_bind_int(st, 3, (select & LS_HISTORY_FIXED) != 0) != SQLITE_OK ||
      sqlite3_bind_int(st, 4, (select & LS_HISTORY_NEW) != 0) != SQLITE_OK ||
      sqlite3_bind_int64(st, 5, h->runs[0].id) != SQLITE_OK) { /* the oldest run shown */
    sqlite3_finalize(st);
    return -1;
  }
  LS_VEC(ls_history_finding) v = {0};
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ls_history_finding f = {0};
    f.program = ls_sql_col_text(st, 0);
    f.fingerprint = ls_sql_col_text(st, 1);
    f.rule = ls_sql_col_text(st, 2);
    f.path = ls_sql_col_text(st, 3);
    f.function = ls_sql_col_text(st, 4);
    f.callee = ls_sql_col_text(st, 5);
    f.root = ls_sql_col_text(st, 6);
    f.message = ls_sql_col_text(st, 7);
    f.line = sqlite3_column_int64(st, 8);
    f.first_run = sqlite3_column_int64(st, 9);
    f.first_seen = sqlite3_column_int64(st, 10);
    f.last_run = sqlite3_column_int64(st, 11);
    f.last_seen = sqlite3_column_int64(st, 12);
    f.opened_run = sqlite3_column_int64(st, 13);
    f.fixed_run = sqlite3_column_int64(st, 14); /* NULL reads as 0 */
    f.fixed_at = sqlite3_column_int64(st, 15);
    LS_VEC_PUSH(&v, f);
  }
  sqlite3_finalize(st);
  h->findings = v.items;
  h->nfindings = v.len;
  return rc == SQLITE_DONE ? 0 : -1;
}

int ls_history_load(const ls_history_query *q, ls_history *h, char **err) {
  memset(h, 0, sizeof *h);
  const char *path = q->db_path ? q->db_path : LS_DEFAULT_DB;
  h->db_path = ls_xstrdup(path);
  struct stat sb;
  if (stat(path, &sb) != 0) {
    if (errno == ENOENT)
      *err = ls_xasprintf("no lagscan database at '%s' (run 'lagscan scan' first, or give "
                          "--db PATH)", path);
    else
      *err = ls_xasprintf("cannot read database '%s': %s", path, strerror(errno));
    return -1;
  }
  if (S_ISDIR(sb.st_mode)) {
    *err = ls_xasprintf("'%s' is a directory, not a lagscan database", path);
    return -1;
  }
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    *err = ls_xasprintf("cannot open database '%s': %s", path,
                        db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return -1;
  }
  int rc = -1, v = 0;
  sqlite3_stmt *st = NULL;
  if (sqlite3_busy_timeout(db, 60000) != SQLITE_OK) goto db_error;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW) {
    *err = ls_xasprintf("'%s' is not a lagscan database: %s", path, sqlite3_errmsg(db));
    goto out;
  }
  v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  st = NULL;
  if (v > LS_SCHEMA_VERSION) {
    *err = ls_xasprintf("database '%s' has schema version %d, newer than this lagscan "
                        "understands (%d); use a newer lagscan",
                        path, v, LS_SCHEMA_VERSION);
    goto out;
  }
  if (v < 2) { /* written before lagscan kept a history: no runs */
    rc = 0;
    goto out;
  }
  if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT program) FROM run", -1, &st, NULL) !=
          SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW)
    goto db_error;
  h->nprograms = (size_t)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  st = NULL;
  if (!q->all_programs) {
    if (sqlite3_prepare_v2(db, "SELECT program, program_label FROM run ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
      goto db_error;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
      h->program = ls_sql_col_text(st, 0);
      h->program_label = ls_sql_col_text(st, 1);
    } else if (s != SQLITE_DONE) {
      goto db_error;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!h->program) { /* no runs yet */
      rc = 0;
      goto out;
    }
  }
  if (load_runs(db, h, q->max_runs) != 0 || load_findings(db, h, q->select) != 0)
    goto db_error;
  rc = 0;
  goto out;
db_error:
  *err = ls_xasprintf("cannot read the history in '%s': %s", path, sqlite3_errmsg(db));
out:
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rc;
}

void ls_history_free(ls_history *h) {
  for (size_t i = 0; i < h->nruns; i++) {
    ls_history_run *r = &h->runs[i];
    free(r->program);
    free(r->program_label);
    free(r->command_line);
    free(r->inputs_hash);
    ls_free_strings(r->scope, r->nscope);
  }
  free(h->runs);
  for (size_t i = 0; i < h->nfindings; i++) {
    ls_history_finding *f = &h->findings[i];
    free(f->program);
    free(f->fingerprint);
    free(f->rule);
    free(f->path);
    free(f->function);
    free(f->callee);
    free(f->root);
    free(f->message);
  }
  free(h->findings);
  free(h->db_path);
  free(h->program);
  free(h->program_label);
  memset(h, 0, sizeof *h);
}
