/* store.c: the SQLite fact store (store.h): schema and migrations, input
 * hashes, and writing one TU's facts in one transaction. */
#define _GNU_SOURCE /* qsort_r */
#include "store.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Version 1. Every fact table carries tu_id so a TU's rows go together. */
static const char *const schema_v1 =
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
    "CREATE INDEX annot_tu ON annot(tu_id);";

/* Version 2: the history of runs (analyzer/history.c). One row per
 * `lagscan scan` or `lagscan baseline` run, and one per finding ever seen in
 * a program, keyed by its fingerprint: when it was first and last seen, the
 * run since which it has been open, and the run that no longer found it.
 * `program` names what was scanned (the compilation database, or the set of
 * files), so scans of different programs sharing a database never fix each
 * other's findings. Times are unix seconds. */
static const char *const schema_v2 =
    "CREATE TABLE run(id INTEGER PRIMARY KEY, program TEXT NOT NULL,"
    "  program_label TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL,"
    "  command_line TEXT, inputs_hash TEXT NOT NULL,"
    "  scope TEXT,"                      /* NULL: whole program; else files, one a line */
    "  complete INTEGER NOT NULL,"       /* 1: every TU analyzed, so absence means fixed */
    "  tus_total INTEGER NOT NULL, tus_parsed INTEGER NOT NULL,"
    "  tus_cached INTEGER NOT NULL, tus_failed INTEGER NOT NULL,"
    "  nfindings INTEGER NOT NULL,"      /* findings the run saw */
    "  nnew INTEGER NOT NULL DEFAULT 0," /* opened by this run (first seen or back again) */
    "  nfixed INTEGER NOT NULL DEFAULT 0, nopen INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX run_program ON run(program, id);"
    "CREATE TABLE finding_history(program TEXT NOT NULL, fingerprint TEXT NOT NULL,"
    "  rule TEXT NOT NULL, path TEXT NOT NULL, abspath TEXT NOT NULL, line INTEGER,"
    "  function TEXT, callee TEXT, root TEXT, message TEXT,"
    "  first_run INTEGER NOT NULL, first_seen INTEGER NOT NULL,"
    "  last_run INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
    "  opened_run INTEGER NOT NULL,"     /* first_run, or the run it came back in */
    "  fixed_run INTEGER, fixed_at INTEGER," /* NULL while open */
    "  PRIMARY KEY(program, fingerprint)) WITHOUT ROWID;"
    "CREATE INDEX finding_history_abspath ON finding_history(program, abspath);";

/* Version 3: flags on calls (unconditional) and functions (always returns
 * non-zero), for the hot-loop checks of next-tick-recursion. */
static const char *const schema_v3 =
    "ALTER TABLE call ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE func ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;";

static void snapshot_free(ls_store *s);

static int exec(sqlite3 *db, const char *sql, char **err) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
  if (err) *err = ls_xstrdup(msg ? msg : sqlite3_errmsg(db));
  sqlite3_free(msg);
  return -1;
}

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
  sqlite3_busy_timeout(s->db, 60000);
  int v = 0;
  if (user_version(s->db, &v) != 0) {
    int code = sqlite3_errcode(s->db);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) return 1;
    *err = ls_xasprintf("cannot read database '%s': %s", path, sqlite3_errmsg(s->db));
    return -1;
  }
  if (v > LS_SCHEMA_VERSION) {
    *err = ls_xasprintf("database '%s' has schema version %d, newer than this lagscan "
                        "understands (%d); use a newer lagscan or another --db",
                        path, v, LS_SCHEMA_VERSION);
    return -1;
  }
  char *e = NULL;
  if (exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", &e) != 0) {
    int code = sqlite3_errcode(s->db);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      free(e);
      return 1;
    }
    *err = ls_xasprintf("cannot use database '%s': %s", path, e);
    free(e);
    return -1;
  }
  if (v < LS_SCHEMA_VERSION) {
    /* Create or migrate in one transaction: a reader sees the old schema or
     * the new one, and a migration that fails leaves the database as it was. */
    if (exec(s->db, "BEGIN IMMEDIATE", &e) != 0) goto fail;
    /* Another process may have created or migrated the schema while we waited. */
    if (user_version(s->db, &v) != 0) goto fail_rollback;
    if (v < 1) {
      if (exec(s->db, schema_v1, &e) != 0 || exec(s->db, "PRAGMA user_version=1", &e) != 0)
        goto fail_rollback;
    }
    if (v < 2) {
      /* v1 -> v2 adds the history tables; facts are untouched. */
      if (exec(s->db, schema_v2, &e) != 0 || exec(s->db, "PRAGMA user_version=2", &e) != 0)
        goto fail_rollback;
    }
    if (v < 3) {
      /* v2 -> v3: control-flow flags of calls and functions (facts.h,
       * LS_CALL_* and LS_FUNC_*). Stored facts are re-extracted anyway: the
       * facts version in every TU's input hash changed with them. */
      if (exec(s->db, schema_v3, &e) != 0 || exec(s->db, "PRAGMA user_version=3", &e) != 0)
        goto fail_rollback;
    }
    /* Future migrations go here: if (v < 4) { ... PRAGMA user_version=4 }. */
    if (exec(s->db, "COMMIT", &e) != 0) goto fail_rollback;
  }
  return 0;
