/* history.h: the history of runs and findings, kept in the fact store's
 * database (schema version 2, store.c). This file is private to analyzer/.
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
#ifndef LAGSCAN_HISTORY_H
#define LAGSCAN_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "inputs.h"
#include "store.h"

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

#endif /* LAGSCAN_HISTORY_H */
