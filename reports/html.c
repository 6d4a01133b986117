/* html.c: `--format html`, one self-contained page for reading a scan.
 *
 * The page holds everything it shows: inline CSS, no script, no external
 * resource (a Content-Security-Policy meta tag forbids loading any), and the
 * picture of the call paths as an inline SVG drawn by Graphviz (graphviz.c).
 * Its parts, in order:
 *   - a summary: findings per rule, per loop callback, top files, the
 *     translation units that failed, baseline findings no longer present;
 *   - the picture: registrations, loop callbacks, calls and blocking calls;
 *   - each finding with its path hop by hop, root first, each hop with the
 *     source lines around it, read from disk (relative to srcroot).
 * Everything that comes from the report or from source files is escaped and
 * repaired to valid UTF-8.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rutil.h"
#include "writers.h"

#define SNIPPET_CONTEXT 2    /* lines shown above and below a hop */
#define SNIPPET_MAX_COLS 400 /* longer lines are cut */
#define GRAPH_MAX_FINDINGS 200 /* findings drawn in the picture */
#define GRAPH_MAX_NODES 400
#define TOP_ROOTS 20
#define TOP_FILES 10

typedef struct html {
  FILE *out;
  const ls_report *r;
  ls_source_cache src;
  ls_buf tmp;
} html;

/* ---- escaping -------------------------------------------------------------- */

/* Writes n bytes of s as HTML text: valid UTF-8, markup characters as
 * entities, control characters other than tab and newline as U+FFFD. */
static void esc_n(html *h, const char *s, size_t n) {
  char *copy = ls_xmalloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  ls_buf_reset(&h->tmp);
  ls_utf8_append(&h->tmp, copy);
  free(copy);
  const char *p = ls_buf_str(&h->tmp);
  for (; *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '&': fputs("&amp;", h->out); break;
    case '<': fputs("&lt;", h->out); break;
    case '>': fputs("&gt;", h->out); break;
    case '"': fputs("&quot;", h->out); break;
    case '\'': fputs("&#39;", h->out); break;
    default:
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) fputs("\xEF\xBF\xBD", h->out);
      else putc(c, h->out);
    }
  }
}

static void esc(html *h, const char *s) {
  if (s) esc_n(h, s, strlen(s));
}

static void put_loc(html *h, const ls_location *loc) {
  fputs("<code class=\"loc\">", h->out);
  if (loc->path && *loc->path) {
    esc(h, loc->path);
    if (loc->line) fprintf(h->out, ":%u", loc->line);
    if (loc->line && loc->col) fprintf(h->out, ":%u", loc->col);
  } else {
    fputs("(unknown place)", h->out);
  }
  fputs("</code>", h->out);
}

/* ---- page frame ------------------------------------------------------------ */

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;"
    "color:#1d1d1f;background:#fff}\n"
    "h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\n"
    "h3{font-size:1.05em;margin:.2em 0}\n"
    "table{border-collapse:collapse;margin:.4em 0 1em}th,td{text-align:left;padding:.15em .8em;"
    "border-bottom:1px solid #eee;vertical-align:top}td.n{text-align:right}\n"
    "code{font:12.5px ui-monospace,monospace}.meta{color:#555}\n"
    ".badge{display:inline-block;font:12px ui-monospace,monospace;padding:0 .45em;"
    "border-radius:3px;background:#eef;margin-right:.3em}.badge.new{background:#fde68a}\n"
    ".badge.unchanged{background:#e5e7eb}.finding{border:1px solid #ddd;border-left:4px solid "
    "#d33;border-radius:4px;padding:.6em 1em;margin:1em 0}\n"
    "ol.path{padding-left:1.6em}ol.path li{margin:.5em 0}li.blocking>p{font-weight:600}\n"
    "pre.code{background:#f6f8fa;border:1px solid #e5e7eb;padding:.4em .6em;overflow-x:auto;"
    "margin:.3em 0;tab-size:4;font:12.5px/1.4 ui-monospace,monospace}\n"
    ".ln{color:#999;user-select:none}.hl{background:#fff3b0;display:inline-block;width:100%}\n"
    "mark{background:#f9a8a8}.nosrc,.unavailable{color:#8a5a00;font-style:italic}\n"
    ".graph{overflow:auto;border:1px solid #eee;padding:.5em}.graph svg{max-width:100%;"
    "height:auto}\n"
    ".error{color:#b00}\n";

