/* html.c: `--format html`, one self-contained page for reading a scan.
 *
 * The page holds everything it shows: inline CSS, no script, no external
 * resource (a Content-Security-Policy meta tag forbids loading any). Its
 * parts, in order:
 *   - a summary, then the index: findings by rule and by file (counts and a
 *     link to each finding), per loop callback, the translation units that
 *     failed, baseline findings no longer present;
 *   - each finding (html_finding.c), anchored "finding-N", with a small
 *     picture of its path (html_svg.c) and every hop anchored with the
 *     source lines around it;
 *   - the help of each rule that fired, anchored "rule-ID", rendered from
 *     the catalogue's markdown (html_markdown.c).
 * Everything that comes from the report, the catalogue or source files is
 * escaped and repaired to valid UTF-8 (html_text.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "rutil.h"
#include "writers.h"

#define INDEX_LINKS 50 /* links to findings per row of the index */
#define TOP_ROOTS 20

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;"
    "color:#1d1d1f;background:#fff}\n"
    "h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\n"
    "h3{font-size:1.05em;margin:.2em 0}a{color:#1d4ed8;text-decoration:none}"
    "a:hover{text-decoration:underline}\n"
    "table{border-collapse:collapse;margin:.4em 0 1em}th,td{text-align:left;padding:.15em .8em;"
    "border-bottom:1px solid #eee;vertical-align:top}td.n{text-align:right}\n"
    "td.links a{margin-right:.4em}\n"
    "code{font:12.5px ui-monospace,monospace}.meta{color:#555}\n"
    ".badge{display:inline-block;font:12px ui-monospace,monospace;padding:0 .45em;"
    "border-radius:3px;background:#eef;margin-right:.3em}.badge.new{background:#fde68a}\n"
    ".badge.unchanged{background:#e5e7eb}.finding{border:1px solid #ddd;border-left:4px solid "
    "#d33;border-radius:4px;padding:.6em 1em;margin:1em 0}\n"
    ".num{color:#555;margin-right:.3em}.picture{margin:.4em 0;overflow-x:auto}\n"
    "ol.path{padding-left:1.6em}ol.path li{margin:.5em 0}li.blocking>p{font-weight:600}\n"
    "li:target,article:target,section:target{outline:2px solid #93c5fd;outline-offset:2px}\n"
    "pre.code,pre.md{background:#f6f8fa;border:1px solid #e5e7eb;padding:.4em .6em;"
    "overflow-x:auto;margin:.3em 0;tab-size:4;font:12.5px/1.4 ui-monospace,monospace}\n"
    ".ln{color:#999;user-select:none}.hl{background:#fff3b0;display:inline-block;width:100%}\n"
    "mark{background:#f9a8a8}.nosrc{color:#8a5a00;font-style:italic}\n"
    ".rule{border-top:1px solid #eee;padding:.4em 0}.error{color:#b00}\n";

static void head(lsr_html *h) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>lagscan report</title>\n<style>\n",
        h->out);
  fputs(style, h->out);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>lagscan report</h1>\n<p class=\"meta\">", h->out);
  fputs("lagscan ", h->out);
  lsr_html_esc(h, h->r->tool_version ? h->r->tool_version : LAGSCAN_VERSION);
  char when[32];
  if (h->r->end_time > 0 && lsr_iso8601(h->r->end_time, when) == 0)
    fprintf(h->out, ", finished %s", when);
  if (h->r->srcroot) {
    fputs(", sources in <code>", h->out);
    lsr_html_esc(h, h->r->srcroot);
    fputs("</code>", h->out);
  }
  fputs("</p>\n", h->out);
  if (h->r->command_line) {
    fputs("<p class=\"meta\">command: <code>", h->out);
    lsr_html_esc(h, h->r->command_line);
    fputs("</code></p>\n", h->out);
  }
  fputs("</header>\n", h->out);
}

/* ---- the index ------------------------------------------------------------- */

typedef enum index_by { BY_RULE, BY_FILE } index_by;

static int matches(const ls_finding *f, index_by by, const char *key) {
  /* the keys of lsr_summary_build's tallies */
  const char *v = by == BY_RULE ? f->rule_id : f->loc.path;
  return key && strcmp(v ? v : "?", key) == 0;
}