fail_rollback:
  if (!e) e = ls_xstrdup(sqlite3_errmsg(s->db));
  exec(s->db, "ROLLBACK", NULL);
fail:
  *err = ls_xasprintf("cannot create or migrate the schema in '%s': %s", path,
                      e ? e : sqlite3_errmsg(s->db));
  free(e);
  return -1;
}

int ls_store_open(const char *path, ls_store *s, char **err) {
  memset(s, 0, sizeof *s);
  char *copy = ls_xstrdup(path);
  const char *dir = dirname(copy);
  if (strcmp(dir, ".") != 0 && mkdir_p(dir) != 0) {
    *err = ls_xasprintf("cannot create directory '%s': %s", dir, strerror(errno));
    free(copy);
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
    if (s->db) sqlite3_close(s->db);
    s->db = NULL;
    return -1;
  }
  s->path = ls_xstrdup(path);
  return 0;
}

void ls_store_close(ls_store *s) {
  snapshot_free(s);
  sqlite3_finalize(s->file_id_query); /* before the close, which needs none open */
  s->file_id_query = NULL;
  if (s->db) sqlite3_close(s->db);
  s->db = NULL;
  free(s->path);
  s->path = NULL;
  ls_free_strings(s->digests.items, s->digests.len);
  s->digests.items = NULL;
  s->digests.len = s->digests.cap = 0;
  ls_strmap_free(&s->digest_cache);
  ls_strmap_free(&s->file_ids);
}

void ls_free_strings(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

int ls_store_begin(ls_store *s) {
  /* The busy timeout covers most waits; retry for the rest. */
  for (int tries = 0; tries < 100; tries++) {
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return 0;
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return -1;
    usleep(10000);
  }
  return -1;
}

int ls_store_commit(ls_store *s) {
  for (int tries = 0; tries < 100; tries++) {
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return 0;
    if (rc != SQLITE_BUSY) return -1;
    usleep(10000);
  }
  return -1;
}

void ls_store_rollback(ls_store *s) { sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); }

int64_t ls_store_file_id(ls_store *s, const char *path) {
  int64_t *cached = ls_strmap_get(&s->file_ids, path);
  if (cached) return *cached;
  sqlite3_stmt *st;
  int64_t id = 0;
  if (!s->file_id_query &&
      sqlite3_prepare_v2(s->db, "SELECT id FROM file WHERE path=?", -1, &s->file_id_query, NULL) !=
          SQLITE_OK)
    s->file_id_query = NULL;
  if (s->file_id_query) {
    sqlite3_reset(s->file_id_query);
    sqlite3_bind_text(s->file_id_query, 1, path, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s->file_id_query) == SQLITE_ROW) id = sqlite3_column_int64(s->file_id_query, 0);
    sqlite3_reset(s->file_id_query);
  }
  if (id) {
    ls_strmap_put(&s->file_ids, path, id, NULL);
    return id;
  }
  sqlite3_prepare_v2(s->db, "INSERT INTO file(path) VALUES(?)", -1, &st, NULL);
  sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_DONE) id = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  return id;
}

/* What the file table says of a file: its digest at (mtime, size). */
typedef struct file_row {
  int64_t mtime_ns, size;
  const char *sha256; /* NULL: none stored */
} file_row;

/* The SHA-256 of a file's contents, "missing" when it cannot be read. The
 * file table remembers digests by (size, mtime); a changed stat rehashes.
 * `row` is the file's row when the caller has it already; NULL looks it up. */
