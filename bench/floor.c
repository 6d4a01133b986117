/* floor.c: the floor that `lagscan scan` is measured against.
 *
 * It reads the same compilation database the same way lagscan does
 * (libclang's CXCompilationDatabase through src/inputs/compdb.c, so the same
 * arguments are sanitized and the same assembler files skipped), parses each
 * translation unit with libclang with the options lagscan's extractor uses
 * (KeepGoing | IgnoreNonErrorsFromIncludedFiles, a fresh CXIndex per TU) and
 * visits every cursor once, doing nothing else. Whatever lagscan spends on
 * top of this is lagscan's own cost; the target is 1.2x.
 *
 *   floor -p BUILD_DIR [-j N] [--workers | --fork] [--only FILE]... [-v]
 *   floor -p BUILD_DIR [-j N] --syntax-only CLANG [--only FILE]...
 *
 * -j 1 parses in this process, one TU after the other; -j N > 1 (or
 * --workers) forks N long-lived worker processes that parse TU after TU, as
 * src/scan/workers.c does; --fork instead forks one child per TU, N at a
 * time (what lagscan's workers did before), to measure what that costs.
 * --syntax-only runs `CLANG -fsyntax-only` on every compile command instead
 * (the compiler peer of the benchmark), with the same sanitized arguments.
 * --only narrows the run to the TUs of FILE (for one file's own parse time).
 * Every TU is parsed with its compile command as given (the compiler of
 * argv[0] and the file's extension decide its language, as they do for
 * lagscan): C++ TUs are parsed as C++. -v (at -j 1) prints each TU's time,
 * and the number of its errors and the first one when it has any.
 *
 * --stage says how much of lagscan's per-TU work to do, to see where the
 * time above the floor goes:
 *   visit    parse and visit every cursor (the floor; default)
 *   extract  lagscan's extractor, ls_extract_tu (parse, walk, diagnostics,
 *            inclusions), facts dropped
 *   store    the extractor, then the facts stored as a worker stores them
 *            (ls_store_put_tu with the input hash, one connection per
 *            process kept across TUs) in the database --db PATH
 * The last line on stdout is "floor: N TUs (F failed), C cursors, T s"
 * (calls instead of cursors with --stage extract or store; 0 with --fork).
 */
#define _GNU_SOURCE
#include <clang-c/Index.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "inputs.h"
#include "store.h"
#include "common.h"

enum stage { STAGE_VISIT, STAGE_EXTRACT, STAGE_STORE };
static enum stage stage = STAGE_VISIT;
/* -v: count each TU's error diagnostics (a C++ TU parsed as C, a missing
 * header) and keep the first one's text, for the per-TU line; off otherwise,
 * so that the floor does nothing but parse and visit. */
static int count_errors;
static unsigned last_errors;
static char *last_error;
static const char *db_path; /* --stage store */
static ls_store *store;     /* this process's connection, opened on first use */

static void close_store(void) {
  ls_store_close(store);
  store = NULL;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static enum CXChildVisitResult count_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)c;
  (void)parent;
  (*(unsigned long long *)data)++;
  return CXChildVisit_Recurse;
}

/* Parses one TU as ls_extract_tu does and visits every cursor (or, with
 * --stage, runs lagscan's own per-TU work). Returns the number of cursors
 * (calls), or -1 when libclang produced no translation unit. */