/* Links to every finding (by its number) whose rule or file is key. */
static void finding_links(lsr_html *h, index_by by, const char *key) {
  size_t shown = 0, more = 0;
  fputs("<td class=\"links\">", h->out);
  for (size_t i = 0; i < h->r->nfindings; i++) {
    if (!h->number[i] || !matches(&h->r->findings[i], by, key)) continue;
    if (shown++ < INDEX_LINKS)
      fprintf(h->out, "<a href=\"#finding-%zu\">#%zu</a>", h->number[i], h->number[i]);
    else
      more++;
  }
  if (more) fprintf(h->out, "and %zu more", more);
  fputs("</td>", h->out);
}

static void index_table(lsr_html *h, index_by by, const lsr_count *c, size_t n) {
  if (by == BY_RULE)
    fputs("<h3 id=\"by-rule\">By rule</h3>\n<table class=\"index\">\n<tr><th>rule</th><th>what"
          "</th><th>findings</th><th></th></tr>\n",
          h->out);
  else
    fputs("<h3 id=\"by-file\">By file</h3>\n<table class=\"index\">\n<tr><th>file</th>"
          "<th>findings</th><th></th></tr>\n",
          h->out);
  ls_buf anchor = {0};
  for (size_t i = 0; i < n; i++) {
    fputs("<tr><td>", h->out);
    if (by == BY_RULE) {
      ls_buf_reset(&anchor);
      lsr_html_rule_anchor(h->r, c[i].key, &anchor);
      fprintf(h->out, "<a href=\"#%s\"><code>", ls_buf_str(&anchor));
      lsr_html_esc(h, c[i].key);
      fputs("</code></a></td><td>", h->out);
      size_t ri = lsr_html_rule_index(h->r, c[i].key);
      lsr_html_esc(h, ri < h->r->nrules ? h->r->rules[ri].short_desc : "");
    } else {
      fputs("<code>", h->out);
      lsr_html_esc(h, c[i].key);
      fputs("</code>", h->out);
    }
    fprintf(h->out, "</td><td class=\"n\">%zu</td>", c[i].n);
    finding_links(h, by, c[i].key);
    fputs("</tr>\n", h->out);
  }
  fputs("</table>\n", h->out);
  ls_buf_free(&anchor);
}

static void roots_table(lsr_html *h, const lsr_count *c, size_t n) {
  fputs("<h3>Per loop callback</h3>\n<table>\n<tr><th>loop callback</th><th>findings</th></tr>\n",
        h->out);
  for (size_t i = 0; i < n && i < TOP_ROOTS; i++) {
    fputs("<tr><td><code>", h->out);
    lsr_html_esc(h, c[i].key);
    fprintf(h->out, "</code></td><td class=\"n\">%zu</td></tr>\n", c[i].n);
  }
  if (n > TOP_ROOTS) fprintf(h->out, "<tr><td colspan=\"2\">and %zu more</td></tr>\n", n - TOP_ROOTS);
  fputs("</table>\n", h->out);
}

static void failed_and_absent(lsr_html *h, const lsr_summary *s) {
  const ls_report *r = h->r;
  if (r->nnotes) {
    fprintf(h->out,
            "<h3 class=\"error\">Translation units that failed (%zu)</h3>\n<table "
            "id=\"failed\">\n<tr><th>file</th><th>problem</th></tr>\n",
            r->nnotes);
    for (size_t i = 0; i < r->nnotes; i++) {
      fputs("<tr><td><code>", h->out);
      lsr_html_esc(h, r->notes[i].path);
      fprintf(h->out, "</code></td><td>%s",
              r->notes[i].fatal ? "not analyzed: " : "analyzed what parsed: ");
      lsr_html_esc(h, r->notes[i].message);
      fputs("</td></tr>\n", h->out);
    }
    fputs("</table>\n", h->out);
  }
  if (!s->absent) return;
  fprintf(h->out, "<h3>Baseline findings no longer present (%zu)</h3>\n<ul id=\"absent\">\n",
          s->absent);
  for (size_t i = 0; i < r->nfindings; i++) {
    const ls_finding *f = &r->findings[i];
    if (f->baseline != LS_BASELINE_ABSENT) continue;
    fputs("<li><span class=\"badge\">", h->out);
    lsr_html_esc(h, f->rule_id);
    fputs("</span><code>", h->out);
    lsr_html_esc(h, f->loc.path && *f->loc.path ? f->loc.path : "(unknown file)");
    fputs("</code>", h->out);
    if (f->function) {
      fputs(" in <code>", h->out);
      lsr_html_esc(h, f->function);
      fputs("</code>", h->out);
    }
    fputs("</li>\n", h->out);
  }
  fputs("</ul>\n", h->out);
}

