/* common.h: the public interface of src/common/, the helpers every stage
 * shares: checked allocation, growable arrays, the one hash table, SHA-256
 * hex digests, reading files, and the version.
 */
#ifndef LAGSCAN_COMMON_H
#define LAGSCAN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define LAGSCAN_VERSION "0.1.0"
#define LAGSCAN_INFORMATION_URI "https://github.com/lagscan/lagscan"

/* Allocation never returns NULL: on exhaustion the process aborts with a
 * message, which is the only sane reaction for a command-line analyzer. */
void *ls_xmalloc(size_t n);
void *ls_xcalloc(size_t n, size_t size);
void *ls_xrealloc(void *p, size_t n);
char *ls_xstrdup(const char *s);
char *ls_xstrndup(const char *s, size_t n);
char *ls_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array of T: declare `LS_VEC(T) v = {0};`, append with
 * LS_VEC_PUSH(&v, x). Invariant: len <= cap; items is NULL when cap == 0. */
#define LS_VEC(T) struct { T *items; size_t len, cap; }
#define LS_VEC_GROW(v, n)                                                      \
  do {                                                                         \
    if ((v)->len + (n) > (v)->cap) {                                           \
      size_t c_ = (v)->cap ? (v)->cap * 2 : 16;                                \
      while (c_ < (v)->len + (n)) c_ *= 2;                                     \
      (v)->items = ls_xrealloc((v)->items, c_ * sizeof(*(v)->items));          \
      (v)->cap = c_;                                                           \
    }                                                                          \
  } while (0)
#define LS_VEC_PUSH(v, x)                                                      \
  do {                                                                         \
    LS_VEC_GROW(v, 1);                                                         \
    (v)->items[(v)->len++] = (x);                                              \
  } while (0)
#define LS_VEC_FREE(v)                                                         \
  do {                                                                         \
    free((v)->items);                                                          \
    (v)->items = NULL;                                                         \
    (v)->len = (v)->cap = 0;                                                   \
  } while (0)

/* Open-addressing map from strings to int64 values. Keys are copied. */
typedef struct ls_strmap {
  char **keys;
  int64_t *vals;
  size_t cap, len;
} ls_strmap;

/* Returns a pointer to the value of `key`, or NULL if absent. */
int64_t *ls_strmap_get(const ls_strmap *m, const char *key);
/* Inserts key with value `val` if absent. Returns a pointer to the stored
 * value and sets *inserted to 1 when the key was new. */
int64_t *ls_strmap_put(ls_strmap *m, const char *key, int64_t val, int *inserted);
void ls_strmap_free(ls_strmap *m);

/* Frees a heap array of heap strings (NULL is fine). */
void ls_free_strings(char **v, size_t n);

/* 64-bit FNV-1a, for hash tables (not for identity). */
uint64_t ls_hash_str(const char *s);

/* SHA-256 of a buffer as 64 lowercase hex digits plus NUL. */
void ls_sha256_hex(const void *data, size_t len, char out[65]);

/* Reads a whole file into a NUL-terminated heap buffer. Returns 0 or -errno. */
int ls_read_file(const char *path, char **out, size_t *len);

#endif /* LAGSCAN_COMMON_H */
