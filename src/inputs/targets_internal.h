/* targets_internal.h: the three readers of build metadata behind
 * ls_build_targets_read (targets.c), private to src/inputs. Each fills a
 * set of targets, with their own sources and the ids of the targets they
 * link; returns 0 with nothing when its metadata is absent, -1 with *err
 * naming the file when it is there but broken. */
#ifndef LAGSCAN_INPUTS_TARGETS_INTERNAL_H
#define LAGSCAN_INPUTS_TARGETS_INTERNAL_H

#include <yajl/yajl_tree.h>

#include "inputs.h"

typedef struct ls__target {
  char *name, *id;            /* id: how the other targets name it */
  ls_target_kind kind;        /* LS_TARGET_PART: a static or object library */
  LS_VEC(char *) sources;     /* absolute paths */
  LS_VEC(char *) deps;        /* ids of the targets it links */
} ls__target;

typedef LS_VEC(ls__target) ls__target_set;

/* targets.c: helpers. A source (relative to base unless absolute) made
 * absolute and real; a file of JSON, or NULL with *err; a member of an
 * object by type, or NULL. */
void ls__target_add_source(ls__target *t, const char *base, const char *path);
void ls__targets_free(ls__target_set *s);
void ls__targets_drop_last(ls__target_set *s);
yajl_val ls__json_file(const char *path, char **err);
const char *ls__json_str(yajl_val obj, const char *key);
yajl_val ls__json_get(yajl_val obj, const char *key, yajl_type type);

/* targets_cmake.c, targets_meson.c, targets_bear.c */
int ls__targets_cmake(const char *build_dir, ls__target_set *out, char **err);
int ls__targets_meson(const char *build_dir, ls__target_set *out, char **err);
int ls__targets_bear(const char *build_dir, ls__target_set *out, char **err);

#endif /* LAGSCAN_INPUTS_TARGETS_INTERNAL_H */
