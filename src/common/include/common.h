/* common.h: the public interface of src/common/, the helpers every stage
 * shares: checked allocation, growable arrays, the one hash table, SHA-256
 * hex digests, reading files, the version, and one of each utility the
 * later stages need: a byte buffer with the UTF-8 repair, the JSON
 * emitter, paths, the atomic file write and the source-file cache.
 */
#ifndef LAGSCAN_COMMON_H
#define LAGSCAN_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/* Open-addressing map from strings to int64 values (linear probing, at most
 * half full). Keys are copied; a value can be an index into the caller's own
 * array when more than an int64 is needed. */
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
/* Removes `key` (its copy is freed). Returns 1 if it was there, else 0.
 * Pointers returned by get/put are invalid after a removal. */
int ls_strmap_del(ls_strmap *m, const char *key);
void ls_strmap_free(ls_strmap *m);

/* Calls each(name, ctx) for every name of `names`, separated by `sep`
 * ("uv_loop_t|struct uv_loop_s"), until one returns non-zero; returns that
 * value, or 0. Names of 511 bytes or more are skipped. */
int ls_each_name(const char *names, char sep, int (*each)(const char *name, void *ctx),
                 void *ctx);

/* The strings joined with `sep`, as one heap string. */
char *ls_join(char *const *v, size_t n, const char *sep);

/* Frees a heap array of heap strings (NULL is fine). */
void ls_free_strings(char **v, size_t n);

/* 64-bit FNV-1a, for hash tables (not for identity). */
uint64_t ls_hash_str(const char *s);

/* SHA-256 of a buffer as 64 lowercase hex digits plus NUL. */
void ls_sha256_hex(const void *data, size_t len, char out[65]);

/* Reads a whole file into a NUL-terminated heap buffer. Returns 0 or -errno. */
int ls_read_file(const char *path, char **out, size_t *len);

/* ---- byte buffer and UTF-8 (buf.c) ------------------------------------- */

/* A growable byte buffer; `ls_buf b = {0};` is empty. Invariant: data is
 * NUL-terminated whenever cap > 0, and len never counts the terminator. */
typedef struct ls_buf {
  char *data;
  size_t len, cap;
} ls_buf;

