/* processes.c: a pack's `processes:` section (loader.h), what starts and
 * ends processes, as data:
 *
 *   processes:
 *     forks: [fork]             # returns 0 in the child, another process
 *     exits: [exit, abort]      # never return: the process ends
 *
 * Code in the child of a fork runs in another process, not on the loop; a
 * branch that ends in a call that never returns is on the way to the end
 * of the process (src/graph/offloop.c). Functions declared noreturn need no
 * entry: the front end records the attribute.
 *
 * And the top-level `library_files:`, files whose function bodies are a
 * library's, not the program's (ls_catalogue_is_library_file). */
#include <fnmatch.h>
#include <string.h>

#include "loader.h"

static int processes_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  (void)ctx;
  string_list *dst = strcmp(key, "forks") == 0   ? &l->fork_functions
                     : strcmp(key, "exits") == 0 ? &l->exit_functions
                                                 : NULL;
  if (strcmp(key, "note") == 0) return 0;
  if (!dst) return ls__fail(l, k, "unknown key '%s' in 'processes' (forks, exits, note)", key, NULL);
  string_list names = {0};
  int r = ls__strings(l, v, key, 1, &names);
  for (size_t i = 0; !r && i < names.len; i++) LS_VEC_PUSH(dst, names.items[i]);
  LS_VEC_FREE(&names);
  return r;
}

int ls__processes(loader *l, yaml_node_t *v) {
  return ls__each_pair(l, v, "'processes'", processes_pair, NULL);
}

static int listed(const char *const *list, size_t n, const char *name) {
  for (size_t i = 0; name && i < n; i++)
    if (strcmp(list[i], name) == 0) return 1;
  return 0;
}

int ls_catalogue_is_fork(const ls_catalogue *cat, const char *name) {
  return listed(cat->fork_functions, cat->nfork_functions, name);
}

int ls_catalogue_is_exit(const ls_catalogue *cat, const char *name) {
  return listed(cat->exit_functions, cat->nexit_functions, name);
}

int ls_catalogue_is_library_file(const ls_catalogue *cat, const char *path) {
  for (size_t i = 0; path && i < cat->nlibrary_files; i++)
    if (fnmatch(cat->library_files[i], path, 0) == 0) return 1;
  return 0;
}
