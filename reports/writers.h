/* writers.h: the writers behind ls_report_write(), one per file.
 * This file is private to reports/ (and to tests/reports, which checks what
 * only the writers know, such as how much JSON was ever held in memory).
 *
 * Each writer renders the whole report on an open stream and returns 0 or a
 * negative errno value; output.c owns the file (temporary file, fsync,
 * rename) and the messages.
 */
#ifndef LAGSCAN_REPORTS_WRITERS_H
#define LAGSCAN_REPORTS_WRITERS_H

#include <stddef.h>
#include <stdio.h>

#include "findings.h"

/* What a streaming JSON writer did, for tests. */
typedef struct lsr_json_stats {
  size_t max_pending; /* most bytes of JSON held in memory at once */
  size_t written;     /* bytes written in all */
} lsr_json_stats;

/* text.c: the compiler-style text (ls_report_write_text is the same). */
int lsr_write_text(const ls_report *r, FILE *out);
/* The same with clang's colours when color != 0. */
int lsr_write_text_color(const ls_report *r, FILE *out, int color);

/* ci.c: GitHub Actions workflow commands, one "::warning ..." line per
 * finding, and GitLab Code Quality JSON (an array of issues). */
int lsr_write_github(const ls_report *r, FILE *out);
int lsr_write_gitlab(const ls_report *r, FILE *out);

/* sarif.c: SARIF 2.1.0. stats may be NULL. */
int lsr_write_sarif(const ls_report *r, FILE *out, lsr_json_stats *stats);

/* json.c: JSON Lines, one object per finding. stats may be NULL. */
int lsr_write_json(const ls_report *r, FILE *out, lsr_json_stats *stats);

/* html.c (with html_*.c, html.h): one self-contained HTML page, with a
 * picture of each finding's path drawn as inline SVG by the writer itself. */
int lsr_write_html(const ls_report *r, FILE *out);

#endif /* LAGSCAN_REPORTS_WRITERS_H */
