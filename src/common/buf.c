/* buf.c: the growable byte buffer and the one UTF-8 repair (common.h).
 * Invariant of every ls_buf: data is NUL-terminated whenever cap > 0, and
 * len never counts the terminator. */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(ls_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t c = b->cap ? b->cap : 64;
  while (c < b->len + extra + 1) c *= 2;
  b->data = ls_xrealloc(b->data, c);
  b->cap = c;
}

void ls_buf_add(ls_buf *b, const void *p, size_t n) {
  grow(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void ls_buf_puts(ls_buf *b, const char *s) { ls_buf_add(b, s, strlen(s)); }

void ls_buf_putc(ls_buf *b, char c) { ls_buf_add(b, &c, 1); }

void ls_buf_printf(ls_buf *b, const char *fmt, ...) {
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

void ls_buf_reset(ls_buf *b) {
  b->len = 0;
  if (b->cap) b->data[0] = '\0';
}

void ls_buf_free(ls_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *ls_buf_str(const ls_buf *b) { return b->cap ? b->data : ""; }

size_t ls_utf8_seq_len(const unsigned char *s, size_t n) {
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

size_t ls_utf8_append(ls_buf *b, const char *s) {
  static const char replacement[] = "\xEF\xBF\xBD";
  const unsigned char *p = (const unsigned char *)s;
  size_t left = strlen(s), bad = 0;
  while (left) {
    /* Copy the longest valid run at once. */
    size_t run = 0, k;
    while (run < left && (k = ls_utf8_seq_len(p + run, left - run)) != 0) run += k;
    ls_buf_add(b, p, run);
    p += run;
    left -= run;
    if (left) {
      ls_buf_add(b, replacement, 3);
      p++;
      left--;
      bad++;
    }
  }
  return bad;
}
