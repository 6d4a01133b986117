/* history.c: records each run and its findings in the database, and reads
 * the history back for `lagscan history` (history.h; the tables are schema
 * version 2 in store.c). */
#include "scan.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inputs.h"
#include "store.h"
#include "common.h"

#define LABEL_FILES 3 /* files named in a program's label */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `path` made absolute: resolved when it exists, else joined to `cwd`. */
static char *absolute(const char *path, const char *cwd) {
  char buf[PATH_MAX];
  if (realpath(path, buf)) return ls_xstrdup(buf);
  if (path[0] == '/') return ls_xstrdup(path);
  return ls_xasprintf("%s/%s", cwd, path);
}

/* `files` made absolute, sorted and without duplicates (heap strings). */
static char **absolute_set(char *const *files, int nfiles, const char *cwd, size_t *n) {
  char **v = ls_xcalloc((size_t)nfiles + 1, sizeof(char *));
  for (int i = 0; i < nfiles; i++) v[i] = absolute(files[i], cwd);
  qsort(v, (size_t)nfiles, sizeof(char *), cmp_str);
  size_t out = 0;
  for (int i = 0; i < nfiles; i++) {
    if (out && strcmp(v[out - 1], v[i]) == 0) {
      free(v[i]);
      continue;
    }
    v[out++] = v[i];
  }
  *n = out;
  return v;
}

/* Joins strings with `sep` (a heap string). */
static char *join(char *const *v, size_t n, const char *sep) {
  size_t len = 1;
  for (size_t i = 0; i < n; i++) len += strlen(v[i]) + strlen(sep);
  char *s = ls_xmalloc(len), *p = s;
  *p = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i) p = stpcpy(p, sep);
    p = stpcpy(p, v[i]);
  }
  return s;
}

/* What a run scanned: with -p, the compilation database's directory; else
 * the set of files parsed, whatever the flags. Sets the key and a label. */
static void program_of(const ls_scan_options *opt, const char *cwd, char **key, char **label) {
  if (opt->build_dir) {
    char *dir = absolute(opt->build_dir, cwd);
    *key = ls_xasprintf("compdb:%s", dir);
    *label = ls_xasprintf("%s/compile_commands.json", dir);
    free(dir);
    return;
  }
  size_t n = 0;
  char **files = absolute_set(opt->files, opt->nfiles, cwd, &n);
  char *all = join(files, n, "\n");
  char digest[65];
  ls_sha256_hex(all, strlen(all), digest);
  *key = ls_xasprintf("files:%s", digest);
  char *named = join(files, n < LABEL_FILES ? n : LABEL_FILES, ", ");
  if (n > LABEL_FILES)
    *label = ls_xasprintf("%s and %zu more", named, n - LABEL_FILES);
  else
    *label = ls_xstrdup(named);
  free(named);
  free(all);
  ls_free_strings(files, n);
}

int ls_history_inputs_hash(ls_store *s, const ls_tu_list *tus, char out[65], char **err) {
  char **lines = ls_xcalloc(tus->len + 1, sizeof(char *));
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT input_hash FROM tu WHERE key=?", -1, &st, NULL) !=
      SQLITE_OK) {
    *err = ls_xasprintf("%s", sqlite3_errmsg(s->db));
    free(lines);
    return -1;
  }
  for (size_t i = 0; i < tus->len; i++) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, tus->items[i].key, -1, SQLITE_STATIC);
    const unsigned char *h = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) h = sqlite3_column_text(st, 0);
    lines[i] = ls_xasprintf("%s\t%s", tus->items[i].key, h && *h ? (const char *)h : "-");
  }
  sqlite3_finalize(st);
  qsort(lines, tus->len, sizeof(char *), cmp_str);
  char *all = join(lines, tus->len, "\n");
  ls_sha256_hex(all, strlen(all), out);
  free(all);
  ls_free_strings(lines, tus->len);
  return 0;
}

