/* html_finding.c: one finding of the HTML report: its rule (a link to the
 * rule's help), message and place, the picture of its path (html_svg.c),
 * then each hop of the path, root first, anchored "finding-N-hop-K", with
 * the source lines around it from the source cache (common's source.c), the
 * hop's line highlighted and its range marked; then the other loop callbacks
 * that reach the same call. Hops are formatted from the step's fields
 * (kind, function, callee, api, context), never parsed from its message.
 */
#include <stdio.h>
#include <string.h>

#include "html.h"

#define SNIPPET_CONTEXT 2    /* lines shown above and below a hop */
#define SNIPPET_MAX_COLS 400 /* longer lines are cut */

/* The source lines around loc, with loc's line highlighted and, when its
 * region is on that line, the region marked. */
static void snippet(lsr_html *h, const ls_location *loc) {
  if (!loc->path || !*loc->path || !loc->line) return;
  const ls_source_file *f = ls_source_get(&h->src, loc->path);
  if (!f->data) {
    fputs("<p class=\"nosrc\">source not available: <code>", h->out);
    lsr_html_esc(h, f->path);
    fputs("</code> (", h->out);
    lsr_html_esc(h, strerror(f->error));
    fputs(")</p>\n", h->out);
    return;
  }
  if (loc->line > f->nlines) {
    fprintf(h->out, "<p class=\"nosrc\">source not available: line %u is past the end of <code>",
            loc->line);
    lsr_html_esc(h, f->path);
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
      lsr_html_esc_n(h, text, a);
      fputs("<mark>", h->out);
      lsr_html_esc_n(h, text + a, b - a);
      fputs("</mark>", h->out);
      lsr_html_esc_n(h, text + b, len - b);
    } else {
      lsr_html_esc_n(h, text, len);
    }
    if (cut) fputs(" \xE2\x80\xA6", h->out);
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

static const char *context_name(ls_context c) {
  switch (c) {
  case LS_CTX_LOOP: return "a loop callback";
  case LS_CTX_NEXT_TICK: return "a next-tick callback";
  case LS_CTX_WORKER: return "a worker callback";
  default: return "a callback";
  }
}

static void code(lsr_html *h, const char *s) {
  fputs("<code>", h->out);
  lsr_html_esc(h, s ? s : "?");
  fputs("</code>", h->out);
}

/* What a hop does, from its fields. */
static void hop_text(lsr_html *h, const ls_finding *f, size_t i) {
  const ls_step *s = &f->steps[i];
  switch (s->kind) {
  case LS_STEP_REGISTRATION:
    code(h, s->callee ? s->callee : f->root);
    fprintf(h->out, " registered as %s", context_name(s->context));
    if (s->api) {
      fputs(" with ", h->out);
      code(h, s->api);
    }
    if (s->function) {
      fputs(" in ", h->out);
      code(h, s->function);
    }
    break;
  case LS_STEP_CALL:
    code(h, s->function);
    fputs(" calls ", h->out);
    code(h, s->callee ? s->callee : i + 1 < f->nsteps ? f->steps[i + 1].function : NULL);
    break;
  case LS_STEP_BLOCKING:
    code(h, s->function ? s->function : f->function);
    fputs(" calls the blocking ", h->out);
    code(h, s->callee ? s->callee : f->callee);
    break;
  }
}

static void rule_link(lsr_html *h, const char *rule_id) {
  ls_buf a = {0};
  lsr_html_rule_anchor(h->r, rule_id, &a);
  fprintf(h->out, "<a class=\"badge\" href=\"#%s\">", ls_buf_str(&a));
  lsr_html_esc(h, rule_id);
  fputs("</a>", h->out);
  ls_buf_free(&a);
}

void lsr_html_finding(lsr_html *h, const ls_finding *f, size_t n) {
  fprintf(h->out, "<article class=\"finding\" id=\"finding-%zu\">\n<h3><a class=\"num\" "
                  "href=\"#finding-%zu\">#%zu</a> ",
          n, n, n);
  rule_link(h, f->rule_id);
  if (f->baseline == LS_BASELINE_NEW) fputs("<span class=\"badge new\">new</span>", h->out);
  if (f->baseline == LS_BASELINE_UNCHANGED)
    fputs("<span class=\"badge unchanged\">unchanged</span>", h->out);
  fputs("<span class=\"message\">", h->out);
  lsr_html_esc(h, f->message);
  fputs("</span></h3>\n<p class=\"where\">", h->out);
  lsr_html_loc(h, &f->loc);
  if (f->function) {
    fputs(" in <code>", h->out);
    lsr_html_esc(h, f->function);
    fputs("</code>", h->out);
  }
  if (f->root) {
    fputs(", reached from the loop callback <code>", h->out);
    lsr_html_esc(h, f->root);
    fputs("</code>", h->out);
  }
  fputs("</p>\n<div class=\"picture\">\n", h->out);
  ls_buf svg = {0};
  lsr_html_path_svg(&svg, f, n);
  fwrite(ls_buf_str(&svg), 1, svg.len, h->out);
  ls_buf_free(&svg);
  fputs("</div>\n", h->out);
  if (f->nsteps) {
    fputs("<ol class=\"path\">\n", h->out);
    for (size_t i = 0; i < f->nsteps; i++) {
      const ls_step *s = &f->steps[i];
      fprintf(h->out, "<li class=\"%s\" id=\"finding-%zu-hop-%zu\"><p><a class=\"hop\" "
                      "href=\"#finding-%zu-hop-%zu\">",
              step_class(s->kind), n, i + 1, n, i + 1);
      lsr_html_loc(h, &s->loc);
      fputs("</a> ", h->out);
      hop_text(h, f, i);
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
      const ls_related *rel = &f->related[i];
      fprintf(h->out, "<li id=\"finding-%zu-related-%zu\"><p>", n, i + 1);
      lsr_html_loc(h, &rel->loc);
      fputs(" ", h->out);
      code(h, rel->root);
      fprintf(h->out, " (%s", context_name(rel->context));
      if (rel->api) {
        fputs(" registered with ", h->out);
        code(h, rel->api);
      }
      fputs(") also reaches this call</p>\n", h->out);
      snippet(h, &rel->loc);
      fputs("</li>\n", h->out);
    }
    fputs("</ul>\n", h->out);
  }
  if (f->fingerprint[0])
    fprintf(h->out, "<p class=\"meta\">fingerprint <code>%.64s</code></p>\n", f->fingerprint);
  fputs("</article>\n", h->out);
}
