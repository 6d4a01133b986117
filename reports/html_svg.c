/* html_svg.c: one small picture per finding, its path from the registration
 * of the loop callback through each call to the blocking call, as inline SVG
 * made here (no Graphviz, no script, nothing loaded at view time).
 *
 * The layout is a column: one box per function, top to bottom in the order
 * the path runs, kinds in a column on the left (registration, loop callback,
 * call, blocking call), and between two boxes an arrow labelled with the
 * place of the call (file:line). Every box and arrow is a link to the hop of
 * the path it stands for ("#finding-N-hop-K"), so the picture is an index of
 * the excerpts below it. Sizes are estimated from the number of code points
 * in a monospace font; names longer than LABEL_MAX code points are cut, the
 * whole name staying in the box's <title>. Colours are attributes, never
 * url() references, so the page's Content-Security-Policy has nothing to
 * allow.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define LABEL_MAX 48     /* code points shown in a box */
#define EDGE_MAX 40      /* code points of an arrow's label */
#define CHAR_W 7.3       /* px per code point at 12px monospace */
#define SMALL_W 6.4      /* px per code point of an 11px label */
#define BOX_H 26
#define ROW_H 50         /* a box and the gap with its arrow */
#define KIND_W 104       /* the column of kinds */
#define BOX_MIN_W 150

typedef enum node_kind { NK_REGISTRAR, NK_ROOT, NK_CALL, NK_BLOCKING } node_kind;

typedef struct node {
  char *label;       /* owned */
  node_kind kind;
  size_t hop;        /* 1-based hop its box links to */
  char *edge;        /* the arrow into this node (owned; NULL for the first) */
  size_t edge_hop;
} node;

typedef LS_VEC(node) node_vec;

static const char *const kind_name[] = {"registration", "loop callback", "call", "blocking call"};
static const char *const kind_fill[] = {"#f3f4f6", "#dbeafe", "#ffffff", "#fee2e2"};
static const char *const kind_stroke[] = {"#9ca3af", "#2563eb", "#6b7280", "#dc2626"};

