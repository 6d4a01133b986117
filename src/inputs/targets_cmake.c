/* targets_cmake.c: the targets of a CMake build from its File API reply
 * (targets_internal.h). CMake writes the reply at configure time when the
 * build directory has a query for it (`mkdir -p BUILD/.cmake/api/v1/query
 * && touch BUILD/.cmake/api/v1/query/codemodel-v2`, then `cmake`): an index
 * (the newest reply/index-*.json) names the codemodel-v2 object, which
 * lists the first configuration's targets, each in a file of its own with
 * its type, its sources (those with a compile group are compiled; paths
 * are relative to the top source directory) and its dependencies. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "targets_internal.h"

/* The newest index file of a reply directory (names sort by time), or NULL. */
static char *newest_index(const char *reply) {
  DIR *d = opendir(reply);
  if (!d) return NULL;
  char *best = NULL;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (strncmp(e->d_name, "index-", 6) || n < 11 || strcmp(e->d_name + n - 5, ".json")) continue;
    if (!best || strcmp(e->d_name, best) > 0) {
      free(best);
      best = ls_xstrdup(e->d_name);
    }
  }
  closedir(d);
  return best;
}

static ls_target_kind kind_of(const char *type, int *skip) {
  *skip = 0;
  if (!strcmp(type, "EXECUTABLE")) return LS_TARGET_EXECUTABLE;
  if (!strcmp(type, "SHARED_LIBRARY")) return LS_TARGET_SHARED;
  if (!strcmp(type, "MODULE_LIBRARY")) return LS_TARGET_MODULE;
  if (!strcmp(type, "STATIC_LIBRARY") || !strcmp(type, "OBJECT_LIBRARY")) return LS_TARGET_PART;
  *skip = 1; /* UTILITY, INTERFACE_LIBRARY: nothing compiled */
  return LS_TARGET_PART;
}

static int read_target(const char *reply, const char *file, const char *srcdir, ls__target_set *out,
                       char **err) {
  char *path = ls_xasprintf("%s/%s", reply, file);
  yajl_val t = ls__json_file(path, err);
  if (!t) {
    free(path);
    return -1;
  }
  const char *name = ls__json_str(t, "name"), *id = ls__json_str(t, "id"),
             *type = ls__json_str(t, "type");
  if (!name || !id || !type) {
    *err = ls_xasprintf("build metadata '%s': a target without name, id or type", path);
    yajl_tree_free(t);
    free(path);
    return -1;
  }
  int skip;
  ls__target tg = {ls_xstrdup(name), ls_xstrdup(id), kind_of(type, &skip), {0}, {0}};
  yajl_val sources = ls__json_get(t, "sources", yajl_t_array);
  for (size_t i = 0; sources && i < YAJL_GET_ARRAY(sources)->len; i++) {
    yajl_val s = YAJL_GET_ARRAY(sources)->values[i];
    const char *p = ls__json_str(s, "path");
    if (p && ls__json_get(s, "compileGroupIndex", yajl_t_number)) ls__target_add_source(&tg, srcdir, p);
  }
  yajl_val deps = ls__json_get(t, "dependencies", yajl_t_array);
  for (size_t i = 0; deps && i < YAJL_GET_ARRAY(deps)->len; i++) {
    const char *d = ls__json_str(YAJL_GET_ARRAY(deps)->values[i], "id");
    if (d) LS_VEC_PUSH(&tg.deps, ls_xstrdup(d));
  }
  yajl_tree_free(t);
  free(path);
  LS_VEC_PUSH(out, tg);
  if (skip) ls__targets_drop_last(out);
  return 0;
}

int ls__targets_cmake(const char *build_dir, ls__target_set *out, char **err) {
  char *reply = ls_xasprintf("%s/.cmake/api/v1/reply", build_dir);
  char *index = newest_index(reply);
  if (!index) {
    free(reply);
    return 0;
  }
  int rc = -1;
  char *path = ls_xasprintf("%s/%s", reply, index), *cm_path = NULL;
  yajl_val idx = ls__json_file(path, err), cm = NULL;
  if (!idx) goto out;
  yajl_val objects = ls__json_get(idx, "objects", yajl_t_array);
  const char *cm_file = NULL;
  for (size_t i = 0; objects && i < YAJL_GET_ARRAY(objects)->len && !cm_file; i++) {
    yajl_val o = YAJL_GET_ARRAY(objects)->values[i];
    const char *kind = ls__json_str(o, "kind");
    const char *major_path[] = {"version", "major", NULL};
    yajl_val major = yajl_tree_get(o, major_path, yajl_t_number);
    if (kind && !strcmp(kind, "codemodel") && major && YAJL_GET_INTEGER(major) == 2)
      cm_file = ls__json_str(o, "jsonFile");
  }
  if (!cm_file) {
    rc = 0; /* a reply without the codemodel: asked for something else */
    goto out;
  }
  cm_path = ls_xasprintf("%s/%s", reply, cm_file);
  cm = ls__json_file(cm_path, err);
  if (!cm) goto out;
  const char *src_path[] = {"paths", "source", NULL};
  yajl_val src = yajl_tree_get(cm, src_path, yajl_t_string);
  yajl_val configs = ls__json_get(cm, "configurations", yajl_t_array);
  if (!src || !configs || !YAJL_GET_ARRAY(configs)->len) {
    *err = ls_xasprintf("build metadata '%s': no source directory or configuration", cm_path);
    goto out;
  }
  yajl_val targets = ls__json_get(YAJL_GET_ARRAY(configs)->values[0], "targets", yajl_t_array);
  for (size_t i = 0; targets && i < YAJL_GET_ARRAY(targets)->len; i++) {
    const char *file = ls__json_str(YAJL_GET_ARRAY(targets)->values[i], "jsonFile");
    if (file && read_target(reply, file, YAJL_GET_STRING(src), out, err) != 0) goto out;
  }
  rc = 0;
out:
  if (cm) yajl_tree_free(cm);
  if (idx) yajl_tree_free(idx);
  free(cm_path);
  free(path);
  free(index);
  free(reply);
  return rc;
}