static void head(html *h) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>lagscan report</title>\n<style>\n",
        h->out);
  fputs(style, h->out);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>lagscan report</h1>\n<p class=\"meta\">", h->out);
  fputs("lagscan ", h->out);
  esc(h, h->r->tool_version ? h->r->tool_version : LAGSCAN_VERSION);
  char when[32];
  if (h->r->end_time > 0 && lsr_iso8601(h->r->end_time, when) == 0)
    fprintf(h->out, ", finished %s", when);
  if (h->r->srcroot) {
    fputs(", sources in <code>", h->out);
    esc(h, h->r->srcroot);
    fputs("</code>", h->out);
  }
  fputs("</p>\n", h->out);
  if (h->r->command_line) {
    fputs("<p class=\"meta\">command: <code>", h->out);
    esc(h, h->r->command_line);
    fputs("</code></p>\n", h->out);
  }
  fputs("</header>\n", h->out);
}

/* ---- summary ----------------------------------------------------------------- */

static const ls_rule_info *find_rule(const ls_report *r, const char *id) {
  for (size_t i = 0; i < r->nrules; i++)
    if (r->rules[i].id && id && strcmp(r->rules[i].id, id) == 0) return &r->rules[i];
  return NULL;
}

static void count_table(html *h, const char *caption, const char *column, const lsr_count *c,
                        size_t n, size_t max, int with_rule_desc) {
  fprintf(h->out, "<h3>%s</h3>\n<table>\n<tr><th>%s</th>%s<th>findings</th></tr>\n", caption,
          column, with_rule_desc ? "<th>what</th>" : "");
  for (size_t i = 0; i < n && i < max; i++) {
    fputs("<tr><td><code>", h->out);
    esc(h, c[i].key);
    fputs("</code></td>", h->out);
    if (with_rule_desc) {
      const ls_rule_info *ri = find_rule(h->r, c[i].key);
      fputs("<td>", h->out);
      esc(h, ri ? ri->short_desc : "");
      fputs("</td>", h->out);
    }
    fprintf(h->out, "<td class=\"n\">%zu</td></tr>\n", c[i].n);
  }
  if (n > max) fprintf(h->out, "<tr><td colspan=\"3\">and %zu more</td></tr>\n", n - max);
  fputs("</table>\n", h->out);
}

static void summary(html *h) {
  const ls_report *r = h->r;
  lsr_summary s;
  lsr_summary_build(r, &s);
  fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"total\">", h->out);
  if (s.present == 0)
    fputs("No findings: nothing reachable from a loop callback blocks the loop.", h->out);
  else
    fprintf(h->out, "%zu finding%s in %zu file%s, reached from %zu loop callback%s.", s.present,
            s.present == 1 ? "" : "s", s.nfiles, s.nfiles == 1 ? "" : "s", s.nroots,
            s.nroots == 1 ? "" : "s");
  if (s.fresh || s.unchanged)
    fprintf(h->out, " Against the baseline: %zu new, %zu unchanged.", s.fresh, s.unchanged);
  fputs("</p>\n", h->out);
  if (r->tus_total)
    fprintf(h->out,
            "<p class=\"meta\">%zu translation units: %zu parsed, %zu unchanged since the last "
            "scan, %zu failed.</p>\n",
            r->tus_total, r->tus_parsed, r->tus_cached, r->tus_failed);
  if (s.present) {
    count_table(h, "Per rule", "rule", s.rules, s.nrules, s.nrules, 1);
    count_table(h, "Per loop callback", "loop callback", s.roots, s.nroots, TOP_ROOTS, 0);
    count_table(h, "Top files", "file", s.files, s.nfiles, TOP_FILES, 0);
  }
  if (r->nnotes) {
    fprintf(h->out,
            "<h3 class=\"error\">Translation units that failed (%zu)</h3>\n<table "
            "id=\"failed\">\n<tr><th>file</th><th>problem</th></tr>\n",
            r->nnotes);
    for (size_t i = 0; i < r->nnotes; i++) {
      fputs("<tr><td><code>", h->out);
      esc(h, r->notes[i].path);
      fprintf(h->out, "</code></td><td>%s", r->notes[i].fatal ? "not analyzed: " : "analyzed what parsed: ");
      esc(h, r->notes[i].message);
      fputs("</td></tr>\n", h->out);
    }
    fputs("</table>\n", h->out);
  }
  if (s.absent) {
    fprintf(h->out, "<h3>Baseline findings no longer present (%zu)</h3>\n<ul id=\"absent\">\n",
            s.absent);
    for (size_t i = 0; i < r->nfindings; i++) {
      const ls_finding *f = &r->findings[i];
      if (f->baseline != LS_BASELINE_ABSENT) continue;
      fputs("<li><span class=\"badge\">", h->out);
      esc(h, f->rule_id);
      fputs("</span><code>", h->out);
      esc(h, f->loc.path && *f->loc.path ? f->loc.path : "(unknown file)");
      fputs("</code>", h->out);
      if (f->function) {
        fputs(" in <code>", h->out);
        esc(h, f->function);
        fputs("</code>", h->out);
      }
      fputs("</li>\n", h->out);
    }
    fputs("</ul>\n", h->out);
  }
  fputs("</section>\n", h->out);
  lsr_summary_free(&s);
}

