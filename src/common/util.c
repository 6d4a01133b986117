/* util.c: allocation, hash map and hashing helpers (see common.h). */
#define _GNU_SOURCE /* vasprintf */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(size_t n) {
  fprintf(stderr, "lagscan: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *ls_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *ls_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) out_of_memory(n * size);
  return p;
}

void *ls_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory(n);
  return q;
}

char *ls_xstrdup(const char *s) { return ls_xstrndup(s, strlen(s)); }

char *ls_xstrndup(const char *s, size_t n) {
  char *p = ls_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *ls_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  int r = vasprintf(&s, fmt, ap);
  va_end(ap);
  if (r < 0) out_of_memory(strlen(fmt));
  return s;
}

int ls_each_name(const char *names, char sep, int (*each)(const char *name, void *ctx),
                 void *ctx) {
  char one[512];
  for (const char *p = names; p && *p;) {
    const char *end = strchr(p, sep);
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n < sizeof one) {
      memcpy(one, p, n);
      one[n] = '\0';
      int r = each(one, ctx);
      if (r) return r;
    }
    p += n;
    if (*p == sep) p++;
  }
  return 0;
}

char *ls_join(char *const *v, size_t n, const char *sep) {
  size_t len = 1;
  for (size_t i = 0; i < n; i++) len += strlen(v[i]) + strlen(sep);
  char *s = ls_xmalloc(len), *p = s;
  *p = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i) p = stpcpy(p, sep);
    p = stpcpy(p, v[i]);
  }
  return s;
}

void ls_free_strings(char **v, size_t n) {
  for (size_t i = 0; v && i < n; i++) free(v[i]);
  free(v);
}

uint64_t ls_hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ULL;
  }
  return h;
}

static size_t slot_of(const ls_strmap *m, const char *key) {
  size_t mask = m->cap - 1;
  size_t i = (size_t)ls_hash_str(key) & mask;
  while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & mask;
  return i;
}

int64_t *ls_strmap_get(const ls_strmap *m, const char *key) {
  if (!m->cap) return NULL;
  size_t i = slot_of(m, key);
  return m->keys[i] ? &m->vals[i] : NULL;
}

static void grow(ls_strmap *m) {
  ls_strmap n = {0};
  n.cap = m->cap ? m->cap * 2 : 64;
  n.keys = ls_xcalloc(n.cap, sizeof(char *));
  n.vals = ls_xcalloc(n.cap, sizeof(int64_t));
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = slot_of(&n, m->keys[i]);
    n.keys[j] = m->keys[i];
    n.vals[j] = m->vals[i];
  }
  n.len = m->len;
  free(m->keys);
  free(m->vals);
  *m = n;
}

int64_t *ls_strmap_put(ls_strmap *m, const char *key, int64_t val, int *inserted) {
  /* Invariant: the table is at most half full, so probing terminates. */
  if ((m->len + 1) * 2 > m->cap) grow(m);
  size_t i = slot_of(m, key);
  if (inserted) *inserted = m->keys[i] == NULL;
  if (!m->keys[i]) {
    m->keys[i] = ls_xstrdup(key);
    m->vals[i] = val;
    m->len++;
  }
  return &m->vals[i];
}

int ls_strmap_del(ls_strmap *m, const char *key) {
  if (!m->cap) return 0;
  size_t mask = m->cap - 1, i = slot_of(m, key);
  if (!m->keys[i]) return 0;
  free(m->keys[i]);
  m->keys[i] = NULL;
  m->len--;
  /* Backward-shift deletion keeps the probing invariant without tombstones:
   * every key stays reachable from its home slot without crossing an empty
   * slot. A key after the hole moves into it unless its home lies
   * cyclically in (hole, its slot]. */
  for (size_t j = (i + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
    size_t home = (size_t)ls_hash_str(m->keys[j]) & mask;
    int stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (stays) continue;
    m->keys[i] = m->keys[j];
    m->vals[i] = m->vals[j];
    m->keys[j] = NULL;
    i = j;
  }
  return 1;
}

void ls_strmap_free(ls_strmap *m) {
  for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof(*m));
}

void ls_sha256_hex(const void *data, size_t len, char out[65]) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
  for (unsigned i = 0; i < mdlen && i < 32; i++) sprintf(out + 2 * i, "%02x", md[i]);
  out[64] = '\0';
}

int ls_read_file(const char *path, char **out, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -errno;
  struct stat st;
  if (fstat(fd, &st) < 0) {
    int e = -errno;
    close(fd);
    return e;
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return -EISDIR;
  }
  size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
  char *buf = ls_xmalloc(cap);
  for (;;) {
    if (n + 1 >= cap) buf = ls_xrealloc(buf, cap *= 2);
    ssize_t r = read(fd, buf + n, cap - n - 1);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = -errno;
      free(buf);
      close(fd);
      return e;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *out = buf;
  if (len) *len = n;
  return 0;
}

/* A qualified C++ name's last component: after the last "::" that is not
 * inside parentheses or angle brackets, and not in an operator's name. */
const char *ls_last_name_component(const char *name) {
  const char *last = name;
  int depth = 0;
  for (const char *p = name; *p; p++) {
    if (*p == '(' || *p == '<') depth++;
    else if ((*p == ')' || *p == '>') && depth > 0) depth--;
    else if (!depth && p[0] == ':' && p[1] == ':') {
      last = p + 2;
      p++;
    }
    if (!strncmp(p, "operator", 8) && (p == name || p[-1] == ':')) break;
  }
  return last;
}