static long long parse_and_visit(const ls_tu_input *in) {
  if (chdir(in->directory) != 0) {
    /* as the worker does: parse from where we are */
  }
  if (stage != STAGE_VISIT) {
    /* What src/scan/workers.c's run_child does, without the fork. */
    ls_facts facts = {0};
    char *err = NULL;
    int r = ls_extract_tu(in->file, (const char *const *)in->argv, in->argc, &facts, &err);
    long long n = r == 0 ? (long long)facts.calls.len : -1;
    if (stage == STAGE_STORE) {
      char *serr = NULL;
      int64_t id = 0;
      if (!store && ls_store_open(db_path, &store, &serr) != 0) {
        fprintf(stderr, "floor: %s\n", serr);
        exit(2);
      }
      if (ls_store_put_tu(store, in, r == 0 ? &facts : NULL, r == 0 ? LS_TU_OK : LS_TU_FAILED,
                          err, 0, &id, &serr) != 0) {
        fprintf(stderr, "floor: %s\n", serr);
        free(serr);
        n = -1;
      }
    }
    free(err);
    ls_facts_free(&facts);
    return n;
  }
  CXIndex index = clang_createIndex(0, 0);
  unsigned options =
      CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
  CXTranslationUnit tu = NULL;
  enum CXErrorCode ec = clang_parseTranslationUnit2FullArgv(
      index, NULL, (const char *const *)in->argv, in->argc, NULL, 0, options, &tu);
  long long n = -1;
  if (ec == CXError_Success && tu) {
    unsigned long long count = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), count_visitor, &count);
    n = (long long)count;
    if (count_errors) {
      last_errors = 0;
      free(last_error);
      last_error = NULL;
      unsigned nd = clang_getNumDiagnostics(tu);
      for (unsigned d = 0; d < nd; d++) {
        CXDiagnostic diag = clang_getDiagnostic(tu, d);
        if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error && last_errors++ == 0) {
          CXString text = clang_formatDiagnostic(diag, CXDiagnostic_DisplaySourceLocation);
          last_error = ls_xstrdup(clang_getCString(text));
          clang_disposeString(text);
        }
        clang_disposeDiagnostic(diag);
      }
    }
    clang_disposeTranslationUnit(tu);
  }
  clang_disposeIndex(index);
  return n;
}

/* The child of --syntax-only: CLANG ARGS... -fsyntax-only, in the command's
 * directory, output discarded (the peer's diagnostics are not our business). */
static void exec_syntax_only(const ls_tu_input *in, const char *clang) {
  if (chdir(in->directory) != 0) _exit(127);
  char **argv = ls_xcalloc((size_t)in->argc + 2, sizeof(char *));
  argv[0] = (char *)clang;
  for (int i = 1; i < in->argc; i++) argv[i] = in->argv[i];
  argv[in->argc] = "-fsyntax-only";
  if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
  execvp(clang, argv);
  _exit(127);
}

/* Runs every TU in a child process, `jobs` at a time. Returns the number of
 * children that failed. */
static size_t run_forked(ls_tu_input **tus, size_t n, int jobs, const char *clang) {
  size_t next = 0, failed = 0;
  int active = 0;
  fflush(stdout);
  fflush(stderr);
  while (next < n || active > 0) {
    while (active < jobs && next < n) {
      pid_t pid = fork();
      if (pid < 0) {
        fprintf(stderr, "floor: cannot fork: %s\n", strerror(errno));
        exit(2);
      }
      if (pid == 0) {
        if (clang) exec_syntax_only(tus[next], clang);
        int code = parse_and_visit(tus[next]) < 0 ? 1 : 0;
        close_store();
        _exit(code);
      }
      next++;
      active++;
    }
    int status;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) break;
    active--;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed++;
  }
  return failed;
}

/* Runs every TU in `jobs` long-lived worker processes, as src/scan/workers.c
 * does since its workers parse TU after TU: the parent writes every job
 * number to one pipe, each worker reads the next one when it is free, and
 * reports its totals on a second pipe when the first runs dry. Returns the
 * number of TUs that failed; *cursors gets the sum of their counts. */
