/* html_text.c: the HTML writer's escaping and anchors (see html.h). Every
 * string of the report reaches the page through lsr_html_escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

void lsr_html_escape(ls_buf *out, const char *s, size_t n) {
  char *copy = ls_xmalloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  ls_buf repaired = {0};
  ls_utf8_append(&repaired, copy);
  free(copy);
  for (const char *p = ls_buf_str(&repaired); *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '&': ls_buf_puts(out, "&amp;"); break;
    case '<': ls_buf_puts(out, "&lt;"); break;
    case '>': ls_buf_puts(out, "&gt;"); break;
    case '"': ls_buf_puts(out, "&quot;"); break;
    case '\'': ls_buf_puts(out, "&#39;"); break;
    default:
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) ls_buf_puts(out, "\xEF\xBF\xBD");
      else ls_buf_putc(out, (char)c);
    }
  }
  ls_buf_free(&repaired);
}

void lsr_html_esc_n(lsr_html *h, const char *s, size_t n) {
  ls_buf_reset(&h->tmp);
  lsr_html_escape(&h->tmp, s, n);
  fwrite(ls_buf_str(&h->tmp), 1, h->tmp.len, h->out);
}

void lsr_html_esc(lsr_html *h, const char *s) {
  if (s) lsr_html_esc_n(h, s, strlen(s));
}

void lsr_html_loc(lsr_html *h, const ls_location *loc) {
  fputs("<code class=\"loc\">", h->out);
  if (loc->path && *loc->path) {
    lsr_html_esc(h, loc->path);
    if (loc->line) fprintf(h->out, ":%u", loc->line);
    if (loc->line && loc->col) fprintf(h->out, ":%u", loc->col);
  } else {
    fputs("(unknown place)", h->out);
  }
  fputs("</code>", h->out);
}

size_t lsr_html_rule_index(const ls_report *r, const char *rule_id) {
  for (size_t i = 0; i < r->nrules; i++)
    if (r->rules[i].id && rule_id && strcmp(r->rules[i].id, rule_id) == 0) return i;
  return r->nrules;
}

void lsr_html_rule_anchor(const ls_report *r, const char *rule_id, ls_buf *out) {
  int plain = rule_id && *rule_id;
  for (const char *p = rule_id; plain && *p; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
  if (plain) ls_buf_printf(out, "rule-%s", rule_id);
  else ls_buf_printf(out, "rule-%zu", lsr_html_rule_index(r, rule_id));
}
