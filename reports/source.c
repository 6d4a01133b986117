/* source.c: a small bounded cache of source files for the writers (see
 * source.h). */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
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
  lsr_source_file *victim = &c->files[0];
  for (int i = 0; i < LSR_SOURCE_FILES; i++) {
    lsr_source_file *f = &c->files[i];
    if (f->path && strcmp(f->path, disk) == 0) {
      free(disk);
      f->used = ++c->clock;
      return f;
    }
    if (!f->path || (victim->path && f->used < victim->used)) victim = f;
  }
  drop(victim);
  victim->path = disk;
  victim->used = ++c->clock;
  victim->error = *disk ? load(victim) : ENOENT;
  return victim;
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