/* The same for a run whose report does not carry it: the TUs read again. */
static int inputs_hash(ls_store *s, const ls_scan_options *opt, char out[65], char **err) {
  ls_tu_list tus = {0};
  int r = opt->build_dir
              ? ls_inputs_from_compdb(opt->build_dir, &tus, err)
              : ls_inputs_from_files(opt->files, opt->nfiles, opt->flags, opt->nflags, &tus, err);
  if (r == 0) r = ls_history_inputs_hash(s, &tus, out, err);
  ls_tu_list_free(&tus);
  return r;
}

/* ---- recording ---------------------------------------------------------- */

typedef struct recorder {
  sqlite3 *db;
  const char *program;
  int64_t run, when;
  int failed;          /* a statement failed: roll back */
  char *why;           /* its message */
} recorder;

static void fail(recorder *r) {
  if (r->failed) return;
  r->failed = 1;
  r->why = ls_xstrdup(sqlite3_errmsg(r->db));
}

static sqlite3_stmt *prepare(recorder *r, const char *sql) {
  sqlite3_stmt *st = NULL;
  if (!r->failed && sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) fail(r);
  return st;
}

static void step_done(recorder *r, sqlite3_stmt *st) {
  if (!r->failed && sqlite3_step(st) != SQLITE_DONE) fail(r);
}

static void bind_opt_text(sqlite3_stmt *st, int col, const char *s) {
  if (s) sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, col);
}

/* Upserts one finding seen by the run; returns 1 when the run opened it
 * (first seen, or seen again after it was fixed). */
static int upsert(recorder *r, sqlite3_stmt *sel, sqlite3_stmt *ins, sqlite3_stmt *upd,
                  const ls_finding *f, const char *abspath) {
  if (r->failed) return 0;
  sqlite3_reset(sel);
  sqlite3_bind_text(sel, 1, r->program, -1, SQLITE_STATIC);
  sqlite3_bind_text(sel, 2, f->fingerprint, -1, SQLITE_STATIC);
  int rc = sqlite3_step(sel);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    fail(r);
    return 0;
  }
  if (rc == SQLITE_ROW && sqlite3_column_int64(sel, 0) == r->run) return 0; /* seen already */
  int reopened = rc == SQLITE_ROW && sqlite3_column_type(sel, 1) != SQLITE_NULL;
  sqlite3_stmt *st = rc == SQLITE_ROW ? upd : ins;
  sqlite3_reset(sel);
  sqlite3_reset(st);
  /* Both statements take the same ten leading values; see record(). */
  sqlite3_bind_text(st, 1, r->program, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, f->fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, f->rule_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, f->loc.path ? f->loc.path : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, abspath, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, f->loc.line);
  bind_opt_text(st, 7, f->function);
  bind_opt_text(st, 8, f->callee);
  bind_opt_text(st, 9, f->root);
  bind_opt_text(st, 10, f->message);
  sqlite3_bind_int64(st, 11, r->run);
  sqlite3_bind_int64(st, 12, r->when);
  step_done(r, st);
  return rc == SQLITE_DONE || reopened;
}

/* Marks open findings of the program that the run did not see as fixed,
 * only those in `abspath` when it is given. Returns how many. */
static int64_t fix_unseen(recorder *r, sqlite3_stmt *st, const char *abspath) {
  if (r->failed) return 0;
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, r->run);
  sqlite3_bind_int64(st, 2, r->when);
  sqlite3_bind_text(st, 3, r->program, -1, SQLITE_STATIC);
  bind_opt_text(st, 4, abspath);
  step_done(r, st);
  return r->failed ? 0 : sqlite3_changes(r->db);
}

