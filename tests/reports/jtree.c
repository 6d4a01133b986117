/* jtree.c: reading JSON back in tests (see jtree.h). */
#include "jtree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static yajl_val walk(yajl_val v, va_list ap) {
  const char *k;
  while (v && (k = va_arg(ap, const char *))) {
    if (YAJL_IS_OBJECT(v)) {
      yajl_val next = NULL;
      for (size_t i = 0; i < v->u.object.len; i++)
        if (strcmp(v->u.object.keys[i], k) == 0) next = v->u.object.values[i];
      v = next;
    } else if (YAJL_IS_ARRAY(v)) {
      char *end;
      unsigned long i = strtoul(k, &end, 10);
      v = (*end || i >= v->u.array.len) ? NULL : v->u.array.values[i];
    } else {
      v = NULL;
    }
  }
  return v;
}

yajl_val jt_get(yajl_val v, ...) {
  va_list ap;
  va_start(ap, v);
  v = walk(v, ap);
  va_end(ap);
  return v;
}

const char *jt_str(yajl_val v, ...) {
  va_list ap;
  va_start(ap, v);
  v = walk(v, ap);
  va_end(ap);
  return YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
}

long long jt_int(yajl_val v, ...) {
  va_list ap;
  va_start(ap, v);
  v = walk(v, ap);
  va_end(ap);
  return YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
}

long jt_len(yajl_val v, ...) {
  va_list ap;
  va_start(ap, v);
  v = walk(v, ap);
  va_end(ap);
  return YAJL_IS_ARRAY(v) ? (long)v->u.array.len : -1;
}

yajl_val jt_parse(const char *text) {
  char err[256];
  yajl_val v = yajl_tree_parse(text, err, sizeof err);
  if (!v) fprintf(stderr, "\n    not JSON: %s\n", err);
  return v;
}
