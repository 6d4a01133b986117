/* regex_fixed_pattern_ok: a POSIX regular expression compiled only from
 * literal patterns with no back-reference is matched without backtracking
 * (glibc and musl backtrack only for back-references), so matching it on
 * the loop is no stall: a literal, a constant array built from macros
 * (pgbouncer's admin commands), a const pointer, and an escaped backslash
 * followed by a digit, which is no back-reference. */
#include <regex.h>
#include <uv.h>

#define WS0 "[ \t]*"
#define WORD "([a-z]+)"

static const char cmd_rx[] = "^" WS0 WORD WS0 "(;" WS0 ")?$";
static const char *const set_rx = "^set" WS0 WORD "=" WORD "$";

struct matcher {
  regex_t path;
};

static regex_t rc_cmd, rc_set, rc_lit, rc_slash;
static struct matcher routes;

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  (void)s;
  if (n <= 0) return;
  regmatch_t m[4];
  regexec(&rc_cmd, buf->base, 4, m, 0);       // no-warning: compiled from a constant
  regexec(&rc_set, buf->base, 4, m, 0);       // no-warning: a const pointer to a literal
  regexec(&rc_lit, buf->base, 0, NULL, 0);    // no-warning: a literal
  regexec(&rc_slash, buf->base, 0, NULL, 0);  // no-warning: \\1 is a backslash, then 1
  regexec(&routes.path, buf->base, 0, NULL, 0); // no-warning: a field compiled from a literal
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  (void)h;
  static char slab[4096];
  buf->base = slab;
  buf->len = size < sizeof slab ? size : sizeof slab;
}

void serve(uv_stream_t *client) {
  regcomp(&rc_cmd, cmd_rx, REG_EXTENDED | REG_ICASE);
  regcomp(&rc_set, set_rx, REG_EXTENDED);
  regcomp(&rc_lit, "^GET /[a-z0-9/]+ HTTP/1\\.[01]$", REG_EXTENDED);
  regcomp(&rc_slash, "^a\\\\1$", REG_EXTENDED);
  regcomp(&routes.path, "^/api/", REG_EXTENDED);
  uv_read_start(client, on_alloc, on_read);
}