/* ---- the picture ------------------------------------------------------------ */

typedef enum node_kind { NODE_CALL, NODE_REGISTRAR, NODE_ROOT, NODE_BLOCKING } node_kind;

typedef struct graph {
  ls_buf dot;
  ls_strmap nodes; /* name -> index in names and kinds */
  node_kind *kinds;
  char **names;    /* owned */
  size_t nnodes;
  ls_strmap edges; /* "from>to": the edges drawn */
  size_t drawn;    /* findings drawn */
} graph;

/* Writes s as the inside of a DOT double-quoted string. */
static void dot_str(ls_buf *b, const char *s) {
  ls_buf tmp = {0};
  ls_utf8_append(&tmp, s ? s : "");
  for (const char *p = ls_buf_str(&tmp); *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\') ls_buf_putc(b, '\\');
    if (c < 0x20 || c == 0x7f) c = '?';
    ls_buf_putc(b, (char)c);
  }
  ls_buf_free(&tmp);
}

static size_t node(graph *g, const char *name, node_kind kind) {
  int added;
  size_t at = (size_t)*ls_strmap_put(&g->nodes, name, (int64_t)g->nnodes, &added);
  if (added) {
    g->names = ls_xrealloc(g->names, (g->nnodes + 1) * sizeof *g->names);
    g->kinds = ls_xrealloc(g->kinds, (g->nnodes + 1) * sizeof *g->kinds);
    g->names[g->nnodes] = ls_xstrdup(name);
    g->kinds[g->nnodes] = kind;
    g->nnodes++;
  } else if (kind > g->kinds[at]) {
    g->kinds[at] = kind;
  }
  return at;
}

static void edge(graph *g, size_t from, size_t to, const char *attrs, const char *label) {
  char *key = ls_xasprintf("%zu>%zu", from, to);
  int added;
  ls_strmap_put(&g->edges, key, 1, &added);
  free(key);
  if (!added) return;
  ls_buf_printf(&g->dot, "  n%zu -> n%zu [%s", from, to, attrs);
  if (label) {
    ls_buf_puts(&g->dot, ", label=\"");
    dot_str(&g->dot, label);
    ls_buf_puts(&g->dot, "\"");
  }
  ls_buf_puts(&g->dot, "];\n");
}

static void graph_finding(graph *g, const ls_finding *f) {
  const char *root = f->root ? f->root : "?";
  size_t root_node = node(g, root, NODE_ROOT);
  for (size_t i = 0; i < f->nsteps; i++) {
    const ls_step *s = &f->steps[i];
    if (s->kind == LS_STEP_REGISTRATION) {
      const char *via = s->api;
      char *label = via ? ls_xasprintf("registers (%s)", via) : ls_xstrdup("registers");
      size_t reg = node(g, s->function ? s->function : "(file scope)", NODE_REGISTRAR);
      edge(g, reg, root_node, "style=dashed, color=\"#2563eb\"", label);
      free(label);
    } else if (s->kind == LS_STEP_CALL && i + 1 < f->nsteps) {
      const char *to = f->steps[i + 1].function;
      if (!s->function || !to) continue;
      size_t a = node(g, s->function, NODE_CALL), b = node(g, to, NODE_CALL);
      edge(g, a, b, "color=\"#444444\"", NULL);
    }
  }
  const char *in = f->function ? f->function : root;
  size_t caller = node(g, in, NODE_CALL);
  char *label = ls_xasprintf("%s [%s]", f->callee ? f->callee : "?", f->rule_id ? f->rule_id : "?");
  size_t blocker = node(g, label, NODE_BLOCKING);
  free(label);
  edge(g, caller, blocker, "color=\"#dc2626\", penwidth=1.6", NULL);
  for (size_t i = 0; i < f->nrelated; i++) {
    const char *other = f->related[i].root;
    if (other) {
      size_t o = node(g, other, NODE_ROOT);
      edge(g, o, caller, "style=dotted, color=\"#6b7280\"", "also reaches");
    }
  }
}

