/* test_history.c: the history of runs kept in the database: migrating a
 * schema-1 database, findings introduced, kept, fixed and back again over
 * runs, runs narrowed to files, runs with failed TUs, a recording that fails
 * without costing the report, and `lagscan history` in text and JSON. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "clirun.h"

/* The schema of version 1, as lagscan 0.1 created it (src/store/schema.c
 * before the history): a database to migrate is made from it by hand. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE file(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
    "  mtime_ns INTEGER, size INTEGER, sha256 TEXT);"
    "CREATE TABLE sym(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL, kind INTEGER NOT NULL);"
    "CREATE TABLE tu(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    "  file_id INTEGER NOT NULL, directory TEXT NOT NULL, args TEXT NOT NULL,"
    "  input_hash TEXT, status INTEGER NOT NULL, message TEXT,"
    "  parse_ms INTEGER, updated_at INTEGER);"
    "CREATE TABLE tu_include(tu_id INTEGER NOT NULL, file_id INTEGER NOT NULL,"
    "  PRIMARY KEY(tu_id, file_id)) WITHOUT ROWID;"
    "CREATE INDEX tu_include_file ON tu_include(file_id);"
    "CREATE TABLE func(tu_id INTEGER NOT NULL, sym INTEGER NOT NULL,"
    "  file_id INTEGER NOT NULL, line INTEGER, col INTEGER, type TEXT);"
    "CREATE INDEX func_tu ON func(tu_id);"
    "CREATE TABLE call(id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL,"
    "  caller INTEGER NOT NULL, callee INTEGER, via_kind INTEGER NOT NULL,"
    "  via INTEGER, fntype TEXT, file_id INTEGER NOT NULL, line INTEGER, col INTEGER,"
    "  end_line INTEGER, end_col INTEGER, nargs INTEGER);"
    "CREATE INDEX call_tu ON call(tu_id);"
    "CREATE TABLE arg(call_id INTEGER NOT NULL, tu_id INTEGER NOT NULL,"
    "  idx INTEGER NOT NULL, kind INTEGER NOT NULL, sym INTEGER, ival INTEGER,"
    "  text TEXT, PRIMARY KEY(call_id, idx)) WITHOUT ROWID;"
    "CREATE INDEX arg_tu ON arg(tu_id);"
    "CREATE TABLE flow(tu_id INTEGER NOT NULL, src INTEGER NOT NULL, dst INTEGER,"
    "  func INTEGER, file_id INTEGER NOT NULL, line INTEGER, col INTEGER);"
    "CREATE INDEX flow_tu ON flow(tu_id);"
    "CREATE TABLE annot(tu_id INTEGER NOT NULL, sym INTEGER NOT NULL,"
    "  kind INTEGER NOT NULL, arg TEXT);"
    "CREATE INDEX annot_tu ON annot(tu_id);"
    "PRAGMA user_version=1;";

/* A second blocking callback, for a second finding. */
static const char two_blocking_src[] =
    "#include <uv.h>\n"
    "#include <unistd.h>\n"
    "static void on_timer(uv_timer_t *t) { (void)t; sleep(1); }\n"
    "static void on_t2(uv_timer_t *t) { (void)t; usleep(1); }\n"
    "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0);"
    " uv_timer_start(t, on_t2, 0, 0); }\n";

/* ---- the database, directly ------------------------------------------------ */

/* The database is looked at and edited the way a person would, with the
 * sqlite3 shell (Debian's sqlite3 package): the test owns no SQL code of
 * its own, and the store stays the only code that speaks to SQLite. */

/* Runs `sql` on the database; returns its first output line (heap), or
 * NULL when the shell failed. */
static char *db_shell(const char *path, const char *flags, const char *sql) {
  char in[] = "/tmp/lagscan-sql-XXXXXX";
  int fd = mkstemp(in);
  if (fd < 0) abort();
  FILE *f = fdopen(fd, "w");
  fputs(sql, f);
  fputc('\n', f);
  fclose(f);
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "sqlite3 %s '%s' < '%s' 2>&1", flags, path, in);
  FILE *p = popen(cmd, "r");
  char line[4096] = "";
  if (p && !fgets(line, sizeof line, p)) line[0] = '\0';
  int status = p ? pclose(p) : -1;
  unlink(in);
  if (status != 0) {
    fprintf(stderr, "sqlite3: %s\n", line);
    return NULL;
  }
  line[strcspn(line, "\n")] = '\0';
  return strdup(line);
}

