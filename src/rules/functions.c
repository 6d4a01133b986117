/* functions.c: a pack's `functions:` section (loader.h), what a project
 * knows of its own functions that the code does not say, as data:
 *
 *   functions:
 *     off_loop: [io_thread_main, spawn_helper]  # run only off the loop
 *     nonblocking: [log_fast, metrics_incr]     # trusted: do not block
 *
 * A function `off_loop:` names runs only off the loop (a thread's body, a
 * helper of a child process): no loop root's path enters it, it is never a
 * loop root itself, and it is a worker root (src/graph/paths.c). One
 * `nonblocking:` names is trusted as if annotated lagscan::nonblocking: no
 * path enters it and calls to it are never findings. Both are matched by
 * name, external or static (facts.h key forms). */
#include <string.h>

#include "loader.h"

static int functions_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  (void)ctx;
  named_list *dst = strcmp(key, "off_loop") == 0      ? &l->off_loop
                     : strcmp(key, "nonblocking") == 0 ? &l->trusted
                                                       : NULL;
  if (strcmp(key, "note") == 0) return 0; /* free text for readers of the pack */
  if (!dst)
    return ls__fail(l, k, "unknown key '%s' in 'functions' (off_loop, nonblocking, note)", key,
                    NULL);
  string_list names = {0};
  line_list lines = {0};
  int r = ls__strings_at(l, v, key, 1, &names, &lines);
  for (size_t i = 0; !r && i < names.len; i++) {
    ls_named_function f = {names.items[i], l->pack, {l->site_file, lines.items[i]}};
    LS_VEC_PUSH(dst, f);
  }
  LS_VEC_FREE(&names);
  LS_VEC_FREE(&lines);
  return r;
}

int ls__functions(loader *l, yaml_node_t *v) {
  return ls__each_pair(l, v, "'functions'", functions_pair, NULL);
}

static int named(const ls_named_function *list, size_t n, const char *name) {
  for (size_t i = 0; name && i < n; i++)
    if (strcmp(list[i].function, name) == 0) return 1;
  return 0;
}

int ls_catalogue_is_off_loop(const ls_catalogue *cat, const char *name) {
  return named(cat->off_loop, cat->noff_loop, name);
}

int ls_catalogue_is_trusted(const ls_catalogue *cat, const char *name) {
  return named(cat->trusted, cat->ntrusted, name);
}
