/* scan.h: the public interface of the scan stage, the driver that runs the
 * pipeline (inputs -> extract -> store -> graph -> checkers -> findings) for
 * `lagscan scan` and `lagscan baseline`, extraction in worker processes,
 * shards and their merge, and the history of runs.
 */
#ifndef LAGSCAN_SCAN_H
#define LAGSCAN_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "findings.h"
#include "store.h"

/* ---- running a scan ------------------------------------------------------ */

typedef struct ls_scan_options {
  const char *build_dir;      /* -p: BUILD_DIR/compile_commands.json, or NULL */
  char *const *files;         /* with build_dir: narrow the report to these;
                                 without: the TUs to parse */
  int nfiles;
  char *const *flags;         /* compiler flags after `--` (without -p) */
  int nflags;
  const char *db_path;        /* NULL: .lagscan/lagscan.db */
  char *const *rule_files;    /* --rules FILE... (added to the default packs) */
  int nrule_files;
  int jobs;                   /* worker processes; <= 0: number of cores */
  int tu_timeout_s;           /* per-TU limit; <= 0: 300 s */
  int progress;               /* progress on stderr */
  const char *command_line;   /* recorded in the report */
  const char *config_path;    /* --config FILE; NULL: ./.lagscan.yml if present */
} ls_scan_options;

/* Runs extract -> store -> graph -> rules -> findings. Returns 0 with
 * *report filled (TUs that failed are listed in report->notes, fatal ones
 * with fatal = 1), or -1 with *err set when there is nothing to report
 * (unreadable compilation database, bad rule pack or configuration,
 * unusable database); the report is then empty (ls_report_free on it is
 * harmless). */
int ls_scan(const ls_scan_options *opt, ls_report *report, char **err);

/* ==== shards and merge ================================================== */

/* extraction spread over machines.
 *
 * `lagscan extract --shard K/N` parses a deterministic 1/N of a compilation
 * database's TUs into a fact database of its own, and `lagscan merge`
 * combines such databases into one, so that `lagscan scan -p BUILD --db OUT`
 * finds every TU unchanged and runs only the graph phase. A CI matrix (or any
 * job scheduler) runs the N extractions at once, on N machines.
 *
 * A TU's shard is the FNV-1a hash of its key (file, directory and sanitized
 * arguments, inputs.h) modulo N, plus one: it depends only on the compile
 * command, so every machine agrees. Keys and input hashes hold absolute
 * paths, so the shards, the merge and the final scan must see the sources
 * and the build directory at the same paths (a CI workspace usually is).
 */




/* The shard (1..nshards) a TU key belongs to. */
int ls_shard_of(const char *key, int nshards);

typedef struct ls_shard_options {
  const char *build_dir;  /* BUILD_DIR/compile_commands.json */
  const char *db_path;    /* NULL: .lagscan/lagscan.db */
  int shard, nshards;     /* K of N, 1 <= K <= N; 1/1 is every TU */
  int jobs;               /* worker processes; <= 0: number of cores */
  int tu_timeout_s;       /* per-TU limit; <= 0: 300 s */
  int progress;           /* progress on stderr */
} ls_shard_options;

typedef struct ls_shard_result {
  size_t total;           /* TUs in the compilation database (distinct keys) */
  size_t selected;        /* TUs of this shard */
  size_t parsed, cached, failed;
  ls_notification *notes; /* TUs that failed (fatal) or parsed with errors */
  size_t nnotes;
} ls_shard_result;

/* Parses the shard's TUs that are not already stored unchanged into the
 * database, in worker processes (workers.h), and records "K/N" in the
 * database's meta table. No graph, no findings. Returns 0 with *res filled
 * (failed TUs in res->notes, fatal = 1), or -1 with *err set. */
int ls_extract_shard(const ls_shard_options *opt, ls_shard_result *res, char **err);
void ls_shard_result_free(ls_shard_result *res);

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
 * is merged in one transaction. Returns 0, or -1 with *err set (a missing
 * shard, a file that is not a lagscan fact database, one written by a newer
 * lagscan, the output given as an input). */
int ls_merge_stores(const char *out_path, char *const *shards, int nshards,
                    ls_merge_result *res, char **err);

/* ==== history ========================================================== */

/* the history of runs and findings, kept in the fact store's
 * database (schema version 2, store.c).
 *
 * Every `lagscan scan` and `lagscan baseline` records its run and the
 * findings it saw, keyed by fingerprint, so `lagscan history` can say when
 * each finding was first and last seen, which runs introduced and fixed
 * findings, and which are still open.
 *
 * A finding belongs to a program: the compilation database a run read
 * (-p BUILD_DIR), or the set of files it parsed (FILE... -- FLAGS). A finding
 * becomes fixed when a run of its program no longer sees it and that run
 *   - analyzed every translation unit (a TU that failed proves nothing), and
 *   - covered the whole program, or was narrowed with FILE... under -p to
 *     files that include the finding's file (only findings in those files are
 *     affected by a narrowed run).
 * A fixed finding that is seen again is open again, and counts as new in the
 * run that saw it; its first-seen date stays.
 */




/* Where scans keep their database unless --db says otherwise (relative to
 * the current directory). */
#define LS_DEFAULT_DB ".lagscan/lagscan.db"

/* Records the run that produced `report` (as ls_scan returned it, before a
 * baseline is applied) with the options it ran with, in one transaction: on
 * any failure nothing is recorded. Returns 0 with *run_id set, or -1 with
 * *err set; the report is never changed. */
int ls_history_record(const ls_scan_options *opt, const ls_report *report, int64_t *run_id,
                      char **err);

/* The SHA-256 of a program's TUs: each TU's key with the hash of its inputs
 * as the store has it now, in key order. Two runs with the same value
 * analyzed the same sources, headers and flags. Returns 0, or -1 with *err
 * set. */
int ls_history_inputs_hash(ls_store *s, const ls_tu_list *tus, char out[65], char **err);

/* ---- reading ------------------------------------------------------------ */

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
 * database older than version 2 has no runs. Returns 0, or -1 with *err set
 * (no database at the path, not a database, a newer schema). */
int ls_history_load(const ls_history_query *q, ls_history *out, char **err);
void ls_history_free(ls_history *h);

#endif /* LAGSCAN_SCAN_H */
