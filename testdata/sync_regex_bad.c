/* sync_regex_bad: regexec and pcre2_match can backtrack for a long time;
 * compiling a pattern that is not a literal is flagged, a literal is not.
 * regexec of an expression compiled only from literals without
 * back-references does not backtrack (regex_fixed_pattern_ok); pcre2
 * backtracks whatever the pattern. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <regex.h>
#include <uv.h>

static regex_t fixed;

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  if (n <= 0) return;
  regex_t re;
  regcomp(&re, buf->base, REG_EXTENDED); // expected-warning {{sync-regex}}
  regcomp(&fixed, "^GET /[a-z]+$", REG_EXTENDED); /* a literal pattern: fine */
  regexec(&re, buf->base, 0, NULL, 0); // expected-warning {{sync-regex}}
  regexec(&fixed, buf->base, 0, NULL, 0); // no-warning: a literal pattern, no back-reference
  int code;
  PCRE2_SIZE off;
  pcre2_code *p = pcre2_compile((PCRE2_SPTR) "a+b", PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(p, NULL);
  pcre2_match(p, (PCRE2_SPTR)buf->base, (PCRE2_SIZE)n, 0, 0, md, NULL); // expected-warning {{sync-regex}}
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  (void)h;
  static char slab[4096];
  buf->base = slab;
  buf->len = size < sizeof slab ? size : sizeof slab;
}

void serve(uv_stream_t *client) { uv_read_start(client, on_alloc, on_read); }