static void db_exec(const char *path, const char *sql) {
  char *out = db_shell(path, "-bail", sql);
  CU_ASSERT_PTR_NOT_NULL(out);
  free(out);
}

/* The first column of the first row of `sql`, or -1. */
static long long db_int(const char *path, const char *sql) {
  char *out = db_shell(path, "-readonly -noheader -list", sql);
  long long v = -1;
  if (out && *out) v = strtoll(out, NULL, 10);
  free(out);
  return v;
}

/* ---- `lagscan history --format json`, parsed ------------------------------ */

static yajl_val history_json(const char *dir, const char *args) {
  result r = run(dir, "history --format json %s", args);
  CU_ASSERT_EQUAL(r.status, 0);
  char errbuf[256] = "";
  yajl_val root = yajl_tree_parse(r.out, errbuf, sizeof errbuf);
  if (!root) fprintf(stderr, "history json does not parse: %s\n%s\n", errbuf, r.out);
  CU_ASSERT_PTR_NOT_NULL(root);
  done(&r);
  return root;
}

static yajl_val jget(yajl_val v, const char *key) {
  const char *path[] = {key, NULL};
  return v ? yajl_tree_get(v, path, yajl_t_any) : NULL;
}

static long long jint(yajl_val v, const char *key) {
  yajl_val x = jget(v, key);
  return x && YAJL_IS_INTEGER(x) ? YAJL_GET_INTEGER(x) : -1;
}

static const char *jstr(yajl_val v, const char *key) {
  yajl_val x = jget(v, key);
  return x && YAJL_IS_STRING(x) ? YAJL_GET_STRING(x) : "";
}

static size_t jlen(yajl_val v, const char *key) {
  yajl_val x = jget(v, key);
  return x && YAJL_IS_ARRAY(x) ? YAJL_GET_ARRAY(x)->len : 0;
}

/* Element i of the array under key, or NULL. */
static yajl_val jat(yajl_val v, const char *key, size_t i) {
  yajl_val x = jget(v, key);
  return x && YAJL_IS_ARRAY(x) && i < YAJL_GET_ARRAY(x)->len ? YAJL_GET_ARRAY(x)->values[i]
                                                             : NULL;
}

/* Checks run i's new, fixed and open counts. */
static void check_run(yajl_val root, size_t i, long long nnew, long long nfixed,
                      long long nopen) {
  yajl_val run = jat(root, "runs", i);
  CU_ASSERT_PTR_NOT_NULL_FATAL(run);
  CU_ASSERT_EQUAL(jint(run, "new"), nnew);
  CU_ASSERT_EQUAL(jint(run, "fixed"), nfixed);
  CU_ASSERT_EQUAL(jint(run, "open"), nopen);
}

/* ---- tests ------------------------------------------------------------------- */

static void migrates_schema_1(void) {
  char *d = make_dir("migrate");
  write_file(d, "bad.c", blocking_src);
  char *db = path_in(d, "v1.db");
  db_exec(db, schema_v1);
  /* Rows of version 1 that must survive the migration. */
  db_exec(db, "INSERT INTO meta(key, value) VALUES('kept', 'yes');"
              "INSERT INTO file(path, size, sha256) VALUES('/kept/file.c', 1, 'x');");
  /* `history` reads it as it is: no runs, and no migration. */
  result r = run(d, "history --db v1.db");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "no runs recorded"));
  done(&r);
  CU_ASSERT_EQUAL(db_int(db, "PRAGMA user_version"), 1);
  /* A scan migrates it (to the newest version, through 2, the history) and
   * records its run. */
  r = run(d, "scan --db v1.db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[sleep]"));
  CU_ASSERT_PTR_NULL(strstr(r.err, "warning"));
  done(&r);
  CU_ASSERT_TRUE(db_int(db, "PRAGMA user_version") >= 2);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM run"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM finding_history"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM meta WHERE key='kept'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM file WHERE path='/kept/file.c'"), 1);
  /* The migrated database keeps facts like any other. */
  r = run(d, "scan -v --db v1.db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(0 parsed, 1 unchanged, 0 failed)"));
  done(&r);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM run"), 2);
  r = run(d, "history --db v1.db");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(2 runs shown)"));
  done(&r);
  free(db);
  free(d);
}

/* A database of schema 4 (before cost loops, signatures, calls' loops and classes)
 * gains the cost_loop and signature tables and the call.loop column when a
 * scan opens it, and its TUs, whose facts were extracted by a
 * lagscan that did not record cost loops (another facts version, so
 * another input hash), are parsed again: the cpu-loop finding appears. */
