/* regex_fixed_pattern_bad: a POSIX regular expression is only safe to
 * match on the loop when every pattern it is compiled from is a literal
 * without back-references. A back-reference backtracks; a pattern from a
 * file or built at run time may be anything, even when another call
 * compiles the same object from a literal; an expression whose compiler
 * call is not seen, or one behind a pointer, is not known to be fixed. */
#include <regex.h>
#include <stdlib.h>
#include <uv.h>

struct rule {
  regex_t re;
};

static regex_t rc_backref, rc_config, rc_unseen;
static struct rule rules[8];

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  if (n <= 0) return;
  regexec(&rc_backref, buf->base, 0, NULL, 0); // expected-warning {{sync-regex}}
  regexec(&rc_config, buf->base, 0, NULL, 0);  // expected-warning {{sync-regex}}
  regexec(&rc_unseen, buf->base, 0, NULL, 0);  // expected-warning {{sync-regex}}
  regexec(&rules[0].re, buf->base, 0, NULL, 0); // expected-warning {{sync-regex}}
  regex_t *re = &rc_backref;
  regexec(re, buf->base, 0, NULL, 0);           // expected-warning {{sync-regex}}
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  (void)h;
  static char slab[4096];
  buf->base = slab;
  buf->len = size < sizeof slab ? size : sizeof slab;
}

static void load_rule(struct rule *r, const char *pattern) { regcomp(&r->re, pattern, REG_EXTENDED); }

void serve(uv_stream_t *client) {
  regcomp(&rc_backref, "^(a+)\\1$", REG_EXTENDED);
  regcomp(&rc_config, "^default$", REG_EXTENDED);
  const char *p = getenv("PATTERN");
  if (p) regcomp(&rc_config, p, REG_EXTENDED);
  load_rule(&rules[0], "^x$");
  uv_read_start(client, on_alloc, on_read);
}
