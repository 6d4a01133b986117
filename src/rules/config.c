/* config.c: reads `.lagscan.yml` (config.h) with libyaml's document API.
 * Unknown keys are errors, so a misspelt setting never silently does
 * nothing; every error names the file, line and column. */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "rules.h"
#include "common.h"

static void defaults(ls_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->sort_bound = LS_DEFAULT_SORT_BOUND;
}

void ls_config_free(ls_config *cfg) {
  if (!cfg) return;
  for (size_t i = 0; i < cfg->nrules; i++) free(cfg->rules[i]);
  for (size_t i = 0; i < cfg->nexclude; i++) free(cfg->exclude[i]);
  free(cfg->rules);
  free(cfg->exclude);
  free(cfg->path);
  defaults(cfg);
}

static char *where(const char *path, const yaml_node_t *n, const char *msg) {
  return ls_xasprintf("%s:%zu:%zu: %s", path, n->start_mark.line + 1, n->start_mark.column + 1,
                      msg);
}

/* Reads a list of strings; `base` (may be NULL) prefixes relative entries. */
static int string_list(yaml_document_t *doc, yaml_node_t *v, const char *path, const char *key,
                       const char *base, char ***out, size_t *n, char **err) {
  if (v->type != YAML_SEQUENCE_NODE) {
    char *m = ls_xasprintf("'%s' must be a list of strings", key);
    *err = where(path, v, m);
    free(m);
    return -1;
  }
  for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    yaml_node_t *s = yaml_document_get_node(doc, *it);
    if (!s || s->type != YAML_SCALAR_NODE || !s->data.scalar.length) {
      char *m = ls_xasprintf("'%s' must be a list of non-empty strings", key);
      *err = where(path, s ? s : v, m);
      free(m);
      return -1;
    }
    const char *text = (const char *)s->data.scalar.value;
    *out = ls_xrealloc(*out, (*n + 1) * sizeof(char *));
    (*out)[(*n)++] = base && text[0] != '/' ? ls_xasprintf("%s/%s", base, text) : ls_xstrdup(text);
  }
  return 0;
}

static int parse(yaml_document_t *doc, const char *path, ls_config *cfg, char **err) {
  yaml_node_t *root = yaml_document_get_root_node(doc);
  if (!root) return 0; /* an empty file: all defaults */
  if (root->type != YAML_MAPPING_NODE) {
    *err = where(path, root, "the configuration must be a mapping (key: value)");
    return -1;
  }
  /* Relative pack paths are relative to the config file's directory. */
  char *dir = ls_xstrdup(path);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  else strcpy(dir, ".");
  int rc = 0;
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !rc;
       p++) {
    yaml_node_t *k = yaml_document_get_node(doc, p->key), *v = yaml_document_get_node(doc, p->value);
    const char *key = k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : NULL;
    if (!key || !v) {
      *err = where(path, k ? k : root, "keys must be strings");
      rc = -1;
    } else if (strcmp(key, "sort_bound") == 0) {
      const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
      char *end = NULL;
      errno = 0;
      long long b = s ? strtoll(s, &end, 10) : -1;
      if (!s || !*s || *end || errno || b < 0 || b > INT_MAX) {
        *err = where(path, v, "'sort_bound' must be a whole number from 0 to 2147483647");
        rc = -1;
      } else {
        cfg->sort_bound = b;
      }
    } else if (strcmp(key, "rules") == 0) {
      rc = string_list(doc, v, path, key, dir, &cfg->rules, &cfg->nrules, err);
    } else if (strcmp(key, "exclude") == 0) {
      rc = string_list(doc, v, path, key, NULL, &cfg->exclude, &cfg->nexclude, err);
    } else {
      char *m = ls_xasprintf("unknown setting '%s' (sort_bound, rules, exclude)", key);
      *err = where(path, k, m);
      free(m);
      rc = -1;
    }
  }
  free(dir);
  return rc;
}

int ls_config_load(const char *path, ls_config *cfg, char **err) {
  defaults(cfg);
  *err = NULL;
  const char *file = path ? path : LS_CONFIG_FILE;
  FILE *f = fopen(file, "rb");
  if (!f) {
    if (!path && errno == ENOENT) return 0;
    *err = ls_xasprintf("%s: cannot read the configuration: %s", file, strerror(errno));
    return -1;
  }
  yaml_parser_t parser;
  yaml_document_t doc;
  int rc = 0;
  if (!yaml_parser_initialize(&parser)) {
    fclose(f);
    *err = ls_xasprintf("%s: out of memory", file);
    return -1;
  }
  yaml_parser_set_input_file(&parser, f);
  if (!yaml_parser_load(&parser, &doc)) {
    *err = ls_xasprintf("%s:%zu:%zu: invalid YAML: %s", file, parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1, parser.problem ? parser.problem : "error");
    rc = -1;
  } else {
    rc = parse(&doc, file, cfg, err);
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  fclose(f);
  if (rc) {
    ls_config_free(cfg);
    return -1;
  }
  cfg->path = ls_xstrdup(file);
  return 0;
}

int ls_config_excluded(const ls_config *cfg, const char *relpath) {
  for (size_t i = 0; i < cfg->nexclude; i++) {
    const char *pat = cfg->exclude[i];
    size_t n = strlen(pat);
    if (pat[n - 1] == '/' && strncmp(relpath, pat, n) == 0) return 1; /* a directory */
    if (fnmatch(pat, relpath, 0) == 0) return 1;
    /* A glob without a slash matches the file name in any directory. */
    const char *base = strrchr(relpath, '/');
    if (!strchr(pat, '/') && base && fnmatch(pat, base + 1, 0) == 0) return 1;
  }
  return 0;
}

void ls_config_apply(const ls_config *cfg, ls_catalogue *cat) {
  /* The configured bound replaces the packs' own for the unbounded-sort
   * rule: constant element counts up to it are not reported. */
  const char *sort = ls_rule_id(LS_RULE_UNBOUNDED_SORT);
  for (size_t i = 0; i < cat->nblockers; i++) {
    ls_blocker *b = &cat->blockers[i];
    if (strcmp(b->rule_id, sort) != 0) continue;
    for (size_t k = 0; k < b->nconds; k++)
      if (b->conds[k].kind == LS_COND_UNLESS_AT_MOST) b->conds[k].at_most = cfg->sort_bound;
  }
}
