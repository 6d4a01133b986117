/* jsonw.h: streaming JSON output for the SARIF and JSON Lines writers, on
 * top of yajl_gen.
 * This file is private to reports/.
 *
 * Every string goes through lsr_utf8_append first, so bytes that are not
 * UTF-8 (file names, messages from source text) still give valid JSON; yajl
 * does the escaping. The caller moves yajl's buffer to the stream with
 * lsr_json_flush() at points of its choosing (after each result), so the
 * memory held never grows with the size of the report.
 */
#ifndef LAGSCAN_REPORTS_JSONW_H
#define LAGSCAN_REPORTS_JSONW_H

#include <stdio.h>
#include <yajl/yajl_gen.h>

#include "rutil.h"

typedef struct lsr_json {
  yajl_gen g;
  FILE *out;
  lsr_buf scratch;     /* the last string, repaired */
  size_t max_pending;  /* most bytes yajl ever held between two flushes */
  size_t written;      /* bytes handed to `out` */
  int error;           /* first failure: a negative errno value, or 0 */
} lsr_json;

/* beautify: indent (SARIF) or one line (JSON Lines). */
void lsr_json_init(lsr_json *j, FILE *out, int beautify);
/* Flushes what is left, frees the generator; returns j->error. */
int lsr_json_finish(lsr_json *j);

/* Moves the generated text to the stream; returns j->error. */
int lsr_json_flush(lsr_json *j);

/* Ends a complete top-level value with a newline and lets another one
 * start (JSON Lines); flushes. Returns j->error. */
int lsr_json_next_value(lsr_json *j);

/* A string value (NULL gives null). */
void lsr_json_str(lsr_json *j, const char *s);
void lsr_json_uint(lsr_json *j, unsigned long long v);
void lsr_json_bool(lsr_json *j, int v);
void lsr_json_null(lsr_json *j);
void lsr_json_map(lsr_json *j);
void lsr_json_end_map(lsr_json *j);
void lsr_json_array(lsr_json *j);
void lsr_json_end_array(lsr_json *j);

/* Map members: key and value in one call. */
void lsr_json_kstr(lsr_json *j, const char *key, const char *value);
void lsr_json_kuint(lsr_json *j, const char *key, unsigned long long value);
/* {"text": text} under key. */
void lsr_json_ktext(lsr_json *j, const char *key, const char *text);

/* The keys are plain ASCII literals: this writes them without repair. */
#define lsr_json_key(j, k) lsr_json_str((j), (k))

#endif /* LAGSCAN_REPORTS_JSONW_H */
