/* bench_sarif.c: checks that writing SARIF is flat in memory: the writer's
 * own peak memory must not grow with the number of results (reports/sarif.c
 * streams the log result by result).
 *
 *   bench_sarif [--findings N]... [--dir DIR]
 *
 * For each N (default 2500 and 25000), in a child process of its own: builds
 * a report of N findings (5 steps and 2 related locations each, over 100
 * source files of 400 lines in DIR, which the writer reads for columns),
 * then resets the process's peak-RSS counter (/proc/self/clear_refs) and
 * writes the report as SARIF with ls_report_write. The writer's peak is the
 * peak RSS during the write minus the RSS before it; the report itself is
 * the caller's memory, not the writer's. Prints per N:
 *   bench_sarif: findings=25000 report_mib=61.2 writer_peak_mib=0.4 sarif_mib=80.1 time_s=0.9
 * and, for the first and last N, the ratio of the writers' peaks (~1: flat).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "findings.h"
#include "reports.h"

#define NFILES 100
#define NLINES 400

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s;
  if (vasprintf(&s, fmt, ap) < 0) abort();
  va_end(ap);
  return s;
}

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) abort();
  return p;
}

/* A kB field of /proc/self/status, in KiB. */
static long status_kib(const char *name) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long v = -1;
  size_t n = strlen(name);
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, name, n)) v = atol(line + n);
  fclose(f);
  return v;
}

static void make_sources(const char *dir) {
  mkdir(dir, 0777);
  char *src = xasprintf("%s/src", dir);
  mkdir(src, 0777);
  for (int i = 0; i < NFILES; i++) {
    char *p = xasprintf("%s/file_%03d.c", src, i);
    FILE *f = fopen(p, "w");
    if (!f) {
      fprintf(stderr, "bench_sarif: cannot write '%s': %s\n", p, strerror(errno));
      exit(2);
    }
    for (int l = 1; l <= NLINES; l++)
      fprintf(f, "  if (handle_%d(loop, req) != 0) read(fd, buf, sizeof buf); /* line %d */\n", l,
              l);
    fclose(f);
    free(p);
  }
  free(src);
}

static ls_location loc_at(unsigned file, unsigned line) {
  ls_location l = {xasprintf("src/file_%03u.c", file), line, 37, line, 61};
  return l;
}

static const char *const rule_ids[] = {"sync-fs", "sleep", "sync-net", "sync-crypto",
                                       "sync-process"};

static void build_report(ls_report *r, const char *dir, size_t n) {
  memset(r, 0, sizeof *r);
  char *err = NULL;
  ls_rules *cat = NULL;
  if (ls_rules_load(NULL, 0, &cat, &err) != 0) {
    fprintf(stderr, "bench_sarif: %s\n", err);
    exit(2);
  }
  size_t nrules = 0;
  const ls_rule_info *info = ls_rules_info(cat, &nrules);
  r->rules = xcalloc(nrules + 1, sizeof(ls_rule_info));
  memcpy(r->rules, info, nrules * sizeof(ls_rule_info));
  r->nrules = nrules;
  r->catalogue = cat;
  r->srcroot = strdup(dir);
  r->tool_version = LAGSCAN_VERSION;
  r->command_line = strdup("lagscan scan -p build --format sarif");
  r->start_time = r->end_time = (int64_t)time(NULL);
  r->findings = xcalloc(n + 1, sizeof(ls_finding));
  r->nfindings = n;
  uint64_t seed = 12345;
  for (size_t i = 0; i < n; i++) {
    ls_finding *f = &r->findings[i];
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned file = (unsigned)(i % NFILES), line = 1 + (unsigned)((seed >> 33) % NLINES);
    f->rule_id = strdup(rule_ids[i % 5]);
    f->loc = loc_at(file, line);
    f->message = xasprintf("'read' reads synchronously on the loop thread; it waits for the file "
                           "system or the peer, with no bound (finding %zu)",
                           i);
    f->callee = strdup("read");
    f->function = xasprintf("handle_%u", line);
    f->root = xasprintf("on_timer_%zu", i % 997);
    f->nsteps = 5;
    f->steps = xcalloc(f->nsteps, sizeof(ls_step));
    f->steps[0] = (ls_step){.kind = LS_STEP_REGISTRATION,
                            .loc = loc_at((file + 1) % NFILES, 1 + line % NLINES),
                            .function = xasprintf("start_%zu", i % 997),
                            .callee = xasprintf("on_timer_%zu", i % 997),
                            .api = strdup("uv_timer_start"),
                            .context = LS_CTX_LOOP,
                            .message = xasprintf("'on_timer_%zu' registered here as a loop "
                                                 "callback (uv_timer_start)",
                                                 i % 997)};
    for (size_t s = 1; s < 4; s++)
      f->steps[s] = (ls_step){.kind = LS_STEP_CALL,
                              .loc = loc_at((file + s) % NFILES, 1 + (line + s) % NLINES),
                              .function = xasprintf("fn_%zu_%zu", i, s),
                              .callee = xasprintf("fn_%zu_%zu", i, s + 1),
                              .message = xasprintf("function 'fn_%zu_%zu' called here from "
                                                   "'fn_%zu_%zu'",
                                                   i, s + 1, i, s)};
    f->steps[4] = (ls_step){.kind = LS_STEP_BLOCKING,
                            .loc = loc_at(file, line),
                            .function = xasprintf("handle_%u", line),
                            .callee = strdup(f->callee),
                            .message = strdup(f->message)};
    f->nrelated = 2;
    f->related = xcalloc(2, sizeof(ls_related));
    for (size_t k = 0; k < 2; k++)
      f->related[k] = (ls_related){loc_at((file + 7 + k) % NFILES, 1 + (line * 3 + k) % NLINES),
                                   xasprintf("on_io_%zu", k), strdup("uv_read_start"),
                                   LS_CTX_LOOP,
                                   xasprintf("'on_io_%zu' (a loop callback registered here with "
                                             "uv_read_start) also reaches this call",
                                             k)};
    snprintf(f->fingerprint, sizeof f->fingerprint, "%064zx", i * 2654435761u);
  }
}