void ls_buf_add(ls_buf *b, const void *p, size_t n);
void ls_buf_puts(ls_buf *b, const char *s);
void ls_buf_putc(ls_buf *b, char c);
void ls_buf_printf(ls_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ls_buf_reset(ls_buf *b); /* len = 0, keeps the memory */
void ls_buf_free(ls_buf *b);
/* The contents as a C string ("" for an empty, never-grown buffer). */
const char *ls_buf_str(const ls_buf *b);

/* Length of the well-formed UTF-8 sequence starting at s[0] (1-4), or 0 when
 * s[0..n) does not start with one. */
size_t ls_utf8_seq_len(const unsigned char *s, size_t n);

/* Appends `s` (NUL-terminated) to `b` as valid UTF-8: every byte that does
 * not start a well-formed sequence (stray continuation bytes, overlong
 * forms, surrogates, code points above U+10FFFF, truncated sequences)
 * becomes U+FFFD. Returns the number of replacements made. */
size_t ls_utf8_append(ls_buf *b, const char *s);

/* ---- JSON (json.c) ------------------------------------------------------ */

/* Streaming JSON on yajl_gen. Strings are repaired with ls_utf8_append, so
 * the output is valid JSON whatever the bytes. The text stays in the
 * generator until ls_json_flush() moves it to `out`, at points of the
 * caller's choosing, so memory does not grow with the document. */
struct yajl_gen_t;
typedef struct ls_json {
  struct yajl_gen_t *g;
  FILE *out;
  ls_buf scratch;      /* the last string, repaired */
  size_t max_pending;  /* most bytes the generator held between two flushes */
  size_t written;      /* bytes handed to `out` */
  int error;           /* first failure: a negative errno value, or 0 */
} ls_json;

/* indent: each level indented by it, or NULL for one line. */
void ls_json_init(ls_json *j, FILE *out, const char *indent);
/* Flushes what is left, frees the generator; returns j->error. */
int ls_json_finish(ls_json *j);
/* Moves the generated text to the stream; returns j->error. */
int ls_json_flush(ls_json *j);
/* Ends a complete top-level value with a newline and lets another one
 * start (JSON Lines); flushes. Returns j->error. */
int ls_json_next_value(ls_json *j);

/* A string value (NULL gives null). */
void ls_json_str(ls_json *j, const char *s);
void ls_json_uint(ls_json *j, unsigned long long v);
void ls_json_int(ls_json *j, long long v);
void ls_json_bool(ls_json *j, int v);
void ls_json_null(ls_json *j);
void ls_json_map(ls_json *j);
void ls_json_end_map(ls_json *j);
void ls_json_array(ls_json *j);
void ls_json_end_array(ls_json *j);
/* Map members: key and value in one call. */
void ls_json_kstr(ls_json *j, const char *key, const char *value);
void ls_json_kuint(ls_json *j, const char *key, unsigned long long value);
/* {"text": text} under key. */
void ls_json_ktext(ls_json *j, const char *key, const char *text);
/* A map key. */
#define ls_json_key(j, k) ls_json_str((j), (k))

/* ---- paths (path.c) ----------------------------------------------------- */

/* `path` taken from directory `dir`: a copy of path when it is absolute or
 * dir is NULL or "", else "dir/path" (one slash between). malloc'ed. */
char *ls_path_join(const char *dir, const char *path);

/* `path`, given relative to `dir` (NULL: the current directory), made
 * absolute: its realpath() when it exists, else joined (ls_path_join).
 * malloc'ed. */
char *ls_path_absolute(const char *path, const char *dir);

/* Where `path` lies relative to `root`: a relative path is itself; an
 * absolute path inside root (trailing slashes of root ignored) is the part
 * after "root/"; anything else, root itself, "" and NULL give NULL. The
 * result points into `path`. */
const char *ls_path_under(const char *path, const char *root);

/* ---- atomic file replacement (atomic.c) --------------------------------- */

/* A file being written: a temporary file beside `path`, renamed over it on
 * commit. Write to `f`; the struct must not move between open and commit.
 * The file gets 0666 & ~umask, or 0777 & ~umask with LS_ATOMIC_EXEC.
 * Only a regular file or a path that does not exist is replaced so: a
 * device, a FIFO or a socket (`-o /dev/null`) and "-" (standard output) are
 * written in place, and a symbolic link is followed, its final target being
 * the file replaced (the link stays a link). */
#define LS_ATOMIC_EXEC 1
typedef struct ls_atomic {
  FILE *f;    /* the stream on the temporary file */
  int fd;
  int error;  /* first errno of a failed write, or 0 */
  char *tmp;  /* the temporary file's path */
  char *path; /* the target (a symbolic link's final target) */
  int in_place; /* 1: written straight to `path` (not a regular file, or "-") */
} ls_atomic;

/* Returns 0, or a negative errno value (nothing is left behind then). */
int ls_atomic_open(ls_atomic *a, const char *path, int flags);
/* Finishes the write: `rc` is the caller's status (0 or a negative errno
 * value). When it and every step (flush, fsync, close, rename) succeed the
 * target is replaced; otherwise the temporary file is removed. Returns the
 * first failure (a failed write's errno wins over the caller's rc), else 0. */
int ls_atomic_commit(ls_atomic *a, int rc);

/* ---- source files (source.c) -------------------------------------------- */

/* A bounded cache of source files with their lines. At most LS_SOURCE_FILES
 * files and LS_SOURCE_CACHE_BYTES of their contents are held (the least
 * recently used file goes first; the file asked for last always stays), so
 * memory is bounded however many files are named, and a file is read once
 * while it is held. Files over LS_SOURCE_MAX_BYTES and anything but regular
 * files are not read; an unreadable file is held with its errno. */
#define LS_SOURCE_FILES 256               /* files kept at once */
#define LS_SOURCE_CACHE_BYTES (32u << 20) /* their contents, in all */
#define LS_SOURCE_MAX_BYTES (64u << 20)   /* larger files are not read */

typedef struct ls_source_file {
  char *path;     /* as opened; NULL for a free entry */
  char *data;     /* whole file, NUL-terminated; NULL when unreadable */
  size_t *lines;  /* offset of each line's first byte; lines[0] is line 1 */
  size_t nlines;  /* a final '\n' does not start another line */
  size_t size;
  int error;      /* errno when data is NULL */
  unsigned long used; /* last use, for eviction */
} ls_source_file;

/* A zeroed cache is an initialized one with no root. */
typedef struct ls_source_cache {
  const char *root;    /* relative paths are resolved against it (borrowed) */
  ls_source_file files[LS_SOURCE_FILES];
  ls_strmap index;     /* path opened -> index in files, for held entries */
  size_t bytes;        /* contents held: at most LS_SOURCE_CACHE_BYTES, or one file */
  unsigned long clock;
} ls_source_cache;

void ls_source_init(ls_source_cache *c, const char *root);
void ls_source_free(ls_source_cache *c);

/* The file for `path` (joined to the root), loaded if needed; never NULL
 * (check ->data and ->error). Valid until the next call on the cache. */
const ls_source_file *ls_source_get(ls_source_cache *c, const char *path);

/* Line `line` (1-based) of `f` without its newline ("\n" or "\r\n"), *len
 * its length; NULL when the file is unreadable or has fewer lines. */
const char *ls_source_file_line(const ls_source_file *f, unsigned line, size_t *len);
/* The same for `path`, read through the cache. Valid until the next call. */
const char *ls_source_line(ls_source_cache *c, const char *path, unsigned line, size_t *len);

/* Converts a 1-based byte column on `line` of `path` into a 1-based column
 * in Unicode code points (an invalid byte counts as one). The column is
 * returned unchanged when the file or line cannot be read or the column lies
 * past the end of the line. */
unsigned ls_source_codepoint_col(ls_source_cache *c, const char *path, unsigned line,
                                 unsigned col);

/* The last component of a qualified C++ name ("Store::flush" -> "flush",
 * "std::basic_ifstream::operator>>" -> "operator>>"); the name itself when
 * it has none ("lambda at a.cc:4"). A pointer into `name`. */
const char *ls_last_name_component(const char *name);

/* C++: a function given as the k-th explicit template argument of a call
 * (`InstanceMethod<&Hasher::Other>("other")`) flows into the callee's
 * parameter LS_TEMPLATE_ARG_BASE + k (facts), which rule packs name
 * `template_arg: k` (rules). */
#define LS_TEMPLATE_ARG_BASE 1000

#endif /* LAGSCAN_COMMON_H */
