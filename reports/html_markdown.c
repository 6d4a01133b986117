/* html_markdown.c: the markdown of the rules' help (rules/rules.yml,
 * help_markdown) as HTML, for the HTML report.
 *
 * A small renderer of the subset the help uses, line by line: paragraphs
 * (lines up to a blank line), fenced code blocks (``` lines, an optional
 * language), lists ("- ", "* ", "1. " items, indented lines continuing an
 * item), and inline **bold** and `code`. It never emits markup it did not
 * make: every byte of the input goes through lsr_html_escape, an unclosed
 * ** or ` stays as written, and a language name keeps only [A-Za-z0-9+_-].
 */
#include <string.h>

#include "html.h"

typedef enum block { B_NONE, B_PARA, B_UL, B_OL } block;

typedef struct md {
  ls_buf *out;
  block open;
  int li_open;
} md;

/* Inline markup of s[0..n): `code` always, **bold** when `bold`. */
static void inline_text(ls_buf *out, const char *s, size_t n, int bold) {
  size_t i = 0, plain = 0;
  while (i < n) {
    if (s[i] == '`') {
      const char *end = memchr(s + i + 1, '`', n - i - 1);
      if (end) {
        lsr_html_escape(out, s + plain, i - plain);
        ls_buf_puts(out, "<code>");
        lsr_html_escape(out, s + i + 1, (size_t)(end - (s + i + 1)));
        ls_buf_puts(out, "</code>");
        i = plain = (size_t)(end - s) + 1;
        continue;
      }
    } else if (bold && s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
      size_t j = i + 2;
      while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '*')) j++;
      if (j + 1 < n && j > i + 2) {
        lsr_html_escape(out, s + plain, i - plain);
        ls_buf_puts(out, "<strong>");
        inline_text(out, s + i + 2, j - (i + 2), 0);
        ls_buf_puts(out, "</strong>");
        i = plain = j + 2;
        continue;
      }
    }
    i++;
  }
  lsr_html_escape(out, s + plain, n - plain);
}

static void close_block(md *m) {
  if (m->li_open) ls_buf_puts(m->out, "</li>\n");
  m->li_open = 0;
  switch (m->open) {
  case B_PARA: ls_buf_puts(m->out, "</p>\n"); break;
  case B_UL: ls_buf_puts(m->out, "</ul>\n"); break;
  case B_OL: ls_buf_puts(m->out, "</ol>\n"); break;
  case B_NONE: break;
  }
  m->open = B_NONE;
}

/* The length of a list marker at the start of s ("- ", "* ", "12. "), 0 if
 * none; *kind gets the list's kind. */
static size_t list_marker(const char *s, size_t n, block *kind) {
  if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
    *kind = B_UL;
    return 2;
  }
  size_t d = 0;
  while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9') d++;
  if (d && d + 1 < n && s[d] == '.' && s[d + 1] == ' ') {
    *kind = B_OL;
    return d + 2;
  }
  return 0;
}

static int is_fence(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && i < 3 && s[i] == ' ') i++;
  return n - i >= 3 && strncmp(s + i, "```", 3) == 0;
}

static void open_code(md *m, const char *s, size_t n) {
  close_block(m);
  const char *lang = memchr(s, '`', n);
  size_t at = lang ? (size_t)(lang - s) + 3 : n, len = 0;
  while (at + len < n && len < 32) {
    char c = s[at + len];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '+' || c == '_' || c == '-'))
      break;
    len++;
  }
  if (len) {
    ls_buf_puts(m->out, "<pre class=\"md\"><code class=\"language-");
    ls_buf_add(m->out, s + at, len);
    ls_buf_puts(m->out, "\">");
  } else {
    ls_buf_puts(m->out, "<pre class=\"md\"><code>");
  }
}

void lsr_markdown_html(ls_buf *out, const char *text) {
  md m = {.out = out, .open = B_NONE};
  int in_code = 0;
  const char *p = text ? text : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n && p[n - 1] == '\r') n--;
    const char *next = nl ? nl + 1 : p + strlen(p);
    if (in_code) {
      if (is_fence(p, n)) {
        ls_buf_puts(out, "</code></pre>\n");
        in_code = 0;
      } else {
        lsr_html_escape(out, p, n);
        ls_buf_putc(out, '\n');
      }
      p = next;
      continue;
    }
    size_t indent = 0;
    while (indent < n && (p[indent] == ' ' || p[indent] == '\t')) indent++;
    const char *s = p + indent;
    size_t len = n - indent;
    block kind = B_NONE;
    size_t marker;
    if (len == 0) {
      close_block(&m);
    } else if (is_fence(p, n)) {
      open_code(&m, p, n);
      in_code = 1;
    } else if ((marker = list_marker(s, len, &kind))) {
      if (m.open != kind) {
        close_block(&m);
        ls_buf_puts(out, kind == B_UL ? "<ul>\n" : "<ol>\n");
        m.open = kind;
      }
      if (m.li_open) ls_buf_puts(out, "</li>\n");
      ls_buf_puts(out, "<li>");
      inline_text(out, s + marker, len - marker, 1);
      m.li_open = 1;
    } else if ((m.open == B_UL || m.open == B_OL) && indent) {
      ls_buf_putc(out, '\n');
      inline_text(out, s, len, 1);
    } else {
      if (m.open == B_PARA) {
        ls_buf_putc(out, '\n');
      } else {
        close_block(&m);
        ls_buf_puts(out, "<p>");
        m.open = B_PARA;
      }
      inline_text(out, s, len, 1);
    }
    p = next;
  }
  if (in_code) ls_buf_puts(out, "</code></pre>\n");
  close_block(&m);
}