static void picture(html *h) {
  const ls_report *r = h->r;
  graph g = {0};
  ls_buf edges_part = {0};
  size_t present = 0;
  for (size_t i = 0; i < r->nfindings; i++) {
    const ls_finding *f = &r->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    present++;
    if (g.drawn < GRAPH_MAX_FINDINGS && g.nnodes < GRAPH_MAX_NODES) {
      graph_finding(&g, f);
      g.drawn++;
    }
  }
  fputs("<section id=\"picture\">\n<h2>Call paths</h2>\n", h->out);
  if (!present) {
    fputs("<p class=\"meta\">No call paths to draw.</p>\n</section>\n", h->out);
    ls_strmap_free(&g.nodes);
    ls_strmap_free(&g.edges);
    return;
  }
  /* The nodes go first, then the edges gathered above. */
  edges_part = g.dot;
  memset(&g.dot, 0, sizeof g.dot);
  ls_buf_puts(&g.dot,
               "digraph lagscan {\n  graph [rankdir=LR, fontname=\"sans-serif\", fontsize=10, "
               "bgcolor=\"transparent\"];\n  node [shape=box, style=\"rounded,filled\", "
               "fontname=\"sans-serif\", fontsize=10, fillcolor=\"#ffffff\"];\n  edge "
               "[fontname=\"sans-serif\", fontsize=9];\n");
  static const char *const look[] = {
      [NODE_CALL] = "fillcolor=\"#ffffff\"",
      [NODE_REGISTRAR] = "fillcolor=\"#f3f4f6\", color=\"#9ca3af\"",
      [NODE_ROOT] = "fillcolor=\"#dbeafe\", color=\"#2563eb\"",
      [NODE_BLOCKING] = "shape=octagon, style=filled, fillcolor=\"#fee2e2\", color=\"#dc2626\"",
  };
  for (size_t i = 0; i < g.nnodes; i++) {
    ls_buf_printf(&g.dot, "  n%zu [label=\"", i);
    dot_str(&g.dot, g.names[i]);
    ls_buf_printf(&g.dot, "\", %s];\n", look[g.kinds[i]]);
  }
  ls_buf_add(&g.dot, ls_buf_str(&edges_part), edges_part.len);
  ls_buf_puts(&g.dot, "}\n");

  char *svg = NULL, *why = NULL;
  if (lsr_dot_to_svg(ls_buf_str(&g.dot), g.dot.len, &svg, &why) == 0) {
    fputs("<p class=\"meta\">Blue: loop callbacks and where they are registered (dashed); red: "
          "blocking calls; dotted: other loop callbacks that reach the same function.",
          h->out);
    if (g.drawn < present) fprintf(h->out, " The picture shows the first %zu of %zu findings.", g.drawn, present);
    fputs("</p>\n<div class=\"graph\">\n", h->out);
    fputs(svg, h->out);
    fputs("\n</div>\n", h->out);
  } else {
    fputs("<p class=\"unavailable\" id=\"picture-unavailable\">The picture of the call paths is "
          "unavailable: ",
          h->out);
    esc(h, why);
    fputs(". Install Graphviz (Debian package graphviz) to get it.</p>\n", h->out);
  }
  fputs("</section>\n", h->out);
  free(svg);
  free(why);
  ls_buf_free(&g.dot);
  ls_buf_free(&edges_part);
  for (size_t i = 0; i < g.nnodes; i++) free(g.names[i]);
  free(g.names);
  free(g.kinds);
  ls_strmap_free(&g.nodes);
  ls_strmap_free(&g.edges);
}

/* ---- findings ------------------------------------------------------------- */

/* The source lines around loc, with loc's line highlighted and, when its
 * region is on that line, the region marked. */
