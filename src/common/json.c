/* json.c: the one JSON emitter, streaming on yajl_gen (common.h).
 *
 * Every string goes through ls_utf8_append first, so bytes that are not
 * UTF-8 (file names, messages from source text) still give valid JSON; yajl
 * does the escaping, and its UTF-8 validation stays on as a guard. Generated
 * text stays in yajl's buffer until ls_json_flush() moves it to the stream.
 * Invariant: j->error holds the first failure and is never cleared.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

void ls_json_init(ls_json *j, FILE *out, const char *indent) {
  memset(j, 0, sizeof *j);
  j->out = out;
  j->g = yajl_gen_alloc(NULL);
  if (!j->g) {
    j->error = -ENOMEM;
    return;
  }
  yajl_gen_config(j->g, yajl_gen_beautify, indent != NULL);
  if (indent) yajl_gen_config(j->g, yajl_gen_indent_string, indent);
  /* Strings are repaired before yajl sees them; validation stays on as a
   * guard, so a mistake shows as an error instead of invalid JSON. */
  yajl_gen_config(j->g, yajl_gen_validate_utf8, 1);
}

/* Records a generator status; the first failure sticks. */
static void status(ls_json *j, yajl_gen_status s) {
  if (s != yajl_gen_status_ok && !j->error) j->error = -EINVAL;
}

int ls_json_flush(ls_json *j) {
  if (!j->g) return j->error;
  const unsigned char *buf;
  size_t len;
  if (yajl_gen_get_buf(j->g, &buf, &len) != yajl_gen_status_ok) {
    if (!j->error) j->error = -EINVAL;
    return j->error;
  }
  if (len > j->max_pending) j->max_pending = len;
  if (len && !j->error) {
    errno = 0;
    if (fwrite(buf, 1, len, j->out) != len) j->error = -(errno ? errno : EIO);
    j->written += len;
  }
  yajl_gen_clear(j->g);
  return j->error;
}

int ls_json_next_value(ls_json *j) {
  if (j->g) yajl_gen_reset(j->g, "\n");
  return ls_json_flush(j);
}

int ls_json_finish(ls_json *j) {
  ls_json_flush(j);
  if (j->g) yajl_gen_free(j->g);
  j->g = NULL;
  ls_buf_free(&j->scratch);
  return j->error;
}

void ls_json_str(ls_json *j, const char *s) {
  if (!j->g) return;
  if (!s) {
    status(j, yajl_gen_null(j->g));
    return;
  }
  ls_buf_reset(&j->scratch);
  ls_utf8_append(&j->scratch, s);
  status(j, yajl_gen_string(j->g, (const unsigned char *)ls_buf_str(&j->scratch),
                            j->scratch.len));
}

void ls_json_uint(ls_json *j, unsigned long long v) {
  if (!j->g) return;
  char num[24];
  int n = snprintf(num, sizeof num, "%llu", v);
  status(j, yajl_gen_number(j->g, num, (size_t)n));
}

void ls_json_int(ls_json *j, long long v) {
  if (j->g) status(j, yajl_gen_integer(j->g, v));
}

void ls_json_bool(ls_json *j, int v) {
  if (j->g) status(j, yajl_gen_bool(j->g, v != 0));
}

void ls_json_null(ls_json *j) {
  if (j->g) status(j, yajl_gen_null(j->g));
}

void ls_json_map(ls_json *j) {
  if (j->g) status(j, yajl_gen_map_open(j->g));
}

void ls_json_end_map(ls_json *j) {
  if (j->g) status(j, yajl_gen_map_close(j->g));
}

void ls_json_array(ls_json *j) {
  if (j->g) status(j, yajl_gen_array_open(j->g));
}

void ls_json_end_array(ls_json *j) {
  if (j->g) status(j, yajl_gen_array_close(j->g));
}

void ls_json_kstr(ls_json *j, const char *key, const char *value) {
  ls_json_key(j, key);
  ls_json_str(j, value);
}

void ls_json_kuint(ls_json *j, const char *key, unsigned long long value) {
  ls_json_key(j, key);
  ls_json_uint(j, value);
}

void ls_json_ktext(ls_json *j, const char *key, const char *text) {
  ls_json_key(j, key);
  ls_json_map(j);
  ls_json_kstr(j, "text", text);
  ls_json_end_map(j);
}
