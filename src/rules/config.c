/* config.c: reads `.lagscan.yml` (rules.h) with libyaml's document API, and
 * finds the project root it lives at. Unknown keys and unknown rule ids are
 * errors, so a misspelt setting never silently does nothing; every error
 * names the file, line and column. */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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
  ls_free_strings(cfg->disable, cfg->ndisable);
  for (size_t i = 0; i < cfg->noverrides; i++) {
    ls_free_strings(cfg->overrides[i].paths, cfg->overrides[i].npaths);
    ls_free_strings(cfg->overrides[i].disable, cfg->overrides[i].ndisable);
  }
  free(cfg->overrides);
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

/* A list of rule ids: each must be in the rule table (a typo must not
 * silently keep, or silently drop, a rule). */
static int rule_list(yaml_document_t *doc, yaml_node_t *v, const char *path, const char *key,
                     char ***out, size_t *n, char **err) {
  size_t first = *n;
  if (string_list(doc, v, path, key, NULL, out, n, err) != 0) return -1;
  for (size_t i = first; i < *n; i++) {
    if (ls_rule_id_known((*out)[i])) continue;
    yaml_node_t *s = yaml_document_get_node(doc, v->data.sequence.items.start[i - first]);
    char *m = ls_xasprintf("unknown rule '%s' in '%s' (see 'lagscan rules')", (*out)[i], key);
    *err = where(path, s, m);
    free(m);
    return -1;
  }
  return 0;
}

/* `overrides:` a list of {paths: [...], disable: [...]}, both required. */
static int overrides(yaml_document_t *doc, yaml_node_t *v, const char *path, ls_config *cfg,
                     char **err) {
  if (v->type != YAML_SEQUENCE_NODE) {
    *err = where(path, v, "'overrides' must be a list of {paths: [...], disable: [...]}");
    return -1;
  }
  for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    yaml_node_t *m = yaml_document_get_node(doc, *it);
    if (!m || m->type != YAML_MAPPING_NODE) {
      *err = where(path, m ? m : v, "an override must be a mapping {paths: [...], disable: [...]}");
      return -1;
    }
    cfg->overrides = ls_xrealloc(cfg->overrides, (cfg->noverrides + 1) * sizeof *cfg->overrides);
    ls_config_override *o = &cfg->overrides[cfg->noverrides++];
    memset(o, 0, sizeof *o);
    int have_paths = 0, have_disable = 0;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
      yaml_node_t *k = yaml_document_get_node(doc, p->key);
      yaml_node_t *val = yaml_document_get_node(doc, p->value);
      const char *key = k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
      int rc;
      if (!val) {
        rc = -1;
        *err = where(path, k ? k : m, "keys must be strings");
      } else if (strcmp(key, "paths") == 0) {
        have_paths = 1;
        rc = string_list(doc, val, path, "paths", NULL, &o->paths, &o->npaths, err);
      } else if (strcmp(key, "disable") == 0) {
        have_disable = 1;
        rc = rule_list(doc, val, path, "disable", &o->disable, &o->ndisable, err);
      } else {
        char *msg = ls_xasprintf("unknown key '%s' in an override (paths, disable)", key);
        *err = where(path, k ? k : m, msg);
        free(msg);
        rc = -1;
      }
      if (rc) return -1;
    }
    if (!have_paths || !have_disable) {
      *err = where(path, m, have_paths ? "an override needs 'disable: [rule, ...]'"
                                       : "an override needs 'paths: [...]'");
      return -1;
    }
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
    } else if (strcmp(key, "disable") == 0) {
      rc = rule_list(doc, v, path, key, &cfg->disable, &cfg->ndisable, err);
    } else if (strcmp(key, "overrides") == 0) {
      rc = overrides(doc, v, path, cfg, err);
    } else {
      char *m = ls_xasprintf(
          "unknown setting '%s' (sort_bound, rules, exclude, disable, overrides)", key);
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

int ls_config_load_root(const char *path, const char *root, ls_config *cfg, char **err) {
  if (path || !root) return ls_config_load(path, cfg, err);
  char *file = ls_path_join(root, LS_CONFIG_FILE);
  int rc = 0;
  if (access(file, F_OK) == 0) {
    rc = ls_config_load(file, cfg, err); /* present but unreadable is an error */
  } else {
    defaults(cfg);
    *err = NULL;
  }
  free(file);
  return rc;
}

/* Whether `relpath` matches one of the patterns (see ls_config_excluded). */
static int matches(char *const *pats, size_t n, const char *relpath) {
  for (size_t i = 0; i < n; i++) {
    const char *pat = pats[i];
    size_t n = strlen(pat);
    if (pat[n - 1] == '/' && strncmp(relpath, pat, n) == 0) return 1; /* a directory */
    if (fnmatch(pat, relpath, 0) == 0) return 1;
    /* A glob without a slash matches the file name in any directory. */
    const char *base = strrchr(relpath, '/');
    if (!strchr(pat, '/') && base && fnmatch(pat, base + 1, 0) == 0) return 1;
  }
  return 0;
}

int ls_config_excluded(const ls_config *cfg, const char *relpath) {
  return matches(cfg->exclude, cfg->nexclude, relpath);
}

static int listed(char *const *ids, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(ids[i], id) == 0) return 1;
  return 0;
}

int ls_config_disabled(const ls_config *cfg, const char *rule_id, const char *relpath) {
  if (listed(cfg->disable, cfg->ndisable, rule_id)) return 1;
  for (size_t i = 0; relpath && i < cfg->noverrides; i++) {
    const ls_config_override *o = &cfg->overrides[i];
    if (listed(o->disable, o->ndisable, rule_id) && matches(o->paths, o->npaths, relpath))
      return 1;
  }
  return 0;
}

int ls_config_disabled_somewhere(const ls_config *cfg, const char *rule_id) {
  for (size_t i = 0; i < cfg->noverrides; i++)
    if (listed(cfg->overrides[i].disable, cfg->overrides[i].ndisable, rule_id)) return 1;
  return 0;
}

/* Whether `dir` holds `name` (a file or a directory: `.git` is a file in a
 * linked worktree or a submodule). */
static int holds(const char *dir, const char *name) {
  char *p = ls_path_join(dir, name);
  struct stat st;
  int r = stat(p, &st) == 0;
  free(p);
  return r;
}

/* The nearest directory from `start` upward (itself included) that holds
 * `name`, or NULL. */
static char *upward(const char *start, const char *name) {
  char *dir = ls_xstrdup(start);
  for (;;) {
    if (holds(dir, name)) return dir;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
      int top = strcmp(dir, "/") != 0 && holds("/", name);
      free(dir);
      return top ? ls_xstrdup("/") : NULL;
    }
    *slash = '\0';
  }
}

int ls_project_root(const char *forced, char **root, char **err) {
  char buf[PATH_MAX];
  *root = NULL;
  if (forced) {
    struct stat st;
    if (!realpath(forced, buf)) {
      *err = ls_xasprintf("%s: cannot be the project root (--root): %s", forced, strerror(errno));
      return -1;
    }
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
      *err = ls_xasprintf("%s: cannot be the project root (--root): not a directory", forced);
      return -1;
    }
    *root = ls_xstrdup(buf);
    return 0;
  }
  if (!getcwd(buf, sizeof buf)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    return -1;
  }
  char real[PATH_MAX];
  const char *cwd = realpath(buf, real) ? real : buf;
  *root = upward(cwd, LS_CONFIG_FILE);
  if (!*root) *root = upward(cwd, ".git");
  if (!*root) *root = ls_xstrdup(cwd);
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
