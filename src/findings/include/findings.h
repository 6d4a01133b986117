/* findings.h: the public interface of the findings stage: the report model
 * (the one description of a scan's result that every writer in reports/
 * renders), the step that turns the graph into findings (paths,
 * fingerprints, suppressions, exclusions), and baselines.
 *
 * Ownership: every string and array reachable from an ls_report belongs to
 * the report and lives until ls_report_free().
 */
#ifndef LAGSCAN_FINDINGS_H
#define LAGSCAN_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "rules.h"

/* A place in a source file. Lines and columns are 1-based; end_line/end_col
 * delimit the region (end_col is exclusive, as in SARIF); 0 means unknown. */
typedef struct ls_location {
  const char *path;  /* as given or relative to the report's srcroot */
  unsigned line, col;
  unsigned end_line, end_col;
} ls_location;

/* One step of the path from the registration of a loop callback down to the
 * blocking call. A finding's steps run root first. */
typedef enum ls_step_kind {
  LS_STEP_REGISTRATION, /* where the root callback is handed to the loop */
  LS_STEP_CALL,         /* a call from one function to the next */
  LS_STEP_BLOCKING      /* the blocking call itself, or the loop of a
                           cpu-loop finding (always the last step) */
} ls_step_kind;

/* Every part of a step is a field of its own, so that a writer formats and
 * never parses the message. */
typedef struct ls_step {
  ls_step_kind kind;
  ls_location loc;
  const char *function; /* function containing loc (NULL for a registration
                           made at file scope, e.g. a static initializer) */
  const char *callee;   /* REGISTRATION: the root registered; CALL: the
                           function called; BLOCKING: the blocking function
                           (for a loop, cpu-loop: the function it is in) */
  const char *api;      /* REGISTRATION: how the root is registered, as the
                           message says it ("uv_timer_start", or
                           "uv_timer_start, through 'wrap'"); else NULL */
  ls_context context;   /* REGISTRATION: the root's context; else 0 */
  const char *message;  /* e.g. "function 'hash_password' called here from
                           'on_register'" or "'on_register' registered here
                           as a loop callback (tl_http_route)" */
} ls_step;

/* Another loop root from which the blocking call is also reachable. */
typedef struct ls_related {
  ls_location loc;      /* its registration site */
  const char *root;     /* the other root ("on_timer") */
  const char *api;      /* how it is registered, as in ls_step.api */
  ls_context context;   /* its context */
  const char *message;  /* "'on_timer' (a loop callback registered here with
                           uv_timer_start) also reaches this call" */
} ls_related;

typedef enum ls_baseline_state {
  LS_BASELINE_NONE = 0, /* no baseline given */
  LS_BASELINE_NEW,
  LS_BASELINE_UNCHANGED,
  LS_BASELINE_ABSENT    /* in the baseline, no longer found */
} ls_baseline_state;

typedef struct ls_finding {
  const char *rule_id;   /* a rule id of the table (rules.h) */
  ls_location loc;       /* the blocking call */
  const char *message;   /* what blocks and for how long it can */
  const char *callee;    /* the blocking function's name (for a loop,
                            cpu-loop: the function it is in) */
  const char *function;  /* the function containing the blocking call */
  const char *root;      /* the loop callback the path starts from */
  ls_step *steps;        /* root first, blocking call last */
  size_t nsteps;
  ls_related *related;
  size_t nrelated;
  char fingerprint[65];  /* hex SHA-256 of rule, function, callee, line text */
  ls_baseline_state baseline;
} ls_finding;


/* An event loop found in the code (src/graph/loops.c), for the summary. */
typedef struct ls_loop_found {
  ls_location loc;       /* its wait (for an enclosing loop, the dispatcher's call) */
  const char *function;  /* "aeProcessEvents" */
  const char *wait;      /* "epoll_wait, through 'aeApiPoll'" */
  const char **slots;    /* the fields and variables it calls through */
  size_t nslots;
  int named;             /* a rule pack names it */
} ls_loop_found;

/* A program of the build (src/scan/programs.c): its name and how many of
 * the scan's TUs it has. */
typedef struct ls_program_info {
  char *name;
  size_t ntus;
} ls_program_info;

/* A translation unit that could not be analyzed, or analyzed with errors. */
typedef struct ls_notification {
  const char *path;    /* the TU's main file */
  const char *message; /* "libclang crashed", "timed out after 60 s", first error */
  int fatal;           /* 1: no facts at all from this TU (exit status 2) */
} ls_notification;

/* A remark on a comment of the source, made by the findings stage: a
 * suppression comment that cannot suppress anything (no rule list, an
 * unknown rule id), or, when asked for, one that suppressed nothing. A
 * remark never changes the exit status. */
typedef enum ls_remark_kind {
  LS_REMARK_BAD_SUPPRESSION,
  LS_REMARK_UNUSED_SUPPRESSION
} ls_remark_kind;

