/* packs.c: where the default rule packs are, and the catalogue a scan or
 * `lagscan rules` loads from them (inputs.h, "rule packs"). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"

/* LAGSCAN_RULES_PATH: a colon-separated list of directories; the first that
 * holds a rules.yml wins, and when none does the first one is returned, so
 * that loading it reports what is missing there. */
static const char *from_search_path(const char *list, char *dir, size_t size) {
  const char *first = NULL;
  size_t nfirst = 0;
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ":");
    if (n > 0 && n < size - 16) {
      if (!first) {
        first = p;
        nfirst = n;
      }
      snprintf(dir, size, "%.*s/rules.yml", (int)n, p);
      if (access(dir, R_OK) == 0) {
        dir[n] = '\0';
        return dir;
      }
    }
    p += n;
    if (*p == ':') p++;
  }
  if (!first) return NULL;
  snprintf(dir, size, "%.*s", (int)nfirst, first);
  return dir;
}

const char *ls_rules_dir(void) {
  static char dir[PATH_MAX];
  const char *path = getenv("LAGSCAN_RULES_PATH");
  if (path && *path && from_search_path(path, dir, sizeof dir)) return dir;
  const char *env = getenv("LAGSCAN_RULES_DIR");
  if (env && *env) return env;
  /* Installed layout: <prefix>/bin/lagscan and <prefix>/share/lagscan/rules. */
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(dir, sizeof dir, "%.*s/../share/lagscan/rules", (int)(sizeof dir - 32), exe);
      struct stat st;
      if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return dir;
    }
  }
  return LAGSCAN_SOURCE_RULES_DIR;
}

int ls_rules_load(char *const *extra, int nextra, ls_rules **out, char **err) {
  ls_catalogue *cat = ls_xcalloc(1, sizeof *cat);
  if (ls_catalogue_load_dir(cat, ls_rules_dir(), err) != 0) goto fail;
  for (int i = 0; i < nextra; i++)
    if (ls_catalogue_load_file(cat, extra[i], err) != 0) goto fail;
  *out = cat;
  return 0;
fail:
  ls_catalogue_free(cat);
  free(cat);
  return -1;
}

const ls_rule_info *ls_rules_info(const ls_rules *rules, size_t *n) {
  *n = rules->nrules;
  return rules->rules;
}

void ls_rules_free(ls_rules *rules) {
  if (!rules) return;
  ls_catalogue_free(rules);
  free(rules);
}


static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int ls_catalogue_load_dir(ls_catalogue *cat, const char *dir, char **err) {
  *err = NULL;
  DIR *d = opendir(dir);
  if (!d) {
    *err = ls_xasprintf("%s: cannot read the rule-pack directory: %s", dir, strerror(errno));
    return -1;
  }
  LS_VEC(char *) names = {0};
  int have_rules = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    size_t n = strlen(de->d_name);
    if (n < 5 || strcmp(de->d_name + n - 4, ".yml") || de->d_name[0] == '.') continue;
    if (strcmp(de->d_name, "rules.yml") == 0) {
      have_rules = 1;
      continue;
    }
    LS_VEC_PUSH(&names, ls_xstrdup(de->d_name));
  }
  closedir(d);
  int r = 0;
  if (!have_rules) {
    *err = ls_xasprintf("%s/rules.yml: missing (it describes the rules; see docs/rule-packs.md)", dir);
    r = -1;
  }
  if (names.len) qsort(names.items, names.len, sizeof(char *), by_name);
  if (!r) {
    char *path = ls_xasprintf("%s/rules.yml", dir);
    r = ls__load_pack(cat, path, 0, err);
    free(path);
  }
  for (size_t i = 0; !r && i < names.len; i++) {
    char *path = ls_xasprintf("%s/%s", dir, names.items[i]);
    r = ls__load_pack(cat, path, 0, err);
    free(path);
  }
  for (size_t i = 0; i < names.len; i++) free(names.items[i]);
  LS_VEC_FREE(&names);
  return r;
}