static const char *file_digest_with(ls_store *s, const char *path, const file_row *row) {
  int64_t *cached = ls_strmap_get(&s->digest_cache, path);
  if (cached) return s->digests.items[*cached];
  char digest[65] = "missing";
  struct stat st;
  if (stat(path, &st) == 0) {
    int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    sqlite3_stmt *q = NULL;
    file_row stored = {0, 0, NULL};
    if (row) {
      stored = *row;
    } else if (sqlite3_prepare_v2(s->db, "SELECT mtime_ns, size, sha256 FROM file WHERE path=?",
                                  -1, &q, NULL) == SQLITE_OK) {
      sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
      if (sqlite3_step(q) == SQLITE_ROW)
        stored = (file_row){sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
                            (const char *)sqlite3_column_text(q, 2)};
    }
    int found = stored.sha256 && stored.mtime_ns == mtime && stored.size == st.st_size;
    if (found) snprintf(digest, sizeof digest, "%s", stored.sha256);
    sqlite3_finalize(q); /* stored.sha256 pointed into it */
    if (!found) {
      char *buf = NULL;
      size_t len = 0;
      if (ls_read_file(path, &buf, &len) == 0) {
        ls_sha256_hex(buf, len, digest);
        free(buf);
        sqlite3_stmt *u;
        if (sqlite3_prepare_v2(s->db,
                               "INSERT INTO file(path, mtime_ns, size, sha256) VALUES(?,?,?,?) "
                               "ON CONFLICT(path) DO UPDATE SET mtime_ns=excluded.mtime_ns,"
                               " size=excluded.size, sha256=excluded.sha256",
                               -1, &u, NULL) == SQLITE_OK) {
          sqlite3_bind_text(u, 1, path, -1, SQLITE_STATIC);
          sqlite3_bind_int64(u, 2, mtime);
          sqlite3_bind_int64(u, 3, st.st_size);
          sqlite3_bind_text(u, 4, digest, -1, SQLITE_STATIC);
          sqlite3_step(u); /* a busy failure only costs a rehash next time */
          sqlite3_finalize(u);
        }
      }
    }
  }
  LS_VEC_PUSH(&s->digests, ls_xstrdup(digest));
  ls_strmap_put(&s->digest_cache, path, (int64_t)s->digests.len - 1, NULL);
  return s->digests.items[s->digests.len - 1];
}

