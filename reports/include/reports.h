/* reports.h: the public interface of lagscan's report writers.
 *
 * One writer per format (text.c, sarif.c, json.c, ...) renders the report
 * model of analyzer.h. A writer never changes the report and never decides
 * the exit status; it returns 0 or a negative errno value and, on failure, a
 * message naming the output file.
 *
 * Files are written to a temporary file in the destination directory and
 * renamed into place, so a reader never sees a partial report.
 */
#ifndef LAGSCAN_REPORTS_H
#define LAGSCAN_REPORTS_H

#include <stdio.h>
#include "findings.h"

typedef enum ls_format {
  LS_FORMAT_TEXT = 0, /* compiler style: file:line:col: warning: ... [rule] */
  LS_FORMAT_SARIF,    /* SARIF 2.1.0 */
  LS_FORMAT_JSON,     /* one JSON object per finding, one per line */
  LS_FORMAT_HTML
} ls_format;

/* Parses "text", "sarif", "json" or "html". Returns 0, or -1 if unknown. */
int ls_format_parse(const char *name, ls_format *out);

/* Writes `report` in `format` to `path`, or to stdout when path is NULL or
 * "-". Returns 0, or a negative errno value with *err set to a malloc'ed
 * message ("cannot write 'out/x.sarif': No such file or directory"). */
int ls_report_write(const ls_report *report, ls_format format, const char *path,
                    char **err);

/* The text writer on an open stream (used for stdout and by tests). */
int ls_report_write_text(const ls_report *report, FILE *out);

#endif /* LAGSCAN_REPORTS_H */
