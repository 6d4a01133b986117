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
  const char *db_path;        /* NULL: ROOT/.lagscan/lagscan.db (ls_scan_locate) */
  char *const *rule_files;    /* --rules FILE... (added to the default packs) */
  int nrule_files;
  int jobs;                   /* worker processes; <= 0: number of cores */
  int tu_timeout_s;           /* per-TU limit; <= 0: 300 s */
  int progress;               /* progress on stderr */
  const char *command_line;   /* recorded in the report */
  const char *config_path;    /* --config FILE; NULL: ROOT/.lagscan.yml if present */
  const char *root;           /* --root DIR; NULL: found (rules.h, ls_project_root) */
  char *const *disable;       /* --disable RULE... (ids of the rule table) */
  int ndisable;
  int report_unused_suppressions; /* remarks on suppressions that suppressed nothing */
  const char *program;        /* --program NAME: only that program of the build
                                 (src/scan/programs.c); NULL: every program */
  /* Called once the graph is built, before the findings (ls_scan_why
   * reads the graph there); NULL: none. The graph is freed after. */
  void (*graph_visitor)(void *ctx, ls_graph *g, const ls_findings_options *fo);
  void *graph_visitor_ctx;
} ls_scan_options;

/* Where a run's files are: the project root (ls_project_root(root_opt)) and
 * the database, `db_opt` (--db, relative to the current directory) or
 * ROOT/.lagscan/lagscan.db. Both absolute (heap). Returns 0 or -1 with *err
 * set (and nothing to free). */
int ls_scan_locate(const char *root_opt, const char *db_opt, char **root, char **db, char **err);

/* Runs extract -> store -> graph -> rules -> findings. Returns 0 with
 * *report filled (TUs that failed are listed in report->notes, fatal ones
 * with fatal = 1, and so is a FILE under -p that no TU compiles or
 * includes), or -1 with *err set when there is nothing to report
 * (unreadable compilation database, bad rule pack or configuration,
 * unusable database, no translation unit at all); the report is then empty
 * (ls_report_free on it is harmless). */
int ls_scan(const ls_scan_options *opt, ls_report *report, char **err);

/* ==== lagscan why ========================================================= */

/* What the graph says of one function named FUNC. */
typedef struct ls_why_answer {
  char *function;        /* its name */
  char *defined;         /* where it is defined (as reported), or NULL */
  char *root;            /* the loop root of the path, or NULL: not reachable */
  ls_step *steps;        /* the shortest path from a loop root: registration,
                            then each call, the last entering the function */
  size_t nsteps;
  ls_step *workers;      /* not reachable: the registrations of the worker
                            roots from which it is reached */
  size_t nworkers;
} ls_why_answer;

typedef struct ls_why {
  ls_why_answer *answers; /* one per function of that name (static functions
                             of several files), in the graph's symbol order */
  size_t nanswers;        /* 0: no function of the program has that name */
} ls_why;

/* Runs the scan of `opt` (not recorded in the history) and answers, from
 * its graph, how `func` is reached from a loop root. *report is the scan's
 * (its notes name TUs that failed). Returns 0 with *why filled, or -1 with
 * *err set as ls_scan. */
int ls_scan_why(const ls_scan_options *opt, const char *func, ls_why *why, ls_report *report,
                char **err);
void ls_why_free(ls_why *why);

/* ==== shards and merge ================================================== */

/* extraction spread over machines.
 *
 * `lagscan extract --shard K/N` parses a deterministic 1/N of a compilation
 * database's TUs into a fact database of its own, and `lagscan merge`
 * combines such databases into one, so that `lagscan scan -p BUILD --db OUT`
 * finds every TU unchanged and runs only the graph phase. A CI matrix (or any
 * job scheduler) runs the N extractions at once, on N machines.
 *
 * A TU's shard is the first 8 bytes of the SHA-256 of its key (file,
 * directory and sanitized arguments, inputs.h) modulo N, plus one: it
 * depends only on the compile command, so every machine agrees, and it
 * splits evenly for every N. Keys and input hashes hold absolute
 * paths, so the shards, the merge and the final scan must see the sources
 * and the build directory at the same paths (a CI workspace usually is).
 */

/* The shard (1..nshards) a TU key belongs to. */
int ls_shard_of(const char *key, int nshards);

typedef struct ls_shard_options {
  const char *build_dir;  /* BUILD_DIR/compile_commands.json */
  const char *db_path;    /* NULL: ROOT/.lagscan/lagscan.db (ls_scan_locate) */
  int shard, nshards;     /* K of N, 1 <= K <= N; 1/1 is every TU */
  int jobs;               /* worker processes; <= 0: number of cores */
  int tu_timeout_s;       /* per-TU limit; <= 0: 300 s */
  int progress;           /* progress on stderr */
  const char *root;       /* --root DIR; NULL: found (rules.h, ls_project_root) */
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

/* ==== the scan as the CLI runs it ========================================= */

/* The whole policy of `lagscan scan` and `lagscan baseline`: scan, record
 * the run in the history (what the run saw, before a baseline filters it),
 * then apply the baseline. A failure to record costs only the history. */
typedef struct ls_scan_request {
  ls_scan_options scan;
  const char *baseline;       /* --baseline FILE, or NULL */
  int new_only;               /* keep only findings not in the baseline */
} ls_scan_request;

typedef struct ls_scan_outcome {
  ls_report report;
  char *history_error;        /* why the run is not in the history (heap), or NULL */
  char *baseline_error;       /* why the baseline could not be applied (heap), or NULL */
  size_t counted;             /* findings that decide the exit status */
  int fatal;                  /* a TU was not analyzed, or the baseline failed */
} ls_scan_outcome;

/* Returns 0 with *out filled, or -1 with *err set when there is nothing to
 * report (as ls_scan). ls_scan_outcome_free is safe either way. */
int ls_scan_run(const ls_scan_request *req, ls_scan_outcome *out, char **err);
void ls_scan_outcome_free(ls_scan_outcome *out);

/* Records the run that produced `report` (as ls_scan returned it, before a
 * baseline is applied) in the history (store.h): its program (the
 * compilation database a run read, or the set of files it parsed) and its
 * scope (FILE... under -p narrows the run to those files). */
int ls_scan_record(const ls_scan_options *opt, const ls_report *report, int64_t *run_id,
                   char **err);

#endif /* LAGSCAN_SCAN_H */