static const char *file_digest(ls_store *s, const char *path) {
  return file_digest_with(s, path, NULL);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The input hash from the TU's arguments, its source's digest and its
 * includes, sorted by path without repeats, with their digests. */
static void hash_inputs(const ls_tu_input *in, const char *source_digest,
                        const char *const *paths, const char *const *digests, size_t n,
                        char out[65]) {
  /* Hash a text made of the arguments and "path digest" lines, in a
   * canonical order, so the same inputs always give the same hash. */
  size_t cap = 4096, len = 0;
  char *text = ls_xmalloc(cap);
#define APPEND(str)                                                                                \
  do {                                                                                             \
    size_t n_ = strlen(str) + 1;                                                                   \
    if (len + n_ > cap) text = ls_xrealloc(text, cap = (cap + n_) * 2);                             \
    memcpy(text + len, str, n_);                                                                   \
    len += n_;                                                                                     \
  } while (0)
  APPEND(LS_FACTS_VERSION);
  APPEND(in->directory);
  for (int i = 0; i < in->argc; i++) APPEND(in->argv[i]);
  APPEND(in->file);
  APPEND(source_digest);
  for (size_t i = 0; i < n; i++) {
    APPEND(paths[i]);
    APPEND(digests[i]);
  }
#undef APPEND
  ls_sha256_hex(text, len, out);
  free(text);
}

void ls_store_input_hash(ls_store *s, const ls_tu_input *in, char *const *includes,
                         size_t nincludes, char out[65]) {
  char **sorted = ls_xmalloc((nincludes + 1) * sizeof(char *));
  const char **digests = ls_xmalloc((nincludes + 1) * sizeof(char *));
  if (nincludes) memcpy(sorted, includes, nincludes * sizeof(char *));
  if (nincludes) qsort(sorted, nincludes, sizeof(char *), cmp_str);
  size_t n = 0;
  for (size_t i = 0; i < nincludes; i++) {
    /* A header included twice (stddef.h with __need_ macros) counts once,
     * as it does in tu_include. */
    if (i && strcmp(sorted[i], sorted[i - 1]) == 0) continue;
    sorted[n] = sorted[i];
    digests[n++] = file_digest(s, sorted[i]);
  }
  hash_inputs(in, file_digest(s, in->file), (const char *const *)sorted, digests, n, out);
  free(digests);
  free(sorted);
}

/* ---- checking many TUs at once (ls_store_unchanged) ---------------------- */

typedef struct snap_file {
  char *path;       /* NULL: no row with this id */
  int64_t mtime_ns, size;
  char *sha256;     /* as stored, or NULL */
  uint32_t rank;    /* of path among all paths, in strcmp order */
  const char *digest; /* once looked at: the file's digest now (in s->digests) */
} snap_file;

typedef struct snap_tu {
  int64_t id;
  uint32_t file;    /* the main source's file id */
  char hash[65];
  int status;
  uint32_t first_inc, ninc; /* range in snapshot.incs */
} snap_tu;

struct ls_store_snapshot {
  snap_file *files; /* by file id */
  uint32_t nfiles;
  snap_tu *tus;
  size_t ntus;
  ls_strmap by_key;  /* TU key -> index in tus */
  uint32_t *incs;    /* file ids, grouped by TU */
};

static void snapshot_free(ls_store *s) {
  struct ls_store_snapshot *p = s->snap;
  if (!p) return;
  for (uint32_t i = 0; i < p->nfiles; i++) {
    free(p->files[i].path);
    free(p->files[i].sha256);
  }
  free(p->files);
  free(p->tus);
  ls_strmap_free(&p->by_key);
  free(p->incs);
  free(p);
  s->snap = NULL;
}

static int cmp_rank_of(const void *a, const void *b, void *files) {
  const snap_file *f = files;
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return strcmp(f[x].path, f[y].path);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int load_snapshot(ls_store *s) {
  struct ls_store_snapshot *p = ls_xcalloc(1, sizeof *p);
  s->snap = p;
  sqlite3_stmt *st;
  int rc = -1;
  uint32_t *order = NULL, *tu_index = NULL;
  int64_t max_tu = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT max(id) FROM file", -1, &st, NULL) != SQLITE_OK) goto out;
  if (sqlite3_step(st) == SQLITE_ROW) p->nfiles = (uint32_t)sqlite3_column_int64(st, 0) + 1;
  sqlite3_finalize(st);
  p->files = ls_xcalloc(p->nfiles + 1, sizeof *p->files);
  if (sqlite3_prepare_v2(s->db, "SELECT id, path, mtime_ns, size, sha256 FROM file", -1, &st,
                         NULL) != SQLITE_OK)
    goto out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    const unsigned char *path = sqlite3_column_text(st, 1), *sha = sqlite3_column_text(st, 4);
    if (id <= 0 || id >= p->nfiles || !path) continue;
    snap_file *f = &p->files[id];
    f->path = ls_xstrdup((const char *)path);
    f->mtime_ns = sqlite3_column_int64(st, 2);
    f->size = sqlite3_column_int64(st, 3);
    f->sha256 = sha ? ls_xstrdup((const char *)sha) : NULL;
  }
  sqlite3_finalize(st);
  /* Ranks, so that a TU's includes sort by path as integers. */
  size_t nrows = 0;
  order = ls_xmalloc((p->nfiles + 1) * sizeof(uint32_t));
  for (uint32_t i = 0; i < p->nfiles; i++)
    if (p->files[i].path) order[nrows++] = i;
  if (nrows) qsort_r(order, nrows, sizeof *order, cmp_rank_of, p->files);
  for (size_t r = 0; r < nrows; r++) p->files[order[r]].rank = (uint32_t)r;

  if (sqlite3_prepare_v2(s->db, "SELECT id, key, input_hash, status, file_id FROM tu", -1, &st, NULL) !=
      SQLITE_OK)
    goto out;
  LS_VEC(snap_tu) tus = {0};
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t file = sqlite3_column_int64(st, 4);
    snap_tu t = {sqlite3_column_int64(st, 0), file > 0 && file < p->nfiles ? (uint32_t)file : 0,
                 "", sqlite3_column_int(st, 3), 0, 0};
    const unsigned char *key = sqlite3_column_text(st, 1), *h = sqlite3_column_text(st, 2);
    if (!key || t.id <= 0) continue;
    snprintf(t.hash, sizeof t.hash, "%s", h ? (const char *)h : "");
    ls_strmap_put(&p->by_key, (const char *)key, (int64_t)tus.len, NULL);
    LS_VEC_PUSH(&tus, t);
    if (t.id > max_tu) max_tu = t.id;
  }
  sqlite3_finalize(st);
  p->tus = tus.items;
  p->ntus = tus.len;
  tu_index = ls_xmalloc(((size_t)max_tu + 1) * sizeof(uint32_t));
  memset(tu_index, 0xff, ((size_t)max_tu + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < p->ntus; i++) tu_index[p->tus[i].id] = (uint32_t)i;

  /* The primary key (tu_id, file_id) keeps each TU's rows together. */
  if (sqlite3_prepare_v2(s->db, "SELECT tu_id, file_id FROM tu_include ORDER BY tu_id", -1, &st,
                         NULL) != SQLITE_OK)
    goto out;
  LS_VEC(uint32_t) incs = {0};
  int64_t cur = -1;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t tu = sqlite3_column_int64(st, 0), file = sqlite3_column_int64(st, 1);
    if (tu <= 0 || tu > max_tu || tu_index[tu] == UINT32_MAX) continue;
    snap_tu *t = &p->tus[tu_index[tu]];
    if (tu != cur) {
      t->first_inc = (uint32_t)incs.len;
      t->ninc = 0;
      cur = tu;
    }
    /* A file id without a row reads as a missing file: the hash differs. */
    LS_VEC_PUSH(&incs, file > 0 && file < p->nfiles ? (uint32_t)file : 0);
    t->ninc++;
  }
  sqlite3_finalize(st);
  p->incs = incs.items;
  rc = 0;
out:
  free(order);
  free(tu_index);
  if (rc != 0) snapshot_free(s);
  return rc;
}

