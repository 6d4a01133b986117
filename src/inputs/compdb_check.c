/* compdb_check.c: validates compile_commands.json before libclang reads it.
 *
 * libclang's reader rejects a malformed database without saying where, and
 * skips entries of the wrong shape silently. This streaming check (yajl's
 * parser, constant memory however large the file) names the file, the line
 * and the column of the first problem: a syntax error, or an entry that is
 * not {"directory": string, "file": string, "arguments": [string...] |
 * "command": string}.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "inputs.h"
#include "common.h"

enum { IN_NONE, IN_TOP, IN_ENTRY, IN_ARGS };

typedef struct checker {
  int state;
  int depth;             /* nesting, for skipping values of unknown keys */
  int skip_depth;        /* > 0 while skipping an unknown key's value */
  char key[32];          /* the current key in an entry */
  int have_dir, have_file, have_cmd;
  size_t entry;          /* 1-based index of the current entry */
  char problem[256];
} checker;

static int fail(checker *c, const char *fmt, const char *arg) {
  snprintf(c->problem, sizeof c->problem, fmt, arg);
  return 0; /* stops the parser */
}

/* A scalar or container start arriving as a value. */
static int value(checker *c, const char *kind) {
  if (c->skip_depth) return 1;
  switch (c->state) {
  case IN_NONE: return fail(c, "expected an array of compile commands, found %s", kind);
  case IN_TOP: return fail(c, "expected an object for a compile command, found %s", kind);
  case IN_ARGS:
    if (strcmp(kind, "a string") != 0) return fail(c, "\"arguments\" must hold strings, found %s", kind);
    return 1;
  case IN_ENTRY:
    if (!strcmp(c->key, "directory") || !strcmp(c->key, "file") || !strcmp(c->key, "command") ||
        !strcmp(c->key, "output")) {
      if (strcmp(kind, "a string") != 0) {
        snprintf(c->problem, sizeof c->problem, "\"%s\" must be a string, found %s", c->key, kind);
        return 0;
      }
      if (!strcmp(c->key, "directory")) c->have_dir = 1;
      if (!strcmp(c->key, "file")) c->have_file = 1;
      if (!strcmp(c->key, "command")) c->have_cmd = 1;
    } else if (!strcmp(c->key, "arguments")) {
      return fail(c, "\"arguments\" must be an array of strings, found %s", kind);
    }
    return 1;
  }
  return 1;
}

static int on_null(void *ctx) { return value(ctx, "null"); }
static int on_bool(void *ctx, int b) { (void)b; return value(ctx, "a boolean"); }
static int on_number(void *ctx, const char *s, size_t n) { (void)s; (void)n; return value(ctx, "a number"); }
static int on_string(void *ctx, const unsigned char *s, size_t n) { (void)s; (void)n; return value(ctx, "a string"); }

static int on_map_key(void *ctx, const unsigned char *s, size_t n) {
  checker *c = ctx;
  if (c->skip_depth || c->state != IN_ENTRY) return 1;
  snprintf(c->key, sizeof c->key, "%.*s", (int)(n < 31 ? n : 31), (const char *)s);
  return 1;
}

static int on_start_map(void *ctx) {
  checker *c = ctx;
  c->depth++;
  if (c->skip_depth) return 1;
  if (c->state == IN_TOP) {
    c->state = IN_ENTRY;
    c->entry++;
    c->have_dir = c->have_file = c->have_cmd = 0;
    c->key[0] = '\0';
    return 1;
  }
  if (c->state == IN_ENTRY && strcmp(c->key, "arguments") && strcmp(c->key, "directory") &&
      strcmp(c->key, "file") && strcmp(c->key, "command") && strcmp(c->key, "output")) {
    c->skip_depth = c->depth; /* an unknown key's object: ignore it */
    return 1;
  }
  return value(c, "an object");
}

static int on_end_map(void *ctx) {
  checker *c = ctx;
  if (c->skip_depth == c->depth) c->skip_depth = 0;
  c->depth--;
  if (c->skip_depth) return 1;
  if (c->state == IN_ENTRY && c->depth == 1) {
    if (!c->have_dir) return fail(c, "%s", "a compile command has no \"directory\"");
    if (!c->have_file) return fail(c, "%s", "a compile command has no \"file\"");
    if (!c->have_cmd) return fail(c, "%s", "a compile command has neither \"arguments\" nor \"command\"");
    c->state = IN_TOP;
  }
  return 1;
}

static int on_start_array(void *ctx) {
  checker *c = ctx;
  c->depth++;
  if (c->skip_depth) return 1;
  if (c->state == IN_NONE) {
    c->state = IN_TOP;
    return 1;
  }
  if (c->state == IN_ENTRY && !strcmp(c->key, "arguments")) {
    c->state = IN_ARGS;
    c->have_cmd = 1;
    return 1;
  }
  if (c->state == IN_ENTRY && strcmp(c->key, "directory") && strcmp(c->key, "file") &&
      strcmp(c->key, "command") && strcmp(c->key, "output")) {
    c->skip_depth = c->depth;
    return 1;
  }
  return value(c, "an array");
}

static int on_end_array(void *ctx) {
  checker *c = ctx;
  if (c->skip_depth == c->depth) c->skip_depth = 0;
  c->depth--;
  if (!c->skip_depth && c->state == IN_ARGS) c->state = IN_ENTRY;
  return 1;
}

static const yajl_callbacks callbacks = {on_null,      on_bool,     NULL,          NULL,
                                         on_number,    on_string,   on_start_map,  on_map_key,
                                         on_end_map,   on_start_array, on_end_array};

/* Line and column (1-based) of byte `offset` of the file. */
static void position(FILE *f, size_t offset, size_t *line, size_t *col) {
  rewind(f);
  *line = 1;
  *col = 1;
  for (size_t i = 0; i < offset; i++) {
    int ch = fgetc(f);
    if (ch == EOF) break;
    if (ch == '\n') {
      (*line)++;
      *col = 1;
    } else {
      (*col)++;
    }
  }
}

int ls_compdb_validate(const char *path, char **err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    *err = ls_xasprintf("cannot read '%s': %s", path, strerror(errno));
    return -1;
  }
  checker c = {0};
  yajl_handle h = yajl_alloc(&callbacks, NULL, &c);
  unsigned char buf[65536];
  size_t offset = 0, n;
  yajl_status st = yajl_status_ok;
  while (st == yajl_status_ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
    st = yajl_parse(h, buf, n);
    if (st != yajl_status_ok) offset += yajl_get_bytes_consumed(h);
    else offset += n;
  }
  if (st == yajl_status_ok) st = yajl_complete_parse(h);
  int rc = 0;
  if (st != yajl_status_ok) {
    size_t line, col;
    char *msg;
    if (c.problem[0]) {
      msg = c.entry ? ls_xasprintf("%s (entry %zu)", c.problem, c.entry) : ls_xstrdup(c.problem);
    } else {
      unsigned char *ye = yajl_get_error(h, 0, NULL, 0);
      msg = ls_xstrdup((const char *)ye);
      yajl_free_error(h, ye);
      char *nl = strchr(msg, '\n');
      if (nl) *nl = '\0';
    }
    position(f, offset, &line, &col);
    *err = ls_xasprintf("invalid compilation database '%s' at line %zu, column %zu: %s", path, line,
                        col, msg);
    free(msg);
    rc = -1;
  } else if (c.state != IN_TOP) {
    *err = ls_xasprintf("invalid compilation database '%s': expected an array of compile commands",
                        path);
    rc = -1;
  }
  yajl_free(h);
  fclose(f);
  return rc;
}
