/* digest.c: what decides whether a TU's stored facts can be reused
 * (store.h): file digests, cached by (size, mtime) in the file table; the
 * input hash of a TU; and ls_store_unchanged, which checks every TU of a
 * scan against one snapshot of the file, tu and tu_include tables. */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

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
    ls_sql q = ls_sql_on(s);
    sqlite3_stmt *sel = NULL;
    file_row stored = {0, 0, NULL};
    if (row) {
      stored = *row;
    } else {
      sel = ls_sql_prepare(&q, "SELECT mtime_ns, size, sha256 FROM file WHERE path=?");
      ls_sql_text(&q, sel, 1, path);
      if (ls_sql_step(&q, sel) == 1)
        stored = (file_row){sqlite3_column_int64(sel, 0), sqlite3_column_int64(sel, 1),
                            (const char *)sqlite3_column_text(sel, 2)};
    }
    int found = stored.sha256 && stored.mtime_ns == mtime && stored.size == st.st_size;
    if (found) snprintf(digest, sizeof digest, "%s", stored.sha256);
    sqlite3_finalize(sel); /* stored.sha256 pointed into it */
    if (!found) {
      char *buf = NULL;
      size_t len = 0;
      if (ls_read_file(path, &buf, &len) == 0) {
        ls_sha256_hex(buf, len, digest);
        free(buf);
        sqlite3_stmt *u = ls_sql_prepare(
            &q, "INSERT INTO file(path, mtime_ns, size, sha256) VALUES(?,?,?,?) "
                "ON CONFLICT(path) DO UPDATE SET mtime_ns=excluded.mtime_ns,"
                " size=excluded.size, sha256=excluded.sha256");
        ls_sql_text(&q, u, 1, path);
        ls_sql_int(&q, u, 2, mtime);
        ls_sql_int(&q, u, 3, st.st_size);
        ls_sql_text(&q, u, 4, digest);
        ls_sql_run(&q, u);
        sqlite3_finalize(u);
      }
    }
    /* A failure to read or remember a digest (a busy database) costs only
     * a rehash next time: the digest itself is right. */
    ls_sql_done(&q, "", NULL);
  }
  LS_VEC_PUSH(&s->digests, ls_xstrdup(digest));
  ls_strmap_put(&s->digest_cache, path, (int64_t)s->digests.len - 1, NULL);
  return s->digests.items[s->digests.len - 1];
}

const char *ls__file_digest(ls_store *s, const char *path) {
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
    digests[n++] = ls__file_digest(s, sorted[i]);
  }
  hash_inputs(in, ls__file_digest(s, in->file), (const char *const *)sorted, digests, n, out);
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

void ls__snapshot_free(ls_store *s) {
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
  ls_sql q = ls_sql_on(s);
  uint32_t *order = NULL, *tu_index = NULL;
  int64_t max_tu = 0;
  sqlite3_stmt *st = ls_sql_prepare(&q, "SELECT coalesce(max(id), 0) FROM file");
  if (ls_sql_step(&q, st) == 1) p->nfiles = (uint32_t)sqlite3_column_int64(st, 0) + 1;
  sqlite3_finalize(st);
  p->files = ls_xcalloc(p->nfiles + 1, sizeof *p->files);
  st = ls_sql_prepare(&q, "SELECT id, path, mtime_ns, size, sha256 FROM file");
  while (ls_sql_step(&q, st) == 1) {
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

  LS_VEC(snap_tu) tus = {0};
  st = ls_sql_prepare(&q, "SELECT id, key, input_hash, status, file_id FROM tu");
  while (ls_sql_step(&q, st) == 1) {
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
  LS_VEC(uint32_t) incs = {0};
  int64_t cur = -1;
  st = ls_sql_prepare(&q, "SELECT tu_id, file_id FROM tu_include ORDER BY tu_id");
  while (ls_sql_step(&q, st) == 1) {
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
  free(order);
  free(tu_index);
  int rc = ls_sql_done(&q, "", NULL);
  if (rc != 0) ls__snapshot_free(s);
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
                                  : ls__file_digest(s, in->file);
  hash_inputs(in, source_digest, paths, digests, m, now);
  free(paths);
  free(digests);
  free(keys);
  return strcmp(now, t->hash) == 0;
}

int ls_store_unchanged_all(ls_store *s, const ls_tu_input *const *tus, size_t n,
                           ls_tu_reuse *out, char **err) {
  /* The transaction only batches the digests the checks refresh; those are
   * a cache (a digest not remembered costs a rehash next time), so a
   * database too busy to take them is no error: the answers stand. */
  (void)err;
  int in_tx = ls__begin(s) == 0;
  for (size_t i = 0; i < n; i++)
    out[i].unchanged = ls_store_unchanged(s, tus[i], &out[i].id, &out[i].status);
  if (in_tx && ls__commit(s) != 0) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}
