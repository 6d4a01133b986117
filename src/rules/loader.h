/* loader.h: reading one rule pack, shared by the files that read its
 * sections (rulepack.c: the top level, registrations, blocking functions,
 * rules; descriptors.c: descriptor modes; event_loops.c: loops; functions.c:
 * functions run off the loop or trusted; dispatch.c: dispatch by key). This file is private to
 * src/rules.
 *
 * Every reader returns 0, or -1 after ls__fail has recorded the first error
 * with the file, line and column of the offending node.
 */
#ifndef LAGSCAN_RULES_LOADER_H
#define LAGSCAN_RULES_LOADER_H

#include <yaml.h>

#include "catalogue.h"

typedef LS_VEC(const char *) string_list;
typedef LS_VEC(unsigned) line_list;
typedef LS_VEC(ls_named_function) named_list;

/* The state of one file being loaded. Entries are parsed into `staged`
 * arrays and appended to the catalogue only when the whole file is valid,
 * so a bad pack leaves the catalogue as it was. */
typedef struct loader {
  ls_catalogue *cat;
  const char *path;
  const char *site_file; /* the path, owned by the catalogue, for the sites
                            of a pack of one's own; NULL for a default pack */
  yaml_document_t doc;
  char *err;
  const char *pack;
  LS_VEC(ls_registration) regs;
  LS_VEC(ls_blocker) blockers;
  LS_VEC(ls_rule_info) rules;
  LS_VEC(const char *) nonblocking_flags;
  LS_VEC(ls_fd_setter) fd_setters;
  LS_VEC(ls_fd_helper) fd_helpers;
  named_list off_loop, trusted;
  LS_VEC(ls_loop_wait) loop_waits;
  LS_VEC(const char *) loop_functions;
  int loops_detect_off;
  string_list handle_types, handle_library, not_on_loop;
  string_list fork_functions, exit_functions;
  LS_VEC(ls_dispatch) dispatch;
  string_list library_files;
} loader;

typedef int (*pair_fn)(loader *l, const char *key, yaml_node_t *knode, yaml_node_t *value,
                       void *ctx);

int ls__fail(loader *l, const yaml_node_t *node, const char *fmt, const char *a, const char *b);
yaml_node_t *ls__node_at(loader *l, int id);
const char *ls__scalar(const yaml_node_t *n);
/* A scalar string value, owned by the catalogue. */
int ls__get_string(loader *l, yaml_node_t *n, const char *key, const char **out);
int ls__get_int(loader *l, yaml_node_t *n, const char *key, long long lo, long long hi,
                long long *out);
/* A 0-based argument index. */
int ls__get_arg(loader *l, yaml_node_t *n, const char *key, int *out);
/* One string (list = 0) or a list of strings, owned by the catalogue. */
int ls__strings(loader *l, yaml_node_t *v, const char *key, int list, string_list *out);
/* The same, and the 1-based line of each string into `lines`. */
int ls__strings_at(loader *l, yaml_node_t *v, const char *key, int list, string_list *out,
                   line_list *lines);
/* Where node `n` is written, for an entry's ls_pack_site. */
ls_pack_site ls__site(const loader *l, const yaml_node_t *n);
int ls__each_pair(loader *l, yaml_node_t *map, const char *what, pair_fn each, void *ctx);
int ls__each_item(loader *l, yaml_node_t *seq, const char *what,
                  int (*each)(loader *l, yaml_node_t *item));

/* descriptors.c: the `descriptors:` section. */
int ls__descriptors(loader *l, yaml_node_t *v);
/* event_loops.c: the `event_loops:` section. */
int ls__event_loops(loader *l, yaml_node_t *v);
/* event_loops.c: the `loop_handles:` section. */
int ls__loop_handles(loader *l, yaml_node_t *v);
/* functions.c: the `functions:` section. */
int ls__functions(loader *l, yaml_node_t *v);
/* processes.c: the `processes:` section. */
int ls__processes(loader *l, yaml_node_t *v);
/* dispatch.c: the `dispatch:` section. */
int ls__dispatch_section(loader *l, yaml_node_t *v);

#endif /* LAGSCAN_RULES_LOADER_H */
