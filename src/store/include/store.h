/* store.h: the public interface of the store stage, the fact store: an
 * SQLite database (default .lagscan/lagscan.db). It is the only stage that
 * speaks SQL; every other stage sees typed records.
 *
 * Facts are stored per TU and replaced whole, in one transaction per TU, so a
 * reader sees each TU either before or after its re-extraction, never half.
 * Symbols (functions, parameters, variables, fields) are interned in one
 * table shared by all TUs: that is what joins TUs into one program.
 *
 * The database is opened in WAL mode with a busy timeout, so worker
 * processes can write while others wait, and two scans can share it. Every
 * function that can fail returns 0 or -1 with *err set to a heap message
 * that names the database.
 */
#ifndef LAGSCAN_STORE_H
#define LAGSCAN_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"
#include "inputs.h"

/* PRAGMA user_version of the schema this lagscan writes (schema.c says what
 * each version added). Older databases are migrated when opened; newer ones
 * are refused. */
#define LS_SCHEMA_VERSION 9

/* Where scans keep their database unless --db says otherwise. */
#define LS_DEFAULT_DB ".lagscan/lagscan.db"

typedef enum ls_tu_status {
  LS_TU_OK = 0,          /* parsed cleanly */
  LS_TU_ERRORS = 1,      /* parsed with errors; facts kept, message says the first */
  LS_TU_FAILED = 2       /* no facts: libclang failed, crashed or timed out */
} ls_tu_status;

typedef struct ls_store ls_store;

/* Opens (creating directories and schema as needed) the database at path.
 * A database written by a newer lagscan is refused; one that is not a
 * database or is corrupt is moved aside (with a warning on stderr) and
 * rebuilt. */
int ls_store_open(const char *path, ls_store **out, char **err);
void ls_store_close(ls_store *store); /* NULL is fine */
const char *ls_store_path(const ls_store *store);

/* The hash of everything that decides a TU's facts: its arguments, its
 * source and the headers it includes (`includes`, absolute paths). Files are
 * hashed at most once per process and not at all when their size and mtime
 * match the file table. */
void ls_store_input_hash(ls_store *s, const ls_tu_input *in, char *const *includes,
                         size_t nincludes, char out[65]);

/* Whether the stored facts of TU `in` can be reused: it was analyzed (its
 * status is not LS_TU_FAILED) and the hash of its inputs is the stored one.
 * Sets *id (0 if the TU is unknown) and *status. The first call reads the
 * file, tu and tu_include tables in three queries, so checking every TU of
 * a program costs a stat per file and no query per TU; later calls see the
 * database as it was then (until ls_store_put_tu on this connection). A
 * database that cannot be read answers "not unchanged": the TU is parsed. */
int ls_store_unchanged(ls_store *s, const ls_tu_input *in, int64_t *id, int *status);

/* ls_store_unchanged for many TUs in one transaction (the digests it
 * refreshes are written together): out[i] for tus[i]. */
typedef struct ls_tu_reuse {
  int64_t id;    /* 0 if the TU is unknown */
  int status;    /* ls_tu_status as stored */
  int unchanged; /* the stored facts can be reused */
} ls_tu_reuse;
int ls_store_unchanged_all(ls_store *s, const ls_tu_input *const *tus, size_t n,
                           ls_tu_reuse *out, char **err);

/* What the store says of the TU with this key: *id (0 if unknown), its
 * status and, when message is not NULL, its message (heap, or NULL). */
int ls_store_tu_lookup(ls_store *s, const char *key, int64_t *id, int *status, char **message,
                       char **err);
/* The stored message of TU `id` (heap, or NULL when it has none). */
int ls_store_tu_message(ls_store *s, int64_t id, char **message, char **err);
/* Every stored TU's id, in id order (heap array). */
int ls_store_tu_ids(ls_store *s, int64_t **ids, size_t *n, char **err);

/* Replaces the TU's facts (one transaction). status/message describe the
 * parse; facts may be NULL for a failed TU. Sets *tu_id. */
int ls_store_put_tu(ls_store *s, const ls_tu_input *in, const ls_facts *facts,
                    ls_tu_status status, const char *message, int64_t parse_ms,
                    int64_t *tu_id, char **err);

/* Sets a key of the meta table ("shard" -> "2/4"). */
int ls_store_set_meta(ls_store *s, const char *key, const char *value, char **err);

/* Rows in one of the schema's tables ("func", "call", ...); for tests and
 * benchmarks. An unknown table is an error. */
int ls_store_count(ls_store *s, const char *table, int64_t *n, char **err);
/* The schema version of the open database. */
int ls_store_version(ls_store *s, int *version, char **err);

/* The facts of the TUs `ids` (the scan's), joined into one program
 * (facts.h, ls_program) for the graph. */
int ls_store_load_program(ls_store *s, const int64_t *ids, size_t n, ls_program *out,
                          char **err);

/* The SHA-256 of a program's TUs: each TU's key with the hash of its inputs
 * as the store has it now, in key order. Two runs with the same value
 * analyzed the same sources, headers and flags. */