int ls_history_record(const ls_scan_options *opt, const ls_report *report, int64_t *run_id,
                      char **err) {
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    return -1;
  }
  const char *db = opt->db_path ? opt->db_path : LS_DEFAULT_DB;
  char *db_abs = db[0] == '/' ? ls_xstrdup(db) : ls_xasprintf("%s/%s", cwd, db);
  ls_store store;
  char *e = NULL;
  if (ls_store_open(db_abs, &store, &e) != 0) {
    *err = e;
    free(db_abs);
    return -1;
  }
  char hash[65];
  if (report->inputs_hash[0])
    memcpy(hash, report->inputs_hash, sizeof hash);
  else if (inputs_hash(&store, opt, hash, &e) != 0) {
    *err = ls_xasprintf("cannot record the run in '%s': %s", db_abs, e);
    free(e);
    ls_store_close(&store);
    free(db_abs);
    return -1;
  }
  char *program, *label;
  program_of(opt, cwd, &program, &label);
  /* FILE... under -p narrows the report, so the run speaks for those files only. */
  size_t nscope = 0;
  char **scope = NULL, *scope_text = NULL;
  if (opt->build_dir && opt->nfiles > 0) {
    scope = absolute_set(opt->files, opt->nfiles, cwd, &nscope);
    scope_text = join(scope, nscope, "\n");
  }
  int complete = report->tus_failed == 0;
  for (size_t i = 0; i < report->nnotes; i++)
    if (report->notes[i].fatal) complete = 0;

  recorder r = {store.db, program, 0, report->end_time ? report->end_time : (int64_t)time(NULL),
                0, NULL};
  if (ls_store_begin(&store) != 0) {
    *err = ls_xasprintf("cannot record the run in '%s': database is busy (%s)", db_abs,
                        sqlite3_errmsg(store.db));
    goto out;
  }
  sqlite3_stmt *st = prepare(&r, "INSERT INTO run(program, program_label, started_at, ended_at,"
                                 " command_line, inputs_hash, scope, complete, tus_total,"
                                 " tus_parsed, tus_cached, tus_failed, nfindings)"
                                 " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,0)");
  if (st) {
    sqlite3_bind_text(st, 1, program, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, report->start_time ? report->start_time : r.when);
    sqlite3_bind_int64(st, 4, r.when);
    bind_opt_text(st, 5, report->command_line);
    sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
    bind_opt_text(st, 7, scope_text);
    sqlite3_bind_int(st, 8, complete);
    sqlite3_bind_int64(st, 9, (int64_t)report->tus_total);
    sqlite3_bind_int64(st, 10, (int64_t)report->tus_parsed);
    sqlite3_bind_int64(st, 11, (int64_t)report->tus_cached);
    sqlite3_bind_int64(st, 12, (int64_t)report->tus_failed);
    step_done(&r, st);
    r.run = sqlite3_last_insert_rowid(store.db);
  }
  sqlite3_finalize(st);

  /* The findings the run saw. ?11 is the run, ?12 its time. */
  sqlite3_stmt *sel = prepare(&r, "SELECT last_run, fixed_run FROM finding_history"
                                  " WHERE program=? AND fingerprint=?");
  sqlite3_stmt *ins = prepare(
      &r, "INSERT INTO finding_history(program, fingerprint, rule, path, abspath, line, function,"
          " callee, root, message, first_run, first_seen, last_run, last_seen, opened_run)"
          " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?11,?12,?11)");
  sqlite3_stmt *upd = prepare(
      &r, "UPDATE finding_history SET rule=?3, path=?4, abspath=?5, line=?6, function=?7,"
          " callee=?8, root=?9, message=?10, last_run=?11, last_seen=?12,"
          " opened_run=CASE WHEN fixed_run IS NULL THEN opened_run ELSE ?11 END,"
          " fixed_run=NULL, fixed_at=NULL WHERE program=?1 AND fingerprint=?2");
  int64_t seen = 0, opened = 0, fixed = 0, open_now = 0;
  for (size_t i = 0; i < report->nfindings && !r.failed; i++) {
    const ls_finding *f = &report->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    const char *path = f->loc.path ? f->loc.path : "";
    char *abspath = path[0] == '/' || !report->srcroot
                        ? ls_xstrdup(path)
                        : ls_xasprintf("%s/%s", report->srcroot, path);
    opened += upsert(&r, sel, ins, upd, f, abspath);
    seen++;
    free(abspath);
  }
  sqlite3_finalize(sel);
  sqlite3_finalize(ins);
  sqlite3_finalize(upd);

  /* What the run did not see is fixed, if the run could have seen it. */
  if (complete) {
    st = prepare(&r, "UPDATE finding_history SET fixed_run=?1, fixed_at=?2"
                     " WHERE program=?3 AND fixed_run IS NULL AND last_run<>?1"
                     " AND (?4 IS NULL OR abspath=?4)");
    if (!scope) {
      fixed += fix_unseen(&r, st, NULL);
    } else {
      for (size_t i = 0; i < nscope; i++) fixed += fix_unseen(&r, st, scope[i]);
    }
    sqlite3_finalize(st);
  }
  st = prepare(&r, "SELECT count(*) FROM finding_history WHERE program=? AND fixed_run IS NULL");
  if (st) {
    sqlite3_bind_text(st, 1, program, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) open_now = sqlite3_column_int64(st, 0);
    else fail(&r);
  }
  sqlite3_finalize(st);
  st = prepare(&r, "UPDATE run SET nfindings=?, nnew=?, nfixed=?, nopen=? WHERE id=?");
  if (st) {
    sqlite3_bind_int64(st, 1, seen);
    sqlite3_bind_int64(st, 2, opened);
    sqlite3_bind_int64(st, 3, fixed);
    sqlite3_bind_int64(st, 4, open_now);
    sqlite3_bind_int64(st, 5, r.run);
    step_done(&r, st);
  }
  sqlite3_finalize(st);
  if (!r.failed && ls_store_commit(&store) != 0) fail(&r);
  if (r.failed) {
    ls_store_rollback(&store);
    *err = ls_xasprintf("cannot record the run in '%s': %s", db_abs, r.why);
  } else {
    *run_id = r.run;
  }
