/* source.c: a small bounded cache of source files for the writers (see
 * source.h). */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rutil.h"

void lsr_source_init(lsr_source_cache *c, const char *srcroot) {
  memset(c, 0, sizeof *c);
  c->srcroot = srcroot;
}

static void drop(lsr_source_file *f) {
  free(f->path);
  free(f->data);
  free(f->lines);
  memset(f, 0, sizeof *f);
}

void lsr_source_free(lsr_source_cache *c) {
  for (int i = 0; i < LSR_SOURCE_FILES; i++) drop(&c->files[i]);
  memset(c->bucket, 0, sizeof c->bucket);
  c->bytes = 0;
}

static unsigned bucket_of(const char *path) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    h ^= *p;
    h *= 1099511628211ULL;
  }
  return (unsigned)(h % LSR_SOURCE_BUCKETS);
}

/* Removes entry i from the cache: from its hash chain, then its memory. */
static void evict(lsr_source_cache *c, int i) {
  lsr_source_file *f = &c->files[i];
  int *link = &c->bucket[bucket_of(f->path)];
  while (*link && *link != i + 1) link = &c->files[*link - 1].next;
  if (*link) *link = f->next;
  c->bytes -= f->size;
  drop(f);
}

/* The least recently used entry, or a free one. */
static int victim_of(const lsr_source_cache *c) {
  int v = 0;
  for (int i = 0; i < LSR_SOURCE_FILES; i++) {
    if (!c->files[i].path) return i;
    if (c->files[i].used < c->files[v].used) v = i;
  }
  return v;
}

/* Reads a regular file into f->data; returns 0 or an errno value. */
static int load(lsr_source_file *f) {
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
  if ((unsigned long long)st.st_size > LSR_SOURCE_MAX_BYTES) {
    close(fd);
    return EFBIG;
  }
  size_t cap = (size_t)st.st_size + 1, len = 0;
  char *data = lsr_xmalloc(cap);
  for (;;) {
    if (len + 1 == cap) {
      if (cap > LSR_SOURCE_MAX_BYTES) { /* grew while we read it */
        free(data);
        close(fd);
        return EFBIG;
      }
      data = lsr_xrealloc(data, cap *= 2);
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
  size_t nlines = 1;
  for (size_t i = 0; i < len; i++) nlines += data[i] == '\n';
  f->lines = lsr_xcalloc(nlines, sizeof *f->lines);
  f->nlines = 0;
  f->lines[f->nlines++] = 0;
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n' && i + 1 < len) f->lines[f->nlines++] = i + 1;
  f->data = data;
  f->size = len;
  return 0;
}

const lsr_source_file *lsr_source_get(lsr_source_cache *c, const char *path) {
  char *disk = lsr_path_on_disk(path ? path : "", c->srcroot);
  unsigned b = bucket_of(disk);
  for (int i = c->bucket[b]; i; i = c->files[i - 1].next) {
    lsr_source_file *f = &c->files[i - 1];
    if (strcmp(f->path, disk) == 0) {
      free(disk);
      f->used = ++c->clock;
      return f;
    }
  }
  int v = victim_of(c);
  if (c->files[v].path) evict(c, v);
  lsr_source_file *f = &c->files[v];
  f->path = disk;
  f->used = ++c->clock;
  f->error = *disk ? load(f) : ENOENT;
  /* Make room for it: older files go, this one stays even if it alone is
   * over the budget (it is the one the caller needs). */
  c->bytes += f->size;
  while (c->bytes > LSR_SOURCE_CACHE_BYTES) {
    int old = -1;
    for (int i = 0; i < LSR_SOURCE_FILES; i++)
      if (i != v && c->files[i].path && c->files[i].size &&
          (old < 0 || c->files[i].used < c->files[old].used))
        old = i;
    if (old < 0) break;
    evict(c, old);
  }
  f->next = c->bucket[b];
  c->bucket[b] = v + 1;
  return f;
}

const char *lsr_source_line(const lsr_source_file *f, unsigned line, size_t *len) {
  if (!f->data || line == 0 || line > f->nlines) return NULL;
  size_t start = f->lines[line - 1];
  size_t end = line < f->nlines ? f->lines[line] - 1 : f->size;
  if (end > start && f->data[end - 1] == '\n') end--; /* last line */
  if (end > start && f->data[end - 1] == '\r') end--;
  *len = end - start;
  return f->data + start;
}

unsigned lsr_source_codepoint_col(lsr_source_cache *c, const char *path, unsigned line,
                                  unsigned col) {
  if (!path || !line || col <= 1) return col;
  size_t len;
  const char *text = lsr_source_line(lsr_source_get(c, path), line, &len);
  if (!text || (size_t)col - 1 > len) return col;
  unsigned cp = 1;
  const unsigned char *p = (const unsigned char *)text, *end = p + (col - 1);
  while (p < end) {
    size_t k = lsr_utf8_seq_len(p, (size_t)(end - p));
    p += k ? k : 1; /* an invalid byte counts as one replacement character */
    cp++;
  }
  return cp;
}
