/* workers.c: runs extraction in long-lived worker processes (workers.h).
 *
 * Each worker is a forked child that parses TUs one after another: the
 * parent sends it a job number on its job pipe; the child parses that TU,
 * stores its facts through its own database connection (opened once) and
 * answers on its result pipe with the job number and a code. Parsing many
 * TUs in one process lets the allocator reuse the pages of the previous AST
 * instead of faulting in a fresh heap per TU.
 *
 * A worker that crashes, or runs past the per-TU limit and is killed, costs
 * only the TU it was on: that TU is recorded as failed, a fresh worker takes
 * its place and the scan goes on.
 *
 * Invariant: a worker has at most one job in flight and the parent knows
 * which (worker.job), so every death is charged to exactly that TU.
 */
#define _GNU_SOURCE /* pipe2 */
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "store.h"
#include "common.h"

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

/* Parses and stores one TU in the worker; returns the code for the parent. */
static int32_t extract_one(const ls_tu_input *in, ls_store *store) {
  inject_fault(in);
  if (chdir(in->directory) != 0) {
    /* Parse from where we are: relative paths will fail and say so. */
  }
  int64_t t0 = now_ms();
  ls_facts facts = {0};
  char *err = NULL, *serr = NULL;
  int r = ls_extract_tu(in->file, (const char *const *)in->argv, in->argc, &facts, &err);
  int64_t ms = now_ms() - t0;
  int64_t id = 0;
  int32_t code = EXIT_STORED;
  if (r != 0) {
    if (ls_store_put_tu(store, in, NULL, LS_TU_FAILED, err, ms, &id, &serr) != 0) {
      fprintf(stderr, "lagscan: %s\n", serr);
      code = EXIT_STORE_ERROR;
    } else {
      code = EXIT_NO_TU;
    }
  } else {
    ls_tu_status st = facts.nerrors ? LS_TU_ERRORS : LS_TU_OK;
    if (ls_store_put_tu(store, in, &facts, st, facts.first_error, ms, &id, &serr) != 0) {
      fprintf(stderr, "lagscan: %s\n", serr);
      code = EXIT_STORE_ERROR;
    }
  }
  free(serr);
  free(err);
  ls_facts_free(&facts);
  return code;
}

static int read_full(int fd, void *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, (char *)buf + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    got += (size_t)r;
  }
  return 0;
}

static int write_full(int fd, const void *buf, size_t n) {
  size_t put = 0;
  while (put < n) {
    ssize_t r = write(fd, (const char *)buf + put, n - put);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    put += (size_t)r;
  }
  return 0;
}

/* The worker: takes job numbers until its job pipe closes. Never returns. */
static void worker_main(const ls_extract_job *jobs, const char *db_path, int job_fd,
                        int result_fd) {
  ls_store *store = NULL;
  char *serr = NULL;
  int stored = ls_store_open(db_path, &store, &serr) == 0;
  if (!stored) fprintf(stderr, "lagscan: %s\n", serr);
  free(serr);
  uint32_t job;
  while (read_full(job_fd, &job, sizeof job) == 0) {
    int32_t answer[2] = {(int32_t)job, EXIT_STORE_ERROR};
    if (stored) answer[1] = extract_one(jobs[job].input, store);
    fflush(stderr);
    if (write_full(result_fd, answer, sizeof answer) != 0) break;
  }
  ls_store_close(store);
  fflush(stderr);
  _exit(0);
}

typedef struct worker {
  pid_t pid;        /* 0: no process */
  int job_fd;       /* parent's write end of the job pipe */
  int result_fd;    /* parent's read end of the result pipe */
  long job;         /* the job in flight, or -1 */
  int64_t started;  /* when that job was sent */
  int killed;       /* killed for running past the limit */
} worker;

/* Records a TU whose worker died without storing anything. */
static void record_failure(ls_store *store, ls_extract_job *job, const char *why) {
  char *err = NULL;
  free(job->message);
  job->message = ls_xstrdup(why);
  job->status = LS_TU_FAILED;
  if (ls_store_put_tu(store, job->input, NULL, LS_TU_FAILED, why, 0, &job->tu_id, &err) != 0)
    free(err); /* the TU is reported failed whether or not the store heard of it */
}

/* Reads back what the worker stored. A database that cannot be read
 * leaves the job without a TU id: it is reported as failed. */
static void read_result(ls_store *store, ls_extract_job *job) {
  char *message = NULL, *err = NULL;
  int status = LS_TU_FAILED;
  int64_t id = 0;
  if (ls_store_tu_lookup(store, job->input->key, &id, &status, &message, &err) != 0) {
    free(job->message);
    job->message = err;
    return;
  }
  if (!id) return;
  job->tu_id = id;
  job->status = status;
  free(job->message);
  job->message = message;
}

static void progress(const ls_extract_options *opt, size_t done, int64_t t0) {
  if (!opt->progress) return;
  fprintf(stderr, "\rlagscan: parsed %zu of %zu TUs (%.1f s)", opt->done_before + done,
          opt->total, (double)(now_ms() - t0) / 1000.0);
  fflush(stderr);
}

static void close_worker_fds(worker *w) {
  if (w->job_fd >= 0) close(w->job_fd);
  if (w->result_fd >= 0) close(w->result_fd);
  w->job_fd = w->result_fd = -1;
}

