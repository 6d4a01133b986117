/* workers.h: extraction in worker processes. This file is private to
 * src/scan.
 *
 * TUs are parsed in long-lived worker processes (forked once, fed job numbers
 * over a pipe), each writing facts to the store through its own database
 * connection. A TU that crashes libclang or runs past the time limit costs
 * only its worker, which is replaced: the TU is recorded as failed and the
 * scan goes on.
 */
#ifndef LAGSCAN_WORKERS_H
#define LAGSCAN_WORKERS_H

#include <stddef.h>
#include <stdint.h>

#include "inputs.h"

typedef struct ls_extract_job {
  const ls_tu_input *input;
  int64_t tu_id;    /* out: the TU's row id */
  int status;       /* out: ls_tu_status */
  char *message;    /* out: why it failed or its first error (heap), or NULL */
} ls_extract_job;

typedef struct ls_extract_options {
  const char *db_path;
  int jobs;            /* concurrent worker processes, >= 1 */
  int timeout_s;       /* per-TU wall-clock limit */
  int progress;        /* print progress to stderr (a TTY) */
  size_t done_before;  /* TUs already accounted for (cached), for progress */
  size_t total;        /* all TUs of the scan, for progress */
} ls_extract_options;

/* Runs every job. Returns 0 when every job has a result (failed TUs
 * included), -1 with *err set when workers could not be started at all. */
int ls_extract_all(ls_extract_job *jobs, size_t n, const ls_extract_options *opt, char **err);

#endif /* LAGSCAN_WORKERS_H */
