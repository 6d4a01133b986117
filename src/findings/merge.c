/* merge.c: the reports of several programs of one build made one
 * (findings.h): a finding, a remark or an event loop that two programs
 * share (a library file linked into both) is kept once, from the first
 * program merged; the result is sorted as one program's report is. */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

static int cmp_finding(const void *a, const void *b) {
  const ls_finding *x = a, *y = b;
  int r = strcmp(x->loc.path, y->loc.path);
  if (r) return r;
  if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
  if (x->loc.col != y->loc.col) return x->loc.col < y->loc.col ? -1 : 1;
  return strcmp(x->rule_id, y->rule_id);
}

static int cmp_remark(const void *a, const void *b) {
  const ls_remark *x = a, *y = b;
  int r = strcmp(x->loc.path, y->loc.path);
  if (!r && x->loc.line != y->loc.line) r = x->loc.line < y->loc.line ? -1 : 1;
  if (!r) r = (int)x->kind - (int)y->kind;
  return r;
}

static int cmp_loop(const void *a, const void *b) {
  const ls_loop_found *x = a, *y = b;
  int r = strcmp(x->loc.path, y->loc.path);
  if (!r && x->loc.line != y->loc.line) r = x->loc.line < y->loc.line ? -1 : 1;
  if (!r && x->loc.col != y->loc.col) r = x->loc.col < y->loc.col ? -1 : 1;
  if (!r) r = strcmp(x->function, y->function);
  return r;
}

/* Appends from's n items of size sz to *into (n_into of them), keeping
 * those no item of *into equals by `cmp`; moves the others to *dups. */
static void merge_array(void **into, size_t *n_into, void *from, size_t n, size_t sz,
                        int (*cmp)(const void *, const void *), void **dups, size_t *ndups) {
  char *out = ls_xrealloc(*into, (*n_into + n + 1) * sz);
  char *dup = ls_xcalloc(n + 1, sz);
  size_t base = *n_into, kept = base, nd = 0;
  for (size_t i = 0; i < n; i++) {
    const char *item = (const char *)from + i * sz;
    int seen = 0;
    for (size_t j = 0; j < base && !seen; j++) seen = cmp(out + j * sz, item) == 0;
    memcpy(seen ? dup + nd++ * sz : out + kept++ * sz, item, sz);
  }
  *into = out;
  *n_into = kept;
  *dups = dup;
  *ndups = nd;
}

/* Drops r's "unused suppression" remarks that `other` does not have. */
static void keep_unused_in(ls_report *r, const ls_report *other) {
  size_t kept = 0;
  for (size_t i = 0; i < r->nremarks; i++) {
    ls_remark *m = &r->remarks[i];
    int keep = m->kind != LS_REMARK_UNUSED_SUPPRESSION;
    for (size_t j = 0; j < other->nremarks && !keep; j++)
      keep = cmp_remark(m, &other->remarks[j]) == 0;
    if (keep) {
      r->remarks[kept++] = *m;
    } else {
      free((char *)m->loc.path);
      free((char *)m->message);
    }
  }
  r->nremarks = kept;
}

void ls_report_merge(ls_report *into, ls_report *from, int first) {
  ls_report dups = {0};
  void *d = NULL;
  /* A suppression comment unused in one program may be used in another:
   * "unused" remarks are the ones every program merged says so of (a file
   * only some programs include loses them: fewer remarks, never a wrong
   * one). */
  if (!first) {
    keep_unused_in(into, from);
    keep_unused_in(from, into);
  }
  merge_array((void **)&into->findings, &into->nfindings, from->findings, from->nfindings,
              sizeof(ls_finding), cmp_finding, &d, &dups.nfindings);
  dups.findings = d;
  merge_array((void **)&into->remarks, &into->nremarks, from->remarks, from->nremarks,
              sizeof(ls_remark), cmp_remark, &d, &dups.nremarks);
  dups.remarks = d;
  merge_array((void **)&into->loops, &into->nloops, from->loops, from->nloops,
              sizeof(ls_loop_found), cmp_loop, &d, &dups.nloops);
  dups.loops = d;
  free(from->findings);
  free(from->remarks);
  free(from->loops);
  from->findings = NULL;
  from->remarks = NULL;
  from->loops = NULL;
  from->nfindings = from->nremarks = from->nloops = 0;
  ls_report_free(&dups);
}

void ls_report_sort(ls_report *r) {
  if (r->nfindings) qsort(r->findings, r->nfindings, sizeof *r->findings, cmp_finding);
  if (r->nremarks) qsort(r->remarks, r->nremarks, sizeof *r->remarks, cmp_remark);
  if (r->nloops) qsort(r->loops, r->nloops, sizeof *r->loops, cmp_loop);
}