/* Starts worker `i`. Returns 0 or -1 (errno set). */
static int spawn(worker *ws, int nworkers, int i, const ls_extract_job *jobs, const char *db_path) {
  int jp[2], rp[2];
  if (pipe2(jp, O_CLOEXEC) != 0) return -1;
  if (pipe2(rp, O_CLOEXEC) != 0) {
    close(jp[0]);
    close(jp[1]);
    return -1;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    close(jp[0]);
    close(jp[1]);
    close(rp[0]);
    close(rp[1]);
    errno = e;
    return -1;
  }
  if (pid == 0) {
    /* The other workers' pipe ends must not stay open here, or closing a
     * job pipe would never reach its worker as end of file. */
    for (int k = 0; k < nworkers; k++)
      if (k != i) close_worker_fds(&ws[k]);
    close(jp[1]);
    close(rp[0]);
    signal(SIGPIPE, SIG_DFL);
    worker_main(jobs, db_path, jp[0], rp[1]);
  }
  close(jp[0]);
  close(rp[1]);
  ws[i] = (worker){pid, jp[1], rp[0], -1, 0, 0};
  return 0;
}

/* A worker's result pipe reached end of file: it died (or was killed) with
 * its job in flight, if any. Reaps it, charges the job, and returns whether
 * there was one. */
static int worker_died(worker *w, ls_store *store, ls_extract_job *jobs,
                       const ls_extract_options *opt) {
  int status = 0, charged = w->job >= 0;
  waitpid(w->pid, &status, 0);
  if (charged) {
    ls_extract_job *job = &jobs[w->job];
    char *why;
    if (w->killed)
      why = ls_xasprintf("timed out after %d s (libclang hung)", opt->timeout_s);
    else if (WIFSIGNALED(status))
      why = ls_xasprintf("libclang crashed (%s)", strsignal(WTERMSIG(status)));
    else
      why = ls_xasprintf("the worker exited unexpectedly (status %d)", WEXITSTATUS(status));
    record_failure(store, job, why);
    free(why);
  }
  close_worker_fds(w);
  w->pid = 0;
  w->job = -1;
  return charged;
}

int ls_extract_all(ls_extract_job *jobs, size_t n, const ls_extract_options *opt, char **err) {
  int nworkers = opt->jobs > 0 ? opt->jobs : 1;
  if ((size_t)nworkers > n) nworkers = (int)n;
  worker *ws = ls_xcalloc((size_t)nworkers, sizeof *ws);
  for (int i = 0; i < nworkers; i++) ws[i] = (worker){0, -1, -1, -1, 0, 0};
  struct pollfd *pfd = ls_xcalloc((size_t)nworkers, sizeof *pfd);
  ls_store *store = NULL;
  char *serr = NULL;
  if (ls_store_open(opt->db_path, &store, &serr) != 0) {
    *err = serr;
    free(pfd);
    free(ws);
    return -1;
  }
  void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN); /* a dead worker's job pipe */
  size_t next = 0, done = 0;
  int64_t t0 = now_ms();
  int rc = 0;
  while (done < n) {
    /* Keep every worker alive and busy while there is work. */
    int alive = 0;
    for (int i = 0; i < nworkers; i++) {
      if (!ws[i].pid && next < n && spawn(ws, nworkers, i, jobs, opt->db_path) != 0) continue;
      if (!ws[i].pid) continue;
      alive++;
      if (ws[i].job < 0 && next < n) {
        uint32_t j = (uint32_t)next;
        ws[i].job = (long)next++;
        ws[i].started = now_ms();
        if (write_full(ws[i].job_fd, &j, sizeof j) != 0) {
          /* It died before taking the job: the job is charged to it below
           * when its result pipe reports end of file. */
        }
      }
    }
    if (!alive) {
      *err = ls_xasprintf("cannot start a worker process: %s", strerror(errno));
      rc = -1;
      break;
    }
    /* Wait for an answer, a death or the next time limit. */
    int64_t now = now_ms(), wait_ms = 1000;
    nfds_t np = 0;
    for (int i = 0; i < nworkers; i++) {
      if (!ws[i].pid || ws[i].job < 0) continue;
      int64_t left = ws[i].started + (int64_t)opt->timeout_s * 1000 - now;
      if (left <= 0 && !ws[i].killed) {
        kill(ws[i].pid, SIGKILL);
        ws[i].killed = 1;
      }
      if (left > 0 && left < wait_ms) wait_ms = left;
      pfd[np++] = (struct pollfd){ws[i].result_fd, POLLIN, 0};
    }
    if (np == 0) continue;
    if (poll(pfd, np, (int)wait_ms) < 0 && errno != EINTR) {
      *err = ls_xasprintf("cannot wait for the workers: %s", strerror(errno));
      rc = -1;
      break;
    }
    for (nfds_t k = 0; k < np; k++) {
      if (!pfd[k].revents) continue;
      worker *w = NULL;
      for (int i = 0; i < nworkers; i++)
        if (ws[i].pid && ws[i].result_fd == pfd[k].fd) w = &ws[i];
      if (!w) continue;
      int32_t answer[2];
      if (read_full(w->result_fd, answer, sizeof answer) != 0) {
        if (!worker_died(w, store, jobs, opt)) continue;
      } else {
        ls_extract_job *job = &jobs[answer[0]];
        if (answer[1] == EXIT_STORE_ERROR) record_failure(store, job, "could not store the facts");
        else read_result(store, job);
        w->job = -1;
      }
      done++;
      progress(opt, done, t0);
    }
  }
  /* Closing the job pipes ends the workers; reap them. */
  for (int i = 0; i < nworkers; i++) {
    if (!ws[i].pid) continue;
    close_worker_fds(&ws[i]);
    if (rc != 0) kill(ws[i].pid, SIGKILL);
    waitpid(ws[i].pid, NULL, 0);
  }
  signal(SIGPIPE, old_pipe);
  if (opt->progress) fputc('\n', stderr);
  ls_store_close(store);
  free(pfd);
  free(ws);
  return rc;
}