/* A file's digest now, from the snapshot's row (no query). */
static const char *snapshot_digest(ls_store *s, snap_file *f) {
  if (!f->digest) {
    file_row row = {f->mtime_ns, f->size, f->sha256};
    f->digest = file_digest_with(s, f->path, &row);
  }
  return f->digest;
}

int ls_store_unchanged(ls_store *s, const ls_tu_input *in, int64_t *id, int *status) {
  *id = 0;
  *status = LS_TU_FAILED;
  if (!s->snap && load_snapshot(s) != 0) return 0; /* cannot tell: parse it */
  struct ls_store_snapshot *p = s->snap;
  int64_t *k = ls_strmap_get(&p->by_key, in->key);
  if (!k) return 0;
  const snap_tu *t = &p->tus[*k];
  *id = t->id;
  *status = t->status;
  if (t->status == LS_TU_FAILED || !t->hash[0]) return 0;
  /* rank << 32 | file id: sorting these sorts by path. */
  uint64_t *keys = ls_xmalloc((t->ninc + 1) * sizeof(uint64_t));
  size_t n = 0;
  for (uint32_t i = 0; i < t->ninc; i++) {
    uint32_t f = p->incs[t->first_inc + i];
    if (!f || !p->files[f].path) {
      free(keys);
      return 0;
    }
    keys[n++] = (uint64_t)p->files[f].rank << 32 | f;
  }
  if (n) qsort(keys, n, sizeof *keys, cmp_u64);
  const char **paths = ls_xmalloc((n + 1) * sizeof(char *));
  const char **digests = ls_xmalloc((n + 1) * sizeof(char *));
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (i && keys[i] == keys[i - 1]) continue;
    snap_file *f = &p->files[(uint32_t)keys[i]];
    paths[m] = f->path;
    digests[m++] = snapshot_digest(s, f);
  }
  char now[65];
  /* The main file by its row when the row is the TU's source (the key
   * names the path, so it is, unless the table was edited by hand). */
  snap_file *src = t->file ? &p->files[t->file] : NULL;
  const char *source_digest = src && src->path && strcmp(src->path, in->file) == 0
                                  ? snapshot_digest(s, src)
                                  : file_digest(s, in->file);
  hash_inputs(in, source_digest, paths, digests, m, now);
  free(paths);
  free(digests);
  free(keys);
  return strcmp(now, t->hash) == 0;
}