static void migrates_schema_4(void) {
  char *d = make_dir("migrate4");
  write_file(d, "cost.c",
             "#include <uv.h>\n"
             "void step(void);\n"
             "static void on_timer(uv_timer_t *t) {\n"
             "  unsigned cost = (unsigned)(unsigned long)t->data;\n"
             "  for (unsigned i = 0; i < (1u << cost); i++) step();\n"
             "}\n"
             "void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0); }\n");
  char *db = path_in(d, "v4.db");
  result r = run(d, "scan --db v4.db cost.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  /* What lagscan with schema 4 left: no cost_loop table, and input hashes
   * of the facts it extracted. */
  db_exec(db, "DROP TABLE cost_loop; DROP TABLE signature; DROP TABLE int_assign;"
              " DROP TABLE class_base; DROP TABLE constructed; ALTER TABLE override DROP COLUMN cls;"
              " ALTER TABLE call DROP COLUMN loop;"
              " ALTER TABLE call DROP COLUMN guards; ALTER TABLE call DROP COLUMN ends_in;"
              " ALTER TABLE call DROP COLUMN ends_in2; ALTER TABLE func DROP COLUMN ret;"
              " UPDATE tu SET input_hash='facts-6'; PRAGMA user_version=4;");
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name='cost_loop'"), 0);
  r = run(d, "scan -v --db v4.db cost.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "cost.c:5:3: warning: loop of 2^cost iterations"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "[cpu-loop]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "(1 parsed, 0 unchanged, 0 failed)"));
  done(&r);
  CU_ASSERT_EQUAL(db_int(db, "PRAGMA user_version"), 9);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM cost_loop"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name='constructed'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM pragma_table_info('override') WHERE name='cls'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name='int_assign'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name='cost_loop_tu'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name='signature'"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM pragma_table_info('call') WHERE name='loop'"), 1);
  free(db);
  free(d);
}

/* Introduced, kept, fixed; then back again. */
static void history_over_runs(void) {
  char *d = make_dir("history");
  write_file(d, "a.c", blocking_src);
  result r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  write_file(d, "a.c", clean_src);
  r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);

  r = run(d, "history --db db --open --fixed --new");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(3 runs shown)"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "open findings (0):"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fixed findings (1):\n  a.c:3: [sleep] 'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "new findings (1):"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "in 'on_timer', first seen "));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(run 1), last seen "));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(run 2), fixed "));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(run 3)"));
  done(&r);

  yajl_val root = history_json(d, "--db db --fixed");
  CU_ASSERT_EQUAL_FATAL(jlen(root, "runs"), 3);
  check_run(root, 0, 1, 0, 1);
  check_run(root, 1, 0, 0, 1);
  check_run(root, 2, 0, 1, 0);
  CU_ASSERT_EQUAL(jint(jat(root, "runs", 0), "findings"), 1);
  CU_ASSERT_EQUAL(jint(jat(root, "runs", 2), "findings"), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(jstr(jat(root, "runs", 0), "command_line"), "lagscan scan "));
  CU_ASSERT_EQUAL(jlen(root, "findings"), 1);
  yajl_val f = jat(root, "findings", 0);
  CU_ASSERT_STRING_EQUAL(jstr(f, "rule"), "sleep");
  CU_ASSERT_STRING_EQUAL(jstr(f, "path"), "a.c");
  CU_ASSERT_EQUAL(jint(f, "line"), 3);
  CU_ASSERT_STRING_EQUAL(jstr(f, "state"), "fixed");
  CU_ASSERT_EQUAL(strlen(jstr(f, "fingerprint")), 64);
  CU_ASSERT_EQUAL(jint(jget(f, "first_seen"), "run"), jint(jat(root, "runs", 0), "id"));
  CU_ASSERT_EQUAL(jint(jget(f, "last_seen"), "run"), jint(jat(root, "runs", 1), "id"));
  CU_ASSERT_EQUAL(jint(jget(f, "fixed"), "run"), jint(jat(root, "runs", 2), "id"));
  CU_ASSERT_EQUAL(strlen(jstr(jget(f, "first_seen"), "time")), 20); /* 2024-06-01T12:00:00Z */
  yajl_tree_free(root);

  /* Back again: open, new in this run, first seen still run 1. */
  write_file(d, "a.c", blocking_src);
  r = run(d, "scan --db db a.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  root = history_json(d, "--db db --open");
  CU_ASSERT_EQUAL_FATAL(jlen(root, "runs"), 4);
  check_run(root, 3, 1, 0, 1);
  CU_ASSERT_EQUAL_FATAL(jlen(root, "findings"), 1);
  f = jat(root, "findings", 0);
  CU_ASSERT_STRING_EQUAL(jstr(f, "state"), "open");
  CU_ASSERT_EQUAL(jint(jget(f, "first_seen"), "run"), jint(jat(root, "runs", 0), "id"));
  CU_ASSERT_EQUAL(jint(f, "open_since_run"), jint(jat(root, "runs", 3), "id"));
  CU_ASSERT_EQUAL(jget(f, "fixed") && YAJL_IS_NULL(jget(f, "fixed")), 1);
  yajl_tree_free(root);
  r = run(d, "history --db db --open");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "open again since run 4"));
  done(&r);
  /* -n: the last N runs; --new then means opened by those runs. */
  root = history_json(d, "--db db -n 2 --new");
  CU_ASSERT_EQUAL(jlen(root, "runs"), 2);
  CU_ASSERT_EQUAL(jint(jat(root, "runs", 0), "id"), 3);
  CU_ASSERT_EQUAL(jlen(root, "findings"), 1);
  yajl_tree_free(root);
  root = history_json(d, "--db db -n 2");
  CU_ASSERT_EQUAL(jlen(root, "findings"), 0); /* no selection: runs only */
  yajl_tree_free(root);
  free(d);
}

