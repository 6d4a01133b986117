/* source.c: the one cache of source files read back from disk (common.h):
 * suppression comments and fingerprints (src/findings), HTML snippets and
 * SARIF columns in code points (reports/).
 *
 * Invariants: at most LS_SOURCE_FILES files are held, and their contents
 * add up to at most LS_SOURCE_CACHE_BYTES, except that the file asked for
 * last stays even when it alone is over the budget; the least recently
 * used file goes first. c->index maps the path of every held entry to its
 * slot in c->files and nothing else. A file that cannot be read is held
 * with its errno and no contents.
 */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ls_source_init(ls_source_cache *c, const char *root) {
  memset(c, 0, sizeof *c);
  c->root = root;
}

static void drop(ls_source_file *f) {
  free(f->path);
  free(f->data);
  free(f->lines);
  memset(f, 0, sizeof *f);
}

void ls_source_free(ls_source_cache *c) {
  for (int i = 0; i < LS_SOURCE_FILES; i++) drop(&c->files[i]);
  ls_strmap_free(&c->index);
  c->bytes = 0;
}

/* Removes entry i from the cache: from the index, then its memory. */
static void evict(ls_source_cache *c, int i) {
  ls_source_file *f = &c->files[i];
  ls_strmap_del(&c->index, f->path);
  c->bytes -= f->size;
  drop(f);
}

/* A free entry, or the least recently used one. */
static int victim_of(const ls_source_cache *c) {
  int v = 0;
  for (int i = 0; i < LS_SOURCE_FILES; i++) {
    if (!c->files[i].path) return i;
    if (c->files[i].used < c->files[v].used) v = i;
  }
  return v;
}

/* Reads a regular file into f->data; returns 0 or an errno value. */
static int load(ls_source_file *f) {
  int fd = open(f->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return e;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
  }
  if ((unsigned long long)st.st_size > LS_SOURCE_MAX_BYTES) {
    close(fd);
    return EFBIG;
  }
  size_t cap = (size_t)st.st_size + 1, len = 0;
  char *data = ls_xmalloc(cap);
  for (;;) {
    if (len + 1 == cap) {
      if (cap > LS_SOURCE_MAX_BYTES) { /* grew while we read it */
        free(data);
        close(fd);
        return EFBIG;
      }
      data = ls_xrealloc(data, cap *= 2);
    }
    ssize_t n = read(fd, data + len, cap - 1 - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      free(data);
      close(fd);
      return e;
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  close(fd);
  data[len] = '\0';
  /* A line starts at 0 and after every '\n' but a final one. */
  size_t nlines = 1;
  for (size_t i = 0; i < len; i++) nlines += data[i] == '\n';
  f->lines = ls_xcalloc(nlines, sizeof *f->lines);
  f->nlines = 0;
  f->lines[f->nlines++] = 0;
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n' && i + 1 < len) f->lines[f->nlines++] = i + 1;
  f->data = data;
  f->size = len;
  return 0;
}

const ls_source_file *ls_source_get(ls_source_cache *c, const char *path) {
  char *disk = ls_path_join(c->root, path ? path : "");
  int64_t *slot = ls_strmap_get(&c->index, disk);
  if (slot) {
    ls_source_file *f = &c->files[*slot];
    free(disk);
    f->used = ++c->clock;
    return f;
  }
  int v = victim_of(c);
  if (c->files[v].path) evict(c, v);
  ls_source_file *f = &c->files[v];
  f->path = disk;
  f->used = ++c->clock;
  f->error = *disk ? load(f) : ENOENT;
  /* Make room for it: older files go, this one stays even if it alone is
   * over the budget (it is the one the caller needs). */
  c->bytes += f->size;
  while (c->bytes > LS_SOURCE_CACHE_BYTES) {
    int old = -1;
    for (int i = 0; i < LS_SOURCE_FILES; i++)
      if (i != v && c->files[i].path && c->files[i].size &&
          (old < 0 || c->files[i].used < c->files[old].used))
        old = i;
    if (old < 0) break;
    evict(c, old);
  }
  ls_strmap_put(&c->index, disk, v, NULL);
  return f;
}

const char *ls_source_file_line(const ls_source_file *f, unsigned line, size_t *len) {
  if (!f->data || line == 0 || line > f->nlines) return NULL;
  size_t start = f->lines[line - 1];
  size_t end = line < f->nlines ? f->lines[line] - 1 : f->size;
  if (end > start && f->data[end - 1] == '\n') end--; /* last line */
  if (end > start && f->data[end - 1] == '\r') end--;
  *len = end - start;
  return f->data + start;
}

const char *ls_source_line(ls_source_cache *c, const char *path, unsigned line, size_t *len) {
  return ls_source_file_line(ls_source_get(c, path), line, len);
}

unsigned ls_source_codepoint_col(ls_source_cache *c, const char *path, unsigned line,
                                 unsigned col) {
  if (!path || !line || col <= 1) return col;
  size_t len;
  const char *text = ls_source_line(c, path, line, &len);
  if (!text || (size_t)col - 1 > len) return col;
  unsigned cp = 1;
  const unsigned char *p = (const unsigned char *)text, *end = p + (col - 1);
  while (p < end) {
    size_t k = ls_utf8_seq_len(p, (size_t)(end - p));
    p += k ? k : 1; /* an invalid byte counts as one replacement character */
    cp++;
  }
  return cp;
}