static void summary(lsr_html *h, const lsr_summary *s) {
  const ls_report *r = h->r;
  fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"total\">", h->out);
  if (s->present == 0)
    fputs("No findings: nothing reachable from a loop callback blocks the loop.", h->out);
  else
    fprintf(h->out, "%zu finding%s in %zu file%s, reached from %zu loop callback%s.", s->present,
            s->present == 1 ? "" : "s", s->nfiles, s->nfiles == 1 ? "" : "s", s->nroots,
            s->nroots == 1 ? "" : "s");
  if (s->fresh || s->unchanged)
    fprintf(h->out, " Against the baseline: %zu new, %zu unchanged.", s->fresh, s->unchanged);
  fputs("</p>\n", h->out);
  if (r->tus_total)
    fprintf(h->out,
            "<p class=\"meta\">%zu translation units: %zu parsed, %zu unchanged since the last "
            "scan, %zu failed.</p>\n",
            r->tus_total, r->tus_parsed, r->tus_cached, r->tus_failed);
  if (s->present) {
    fputs("<nav id=\"index\">\n", h->out);
    index_table(h, BY_RULE, s->rules, s->nrules);
    index_table(h, BY_FILE, s->files, s->nfiles);
    fputs("</nav>\n", h->out);
    roots_table(h, s->roots, s->nroots);
  }
  failed_and_absent(h, s);
  fputs("</section>\n", h->out);
}

/* ---- the rules' help ------------------------------------------------------ */

static void rules_help(lsr_html *h, const lsr_summary *s) {
  if (!s->nrules) return;
  fputs("<section id=\"rules\">\n<h2>Rules</h2>\n", h->out);
  ls_buf b = {0};
  for (size_t i = 0; i < s->nrules; i++) {
    size_t ri = lsr_html_rule_index(h->r, s->rules[i].key);
    const ls_rule_info *info = ri < h->r->nrules ? &h->r->rules[ri] : NULL;
    ls_buf_reset(&b);
    lsr_html_rule_anchor(h->r, s->rules[i].key, &b);
    fprintf(h->out, "<section class=\"rule\" id=\"%s\">\n<h3><code>", ls_buf_str(&b));
    lsr_html_esc(h, s->rules[i].key);
    fputs("</code>", h->out);
    if (info && info->short_desc) {
      fputs(" ", h->out);
      lsr_html_esc(h, info->short_desc);
    }
    fputs("</h3>\n", h->out);
    ls_buf_reset(&b);
    const char *md = info ? info->help_markdown ? info->help_markdown
                            : info->help_text   ? info->help_text
                                                : info->full_desc
                          : NULL;
    if (md) lsr_markdown_html(&b, md);
    else ls_buf_puts(&b, "<p class=\"meta\">No rule pack describes this rule.</p>\n");
    fwrite(ls_buf_str(&b), 1, b.len, h->out);
    fputs("</section>\n", h->out);
  }
  ls_buf_free(&b);
  fputs("</section>\n", h->out);
}

int lsr_write_html(const ls_report *r, FILE *out) {
  lsr_html h = {.out = out, .r = r};
  ls_source_init(&h.src, r->srcroot);
  h.number = ls_xmalloc((r->nfindings ? r->nfindings : 1) * sizeof *h.number);
  size_t n = 0;
  for (size_t i = 0; i < r->nfindings; i++)
    h.number[i] = r->findings[i].baseline == LS_BASELINE_ABSENT ? 0 : ++n;
  lsr_summary s;
  lsr_summary_build(r, &s);
  errno = 0;
  head(&h);
  summary(&h, &s);
  fputs("<section id=\"findings\">\n<h2>Findings</h2>\n", out);
  for (size_t i = 0; i < r->nfindings && !ferror(out); i++)
    if (h.number[i]) lsr_html_finding(&h, &r->findings[i], h.number[i]);
  if (!n) fputs("<p>None.</p>\n", out);
  fputs("</section>\n", out);
  rules_help(&h, &s);
  fputs("</body>\n</html>\n", out);
  lsr_summary_free(&s);
  free(h.number);
  ls_source_free(&h.src);
  ls_buf_free(&h.tmp);
  if (fflush(out) != 0 || ferror(out)) return -(errno ? errno : EIO);
  return 0;
}
