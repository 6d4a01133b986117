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

/* sarif.c: SARIF 2.1.0. stats may be NULL. */
int lsr_write_sarif(const ls_report *r, FILE *out, lsr_json_stats *stats);

/* json.c: JSON Lines, one object per finding. stats may be NULL. */
int lsr_write_json(const ls_report *r, FILE *out, lsr_json_stats *stats);

/* html.c: one self-contained HTML page. The picture of the call paths is
 * drawn by Graphviz's `dot` (the program named by $LAGSCAN_DOT, else `dot`
 * on PATH); without it the page says the picture is unavailable. */
int lsr_write_html(const ls_report *r, FILE *out);

/* graphviz.c: runs `dot -Tsvg` on `dot_src` without a shell. Returns 0 with
 * *svg set to the malloc'ed <svg> element (XML prolog and doctype removed),
 * or -1 with *why set to a malloc'ed reason ("cannot run 'dot': No such file
 * or directory"). */
int lsr_dot_to_svg(const char *dot_src, size_t len, char **svg, char **why);

#endif /* LAGSCAN_REPORTS_WRITERS_H */
