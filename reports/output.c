/* output.c: ls_format_parse() and ls_report_write(): choosing the writer and
 * owning the output file.
 *
 * A report file is never seen half-written: it is written with common's
 * atomic replacement (common.h, ls_atomic_open): a temporary file in the
 * destination's directory, flushed, fsync'ed and renamed over it, each step
 * checked; on any failure the destination is left as it was. The file gets
 * 0666 less the umask. A destination that is not a regular file (/dev/null,
 * a FIFO) is written in place, and a symbolic link is followed to its
 * target, which is replaced while the link stays. The first write error is the one reported, whatever
 * the writer saw after it (HTML reads source files and runs dot).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    {"github", LS_FORMAT_GITHUB},
    {"gitlab", LS_FORMAT_GITLAB},
};

const char *ls_format_names(void) { return "text, sarif, json, html, github or gitlab"; }

int ls_format_parse(const char *name, ls_format *out) {
  for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(name, formats[i].name) == 0) {
      *out = formats[i].format;
      return 0;
    }
  return -1;
}

static int write_stream(const ls_report *r, ls_format format, const ls_write_options *opt,
                        FILE *out) {
  switch (format) {
  case LS_FORMAT_TEXT: return lsr_write_text_color(r, out, opt->color);
  case LS_FORMAT_GITHUB: return lsr_write_github(r, out);
  case LS_FORMAT_GITLAB: return lsr_write_gitlab(r, out);
  case LS_FORMAT_SARIF: return lsr_write_sarif(r, out, NULL);
  case LS_FORMAT_JSON: return lsr_write_json(r, out, NULL);
  case LS_FORMAT_HTML: return lsr_write_html(r, out);
  }
  return -EINVAL;
}

int ls_report_write(const ls_report *report, ls_format format, const char *path, char **err) {
  return ls_report_write_opts(report, format, path, NULL, err);
}

int ls_report_write_opts(const ls_report *report, ls_format format, const char *path,
                         const ls_write_options *opt, char **err) {
  static const ls_write_options defaults;
  if (!opt) opt = &defaults;
  *err = NULL;
  if (!path || strcmp(path, "-") == 0) {
    int rc = write_stream(report, format, opt, stdout);
    if (rc == 0 && fflush(stdout) != 0) rc = -(errno ? errno : EIO);
    if (rc) *err = ls_xasprintf("cannot write to standard output: %s", strerror(-rc));
    return rc;
  }
  if (!*path) {
    *err = ls_xasprintf("cannot write '': %s", strerror(ENOENT));
    return -ENOENT;
  }
  ls_atomic out;
  int rc = ls_atomic_open(&out, path, 0);
  if (!rc) rc = ls_atomic_commit(&out, write_stream(report, format, opt, out.f));
  if (rc) *err = ls_xasprintf("cannot write '%s': %s", path, strerror(-rc));
  return rc;
}