int ls_store_tu_lookup(ls_store *s, const char *key, int64_t *id, char hash[65], int *status) {
  sqlite3_stmt *st;
  *id = 0;
  hash[0] = '\0';
  *status = LS_TU_FAILED;
  if (sqlite3_prepare_v2(s->db, "SELECT id, input_hash, status FROM tu WHERE key=?", -1, &st,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    const unsigned char *h = sqlite3_column_text(st, 1);
    snprintf(hash, 65, "%s", h ? (const char *)h : "");
    *status = sqlite3_column_int(st, 2);
  }
  sqlite3_finalize(st);
  return 0;
}

/* ---- writing one TU ----------------------------------------------------- */

typedef struct writer {
  ls_store *s;
  int64_t tu;
  int64_t *sym_ids;   /* fact sym index -> sym.id */
  int64_t *file_ids;  /* fact str index -> file.id (0 = not yet) */
  sqlite3_stmt *sym_get, *sym_put;
} writer;

static int64_t sym_id(writer *w, const ls_facts *f, uint32_t i) {
  if (i == UINT32_MAX) return 0;
  if (w->sym_ids[i]) return w->sym_ids[i];
  const ls_fact_sym *fs = &f->syms.items[i];
  const char *key = f->strs.items[fs->key];
  int64_t id = 0;
  sqlite3_reset(w->sym_get);
  sqlite3_bind_text(w->sym_get, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(w->sym_get) == SQLITE_ROW) id = sqlite3_column_int64(w->sym_get, 0);
  if (!id) {
    sqlite3_reset(w->sym_put);
    sqlite3_bind_text(w->sym_put, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->sym_put, 2, f->strs.items[fs->name], -1, SQLITE_STATIC);
    sqlite3_bind_int(w->sym_put, 3, fs->kind);
    if (sqlite3_step(w->sym_put) == SQLITE_DONE) id = sqlite3_last_insert_rowid(w->s->db);
  }
  return w->sym_ids[i] = id;
}

static int64_t file_id(writer *w, const ls_facts *f, uint32_t str) {
  if (!w->file_ids[str]) w->file_ids[str] = ls_store_file_id(w->s, f->strs.items[str]);
  return w->file_ids[str];
}

static void bind_text_or_null(sqlite3_stmt *st, int col, const ls_facts *f, uint32_t str) {
  if (str == UINT32_MAX)
    sqlite3_bind_null(st, col);
  else
    sqlite3_bind_text(st, col, f->strs.items[str], -1, SQLITE_STATIC);
}

static void bind_id_or_null(sqlite3_stmt *st, int col, int64_t id) {
  if (id)
    sqlite3_bind_int64(st, col, id);
  else
    sqlite3_bind_null(st, col);
}

static int write_facts(writer *w, const ls_facts *f) {
  sqlite3 *db = w->s->db;
  sqlite3_stmt *st = NULL;
  int rc = 0;

  /* Functions */
  sqlite3_prepare_v2(db, "INSERT INTO func(tu_id, sym, file_id, line, col, type, flags) "
                         "VALUES(?,?,?,?,?,?,?)", -1, &st, NULL);
  for (size_t i = 0; i < f->funcs.len && !rc; i++) {
    const ls_fact_func *fn = &f->funcs.items[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, w->tu);
    sqlite3_bind_int64(st, 2, sym_id(w, f, fn->sym));
    sqlite3_bind_int64(st, 3, file_id(w, f, fn->loc.file));
    sqlite3_bind_int(st, 4, (int)fn->loc.line);
    sqlite3_bind_int(st, 5, (int)fn->loc.col);
    bind_text_or_null(st, 6, f, fn->type);
    sqlite3_bind_int(st, 7, (int)fn->flags);
    if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
  }
  sqlite3_finalize(st);

  /* Calls and their arguments */
  sqlite3_stmt *ast = NULL;
  sqlite3_prepare_v2(db, "INSERT INTO call(tu_id, caller, callee, via_kind, via, fntype, "
                         "file_id, line, col, end_line, end_col, nargs, flags) "
                         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO arg(call_id, tu_id, idx, kind, sym, ival, text) "
                         "VALUES(?,?,?,?,?,?,?)", -1, &ast, NULL);
  for (size_t i = 0; i < f->calls.len && !rc; i++) {
    const ls_fact_call *c = &f->calls.items[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, w->tu);
    sqlite3_bind_int64(st, 2, sym_id(w, f, c->caller));
    bind_id_or_null(st, 3, sym_id(w, f, c->callee));
    sqlite3_bind_int(st, 4, c->via_kind);
    bind_id_or_null(st, 5, sym_id(w, f, c->via));
    bind_text_or_null(st, 6, f, c->fntype);
    sqlite3_bind_int64(st, 7, file_id(w, f, c->loc.file));
    sqlite3_bind_int(st, 8, (int)c->loc.line);
    sqlite3_bind_int(st, 9, (int)c->loc.col);
    sqlite3_bind_int(st, 10, (int)c->loc.end_line);
    sqlite3_bind_int(st, 11, (int)c->loc.end_col);
    sqlite3_bind_int(st, 12, (int)c->nargs);
    sqlite3_bind_int(st, 13, (int)c->flags);
    if (sqlite3_step(st) != SQLITE_DONE) {
      rc = -1;
      break;
    }
    int64_t call_id = sqlite3_last_insert_rowid(db);
    for (uint32_t a = 0; a < c->nargs; a++) {
      const ls_fact_arg *arg = &f->args.items[c->first_arg + a];
      if (arg->kind == LS_ARG_OTHER) continue; /* only what rules and flows use */
      sqlite3_reset(ast);
      sqlite3_bind_int64(ast, 1, call_id);
      sqlite3_bind_int64(ast, 2, w->tu);
      sqlite3_bind_int(ast, 3, (int)a);
      sqlite3_bind_int(ast, 4, arg->kind);
      bind_id_or_null(ast, 5, sym_id(w, f, arg->sym));
      sqlite3_bind_int64(ast, 6, arg->ival);
      bind_text_or_null(ast, 7, f, arg->text);
      if (sqlite3_step(ast) != SQLITE_DONE) {
        rc = -1;
        break;
      }
    }
  }
  sqlite3_finalize(st);
  sqlite3_finalize(ast);

  /* Flows */
  sqlite3_prepare_v2(db, "INSERT INTO flow(tu_id, src, dst, func, file_id, line, col) "
                         "VALUES(?,?,?,?,?,?,?)", -1, &st, NULL);
  for (size_t i = 0; i < f->flows.len && !rc; i++) {
    const ls_fact_flow *fl = &f->flows.items[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, w->tu);
    sqlite3_bind_int64(st, 2, sym_id(w, f, fl->src));
    bind_id_or_null(st, 3, sym_id(w, f, fl->dst));
    bind_id_or_null(st, 4, sym_id(w, f, fl->func));
    sqlite3_bind_int64(st, 5, file_id(w, f, fl->loc.file));
    sqlite3_bind_int(st, 6, (int)fl->loc.line);
    sqlite3_bind_int(st, 7, (int)fl->loc.col);
    if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
  }
  sqlite3_finalize(st);

  /* Annotations */
  sqlite3_prepare_v2(db, "INSERT INTO annot(tu_id, sym, kind, arg) VALUES(?,?,?,?)", -1, &st,
                     NULL);
  for (size_t i = 0; i < f->annots.len && !rc; i++) {
    const ls_fact_annot *an = &f->annots.items[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, w->tu);
    sqlite3_bind_int64(st, 2, sym_id(w, f, an->sym));
    sqlite3_bind_int(st, 3, an->kind);
    bind_text_or_null(st, 4, f, an->arg);
    if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
  }
  sqlite3_finalize(st);

  /* Included files */
  sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO tu_include(tu_id, file_id) VALUES(?,?)", -1, &st,
                     NULL);
  for (size_t i = 0; i < f->includes.len && !rc; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, w->tu);
    sqlite3_bind_int64(st, 2, file_id(w, f, f->includes.items[i]));
    if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
  }
  sqlite3_finalize(st);
  return rc;
}