/* FILE... under -p narrows the report, so the run only fixes findings in
 * those files; a whole-program run fixes the rest. */
static void narrowed_runs(void) {
  char *d = make_dir("narrow");
  char *src = make_dir("narrow/src");
  char *build = make_dir("narrow/build");
  write_file(src, "a.c", blocking_src);
  write_file(src, "b.c",
             "#include <uv.h>\n#include <unistd.h>\n"
             "static void on_b(uv_timer_t *t) { (void)t; usleep(1); }\n"
             "void start_b(uv_timer_t *t) { uv_timer_start(t, on_b, 0, 0); }\n");
  char *json;
  if (asprintf(&json,
               "[{\"directory\": \"%s\", \"file\": \"src/a.c\", \"arguments\": [\"cc\", \"-c\","
               " \"src/a.c\"]}, {\"directory\": \"%s\", \"file\": \"src/b.c\", \"arguments\":"
               " [\"cc\", \"-c\", \"src/b.c\"]}]",
               d, d) < 0)
    abort();
  write_file(build, "compile_commands.json", json);
  free(json);
  result r = run(d, "scan --db db -p build");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  write_file(src, "b.c",
             "#include <uv.h>\n"
             "static void on_b(uv_timer_t *t) { (void)t; }\n"
             "void start_b(uv_timer_t *t) { uv_timer_start(t, on_b, 0, 0); }\n");
  r = run(d, "scan --db db -p build src/a.c"); /* b.c's finding is not this run's business */
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  r = run(d, "scan --db db -p build src/b.c");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  write_file(src, "a.c", clean_src);
  r = run(d, "scan --db db -p build");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  yajl_val root = history_json(d, "--db db --fixed");
  CU_ASSERT_EQUAL_FATAL(jlen(root, "runs"), 4);
  check_run(root, 0, 2, 0, 2);
  check_run(root, 1, 0, 0, 2);
  check_run(root, 2, 0, 1, 1);
  check_run(root, 3, 0, 1, 0);
  CU_ASSERT_EQUAL(jlen(jat(root, "runs", 1), "scope"), 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(jstr(root, "program"), "narrow/build/compile_commands.json"));
  yajl_val scope = jat(jat(root, "runs", 1), "scope", 0);
  const char *scoped = scope && YAJL_IS_STRING(scope) ? scope->u.string : "";
  CU_ASSERT_PTR_NOT_NULL(strstr(scoped, "narrow/src/a.c"));
  CU_ASSERT_TRUE(YAJL_IS_NULL(jget(jat(root, "runs", 0), "scope")));
  CU_ASSERT_EQUAL(jlen(root, "findings"), 2);
  yajl_tree_free(root);
  free(build);
  free(src);
  free(d);
}

/* Two programs in one database: a scan of one never fixes the other's
 * findings; history shows the latest program unless --all. */