static void snippet(html *h, const ls_location *loc) {
  if (!loc->path || !*loc->path || !loc->line) return;
  const ls_source_file *f = ls_source_get(&h->src, loc->path);
  if (!f->data) {
    fputs("<p class=\"nosrc\">source not available: <code>", h->out);
    esc(h, f->path);
    fputs("</code> (", h->out);
    esc(h, strerror(f->error));
    fputs(")</p>\n", h->out);
    return;
  }
  if (loc->line > f->nlines) {
    fprintf(h->out, "<p class=\"nosrc\">source not available: line %u is past the end of <code>",
            loc->line);
    esc(h, f->path);
    fprintf(h->out, "</code> (%zu lines); the file changed since the scan?</p>\n", f->nlines);
    return;
  }
  unsigned first = loc->line > SNIPPET_CONTEXT ? loc->line - SNIPPET_CONTEXT : 1;
  unsigned last = loc->line + SNIPPET_CONTEXT;
  fputs("<pre class=\"code\">", h->out);
  for (unsigned ln = first; ln <= last; ln++) {
    size_t len;
    const char *text = ls_source_file_line(f, ln, &len);
    if (!text) break;
    int cut = len > SNIPPET_MAX_COLS;
    if (cut) len = SNIPPET_MAX_COLS;
    int here = ln == loc->line;
    if (here) fputs("<span class=\"hl\">", h->out);
    fprintf(h->out, "<span class=\"ln\">%5u </span>", ln);
    size_t a = loc->col ? loc->col - 1 : len, b = len;
    if (here && loc->end_line == loc->line && loc->end_col > loc->col) b = loc->end_col - 1;
    if (here && a < len && b > a) {
      if (b > len) b = len;
      esc_n(h, text, a);
      fputs("<mark>", h->out);
      esc_n(h, text + a, b - a);
      fputs("</mark>", h->out);
      esc_n(h, text + b, len - b);
    } else {
      esc_n(h, text, len);
    }
    if (cut) fputs(" …", h->out);
    if (here) fputs("</span>", h->out);
    putc('\n', h->out);
  }
  fputs("</pre>\n", h->out);
}

static const char *step_class(ls_step_kind k) {
  switch (k) {
  case LS_STEP_REGISTRATION: return "registration";
  case LS_STEP_CALL: return "call";
  case LS_STEP_BLOCKING: return "blocking";
  }
  return "call";
}

static void finding(html *h, const ls_finding *f, size_t n) {
  fprintf(h->out, "<article class=\"finding\" id=\"finding-%zu\">\n<h3><span class=\"badge\">", n);
  esc(h, f->rule_id);
  fputs("</span>", h->out);
  if (f->baseline == LS_BASELINE_NEW) fputs("<span class=\"badge new\">new</span>", h->out);
  if (f->baseline == LS_BASELINE_UNCHANGED)
    fputs("<span class=\"badge unchanged\">unchanged</span>", h->out);
  fputs("<span class=\"message\">", h->out);
  esc(h, f->message);
  fputs("</span></h3>\n<p class=\"where\">", h->out);
  put_loc(h, &f->loc);
  if (f->function) {
    fputs(" in <code>", h->out);
    esc(h, f->function);
    fputs("</code>", h->out);
  }
  if (f->root) {
    fputs(", reached from the loop callback <code>", h->out);
    esc(h, f->root);
    fputs("</code>", h->out);
  }
  fputs("</p>\n", h->out);
  if (f->nsteps) {
    fputs("<ol class=\"path\">\n", h->out);
    for (size_t i = 0; i < f->nsteps; i++) {
      const ls_step *s = &f->steps[i];
      fprintf(h->out, "<li class=\"%s\"><p>", step_class(s->kind));
      put_loc(h, &s->loc);
      fputs(" ", h->out);
      esc(h, s->message);
      fputs("</p>\n", h->out);
      snippet(h, &s->loc);
      fputs("</li>\n", h->out);
    }
    fputs("</ol>\n", h->out);
  } else {
    snippet(h, &f->loc);
  }
  if (f->nrelated) {
    fputs("<h4>Other loop callbacks that reach this call</h4>\n<ul class=\"related\">\n", h->out);
    for (size_t i = 0; i < f->nrelated; i++) {
      fputs("<li><p>", h->out);
      put_loc(h, &f->related[i].loc);
      fputs(" ", h->out);
      esc(h, f->related[i].message);
      fputs("</p>\n", h->out);
      snippet(h, &f->related[i].loc);
      fputs("</li>\n", h->out);
    }
    fputs("</ul>\n", h->out);
  }
  if (f->fingerprint[0]) fprintf(h->out, "<p class=\"meta\">fingerprint <code>%.64s</code></p>\n", f->fingerprint);
  fputs("</article>\n", h->out);
}

int lsr_write_html(const ls_report *r, FILE *out) {
  html h = {.out = out, .r = r};
  ls_source_init(&h.src, r->srcroot);
  errno = 0;
  head(&h);
  summary(&h);
  picture(&h);
  fputs("<section id=\"findings\">\n<h2>Findings</h2>\n", out);
  size_t n = 0;
  for (size_t i = 0; i < r->nfindings && !ferror(out); i++)
    if (r->findings[i].baseline != LS_BASELINE_ABSENT) finding(&h, &r->findings[i], ++n);
  if (!n) fputs("<p>None.</p>\n", out);
  fputs("</section>\n</body>\n</html>\n", out);
  ls_source_free(&h.src);
  ls_buf_free(&h.tmp);
  if (fflush(out) != 0 || ferror(out)) return -(errno ? errno : EIO);
  return 0;
}