static char *joined_args(const ls_tu_input *in) {
  size_t n = 1;
  for (int i = 0; i < in->argc; i++) n += strlen(in->argv[i]) + 1;
  char *s = ls_xmalloc(n), *p = s;
  for (int i = 0; i < in->argc; i++) {
    if (i) *p++ = ' ';
    p = stpcpy(p, in->argv[i]);
  }
  *p = '\0';
  return s;
}

int ls_store_put_tu(ls_store *s, const ls_tu_input *in, const ls_facts *facts,
                    ls_tu_status status, const char *message, int64_t parse_ms,
                    int64_t *tu_id, char **err) {
  snapshot_free(s); /* the tables it copies are about to change */
  /* Hash outside the write transaction: it may read many headers. */
  char hash[65] = "";
  if (facts) {
    char **incs = ls_xmalloc((facts->includes.len + 1) * sizeof(char *));
    for (size_t i = 0; i < facts->includes.len; i++)
      incs[i] = facts->strs.items[facts->includes.items[i]];
    ls_store_input_hash(s, in, incs, facts->includes.len, hash);
    free(incs);
  }
  if (ls_store_begin(s) != 0) {
    *err = ls_xasprintf("database '%s' is busy: %s", s->path, sqlite3_errmsg(s->db));
    return -1;
  }
  int64_t id = 0;
  char old_hash[65];
  int old_status;
  ls_store_tu_lookup(s, in->key, &id, old_hash, &old_status);
  char *args = joined_args(in);
  sqlite3_stmt *st;
  int rc = 0;
  if (id) {
    static const char *const clear[] = {
        "DELETE FROM func WHERE tu_id=?", "DELETE FROM call WHERE tu_id=?",
        "DELETE FROM arg WHERE tu_id=?",  "DELETE FROM flow WHERE tu_id=?",
        "DELETE FROM annot WHERE tu_id=?", "DELETE FROM tu_include WHERE tu_id=?"};
    for (size_t i = 0; i < sizeof clear / sizeof clear[0] && !rc; i++) {
      sqlite3_prepare_v2(s->db, clear[i], -1, &st, NULL);
      sqlite3_bind_int64(st, 1, id);
      if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
      sqlite3_finalize(st);
    }
    sqlite3_prepare_v2(s->db, "UPDATE tu SET input_hash=?, status=?, message=?, parse_ms=?,"
                              " updated_at=?, args=? WHERE id=?", -1, &st, NULL);
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, status);
    if (message) sqlite3_bind_text(st, 3, message, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 3);
    sqlite3_bind_int64(st, 4, parse_ms);
    sqlite3_bind_int64(st, 5, (int64_t)time(NULL));
    sqlite3_bind_text(st, 6, args, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, id);
    if (!rc && sqlite3_step(st) != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
  } else {
    int64_t fid = ls_store_file_id(s, in->file);
    sqlite3_prepare_v2(s->db, "INSERT INTO tu(key, file_id, directory, args, input_hash, status,"
                              " message, parse_ms, updated_at) VALUES(?,?,?,?,?,?,?,?,?)",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, in->key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, fid);
    sqlite3_bind_text(st, 3, in->directory, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, args, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, status);
    if (message) sqlite3_bind_text(st, 7, message, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 7);
    sqlite3_bind_int64(st, 8, parse_ms);
    sqlite3_bind_int64(st, 9, (int64_t)time(NULL));
    if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
    id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
  }
  free(args);
  if (!rc && facts) {
    writer w = {s, id, ls_xcalloc(facts->syms.len + 1, sizeof(int64_t)),
                ls_xcalloc(facts->strs.len + 1, sizeof(int64_t)), NULL, NULL};
    sqlite3_prepare_v2(s->db, "SELECT id FROM sym WHERE key=?", -1, &w.sym_get, NULL);
    sqlite3_prepare_v2(s->db, "INSERT INTO sym(key, name, kind) VALUES(?,?,?)", -1, &w.sym_put,
                       NULL);
    rc = write_facts(&w, facts);
    sqlite3_finalize(w.sym_get);
    sqlite3_finalize(w.sym_put);
    free(w.sym_ids);
    free(w.file_ids);
  }
  if (rc || ls_store_commit(s) != 0) {
    *err = ls_xasprintf("cannot store facts of '%s' in '%s': %s", in->file, s->path,
                        sqlite3_errmsg(s->db));
    ls_store_rollback(s);
    return -1;
  }
  *tu_id = id;
  return 0;
}

int ls_store_set_scan(ls_store *s, const int64_t *ids, size_t n) {
  if (exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS scan_tu(id INTEGER PRIMARY KEY);"
                  "DELETE FROM scan_tu;", NULL) != 0)
    return -1;
  sqlite3_stmt *st;
  exec(s->db, "BEGIN", NULL);
  sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO scan_tu(id) VALUES(?)", -1, &st, NULL);
  for (size_t i = 0; i < n; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, ids[i]);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return exec(s->db, "COMMIT", NULL);
}
