/* rutil.c: helpers shared by the report writers (see rutil.h). */
#define _GNU_SOURCE /* vasprintf */
#include "rutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- allocation -------------------------------------------------------- */

static void *check(void *p, size_t n) {
  if (!p && n) {
    fprintf(stderr, "lagscan: out of memory (%zu bytes)\n", n);
    abort();
  }
  return p;
}

void *lsr_xmalloc(size_t n) { return check(malloc(n ? n : 1), n); }

void *lsr_xcalloc(size_t n, size_t size) {
  return check(calloc(n ? n : 1, size ? size : 1), n * size);
}

void *lsr_xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1), n); }

char *lsr_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(lsr_xmalloc(n), s, n);
}

char *lsr_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  int n = vasprintf(&s, fmt, ap);
  va_end(ap);
  if (n < 0) check(NULL, 1);
  return s;
}

/* ---- buffers ----------------------------------------------------------- */

static void grow(lsr_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t c = b->cap ? b->cap : 64;
  while (c < b->len + extra + 1) c *= 2;
  b->data = lsr_xrealloc(b->data, c);
  b->cap = c;
}

void lsr_buf_add(lsr_buf *b, const void *p, size_t n) {
  grow(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void lsr_buf_puts(lsr_buf *b, const char *s) { lsr_buf_add(b, s, strlen(s)); }

void lsr_buf_putc(lsr_buf *b, char c) { lsr_buf_add(b, &c, 1); }

void lsr_buf_printf(lsr_buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

void lsr_buf_reset(lsr_buf *b) {
  b->len = 0;
  if (b->cap) b->data[0] = '\0';
}

void lsr_buf_free(lsr_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *lsr_buf_str(const lsr_buf *b) { return b->cap ? b->data : ""; }

/* ---- UTF-8 ------------------------------------------------------------- */

size_t lsr_utf8_seq_len(const unsigned char *s, size_t n) {
  if (n == 0) return 0;
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;      /* no overlong forms */
    else if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;      /* no overlong forms */
    else if (c == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
  } else {
    return 0; /* 0x80-0xC1 (continuation or overlong lead), 0xF5-0xFF */
  }
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  return len;
}

size_t lsr_utf8_append(lsr_buf *b, const char *s) {
  static const char replacement[] = "\xEF\xBF\xBD";
  const unsigned char *p = (const unsigned char *)s;
  size_t left = strlen(s), bad = 0;
  while (left) {
    /* Copy the longest valid run at once. */
    size_t run = 0, k;
    while (run < left && (k = lsr_utf8_seq_len(p + run, left - run)) != 0) run += k;
    lsr_buf_add(b, p, run);
    p += run;
    left -= run;
    if (left) {
      lsr_buf_add(b, replacement, 3);
      p++;
      left--;
      bad++;
    }
  }
  return bad;
}

void lsr_uri_append_path(lsr_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      lsr_buf_putc(b, (char)c);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      lsr_buf_add(b, e, 3);
    }
  }
}

/* ---- paths and times --------------------------------------------------- */

const char *lsr_path_under(const char *path, const char *srcroot) {
  if (!path || !*path) return NULL;
  if (path[0] != '/') return path;
  if (!srcroot || !*srcroot) return NULL;
  size_t n = strlen(srcroot);
  while (n > 1 && srcroot[n - 1] == '/') n--;
  if (n == 1 && srcroot[0] == '/') return path[1] ? path + 1 : NULL;
  if (strncmp(path, srcroot, n) == 0 && path[n] == '/' && path[n + 1]) return path + n + 1;
  return NULL;
}

char *lsr_path_on_disk(const char *path, const char *srcroot) {
  if (path[0] == '/' || !srcroot || !*srcroot) return lsr_xstrdup(path);
  size_t n = strlen(srcroot);
  return lsr_xasprintf("%s%s%s", srcroot, srcroot[n - 1] == '/' ? "" : "/", path);
}

int lsr_iso8601(int64_t t, char out[32]) {
  time_t tt = (time_t)t;
  struct tm tm;
  if ((int64_t)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year < -1900)
    return -1;
  return strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) ? 0 : -1;
}

/* ---- tallies ------------------------------------------------------------ */

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

lsr_count *lsr_tally_slot(lsr_tally *t, const char *key, int *added) {
  *added = 0;
  if ((t->len + 1) * 2 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 16;
    lsr_count *slots = lsr_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < t->cap; i++) {
      if (!t->slots[i].key) continue;
      size_t j = hash(t->slots[i].key) & (cap - 1);
      while (slots[j].key) j = (j + 1) & (cap - 1);
      slots[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
  }
  size_t j = hash(key) & (t->cap - 1);
  while (t->slots[j].key && strcmp(t->slots[j].key, key) != 0) j = (j + 1) & (t->cap - 1);
  if (!t->slots[j].key) {
    t->slots[j].key = key;
    t->len++;
    *added = 1;
  }
  return &t->slots[j];
}

void lsr_tally_add(lsr_tally *t, const char *key) {
  int added;
  if (key) lsr_tally_slot(t, key, &added)->n++;
}

static int by_count(const void *a, const void *b) {
  const lsr_count *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return strcmp(x->key, y->key);
}

lsr_count *lsr_tally_sorted(const lsr_tally *t, size_t *n) {
  lsr_count *v = lsr_xcalloc(t->len, sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < t->cap; i++)
    if (t->slots[i].key) v[k++] = t->slots[i];
  qsort(v, k, sizeof *v, by_count);
  *n = k;
  return v;
}

void lsr_tally_free(lsr_tally *t) {
  free(t->slots);
  t->slots = NULL;
  t->cap = t->len = 0;
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