/* Code points in s (UTF-8 continuation bytes do not count). */
static size_t cps(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

/* s cut to at most max code points (with "…" when cut), escaped into out. */
static void put_cut(ls_buf *out, const char *s, size_t max) {
  size_t n = 0, at = 0;
  for (; s[at]; at++) {
    if (((unsigned char)s[at] & 0xC0) != 0x80 && n++ == max) break;
  }
  lsr_html_escape(out, s, at);
  if (s[at]) ls_buf_puts(out, "\xE2\x80\xA6");
}

static size_t shown(const char *s, size_t max) {
  size_t n = cps(s);
  return n > max ? max + 1 : n;
}

/* "api.c:20", from the last component of the path. */
static char *place(const ls_location *loc) {
  if (!loc->path || !*loc->path || !loc->line) return NULL;
  const char *base = strrchr(loc->path, '/');
  return ls_xasprintf("%s:%u", base ? base + 1 : loc->path, loc->line);
}

static void push(node_vec *v, const char *label, node_kind kind, size_t hop, char *edge,
                 size_t edge_hop) {
  node n = {ls_xstrdup(label ? label : "?"), kind, hop, edge, edge_hop};
  LS_VEC_PUSH(v, n);
}

void lsr_html_path_svg(ls_buf *out, const ls_finding *f, size_t number) {
  node_vec v = {0};
  size_t i = 0, n = f->nsteps;
  if (n && f->steps[0].kind == LS_STEP_REGISTRATION) {
    const ls_step *s = &f->steps[0];
    push(&v, s->function ? s->function : "(file scope)", NK_REGISTRAR, 1, NULL, 0);
    char *how = s->api ? ls_xasprintf("registers (%s)", s->api) : ls_xstrdup("registers");
    push(&v, s->callee ? s->callee : f->root, NK_ROOT, n > 1 ? 2 : 1, how, 1);
    i = 1;
  } else {
    push(&v, f->root ? f->root : n ? f->steps[0].function : f->function, NK_ROOT, 1, NULL, 0);
  }
  for (; i < n; i++) {
    const ls_step *s = &f->steps[i];
    if (s->kind == LS_STEP_REGISTRATION) continue;
    if (s->kind == LS_STEP_BLOCKING) {
      char *label = ls_xasprintf("%s [%s]", s->callee ? s->callee : f->callee ? f->callee : "?",
                                 f->rule_id ? f->rule_id : "?");
      push(&v, label, NK_BLOCKING, i + 1, place(&s->loc), i + 1);
      free(label);
    } else {
      const char *to = s->callee ? s->callee : i + 1 < n ? f->steps[i + 1].function : NULL;
      push(&v, to, NK_CALL, i + 2 <= n ? i + 2 : i + 1, place(&s->loc), i + 1);
    }
  }
  if (n == 0) {
    char *label = ls_xasprintf("%s [%s]", f->callee ? f->callee : "?", f->rule_id ? f->rule_id : "?");
    push(&v, label, NK_BLOCKING, 0, NULL, 0);
    free(label);
  }

  size_t widest = 0, edge_widest = 0;
  for (size_t k = 0; k < v.len; k++) {
    size_t w = shown(v.items[k].label, LABEL_MAX);
    if (w > widest) widest = w;
    if (v.items[k].edge && shown(v.items[k].edge, EDGE_MAX) > edge_widest)
      edge_widest = shown(v.items[k].edge, EDGE_MAX);
  }
  unsigned box_w = (unsigned)((double)widest * CHAR_W + 20);
  if (box_w < BOX_MIN_W) box_w = BOX_MIN_W;
  unsigned cx = KIND_W + box_w / 2;
  unsigned width = KIND_W + box_w + 12 + (unsigned)((double)edge_widest * SMALL_W) + 8;
  if (width < KIND_W + box_w + 8) width = KIND_W + box_w + 8;
  unsigned height = (unsigned)v.len * ROW_H - (ROW_H - BOX_H) + 4;

  ls_buf_printf(out,
                "<svg class=\"path\" role=\"img\" width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" "
                "font-family=\"ui-monospace,monospace\" font-size=\"12\">\n<title>",
                width, height, width, height);
  ls_buf_printf(out, "path of finding %zu: ", number);
  for (size_t k = 0; k < v.len; k++) {
    if (k) ls_buf_puts(out, " -&gt; ");
    lsr_html_escape(out, v.items[k].label, strlen(v.items[k].label));
  }
  ls_buf_puts(out, "</title>\n");
  for (size_t k = 0; k < v.len; k++) {
    const node *d = &v.items[k];
    unsigned y = (unsigned)k * ROW_H + 2;
    if (d->edge || k) {
      unsigned y0 = y - (ROW_H - BOX_H), y1 = y - 1;
      if (d->edge_hop) ls_buf_printf(out, "<a href=\"#finding-%zu-hop-%zu\">", number, d->edge_hop);
      ls_buf_printf(out,
                    "<line x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\" stroke=\"#444\" "
                    "stroke-width=\"1.4\"/><polygon points=\"%u,%u %u,%u %u,%u\" fill=\"#444\"/>",
                    cx, y0, cx, y1 - 6, cx - 5, y1 - 7, cx + 5, y1 - 7, cx, y1);
      if (d->edge) {
        ls_buf_printf(out,
                      "<text x=\"%u\" y=\"%u\" font-size=\"11\" fill=\"#4b5563\">", cx + 10,
                      y0 + (ROW_H - BOX_H) / 2 + 4);
        put_cut(out, d->edge, EDGE_MAX);
        ls_buf_puts(out, "</text>");
      }
      if (d->edge_hop) ls_buf_puts(out, "</a>");
      ls_buf_putc(out, '\n');
    }
    ls_buf_printf(out,
                  "<text x=\"%u\" y=\"%u\" text-anchor=\"end\" font-family=\"system-ui,sans-serif\" "
                  "font-size=\"11\" fill=\"#6b7280\">%s</text>",
                  KIND_W - 8, y + BOX_H / 2 + 4, kind_name[d->kind]);
    if (d->hop) ls_buf_printf(out, "<a href=\"#finding-%zu-hop-%zu\">", number, d->hop);
    ls_buf_puts(out, "<title>");
    lsr_html_escape(out, d->label, strlen(d->label));
    ls_buf_printf(out,
                  "</title><rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"5\" "
                  "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
                  KIND_W, y, box_w, BOX_H, kind_fill[d->kind], kind_stroke[d->kind],
                  d->kind == NK_BLOCKING ? "1.8" : "1");
    ls_buf_printf(out, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\" fill=\"#111\">", cx,
                  y + BOX_H / 2 + 4);
    put_cut(out, d->label, LABEL_MAX);
    ls_buf_puts(out, "</text>");
    if (d->hop) ls_buf_puts(out, "</a>");
    ls_buf_putc(out, '\n');
  }
  ls_buf_puts(out, "</svg>\n");
  for (size_t k = 0; k < v.len; k++) {
    free(v.items[k].label);
    free(v.items[k].edge);
  }
  LS_VEC_FREE(&v);
}