static size_t run_workers(ls_tu_input **tus, size_t n, int jobs, unsigned long long *cursors) {
  int job_pipe[2], result_pipe[2];
  if (pipe(job_pipe) != 0 || pipe(result_pipe) != 0) {
    fprintf(stderr, "floor: cannot make a pipe: %s\n", strerror(errno));
    exit(2);
  }
  fflush(stdout);
  fflush(stderr);
  for (int w = 0; w < jobs; w++) {
    pid_t pid = fork();
    if (pid < 0) {
      fprintf(stderr, "floor: cannot fork: %s\n", strerror(errno));
      exit(2);
    }
    if (pid == 0) {
      close(job_pipe[1]);
      close(result_pipe[0]);
      uint64_t totals[2] = {0, 0}; /* failed, cursors */
      uint32_t job;
      while (read(job_pipe[0], &job, sizeof job) == (ssize_t)sizeof job) {
        long long k = job < n ? parse_and_visit(tus[job]) : -1;
        if (k < 0)
          totals[0]++;
        else
          totals[1] += (uint64_t)k;
      }
      close_store();
      /* 16 bytes: one atomic write, whatever the other workers do */
      _exit(write(result_pipe[1], totals, sizeof totals) == (ssize_t)sizeof totals ? 0 : 1);
    }
  }
  close(job_pipe[0]);
  close(result_pipe[1]);
  for (uint32_t j = 0; j < n; j++)
    if (write(job_pipe[1], &j, sizeof j) != (ssize_t)sizeof j) {
      fprintf(stderr, "floor: cannot feed the workers: %s\n", strerror(errno));
      exit(2);
    }
  close(job_pipe[1]);
  size_t failed = 0, reported = 0;
  uint64_t totals[2];
  while (read(result_pipe[0], totals, sizeof totals) == (ssize_t)sizeof totals) {
    failed += (size_t)totals[0];
    *cursors += totals[1];
    reported++;
  }
  close(result_pipe[0]);
  while (wait(NULL) > 0) {
  }
  if (reported < (size_t)jobs) failed = n; /* a worker died: say so */
  return failed;
}

static const char usage[] =
    "usage: floor -p BUILD_DIR [-j N] [--workers | --fork] [--only FILE]... [-v]\n"
    "             [--stage visit|extract|store [--db PATH]]\n"
    "       floor -p BUILD_DIR [-j N] --syntax-only CLANG [--only FILE]...\n"
    "\n"
    "Parses every TU of BUILD_DIR/compile_commands.json with libclang as lagscan\n"
    "does and visits every cursor once, doing nothing else (lagscan's floor).\n"
    "\n"
    "  -p BUILD_DIR          the compilation database's directory\n"
    "  -j N                  N TUs at once in N long-lived worker processes\n"
    "                        (default 1, in this process)\n"
    "  --workers             long-lived worker processes even with -j 1\n"
    "  --fork                one child process per TU instead (lagscan's workers\n"
    "                        before they became long-lived)\n"
    "  --only FILE           only the TUs whose main file is FILE (repeatable)\n"
    "  --syntax-only CLANG   run 'CLANG ... -fsyntax-only' per compile command instead\n"
    "  --stage STAGE         visit (the floor), extract (lagscan's extractor) or\n"
    "                        store (extractor + fact store, with --db PATH)\n"
    "  -v                    print each TU's parse time (and, at -j 1, its number\n"
    "                        of errors and the first one, when it has any)\n";

