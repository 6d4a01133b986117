/* html.h: what the parts of the HTML writer share (html.c the page, its
 * index and the rules' help; html_text.c escaping and anchors;
 * html_markdown.c the help's markdown; html_finding.c the findings, their
 * hops and excerpts; html_svg.c each finding's picture).
 * This file is private to reports/ (and to tests/reports, which tests the
 * markdown renderer and the picture on their own).
 *
 * Invariant: every byte that comes from the report, the rule catalogue or a
 * source file reaches the page through lsr_html_escape (valid UTF-8, markup
 * characters as entities, control characters as U+FFFD); anchors are made
 * only by the functions below, so a link and its target always agree.
 */
#ifndef LAGSCAN_REPORTS_HTML_H
#define LAGSCAN_REPORTS_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "findings.h"

typedef struct lsr_html {
  FILE *out;
  const ls_report *r;
  ls_source_cache src; /* the one cache of source files (common's source.c) */
  ls_buf tmp;          /* scratch of lsr_html_esc_n */
  size_t *number;      /* per finding: its number on the page (1-based), 0 for
                          a baseline finding no longer present */
} lsr_html;

/* ---- html_text.c ----------------------------------------------------------- */

/* Appends n bytes of s as HTML text (also valid inside attribute values):
 * UTF-8 repaired, & < > " ' as entities, control characters other than tab
 * and newline as U+FFFD. */
void lsr_html_escape(ls_buf *out, const char *s, size_t n);
void lsr_html_esc_n(lsr_html *h, const char *s, size_t n);
void lsr_html_esc(lsr_html *h, const char *s); /* NULL writes nothing */
/* <code class="loc">path:line:col</code>, or "(unknown place)". */
void lsr_html_loc(lsr_html *h, const ls_location *loc);

/* Anchors. A finding is "finding-N" (N its number on the page), a hop of its
 * path "finding-N-hop-K" (K 1-based, root first), a related registration
 * "finding-N-related-K", a rule's help "rule-ID" when the id is made of
 * [a-z0-9-] only, else "rule-N" with N its index in the report's rules. */
void lsr_html_rule_anchor(const ls_report *r, const char *rule_id, ls_buf *out);
/* The index of rule_id in r->rules, or r->nrules when it is not there. */
size_t lsr_html_rule_index(const ls_report *r, const char *rule_id);

/* ---- html_markdown.c ------------------------------------------------------- */

/* Renders the markdown subset of the rules' help as HTML: paragraphs,
 * **bold**, `inline code`, fenced code blocks (``` with an optional
 * language), and lists ("- ", "* " or "1. " items). Everything else is text,
 * escaped; an unclosed ** or ` is written as it is. */
void lsr_markdown_html(ls_buf *out, const char *md);

/* ---- html_svg.c ------------------------------------------------------------ */

/* Appends a small inline SVG of finding f's path, registration -> loop
 * callback -> calls -> blocking call, one box per function, each box and
 * arrow a link to its hop ("#finding-N-hop-K", N = number). No script, no
 * url(), no external reference. */
void lsr_html_path_svg(ls_buf *out, const ls_finding *f, size_t number);

/* ---- html_finding.c -------------------------------------------------------- */

/* One <article id="finding-N"> with its path, each hop anchored with the
 * source lines around it. */
void lsr_html_finding(lsr_html *h, const ls_finding *f, size_t number);

#endif /* LAGSCAN_REPORTS_HTML_H */
