/* config.h: the project configuration file, `.lagscan.yml`.
 * This file is private to analyzer/.
 *
 * A project may put a `.lagscan.yml` in the directory lagscan runs from (or
 * name one with --config). It holds what a team wants every run to share:
 *
 *   sort_bound: 64              # unbounded-sort: constant counts up to this are fine
 *   rules: [tools/our-loop.yml] # more rule packs, relative to the config file
 *   exclude: [third_party/, "*_test.c"]  # no findings in these files
 *
 * Invariant: every string in an ls_config is owned by it until
 * ls_config_free().
 */
#ifndef LAGSCAN_CONFIG_H
#define LAGSCAN_CONFIG_H

#include <stddef.h>

#define LS_DEFAULT_SORT_BOUND 64
#define LS_CONFIG_FILE ".lagscan.yml"

typedef struct ls_config {
  long long sort_bound; /* LS_DEFAULT_SORT_BOUND unless set */
  char **rules;         /* absolute or relative to the cwd (resolved against
                           the config file's directory when loaded) */
  size_t nrules;
  char **exclude;       /* patterns: "dir/" prefixes or fnmatch(3) globs,
                           matched against paths relative to the srcroot */
  size_t nexclude;
  char *path;           /* the file read, or NULL when none was */
} ls_config;

/* Reads `path`; when path is NULL, reads LS_CONFIG_FILE in the current
 * directory if it exists (its absence is not an error). Returns 0, or -1
 * with *err naming the file, line and column. On error *cfg holds the
 * defaults. */
int ls_config_load(const char *path, ls_config *cfg, char **err);

/* Whether findings in `relpath` (relative to the srcroot, or absolute when
 * outside it) are excluded. */
int ls_config_excluded(const ls_config *cfg, const char *relpath);

void ls_config_free(ls_config *cfg);

#endif /* LAGSCAN_CONFIG_H */