int main(int argc, char **argv) {
  const char *build = NULL, *clang = NULL;
  int jobs = 1, force_fork = 0, force_workers = 0, verbose = 0;
  LS_VEC(char *) only = {0};
  enum { OPT_FORK = 256, OPT_ONLY, OPT_SYNTAX, OPT_STAGE, OPT_DB, OPT_WORKERS };
  static const struct option opts[] = {{"fork", no_argument, NULL, OPT_FORK},
                                       {"workers", no_argument, NULL, OPT_WORKERS},
                                       {"only", required_argument, NULL, OPT_ONLY},
                                       {"syntax-only", required_argument, NULL, OPT_SYNTAX},
                                       {"stage", required_argument, NULL, OPT_STAGE},
                                       {"db", required_argument, NULL, OPT_DB},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "p:j:vh", opts, NULL)) != -1) {
    switch (c) {
    case 'p': build = optarg; break;
    case 'j': jobs = atoi(optarg); break;
    case 'v': verbose = count_errors = 1; break;
    case OPT_FORK: force_fork = 1; break;
    case OPT_WORKERS: force_workers = 1; break;
    case OPT_ONLY: {
      char buf[PATH_MAX];
      LS_VEC_PUSH(&only, ls_xstrdup(realpath(optarg, buf) ? buf : optarg));
      break;
    }
    case OPT_SYNTAX: clang = optarg; break;
    case OPT_STAGE:
      if (!strcmp(optarg, "visit")) stage = STAGE_VISIT;
      else if (!strcmp(optarg, "extract")) stage = STAGE_EXTRACT;
      else if (!strcmp(optarg, "store")) stage = STAGE_STORE;
      else {
        fprintf(stderr, "floor: unknown stage '%s' (visit, extract or store)\n", optarg);
        return 2;
      }
      break;
    case OPT_DB: db_path = optarg; break;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return 2;
    }
  }
  if (!build || jobs < 1 || optind != argc || (stage == STAGE_STORE && !db_path)) {
    fputs(usage, stderr);
    return 2;
  }
  char *db_abs = NULL;
  if (db_path && db_path[0] != '/') {
    /* TUs chdir to their directory: the database needs an absolute path. */
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return 2;
    db_path = db_abs = ls_xasprintf("%s/%s", cwd, db_path);
  }
  ls_tu_list list = {0};
  char *err = NULL;
  double t0 = now_s();
  if (ls_inputs_from_compdb(build, &list, &err) != 0) {
    fprintf(stderr, "floor: %s\n", err);
    free(err);
    for (size_t i = 0; i < only.len; i++) free(only.items[i]);
    LS_VEC_FREE(&only);
    ls_tu_list_free(&list);
    free(db_abs);
    return 2;
  }
  ls_tu_input **tus = ls_xcalloc(list.len + 1, sizeof *tus);
  size_t n = 0;
  for (size_t i = 0; i < list.len; i++) {
    int keep = only.len == 0;
    for (size_t k = 0; k < only.len && !keep; k++) keep = !strcmp(list.items[i].file, only.items[k]);
    if (keep) tus[n++] = &list.items[i];
  }
  size_t failed = 0;
  unsigned long long cursors = 0;
  int rc = 0;
  if (n == 0) {
    fprintf(stderr, "floor: no translation unit to parse\n");
    rc = 2;
  } else if (force_fork || clang) {
    failed = run_forked(tus, n, jobs, clang);
  } else if (jobs > 1 || force_workers) {
    failed = run_workers(tus, n, jobs, &cursors);
  } else {
    for (size_t i = 0; i < n; i++) {
      double t = now_s();
      long long k = parse_and_visit(tus[i]);
      if (k < 0)
        failed++;
      else
        cursors += (unsigned long long)k;
      if (verbose && stage == STAGE_VISIT && k >= 0 && last_errors)
        fprintf(stderr, "floor: %.3f s %s (%u errors; first: %s)\n", now_s() - t, tus[i]->file,
                last_errors, last_error);
      else if (verbose)
        fprintf(stderr, "floor: %.3f s %s\n", now_s() - t, tus[i]->file);
    }
  }
  close_store();
  if (n)
    printf("floor: %zu TUs (%zu failed), %llu %s, %.3f s\n", n, failed, cursors,
           stage == STAGE_VISIT ? "cursors" : "calls", now_s() - t0);
  for (size_t i = 0; i < only.len; i++) free(only.items[i]);
  LS_VEC_FREE(&only);
  free(tus);
  free(db_abs);
  free(last_error);
  ls_tu_list_free(&list);
  return rc ? rc : failed ? 1 : 0;
}
