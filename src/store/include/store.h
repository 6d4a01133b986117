/* store.h: the fact store, an SQLite database (default .lagscan/lagscan.db).
 *
 *
 * Facts are stored per TU and replaced whole, in one transaction per TU, so a
 * reader sees each TU either before or after its re-extraction, never half.
 * Symbols (functions, parameters, variables, fields) are interned in one
 * table shared by all TUs: that is what joins TUs into one program.
 *
 * The database is opened in WAL mode with a busy timeout, so worker
 * processes can write while others wait, and two scans can share it.
 */
#ifndef LAGSCAN_STORE_H
#define LAGSCAN_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "facts.h"
#include "inputs.h"

/* PRAGMA user_version of the schema this lagscan writes: 1 facts, 2 the
 * history of runs and findings (history.h), 3 call and function flags
 * (facts.h). Older databases are migrated
 * when opened; newer ones are refused. */
#define LS_SCHEMA_VERSION 3

typedef enum ls_tu_status {
  LS_TU_OK = 0,          /* parsed cleanly */
  LS_TU_ERRORS = 1,      /* parsed with errors; facts kept, message says the first */
  LS_TU_FAILED = 2       /* no facts: libclang failed, crashed or timed out */
} ls_tu_status;

typedef struct ls_store {
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
} ls_store;

/* Opens (creating directories and schema as needed) the database at path.
 * A database written by a newer lagscan is refused; one that is not a
 * database or is corrupt is moved aside and rebuilt. Returns 0 or -1 with
 * *err set. */
int ls_store_open(const char *path, ls_store *store, char **err);
void ls_store_close(ls_store *store);

int ls_store_begin(ls_store *s);   /* BEGIN IMMEDIATE, retried while busy */
int ls_store_commit(ls_store *s);
void ls_store_rollback(ls_store *s);

/* The hash of everything that decides a TU's facts: its arguments, its
 * source and the headers it includes (`includes`, absolute paths). Files are
 * hashed at most once per process and not at all when their size and mtime
 * match the file table. */
void ls_store_input_hash(ls_store *s, const ls_tu_input *in, char *const *includes,
                         size_t nincludes, char out[65]);

/* Frees a heap array of heap strings. */
void ls_free_strings(char **v, size_t n);

/* Whether the stored facts of TU `in` can be reused: it was analyzed (its
 * status is not LS_TU_FAILED) and the hash of its inputs is the stored one.
 * Sets *id (0 if the TU is unknown) and *status. The first call reads the
 * file, tu and tu_include tables in three queries, so checking every TU of
 * a program costs a stat per file and no query per TU; later calls see the
 * database as it was then (until ls_store_put_tu on this connection). */
int ls_store_unchanged(ls_store *s, const ls_tu_input *in, int64_t *id, int *status);

/* Looks a TU up by key: *id (0 if unknown), its stored hash and status. */
int ls_store_tu_lookup(ls_store *s, const char *key, int64_t *id, char hash[65], int *status);

/* Replaces the TU's facts (one transaction). status/message describe the
 * parse; facts may be NULL for a failed TU. Sets *tu_id. */
int ls_store_put_tu(ls_store *s, const ls_tu_input *in, const ls_facts *facts,
                    ls_tu_status status, const char *message, int64_t parse_ms,
                    int64_t *tu_id, char **err);

/* Marks the TUs of the current scan (temp table scan_tu) for the graph. */
int ls_store_set_scan(ls_store *s, const int64_t *ids, size_t n);

/* The id of a file path in the file table, creating the row if needed. */
int64_t ls_store_file_id(ls_store *s, const char *path);

#endif /* LAGSCAN_STORE_H */
