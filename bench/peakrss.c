/* peakrss.c: runs a command and measures its wall time and the peak memory
 * of its whole process tree, without cgroups.
 *
 *   peakrss [-i MS] [-o FILE] -- COMMAND [ARG...]
 *
 * Every MS milliseconds (default 50) it finds every descendant of the
 * command (through /proc/PID/task/TID/children) and sums their resident set sizes
 * (VmRSS, which counts shared library pages once per process, so it is an
 * upper bound) and their proportional set sizes (Pss from smaps_rollup,
 * shared pages divided among the processes that share them). The peaks of
 * both sums are reported, with the largest single process (ru_maxrss of the
 * waited-for children) and the wall time:
 *
 *   wall_s=12.345 cpu_s=20.1 foreign_cpu_s=0.3 tree_rss_kib=123456 tree_pss_kib=98765
 *   max_proc_rss_kib=65432 status=0
 *
 * cpu_s is the user + system time of the command and its descendants;
 * foreign_cpu_s is the CPU time the rest of the machine used meanwhile (busy
 * time in /proc/stat minus cpu_s): on a shared machine it says whether a
 * measurement was disturbed.
 * on one line to FILE (appended) or stderr. A process that lives shorter than
 * the interval may be missed by the sums (never by max_proc_rss_kib). The exit
 * status is the command's (128 + signal when killed). -i 0 samples nothing:
 * wall time and max_proc_rss_kib only, for timing runs that must not share
 * the CPU with the sampler.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a small /proc file into buf (NUL-terminated). Returns its length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t cap) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, cap - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = '\0';
  return n;
}

/* A kB field ("VmRSS:", "Pss:") of a /proc status-like file, or 0. */
static long long kib_field(const char *text, const char *name) {
  const char *p = strstr(text, name);
  return p ? atoll(p + strlen(name)) : 0;
}

/* Appends the pids of `pid`'s children (all its threads') to *v. */
static void children_of(int pid, int **v, size_t *n, size_t *cap) {
  char path[64], buf[8192];
  snprintf(path, sizeof path, "/proc/%d/task", pid);
  DIR *d = opendir(path);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    char cpath[300];
    snprintf(cpath, sizeof cpath, "/proc/%d/task/%s/children", pid, e->d_name);
    if (read_small(cpath, buf, sizeof buf) <= 0) continue;
    for (char *p = buf, *end; *p; p = end) {
      long c = strtol(p, &end, 10);
      if (end == p) break;
      if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *v = realloc(*v, *cap * sizeof **v);
        if (!*v) abort();
      }
      (*v)[(*n)++] = (int)c;
    }
  }
  closedir(d);
}

/* One sample: the sums of VmRSS and Pss over `root` and its descendants,
 * found through /proc/PID/task/TID/children. */
static void sample(int root, long long *rss, long long *pss) {
  int *tree = NULL;
  size_t n = 0, cap = 0;
  children_of(root, &tree, &n, &cap);
  for (size_t i = 0; i < n; i++) children_of(tree[i], &tree, &n, &cap);
  char path[64], buf[4096];
  long long r = 0, p = 0;
  for (size_t i = 0; i <= n; i++) {
    int pid = i < n ? tree[i] : root;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (read_small(path, buf, sizeof buf) > 0) r += kib_field(buf, "VmRSS:");
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    if (read_small(path, buf, sizeof buf) > 0) p += kib_field(buf, "\nPss:");
  }
  free(tree);
  *rss = r;
  *pss = p;
}

/* Busy CPU seconds of the whole machine so far (/proc/stat: every state but
 * idle and iowait). */
static double machine_busy_s(void) {
  char buf[512];
  if (read_small("/proc/stat", buf, sizeof buf) < 0) return 0;
  unsigned long long v[10] = {0};
  if (sscanf(buf, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
             &v[4], &v[5], &v[6], &v[7]) < 8)
    return 0;
  unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
  return (double)busy / (double)sysconf(_SC_CLK_TCK);
}

int main(int argc, char **argv) {
  int interval_ms = 50;
  const char *out_path = NULL;
  int c;
  while ((c = getopt(argc, argv, "+i:o:h")) != -1) {
    switch (c) {
    case 'i': interval_ms = atoi(optarg); break;
    case 'o': out_path = optarg; break;
    default:
      fputs("usage: peakrss [-i MS] [-o FILE] -- COMMAND [ARG...]\n", c == 'h' ? stdout : stderr);
      return c == 'h' ? 0 : 2;
    }
  }
  if (optind >= argc || interval_ms < 0) {
    fputs("usage: peakrss [-i MS] [-o FILE] -- COMMAND [ARG...]\n", stderr);
    return 2;
  }
  double t0 = now_s(), busy0 = machine_busy_s();
  pid_t child = fork();
  if (child < 0) {
    fprintf(stderr, "peakrss: cannot fork: %s\n", strerror(errno));
    return 2;
  }
  if (child == 0) {
    execvp(argv[optind], argv + optind);
    fprintf(stderr, "peakrss: cannot run '%s': %s\n", argv[optind], strerror(errno));
    _exit(127);
  }
  long long peak_rss = 0, peak_pss = 0;
  int status = 0;
  struct timespec ts = {interval_ms / 1000, (long)(interval_ms % 1000) * 1000000L};
  if (interval_ms == 0) {
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  }
  while (interval_ms > 0) {
    long long rss = 0, pss = 0;
    sample(child, &rss, &pss);
    if (rss > peak_rss) peak_rss = rss;
    if (pss > peak_pss) peak_pss = pss;
    pid_t w = waitpid(child, &status, WNOHANG);
    if (w == child) break;
    if (w < 0 && errno != EINTR) break;
    nanosleep(&ts, NULL);
  }
  double wall = now_s() - t0, busy = machine_busy_s() - busy0;
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  double foreign = busy - cpu;
  if (foreign < 0) foreign = 0; /* tick granularity */
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  FILE *out = out_path ? fopen(out_path, "a") : stderr;
  if (!out) {
    fprintf(stderr, "peakrss: cannot open '%s': %s\n", out_path, strerror(errno));
    out = stderr;
  }
  fprintf(out,
          "wall_s=%.3f cpu_s=%.3f foreign_cpu_s=%.3f tree_rss_kib=%lld tree_pss_kib=%lld "
          "max_proc_rss_kib=%ld status=%d\n",
          wall, cpu, foreign, peak_rss, peak_pss, ru.ru_maxrss, code);
  if (out != stderr) fclose(out);
  return code;
}
