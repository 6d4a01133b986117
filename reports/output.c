/* output.c: ls_format_parse() and ls_report_write(): choosing the writer and
 * owning the output file.
 *
 * A report file is never seen half-written: the writer fills a temporary
 * file created (mkostemp) in the destination's directory, which is then
 * flushed, fsync'ed, closed and renamed over the destination, each step
 * checked. On any failure the temporary file is removed and the destination
 * is left as it was. The file gets the mode a plain fopen() would give it
 * (0666 less the umask), not mkstemp's 0600.
 */
#define _GNU_SOURCE /* mkostemp, fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports.h"
#include "rutil.h"
#include "writers.h"

static const struct {
  const char *name;
  ls_format format;
} formats[] = {
    {"text", LS_FORMAT_TEXT},
    {"sarif", LS_FORMAT_SARIF},
    {"json", LS_FORMAT_JSON},
    {"html", LS_FORMAT_HTML},
};

int ls_format_parse(const char *name, ls_format *out) {
  for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(name, formats[i].name) == 0) {
      *out = formats[i].format;
      return 0;
    }
  return -1;
}

static int write_stream(const ls_report *r, ls_format format, FILE *out) {
  switch (format) {
  case LS_FORMAT_TEXT: return lsr_write_text(r, out);
  case LS_FORMAT_SARIF: return lsr_write_sarif(r, out, NULL);
  case LS_FORMAT_JSON: return lsr_write_json(r, out, NULL);
  case LS_FORMAT_HTML: return lsr_write_html(r, out);
  }
  return -EINVAL;
}

static mode_t file_mode(void) {
  mode_t mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
}

/* The stream on the temporary file writes through this cookie, which keeps
 * the first write error: errno alone could be overwritten by a writer's
 * later calls (HTML reads source files, runs dot) before it checks. */
typedef struct sink {
  int fd;
  int error; /* first errno of a failed write, or 0 */
} sink;

static ssize_t sink_write(void *cookie, const char *buf, size_t n) {
  sink *s = cookie;
  if (s->error) return 0;
  size_t done = 0;
  while (done < n) {
    ssize_t w = write(s->fd, buf + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      s->error = errno;
      errno = s->error;
      return 0;
    }
    done += (size_t)w;
  }
  return (ssize_t)n;
}

int ls_report_write(const ls_report *report, ls_format format, const char *path, char **err) {
  *err = NULL;
  if (!path || strcmp(path, "-") == 0) {
    int rc = write_stream(report, format, stdout);
    if (rc == 0 && fflush(stdout) != 0) rc = -(errno ? errno : EIO);
    if (rc) *err = lsr_xasprintf("cannot write to standard output: %s", strerror(-rc));
    return rc;
  }
  if (!*path) {
    *err = lsr_xasprintf("cannot write '': %s", strerror(ENOENT));
    return -ENOENT;
  }
  /* "dir/report.sarif" -> "dir/.report.sarif.XXXXXX": same directory, so the
   * rename cannot cross file systems. */
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  char *tmp = lsr_xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
  int fd = mkostemp(tmp, O_CLOEXEC);
  if (fd < 0) {
    int rc = -errno;
    *err = lsr_xasprintf("cannot write '%s': %s", path, strerror(-rc));
    free(tmp);
    return rc;
  }
  int rc = 0;
  sink s = {fd, 0};
  cookie_io_functions_t io = {.write = sink_write};
  FILE *f = fopencookie(&s, "w", io);
  if (!f) {
    rc = -errno;
  } else {
    if (fchmod(fd, file_mode()) != 0) rc = -errno;
    if (!rc) rc = write_stream(report, format, f);
    if (fflush(f) != 0 && !rc) rc = -(errno ? errno : EIO);
    if (fclose(f) != 0 && !rc) rc = -(errno ? errno : EIO);
    if (s.error) rc = -s.error; /* the cause, whatever the writer saw */
    if (!rc && fsync(fd) != 0) rc = -errno;
  }
  if (close(fd) != 0 && !rc) rc = -errno;
  if (!rc && rename(tmp, path) != 0) rc = -errno;
  if (rc) {
    *err = lsr_xasprintf("cannot write '%s': %s", path, strerror(-rc));
    unlink(tmp);
  }
  free(tmp);
  return rc;
}
