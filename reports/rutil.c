/* rutil.c: helpers shared by the report writers (see rutil.h). */
#include "rutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- URIs -------------------------------------------------------------- */

void lsr_uri_append_path(ls_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      ls_buf_putc(b, (char)c);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      ls_buf_add(b, e, 3);
    }
  }
}

/* ---- times -------------------------------------------------------------- */

int lsr_iso8601(int64_t t, char out[32]) {
  time_t tt = (time_t)t;
  struct tm tm;
  if ((int64_t)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year < -1900)
    return -1;
  return strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) ? 0 : -1;
}

/* ---- tallies ------------------------------------------------------------ */

void lsr_tally_add(lsr_tally *t, const char *key) {
  if (!key) return;
  int added;
  int64_t *at = ls_strmap_put(&t->index, key, (int64_t)t->counts.len, &added);
  if (added) LS_VEC_PUSH(&t->counts, ((lsr_count){key, 0}));
  t->counts.items[*at].n++;
}

static int by_count(const void *a, const void *b) {
  const lsr_count *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return strcmp(x->key, y->key);
}

lsr_count *lsr_tally_sorted(const lsr_tally *t, size_t *n) {
  size_t k = t->counts.len;
  lsr_count *v = ls_xcalloc(k, sizeof *v);
  if (k) memcpy(v, t->counts.items, k * sizeof *v);
  qsort(v, k, sizeof *v, by_count);
  *n = k;
  return v;
}

void lsr_tally_free(lsr_tally *t) {
  ls_strmap_free(&t->index);
  LS_VEC_FREE(&t->counts);
}

void lsr_summary_build(const ls_report *r, lsr_summary *s) {
  memset(s, 0, sizeof *s);
  lsr_tally rules = {0}, roots = {0}, files = {0};
  for (size_t i = 0; i < r->nfindings; i++) {
    const ls_finding *f = &r->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) {
      s->absent++;
      continue;
    }
    s->present++;
    if (f->baseline == LS_BASELINE_NEW) s->fresh++;
    if (f->baseline == LS_BASELINE_UNCHANGED) s->unchanged++;
    lsr_tally_add(&rules, f->rule_id ? f->rule_id : "?");
    lsr_tally_add(&roots, f->root ? f->root : "?");
    lsr_tally_add(&files, f->loc.path ? f->loc.path : "?");
  }
  s->rules = lsr_tally_sorted(&rules, &s->nrules);
  s->roots = lsr_tally_sorted(&roots, &s->nroots);
  s->files = lsr_tally_sorted(&files, &s->nfiles);
  lsr_tally_free(&rules);
  lsr_tally_free(&roots);
  lsr_tally_free(&files);
  for (size_t i = 0; i < r->nnotes; i++) s->fatal_notes += r->notes[i].fatal != 0;
}

void lsr_summary_free(lsr_summary *s) {
  free(s->rules);
  free(s->roots);
  free(s->files);
  memset(s, 0, sizeof *s);
}
