/* workers.c: runs extraction in child processes (workers.h). */
#include "workers.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "facts.h"
#include "store.h"
#include "util.h"

enum { EXIT_STORED = 0, EXIT_NO_TU = 10, EXIT_STORE_ERROR = 11 };

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Test hook: LAGSCAN_TEST_FAULT=crash:NAME or hang:NAME makes the worker for
 * the TU whose file's base name is NAME crash or hang, as libclang might, so
 * the tests can check that the scan survives it. */
static void inject_fault(const ls_tu_input *in) {
  const char *spec = getenv("LAGSCAN_TEST_FAULT");
  if (!spec) return;
  const char *colon = strchr(spec, ':');
  const char *base = strrchr(in->file, '/');
  base = base ? base + 1 : in->file;
  if (!colon || strcmp(colon + 1, base) != 0) return;
  if (!strncmp(spec, "crash:", 6)) raise(SIGSEGV);
  if (!strncmp(spec, "hang:", 5))
    for (;;) pause();
}

/* The child: parse, store, exit. Never returns. */
static void run_child(const ls_tu_input *in, const char *db_path) {
  inject_fault(in);
  /* A hung parse is killed by the parent; a crash shows as a signal. */
  if (chdir(in->directory) != 0) {
    /* Parse from where we are: relative paths will fail and say so. */
  }
  int64_t t0 = now_ms();
  ls_facts facts = {0};
  char *err = NULL;
  int r = ls_extract_tu(in->file, (const char *const *)in->argv, in->argc, &facts, &err);
  int64_t ms = now_ms() - t0;
  ls_store store;
  char *serr = NULL;
  if (ls_store_open(db_path, &store, &serr) != 0) {
    fprintf(stderr, "lagscan: %s\n", serr);
    _exit(EXIT_STORE_ERROR);
  }
  int64_t id = 0;
  int code = EXIT_STORED;
  if (r != 0) {
    if (ls_store_put_tu(&store, in, NULL, LS_TU_FAILED, err, ms, &id, &serr) != 0) {
      fprintf(stderr, "lagscan: %s\n", serr);
      code = EXIT_STORE_ERROR;
    } else {
      code = EXIT_NO_TU;
    }
  } else {
    ls_tu_status st = facts.nerrors ? LS_TU_ERRORS : LS_TU_OK;
    if (ls_store_put_tu(&store, in, &facts, st, facts.first_error, ms, &id, &serr) != 0) {
      fprintf(stderr, "lagscan: %s\n", serr);
      code = EXIT_STORE_ERROR;
    }
  }
  ls_store_close(&store);
  fflush(stderr);
  _exit(code);
}

typedef struct running {
  pid_t pid;
  size_t job;
  int64_t started;
  int killed;
} running;

/* Records a TU whose worker died without storing anything. */
static void record_failure(const char *db_path, ls_extract_job *job, const char *why) {
  ls_store store;
  char *err = NULL;
  free(job->message);
  job->message = ls_xstrdup(why);
  job->status = LS_TU_FAILED;
  if (ls_store_open(db_path, &store, &err) != 0) {
    free(err);
    return;
  }
  if (ls_store_put_tu(&store, job->input, NULL, LS_TU_FAILED, why, 0, &job->tu_id, &err) != 0)
    free(err);
  ls_store_close(&store);
}

/* Reads back what the worker stored. */
static void read_result(const char *db_path, ls_extract_job *job) {
  ls_store store;
  char *err = NULL;
  if (ls_store_open(db_path, &store, &err) != 0) {
    free(err);
    return;
  }
  sqlite3_stmt *st;
  sqlite3_prepare_v2(store.db, "SELECT id, status, message FROM tu WHERE key=?", -1, &st, NULL);
  sqlite3_bind_text(st, 1, job->input->key, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) {
    job->tu_id = sqlite3_column_int64(st, 0);
    job->status = sqlite3_column_int(st, 1);
    const unsigned char *m = sqlite3_column_text(st, 2);
    free(job->message);
    job->message = m ? ls_xstrdup((const char *)m) : NULL;
  }
  sqlite3_finalize(st);
  ls_store_close(&store);
}

static void progress(const ls_extract_options *opt, size_t done, int64_t t0) {
  if (!opt->progress) return;
  fprintf(stderr, "\rlagscan: parsed %zu of %zu TUs (%.1f s)", opt->done_before + done,
          opt->total, (double)(now_ms() - t0) / 1000.0);
  fflush(stderr);
}

int ls_extract_all(ls_extract_job *jobs, size_t n, const ls_extract_options *opt, char **err) {
  int slots = opt->jobs > 0 ? opt->jobs : 1;
  running *run = ls_xcalloc((size_t)slots, sizeof *run);
  size_t next = 0, done = 0;
  int active = 0;
  int64_t t0 = now_ms();
  fflush(stdout);
  fflush(stderr);
  while (done < n) {
    while (active < slots && next < n) {
      pid_t pid = fork();
      if (pid < 0) {
        if (active == 0) {
          *err = ls_xasprintf("cannot start a worker process: %s", strerror(errno));
          free(run);
          return -1;
        }
        break; /* retry when a slot frees up */
      }
      if (pid == 0) run_child(jobs[next].input, opt->db_path);
      for (int i = 0; i < slots; i++)
        if (run[i].pid == 0) {
          run[i] = (running){pid, next, now_ms(), 0};
          break;
        }
      next++;
      active++;
    }
    int status;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      int64_t t = now_ms();
      for (int i = 0; i < slots; i++)
        if (run[i].pid && !run[i].killed && t - run[i].started > (int64_t)opt->timeout_s * 1000) {
          kill(run[i].pid, SIGKILL);
          run[i].killed = 1;
        }
      usleep(2000);
      continue;
    }
    for (int i = 0; i < slots; i++) {
      if (run[i].pid != pid) continue;
      ls_extract_job *job = &jobs[run[i].job];
      if (run[i].killed) {
        char *why = ls_xasprintf("timed out after %d s (libclang hung)", opt->timeout_s);
        record_failure(opt->db_path, job, why);
        free(why);
      } else if (WIFSIGNALED(status)) {
        char *why = ls_xasprintf("libclang crashed (%s)", strsignal(WTERMSIG(status)));
        record_failure(opt->db_path, job, why);
        free(why);
      } else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_STORE_ERROR) {
        record_failure(opt->db_path, job, "could not store the facts");
      } else {
        read_result(opt->db_path, job);
      }
      run[i].pid = 0;
      active--;
      done++;
      progress(opt, done, t0);
      break;
    }
  }
  if (opt->progress) fputc('\n', stderr);
  free(run);
  return 0;
}
