/* path.c: the one place where paths are joined, made absolute and placed
 * under a root (common.h). Paths are plain strings: nothing here touches
 * the file system except ls_path_absolute()'s realpath() and getcwd(). */
#include "common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *ls_path_join(const char *dir, const char *path) {
  if (path[0] == '/' || !dir || !*dir) return ls_xstrdup(path);
  size_t n = strlen(dir);
  return ls_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", path);
}

char *ls_path_absolute(const char *path, const char *dir) {
  char cwd[PATH_MAX], buf[PATH_MAX];
  if (!dir && path[0] != '/') dir = getcwd(cwd, sizeof cwd);
  char *joined = ls_path_join(dir, path);
  if (realpath(joined, buf)) {
    free(joined);
    return ls_xstrdup(buf);
  }
  return joined;
}

const char *ls_path_under(const char *path, const char *root) {
  if (!path || !*path) return NULL;
  if (path[0] != '/') return path;
  if (!root || !*root) return NULL;
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/') n--;
  if (n == 1 && root[0] == '/') return path[1] ? path + 1 : NULL;
  if (strncmp(path, root, n) == 0 && path[n] == '/' && path[n + 1]) return path + n + 1;
  return NULL;
}