typedef struct ls_remark {
  ls_remark_kind kind;
  ls_location loc;     /* the comment's marker (end_line/end_col 0) */
  const char *message; /* "NOLAGSCAN names no rule, so it suppresses nothing: ..." */
} ls_remark;

typedef struct ls_report {
  ls_finding *findings;
  size_t nfindings;
  ls_rule_info *rules;       /* every known rule, whether it fired or not;
                                the array is owned, its strings borrowed */
  size_t nrules;
  ls_notification *notes;
  size_t nnotes;
  ls_remark *remarks;        /* sorted by file and line */
  size_t nremarks;
  ls_loop_found *loops;      /* event loops found in the code, by place */
  size_t nloops;
  ls_program_info *programs; /* the build's programs when it has several
                                (each analyzed on its own), by name */
  size_t nprograms;
  char *programs_from;       /* the build metadata that named the programs
                                ("the CMake File API"), or NULL: inferred */
  char **pack_warnings;      /* "tools/our.yml:12: 'sdk_listen' matches nothing
                                in the program": entries of one's own rule
                                packs that match nothing, by file and line;
                                for stderr only, no writer shows them */
  size_t npack_warnings;
  const char *srcroot;       /* absolute directory that relative paths use */
  const char *tool_version;  /* LAGSCAN_VERSION (static, not freed) */
  const char *command_line;  /* for SARIF invocations */
  int64_t start_time;        /* unix seconds */
  int64_t end_time;
  size_t tus_total, tus_parsed, tus_cached, tus_failed;
  char inputs_hash[65];      /* SHA-256 of every TU's key and input hash after
                                the scan (the history's run identity), or "" */
  struct ls_catalogue *catalogue; /* owns the rule strings; private */
} ls_report;

void ls_report_free(ls_report *report);
/* Moves from's findings, remarks and event loops into `into`, dropping
 * those `into` has already (same place and rule; same comment; same loop):
 * the reports of two programs sharing a file. from keeps the rest. `first`
 * says `into` holds no program yet; after it, a remark that a suppression
 * suppressed nothing stays only while every program merged has it. */
void ls_report_merge(ls_report *into, ls_report *from, int first);
/* Sorts findings, remarks and loops by place (what ls_findings_build
 * gives one program's report). */
void ls_report_sort(ls_report *r);
/* Frees the strings of `n` steps and the array (as ls_report_free does). */
void ls_steps_free(ls_step *steps, size_t n);

/* ---- baselines ------------------------------------------------------------ */

/* Writes the findings' fingerprints to `path` (JSON, via a temporary file
 * renamed into place). Returns 0 or -1 with *err set. */
int ls_baseline_write(const ls_report *report, const char *path, char **err);

/* Reads the baseline at `path` and sets each finding's baseline state (new or
 * unchanged); baseline entries no longer found are appended as findings with
 * state LS_BASELINE_ABSENT, unless new_only, which instead keeps only the new
 * findings. Returns 0 or -1 with *err naming the file and the problem. */
int ls_baseline_apply(ls_report *report, const char *path, int new_only, char **err);

/* ---- building findings ---------------------------------------------------- */

typedef struct ls_findings_options {
  const char *srcroot;      /* absolute; paths under it are reported relative */
  char *const *only_files;  /* absolute paths: report only findings whose
                               blocking call, some call of the path, or
                               registration is in one of them */
  size_t nonly;
  const struct ls_config *config; /* exclusions; may be NULL */
  int report_unused;        /* add a remark for each suppression comment that
                               suppressed nothing */
} ls_findings_options;

/* Appends findings to report->findings (sorted by file, line, column, rule)
 * and remarks on suppression comments to report->remarks.
 *
 * Suppressions: a finding is dropped when its blocking call's line carries
 * NOLAGSCAN(rule) (or the line before NOLAGSCANNEXTLINE(rule)), and also
 * when a call of its path does (path suppression). Which comments suppressed
 * something does not depend on only_files: every hit is checked. Remarks
 * cover the files this step read for suppressions (the files of the
 * blocking calls and of the calls of their paths), narrowed to only_files
 * when given, and never a file the configuration excludes.
 * Returns 0, or -1 with *err set. */
int ls_findings_build(ls_graph *g, const ls_findings_options *opt, ls_report *report,
                      char **err);

/* The shortest path from a loop root to function `func`, in the words of a
 * finding's notes: the registration (when a root was found), then each
 * call, the last entering `func` (none when `func` is the root). Sets *root
 * to the root's name (heap). Returns 0, or -1 when no loop root reaches
 * `func` (nothing set). Free the steps with ls_steps_free. */
int ls_findings_path_to(ls_graph *g, const ls_findings_options *opt, uint32_t func,
                        ls_step **steps, size_t *nsteps, char **root);

/* The registration of root `root_index` (an index into g->roots), worded
 * as a finding's first note. Free it with ls_steps_free(step, 1). */
ls_step *ls_findings_registration(ls_graph *g, const ls_findings_options *opt,
                                  uint32_t root_index);

#endif /* LAGSCAN_FINDINGS_H */
