/* jsonw.c: streaming JSON output on yajl_gen (see jsonw.h). */
#include "jsonw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void lsr_json_init(lsr_json *j, FILE *out, int beautify) {
  memset(j, 0, sizeof *j);
  j->out = out;
  j->g = yajl_gen_alloc(NULL);
  if (!j->g) {
    j->error = -ENOMEM;
    return;
  }
  yajl_gen_config(j->g, yajl_gen_beautify, beautify);
  if (beautify) yajl_gen_config(j->g, yajl_gen_indent_string, "  ");
  /* Strings are repaired before yajl sees them; validation stays on as a
   * guard, so a mistake shows as an error instead of invalid JSON. */
  yajl_gen_config(j->g, yajl_gen_validate_utf8, 1);
}

/* Records a generator status; the first failure sticks. */
static void status(lsr_json *j, yajl_gen_status s) {
  if (s != yajl_gen_status_ok && !j->error) j->error = -EINVAL;
}

int lsr_json_flush(lsr_json *j) {
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

int lsr_json_next_value(lsr_json *j) {
  if (j->g) yajl_gen_reset(j->g, "\n");
  return lsr_json_flush(j);
}

int lsr_json_finish(lsr_json *j) {
  lsr_json_flush(j);
  if (j->g) yajl_gen_free(j->g);
  j->g = NULL;
  lsr_buf_free(&j->scratch);
  return j->error;
}

void lsr_json_str(lsr_json *j, const char *s) {
  if (!j->g) return;
  if (!s) {
    status(j, yajl_gen_null(j->g));
    return;
  }
  lsr_buf_reset(&j->scratch);
  lsr_utf8_append(&j->scratch, s);
  status(j, yajl_gen_string(j->g, (const unsigned char *)lsr_buf_str(&j->scratch),
                            j->scratch.len));
}

void lsr_json_uint(lsr_json *j, unsigned long long v) {
  if (!j->g) return;
  char num[24];
  int n = snprintf(num, sizeof num, "%llu", v);
  status(j, yajl_gen_number(j->g, num, (size_t)n));
}

void lsr_json_bool(lsr_json *j, int v) {
  if (j->g) status(j, yajl_gen_bool(j->g, v != 0));
}

void lsr_json_null(lsr_json *j) {
  if (j->g) status(j, yajl_gen_null(j->g));
}

void lsr_json_map(lsr_json *j) {
  if (j->g) status(j, yajl_gen_map_open(j->g));
}

void lsr_json_end_map(lsr_json *j) {
  if (j->g) status(j, yajl_gen_map_close(j->g));
}

void lsr_json_array(lsr_json *j) {
  if (j->g) status(j, yajl_gen_array_open(j->g));
}

void lsr_json_end_array(lsr_json *j) {
  if (j->g) status(j, yajl_gen_array_close(j->g));
}

void lsr_json_kstr(lsr_json *j, const char *key, const char *value) {
  lsr_json_key(j, key);
  lsr_json_str(j, value);
}

void lsr_json_kuint(lsr_json *j, const char *key, unsigned long long value) {
  lsr_json_key(j, key);
  lsr_json_uint(j, value);
}

void lsr_json_ktext(lsr_json *j, const char *key, const char *text) {
  lsr_json_key(j, key);
  lsr_json_map(j);
  lsr_json_kstr(j, "text", text);
  lsr_json_end_map(j);
}
