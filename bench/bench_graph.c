/* bench_graph.c: times lagscan's whole-program phase alone (rules, graph,
 * findings) on a fact database, as src/scan/scan.c runs it after
 * extraction: load the rule packs, mark every stored TU as part of the scan,
 * ls_graph_build, ls_findings_build.
 *
 *   bench_graph --db PATH [--repeat N]
 *
 * Prints a line per run with the time of each phase and one with how many
 * "also reaches" candidates the reached functions keep, and a summary line:
 *   bench_graph: edges=1000000 tus=10000 findings=9512 time_s=1.234 peak_rss_mib=456.7
 * where time_s is the median of N runs (default 1) of the whole phase and
 * peak_rss_mib the process's peak resident set (the database's page cache
 * included).
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "findings.h"
#include "graph.h"
#include "rules.h"
#include "store.h"
#include "common.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t count(ls_store *s, const char *table) {
  int64_t n = -1;
  char *err = NULL;
  if (ls_store_count(s, table, &n, &err) != 0) {
    fprintf(stderr, "bench_graph: %s\n", err);
    free(err);
  }
  return n;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  const char *db = NULL;
  int repeat = 1;
  static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                       {"repeat", required_argument, NULL, 'r'},
                                       {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c == 'd') db = optarg;
    else if (c == 'r') repeat = atoi(optarg);
    else {
      fputs("usage: bench_graph --db PATH [--repeat N]\n", stderr);
      return 2;
    }
  }
  if (!db || repeat < 1) {
    fputs("usage: bench_graph --db PATH [--repeat N]\n", stderr);
    return 2;
  }
  ls_store *store;
  char *err = NULL;
  if (ls_store_open(db, &store, &err) != 0) {
    fprintf(stderr, "bench_graph: %s\n", err);
    return 2;
  }
  int64_t ntus = count(store, "tu");
  int64_t nedges = count(store, "call");
  double *times = ls_xcalloc((size_t)repeat, sizeof(double));
  size_t nfindings = 0;
  for (int r = 0; r < repeat; r++) {
    double t0 = now_s();
    ls_rules *cat = NULL;
    if (ls_rules_load(NULL, 0, &cat, &err) != 0) {
      fprintf(stderr, "bench_graph: %s\n", err);
      return 2;
    }
    double t1 = now_s();
    /* every stored TU is part of the scan */
    int64_t *ids = NULL;
    size_t nids = 0;
    ls_program prog;
    if (ls_store_tu_ids(store, &ids, &nids, &err) != 0 ||
        ls_store_load_program(store, ids, nids, &prog, &err) != 0) {
      fprintf(stderr, "bench_graph: %s\n", err);
      return 2;
    }
    free(ids);
    double t2 = now_s();
    ls_graph g;
    if (ls_graph_build(&g, &prog, cat, &err) != 0) {
      fprintf(stderr, "bench_graph: %s\n", err);
      return 2;
    }
    double t3 = now_s();
    ls_report report;
    memset(&report, 0, sizeof report);
    ls_findings_options fo = {.srcroot = "/synthetic"};
    if (ls_findings_build(&g, &fo, &report, &err) != 0) {
      fprintf(stderr, "bench_graph: %s\n", err);
      return 2;
    }
    double t4 = now_s();
    nfindings = report.nfindings;
    /* the "also reaches" candidates each reached function keeps (reach.c) */
    size_t reached = 0, kept = 0, most = 0;
    for (uint32_t f = 1; f < g.nsyms; f++) {
      size_t k = 0;
      while (k < LS_REACH_CANDIDATES && g.reach_roots[f][k]) k++;
      if (!k) continue;
      reached++;
      kept += k;
      if (k > most) most = k;
    }
    fprintf(stderr, "bench_graph: run %d: %zu functions reached, %.2f roots kept each (at most %zu)\n",
            r + 1, reached, reached ? (double)kept / (double)reached : 0.0, most);
    fprintf(stderr,
            "bench_graph: run %d: rules %.3f s, load facts %.3f s, graph %.3f s, findings %.3f s "
            "(%zu findings, %zu roots, %zu calls, %zu targets, %zu flows, %zu points-to)\n",
            r + 1, t1 - t0, t2 - t1, t3 - t2, t4 - t3, report.nfindings, g.roots.len,
            g.calls.len, g.targets.len, g.flows.len, g.npts);
    ls_graph_free(&g);
    ls_program_free(&prog);
    ls_report_free(&report);
    ls_rules_free(cat);
    times[r] = t4 - t0;
  }
  qsort(times, (size_t)repeat, sizeof(double), cmp_double);
  double median = repeat % 2 ? times[repeat / 2] : (times[repeat / 2 - 1] + times[repeat / 2]) / 2;
  free(times);
  ls_store_close(store);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("bench_graph: edges=%lld tus=%lld findings=%zu time_s=%.3f peak_rss_mib=%.1f\n",
         (long long)nedges, (long long)ntus, nfindings, median, (double)ru.ru_maxrss / 1024.0);
  return 0;
}