static void programs_are_kept_apart(void) {
  char *d = make_dir("programs");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "clean.c", clean_src);
  result r = run(d, "scan --db db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  r = run(d, "scan --db db clean.c --");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  r = run(d, "history --db db");
  CU_ASSERT_EQUAL(r.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "clean.c in 'db' (1 run shown)"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "1 other program in this database"));
  done(&r);
  yajl_val root = history_json(d, "--db db --all --open");
  CU_ASSERT_EQUAL(jlen(root, "runs"), 2);
  CU_ASSERT_TRUE(YAJL_IS_NULL(jget(root, "program")));
  CU_ASSERT_EQUAL(jlen(root, "findings"), 1); /* bad.c's, still open */
  check_run(root, 1, 0, 0, 0);
  yajl_tree_free(root);
  free(d);
}

/* A run in which a TU could not be analyzed proves nothing about what it
 * did not find. */
static void failed_tu_fixes_nothing(void) {
  char *d = make_dir("failed");
  write_file(d, "bad.c", blocking_src);
  write_file(d, "other.c", clean_src);
  result r = run(d, "scan --db db bad.c other.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  write_file(d, "bad.c", "/* changed, so it is parsed again */\n");
  r = sh(d, "LAGSCAN_TEST_FAULT=crash:bad.c '%s' scan --db db bad.c other.c --", lagscan);
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  yajl_val root = history_json(d, "--db db --open");
  CU_ASSERT_EQUAL_FATAL(jlen(root, "runs"), 2);
  check_run(root, 1, 0, 0, 1);
  yajl_val complete = jget(jat(root, "runs", 1), "complete");
  CU_ASSERT_TRUE(complete && YAJL_IS_FALSE(complete));
  CU_ASSERT_EQUAL(jlen(root, "findings"), 1);
  yajl_tree_free(root);
  r = run(d, "history --db db");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "nothing marked fixed"));
  done(&r);
  free(d);
}

/* Recording is one transaction, and its failure costs the history, never
 * the report or the exit status. */
static void failed_recording_keeps_report(void) {
  char *d = make_dir("recfail");
  write_file(d, "bad.c", blocking_src);
  result r = run(d, "scan --db db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  char *db = path_in(d, "db");
  /* The last statement of the recording fails. */
  db_exec(db, "CREATE TRIGGER boom BEFORE UPDATE ON run"
              " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
  write_file(d, "bad.c", two_blocking_src);
  r = run(d, "scan --db db bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'sleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "'usleep'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "lagscan: warning: cannot record the run in '"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "injected failure"));
  done(&r);
  r = run(d, "scan --db db --format sarif -o out.sarif bad.c --");
  CU_ASSERT_EQUAL(r.status, 1);
  done(&r);
  char *sarif = path_in(d, "out.sarif"), *text = slurp(sarif);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"ruleId\": \"sleep\""));
  free(text);
  free(sarif);
  /* Nothing of the failed recordings is left. */
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM run"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT count(*) FROM finding_history"), 1);
  CU_ASSERT_EQUAL(db_int(db, "SELECT max(last_run) FROM finding_history"), 1);
  free(db);
  free(d);
}

static void history_errors(void) {
  char *d = make_dir("histerr");
  result r = run(d, "history");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no lagscan database at '.lagscan/lagscan.db'"));
  done(&r);
  r = run(d, "history --db nowhere/x.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'nowhere/x.db'"));
  done(&r);
  write_file(d, "junk.db", "this is not an SQLite database, just text..........................."
                           "....................................................................");
  r = run(d, "history --db junk.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "junk.db"));
  done(&r);
  char *newer = path_in(d, "newer.db");
  db_exec(newer, "PRAGMA user_version=99");
  r = run(d, "history --db newer.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "newer"));
  done(&r);
  r = run(d, "history --db newer.db -n x");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  r = run(d, "history extra");
  CU_ASSERT_EQUAL(r.status, 2);
  done(&r);
  free(newer);
  free(d);
}

void add_history_tests(void) {
  CU_pSuite s = CU_add_suite("history", NULL, NULL);
  CU_add_test(s, "a schema-1 database is migrated, its facts kept", migrates_schema_1);
  CU_add_test(s, "a schema-4 database gains cost loops, its TUs parsed again", migrates_schema_4);
  CU_add_test(s, "findings introduced, kept, fixed, back again", history_over_runs);
  CU_add_test(s, "narrowed runs fix only findings in their files", narrowed_runs);
  CU_add_test(s, "programs sharing a database are kept apart", programs_are_kept_apart);
  CU_add_test(s, "a run with a failed TU fixes nothing", failed_tu_fixes_nothing);
  CU_add_test(s, "a failed recording keeps the report", failed_recording_keeps_report);
  CU_add_test(s, "history: missing, unreadable, newer databases", history_errors);
}