/* Runs one size in this process and prints its line. */
static int run_one(const char *dir, size_t n) {
  long base = status_kib("VmRSS:");
  ls_report r;
  build_report(&r, dir, n);
  long before = status_kib("VmRSS:");
  /* Reset VmHWM to the current RSS (Linux: "5" clears the peak). */
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  if (fd < 0 || write(fd, "5", 1) != 1) {
    fprintf(stderr, "bench_sarif: cannot reset the peak RSS counter: %s\n", strerror(errno));
    return 2;
  }
  close(fd);
  char *out = xasprintf("%s/out-%zu.sarif", dir, n);
  char *err = NULL;
  double t0 = now_s();
  if (ls_report_write(&r, LS_FORMAT_SARIF, out, &err) != 0) {
    fprintf(stderr, "bench_sarif: %s\n", err);
    return 2;
  }
  double t = now_s() - t0;
  long peak = status_kib("VmHWM:");
  struct stat st;
  stat(out, &st);
  printf("bench_sarif: findings=%zu report_mib=%.1f writer_peak_mib=%.2f sarif_mib=%.1f "
         "time_s=%.3f\n",
         n, (double)(before - base) / 1024.0, (double)(peak - before) / 1024.0,
         (double)st.st_size / 1048576.0, t);
  fflush(stdout);
  unlink(out);
  free(out);
  ls_report_free(&r);
  return 0;
}

int main(int argc, char **argv) {
  size_t sizes[16], nsizes = 0;
  const char *dir = NULL;
  static const struct option opts[] = {{"findings", required_argument, NULL, 'n'},
                                       {"dir", required_argument, NULL, 'd'},
                                       {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c == 'n' && nsizes < 16) sizes[nsizes++] = strtoul(optarg, NULL, 10);
    else if (c == 'd') dir = optarg;
    else {
      fputs("usage: bench_sarif [--findings N]... [--dir DIR]\n", stderr);
      return 2;
    }
  }
  if (!nsizes) {
    sizes[nsizes++] = 2500;
    sizes[nsizes++] = 25000;
  }
  char tmpl[] = "/tmp/lagscan-bench-sarif-XXXXXX";
  int own_dir = !dir;
  if (own_dir && !(dir = mkdtemp(tmpl))) {
    fprintf(stderr, "bench_sarif: cannot create a temporary directory: %s\n", strerror(errno));
    return 2;
  }
  make_sources(dir);
  /* Each size in a child, so one run's heap does not lend memory to the next. */
  double peaks[16] = {0};
  for (size_t i = 0; i < nsizes; i++) {
    int pipefd[2];
    if (pipe(pipefd) != 0) return 2;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      dup2(pipefd[1], 1);
      close(pipefd[0]);
      _exit(run_one(dir, sizes[i]));
    }
    close(pipefd[1]);
    char buf[512];
    ssize_t len = read(pipefd[0], buf, sizeof buf - 1);
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (len <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "bench_sarif: the run with %zu findings failed\n", sizes[i]);
      return 2;
    }
    buf[len] = '\0';
    fputs(buf, stdout);
    const char *p = strstr(buf, "writer_peak_mib=");
    peaks[i] = p ? atof(p + 16) : 0;
  }
  if (nsizes > 1)
    printf("bench_sarif: writer peak ratio %zu/%zu findings = %.2f (findings ratio %.0f)\n",
           sizes[nsizes - 1], sizes[0], peaks[0] > 0 ? peaks[nsizes - 1] / peaks[0] : 0.0,
           (double)sizes[nsizes - 1] / (double)sizes[0]);
  if (own_dir) {
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench_sarif: could not remove '%s'\n", dir);
    free(cmd);
  }
  return 0;
}
