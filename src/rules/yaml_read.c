/* yaml_read.c: typed reads of a rule pack's YAML nodes (loader.h), each
 * failing with the node's file, line and column. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"


int ls__fail(loader *l, const yaml_node_t *node, const char *fmt, const char *a,
                const char *b) {
  if (l->err) return -1;
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
  if (node)
    l->err = ls_xasprintf("%s:%zu:%zu: %s", l->path, node->start_mark.line + 1,
                          node->start_mark.column + 1, msg);
  else
    l->err = ls_xasprintf("%s: %s", l->path, msg);
  return -1;
}

yaml_node_t *ls__node_at(loader *l, int id) { return yaml_document_get_node(&l->doc, id); }

const char *ls__scalar(const yaml_node_t *n) {
  return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

int ls__get_string(loader *l, yaml_node_t *n, const char *key, const char **out) {
  const char *s = ls__scalar(n);
  if (!s) return ls__fail(l, n, "'%s' must be a string", key, NULL);
  *out = ls__own(l->cat, s);
  return 0;
}

int ls__get_int(loader *l, yaml_node_t *n, const char *key, long long lo, long long hi,
                   long long *out) {
  const char *s = ls__scalar(n);
  char *end = NULL;
  errno = 0;
  long long v = s ? strtoll(s, &end, 0) : 0;
  if (!s || !*s || *end || errno || v < lo || v > hi) {
    char range[64];
    snprintf(range, sizeof range, "%lld..%lld", lo, hi);
    return ls__fail(l, n, "'%s' must be an integer in %s", key, range);
  }
  *out = v;
  return 0;
}

int ls__get_arg(loader *l, yaml_node_t *n, const char *key, int *out) {
  long long v;
  /* Argument values are recorded for the first 16 arguments (facts.h). */
  if (ls__get_int(l, n, key, 0, 15, &v)) return -1;
  *out = (int)v;
  return 0;
}


/* A string (`function: NAME`), or with `list`, a list of strings
 * (`functions: [A, B]`), appended to `out`, owned by the catalogue. */
int ls__strings(loader *l, yaml_node_t *v, const char *key, int list, string_list *out) {
  return ls__strings_at(l, v, key, list, out, NULL);
}

int ls__strings_at(loader *l, yaml_node_t *v, const char *key, int list, string_list *out,
                   line_list *lines) {
  if (!list) {
    const char *one;
    if (ls__get_string(l, v, key, &one)) return -1;
    LS_VEC_PUSH(out, one);
    if (lines) LS_VEC_PUSH(lines, (unsigned)v->start_mark.line + 1);
    return 0;
  }
  if (!v || v->type != YAML_SEQUENCE_NODE) return ls__fail(l, v, "'%s' must be a list", key, NULL);
  for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    const char *one;
    yaml_node_t *n = ls__node_at(l, *it);
    if (ls__get_string(l, n, key, &one)) return -1;
    LS_VEC_PUSH(out, one);
    if (lines) LS_VEC_PUSH(lines, (unsigned)n->start_mark.line + 1);
  }
  return 0;
}

ls_pack_site ls__site(const loader *l, const yaml_node_t *n) {
  return (ls_pack_site){l->site_file, n ? (unsigned)n->start_mark.line + 1 : 0};
}

/* Iterates a mapping: calls `each` for every key/value pair. */

int ls__each_pair(loader *l, yaml_node_t *map, const char *what, pair_fn each, void *ctx) {
  if (!map || map->type != YAML_MAPPING_NODE)
    return ls__fail(l, map, "%s must be a mapping", what, NULL);
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = ls__node_at(l, p->key), *v = ls__node_at(l, p->value);
    const char *key = ls__scalar(k);
    if (!key) return ls__fail(l, k, "keys of %s must be strings", what, NULL);
    if (each(l, key, k, v, ctx)) return -1;
  }
  return 0;
}

int ls__each_item(loader *l, yaml_node_t *seq, const char *what,
                     int (*each)(loader *l, yaml_node_t *item)) {
  if (!seq || seq->type != YAML_SEQUENCE_NODE)
    return ls__fail(l, seq, "'%s' must be a list", what, NULL);
  for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
       it++)
    if (each(l, ls__node_at(l, *it))) return -1;
  return 0;
}