int ls_store_inputs_hash(ls_store *s, const ls_tu_list *tus, char out[65], char **err);

/* ==== merging fact databases ============================================== */

typedef struct ls_merge_result {
  size_t shards;          /* databases merged */
  size_t tus;             /* TUs copied */
  size_t replaced;        /* TUs that replaced a stored TU with the same key */
  char *warning;          /* e.g. "shard 2/3 is missing" (heap), or NULL */
} ls_merge_result;

/* Copies every TU of each shard database into the database at out_path
 * (created if needed): symbols are re-interned by key, file rows by path
 * (their digests kept, so unchanged files are not read again), TU, call and
 * other ids renumbered, and every fact table copied. A TU already in the
 * output, or in an earlier shard, is replaced by the later copy. Each shard
 * is merged in one transaction. Fails on a missing shard, a file that is
 * not a lagscan fact database, one written by a newer lagscan, or the
 * output given as an input. */
int ls_merge_stores(const char *out_path, char *const *shards, int nshards,
                    ls_merge_result *res, char **err);

/* ==== the history of runs ================================================== */

/* The history of runs and findings, kept in the fact store's database
 * (schema version 2). Every `lagscan scan` and `lagscan baseline` records
 * its run and the findings it saw, keyed by fingerprint, so `lagscan
 * history` can say when each finding was first and last seen, which runs
 * introduced and fixed findings, and which are still open.
 *
 * A finding belongs to a program (what was scanned). A finding becomes
 * fixed when a complete run of its program no longer sees it, within the
 * run's scope (the whole program, or the files a narrowed run covered). A
 * fixed finding that is seen again is open again, and counts as new in the
 * run that saw it; its first-seen date stays. */

/* One finding as a run saw it. */
typedef struct ls_history_seen {
  const char *fingerprint, *rule, *path, *abspath, *function, *callee, *root, *message;
  int64_t line;
} ls_history_seen;

/* A run to record, with what it saw. */
typedef struct ls_history_entry {
  const char *program, *program_label; /* identity of what was scanned, for people */
  int64_t started_at, ended_at;
  const char *command_line;            /* may be NULL */
  const char *inputs_hash;
  char *const *scope;                  /* absolute files of a narrowed run; NULL: whole */
  size_t nscope;
  int complete;                        /* every TU analyzed: absence means fixed */
  int64_t tus_total, tus_parsed, tus_cached, tus_failed;
  const ls_history_seen *seen;
  size_t nseen;
} ls_history_entry;

/* Records the run in one transaction: on any failure nothing is recorded.
 * Sets *run_id. */
int ls_history_record(ls_store *s, const ls_history_entry *e, int64_t *run_id, char **err);

typedef struct ls_history_run {
  int64_t id;
  char *program;        /* identity of what was scanned */
  char *program_label;  /* the same for people: ".../build/compile_commands.json" */
  int64_t started_at, ended_at;
  char *command_line;   /* may be NULL */
  char *inputs_hash;    /* SHA-256 of the TUs' keys and input hashes */
  char **scope;         /* the files a narrowed run covered; NULL: whole program */
  size_t nscope;
  int complete;         /* every TU analyzed */
  int64_t tus_total, tus_parsed, tus_cached, tus_failed;
  int64_t nfindings;    /* findings the run saw */
  int64_t nnew;         /* opened by the run: first seen, or seen again after a fix */
  int64_t nfixed;       /* fixed by the run */
  int64_t nopen;        /* open in the program after the run */
} ls_history_run;

typedef struct ls_history_finding {
  char *program, *fingerprint, *rule, *path, *function, *callee, *root, *message;
  int64_t line;
  int64_t first_run, first_seen; /* run id and unix time */
  int64_t last_run, last_seen;
  int64_t opened_run;            /* the run since which it is open */
  int64_t fixed_run, fixed_at;   /* 0 while open */
} ls_history_finding;

/* Which findings ls_history_load lists (bits; none: only the runs). */
enum {
  LS_HISTORY_OPEN = 1,  /* open now */
  LS_HISTORY_FIXED = 2, /* fixed by one of the runs shown */
  LS_HISTORY_NEW = 4    /* opened by one of the runs shown */
};

typedef struct ls_history_query {
  const char *db_path;  /* NULL: LS_DEFAULT_DB */
  int all_programs;     /* 0: only the program of the latest run */
  size_t max_runs;      /* the last N runs; 0: all */
  unsigned select;      /* LS_HISTORY_* */
} ls_history_query;

typedef struct ls_history {
  char *db_path;
  char *program, *program_label; /* the program shown; NULL with all_programs or no runs */
  size_t nprograms;              /* programs with runs in the database */
  ls_history_run *runs;          /* oldest first */
  size_t nruns;
  ls_history_finding *findings;  /* by path, line, rule */
  size_t nfindings;
} ls_history;

/* Reads the history from an existing database without changing it. A
 * database older than version 2 has no runs. Fails when there is no
 * database at the path, it is not a database, or its schema is newer. */
int ls_history_load(const ls_history_query *q, ls_history *out, char **err);
void ls_history_free(ls_history *h);

#endif /* LAGSCAN_STORE_H */