out:;
  int rc = r.failed || !r.run ? -1 : 0;
  free(r.why);
  free(scope_text);
  ls_free_strings(scope, nscope);
  free(program);
  free(label);
  ls_store_close(&store);
  free(db_abs);
  return rc;
}

/* ---- reading ------------------------------------------------------------ */

static char *col_text(sqlite3_stmt *st, int col) {
  const unsigned char *t = sqlite3_column_text(st, col);
  return t ? ls_xstrdup((const char *)t) : NULL;
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
  bind_opt_text(st, 1, h->program);
  sqlite3_bind_int64(st, 2, max_runs ? (int64_t)max_runs : -1);
  LS_VEC(ls_history_run) v = {0};
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ls_history_run run = {0};
    run.id = sqlite3_column_int64(st, 0);
    run.program = col_text(st, 1);
    run.program_label = col_text(st, 2);
    run.started_at = sqlite3_column_int64(st, 3);
    run.ended_at = sqlite3_column_int64(st, 4);
    run.command_line = col_text(st, 5);
    run.inputs_hash = col_text(st, 6);
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
  bind_opt_text(st, 1, h->program);
  sqlite3_bind_int(st, 2, (select & LS_HISTORY_OPEN) != 0);
  sqlite3_bind_int(st, 3, (select & LS_HISTORY_FIXED) != 0);
  sqlite3_bind_int(st, 4, (select & LS_HISTORY_NEW) != 0);
  sqlite3_bind_int64(st, 5, h->runs[0].id); /* the oldest run shown */
  LS_VEC(ls_history_finding) v = {0};
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ls_history_finding f = {0};
    f.program = col_text(st, 0);
    f.fingerprint = col_text(st, 1);
    f.rule = col_text(st, 2);
    f.path = col_text(st, 3);
    f.function = col_text(st, 4);
    f.callee = col_text(st, 5);
    f.root = col_text(st, 6);
    f.message = col_text(st, 7);
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
  sqlite3_busy_timeout(db, 60000);
  int rc = -1, v = 0;
  sqlite3_stmt *st = NULL;
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
      h->program = col_text(st, 0);
      h->program_label = col_text(st, 1);
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
