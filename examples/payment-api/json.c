/* json.c: just enough JSON for the payment API's request bodies
 * ({"username": "...", "password": "..."}); not a general parser. */
#include <string.h>

#include "json.h"

static const char *skip_space(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
  return p;
}

/* Reads a string starting after its opening quote; returns its length or -1. */
static int read_string(const char *p, const char *end, char *out, size_t size, const char **after) {
  size_t n = 0;
  while (p < end && *p != '"') {
    char c = *p++;
    if (c == '\\') {
      if (p == end) return -1;
      c = *p++;
      if (c != '"' && c != '\\' && c != '/') return -1; /* no \n, \uXXXX: not needed here */
    }
    if (out) {
      if (n + 1 >= size) return -1;
      out[n] = c;
    }
    n++;
  }
  if (p == end) return -1;
  if (out) out[n] = '\0';
  if (after) *after = p + 1;
  return (int)n;
}

int json_get_string(const char *text, size_t len, const char *key, char *out, size_t size) {
  const char *p = text, *end = text + len;
  size_t klen = strlen(key);
  p = skip_space(p, end);
  if (p == end || *p++ != '{') return -1;
  for (;;) {
    p = skip_space(p, end);
    if (p == end || *p++ != '"') return -1;
    const char *name = p;
    if (read_string(p, end, NULL, 0, &p) < 0) return -1;
    int match = (size_t)(p - 1 - name) == klen && memcmp(name, key, klen) == 0;
    p = skip_space(p, end);
    if (p == end || *p++ != ':') return -1;
    p = skip_space(p, end);
    if (p == end) return -1;
    if (*p == '"') {
      if (match) return read_string(p + 1, end, out, size, NULL);
      if (read_string(p + 1, end, NULL, 0, &p) < 0) return -1;
    } else {
      if (match) return -1;
      while (p < end && *p != ',' && *p != '}') p++; /* a number, true, false, null */
    }
    p = skip_space(p, end);
    if (p == end || *p == '}') return -1;
    if (*p++ != ',') return -1;
  }
}

void hex_encode(const unsigned char *in, size_t n, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[in[i] >> 4];
    out[2 * i + 1] = digits[in[i] & 15];
  }
  out[2 * n] = '\0';
}
