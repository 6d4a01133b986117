/* reports.h: the public interface of lagscan's report writers.
 *
 * One writer per format (text.c, sarif.c, json.c, ...) renders the report
 * model of analyzer.h. A writer never changes the report and never decides
 * the exit status; it returns 0 or a negative errno value and, on failure, a
 * message naming the output file.
 *
 * Files are written to a temporary file in the destination directory and
 * renamed into place, so a reader never sees a partial report; what is not
 * a regular file (/dev/null, a FIFO) is written in place and a symbolic link
 * is followed to its target (common.h, ls_atomic_open).
 */
#ifndef LAGSCAN_REPORTS_H
#define LAGSCAN_REPORTS_H

#include <stdio.h>
#include "findings.h"

typedef enum ls_format {
  LS_FORMAT_TEXT = 0, /* compiler style: file:line:col: warning: ... [rule] */
  LS_FORMAT_SARIF,    /* SARIF 2.1.0 */
  LS_FORMAT_JSON,     /* one JSON object per finding, one per line */
  LS_FORMAT_HTML,
  LS_FORMAT_GITHUB,   /* GitHub Actions workflow commands (::warning ...) */
  LS_FORMAT_GITLAB    /* GitLab Code Quality JSON */
} ls_format;

/* Parses "text", "sarif", "json", "html", "github" or "gitlab". Returns 0,
 * or -1 if unknown. */
int ls_format_parse(const char *name, ls_format *out);

/* The format names ls_format_parse takes, "text, sarif, json, html, github
 * or gitlab" (static), for messages and --help. */
const char *ls_format_names(void);

/* How a report is rendered beyond its format. A zeroed struct is the
 * default. */
typedef struct ls_write_options {
  int color; /* text only: ANSI colours as clang uses them ("warning:" bold
                magenta, "note:" bold black, [rule] bold magenta) */
} ls_write_options;

/* ls_report_write with options (NULL: the defaults). */
int ls_report_write_opts(const ls_report *report, ls_format format, const char *path,
                         const ls_write_options *opt, char **err);

/* Writes `report` in `format` to `path`, or to stdout when path is NULL or
 * "-". Returns 0, or a negative errno value with *err set to a malloc'ed
 * message ("cannot write 'out/x.sarif': No such file or directory"). */
int ls_report_write(const ls_report *report, ls_format format, const char *path,
                    char **err);

/* The text writer on an open stream (used for stdout and by tests). */
int ls_report_write_text(const ls_report *report, FILE *out);

#endif /* LAGSCAN_REPORTS_H */
