/* event_loops.c: a pack's `event_loops:` section (loader.h), what an event
 * loop written in the analyzed code looks like, as data:
 *
 *   event_loops:
 *     waits:                     # calls that wait for readiness of a set
 *       - {functions: [poll], one_descriptor_arg: 1, timeout_arg: 2}
 *       - {functions: [epoll_wait], timeout_arg: 3}
 *       - {functions: [select], count_arg: 0}
 *       - {functions: [kevent]}
 *     loops: [aeProcessEvents]   # functions that are event loops, whatever
 *                                # their body looks like
 *     detect: false              # no loops found by their shape
 *
 * A wait whose `one_descriptor_arg` is the constant 1 waits on a single
 * descriptor (a retry loop, a timed read), one whose `count_arg` (or
 * `one_descriptor_arg`) is the constant 0 waits on no descriptor at all (a
 * sleep: `select(0, NULL, NULL, NULL, &tv)`), and one whose `timeout_arg`
 * is the constant 0 only checks without waiting: none makes a loop. The
 * graph (src/graph/loops.c) finds the loops; this file only reads them.
 *
 * And the `loop_handles:` section, what a loop library's handle is, for
 * callbacks given to SDKs built on the library (src/graph/sdk.c):
 *
 *   loop_handles:
 *     types: [uv_loop_t]      # a record type, as written or canonical
 *     library: ["uv_*"]       # the library's own API: its pack says what
 *                             # it does, nothing is assumed of it
 *     not_on_loop: [sdk_spawn_thread]  # takes a handle and a callback but
 *                             # does not call it on the loop */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

typedef struct wait_entry {
  string_list names;
  int one_arg, timeout_arg, count_arg;
} wait_entry;

static int wait_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  wait_entry *e = ctx;
  if (strcmp(key, "function") == 0 || strcmp(key, "functions") == 0)
    return ls__strings(l, v, key, strcmp(key, "functions") == 0, &e->names);
  if (strcmp(key, "one_descriptor_arg") == 0) return ls__get_arg(l, v, key, &e->one_arg);
  if (strcmp(key, "timeout_arg") == 0) return ls__get_arg(l, v, key, &e->timeout_arg);
  if (strcmp(key, "count_arg") == 0) return ls__get_arg(l, v, key, &e->count_arg);
  if (strcmp(key, "note") == 0) return 0; /* free text for readers of the pack */
  return ls__fail(l, k,
                  "unknown key '%s' in a wait (function, functions, one_descriptor_arg, "
                  "count_arg, timeout_arg, note)",
                  key, NULL);
}

static int wait_item(loader *l, yaml_node_t *item) {
  wait_entry e = {{0}, -1, -1, -1};
  int r = ls__each_pair(l, item, "a wait", wait_pair, &e);
  if (!r && !e.names.len) r = ls__fail(l, item, "a wait needs 'function' or 'functions'", NULL, NULL);
  for (size_t i = 0; !r && i < e.names.len; i++) {
    ls_loop_wait w = {e.names.items[i], e.one_arg, e.timeout_arg, l->pack,
                      e.count_arg >= 0 ? e.count_arg : e.one_arg};
    LS_VEC_PUSH(&l->loop_waits, w);
  }
  LS_VEC_FREE(&e.names);
  return r;
}

static int event_loops_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v,
                            void *ctx) {
  (void)ctx;
  if (strcmp(key, "waits") == 0) return ls__each_item(l, v, key, wait_item);
  if (strcmp(key, "loops") == 0) {
    string_list names = {0};
    int r = ls__strings(l, v, key, 1, &names);
    for (size_t i = 0; !r && i < names.len; i++) LS_VEC_PUSH(&l->loop_functions, names.items[i]);
    LS_VEC_FREE(&names);
    return r;
  }
  if (strcmp(key, "detect") == 0) {
    const char *s = ls__scalar(v);
    if (s && (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)) {
      l->loops_detect_off = 1;
      return 0;
    }
    if (s && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)) return 0;
    return ls__fail(l, v, "'detect' takes true or false", NULL, NULL);
  }
  return ls__fail(l, k, "unknown key '%s' in 'event_loops' (waits, loops, detect)", key, NULL);
}

static int push_strings(loader *l, yaml_node_t *v, const char *key, string_list *dst) {
  string_list names = {0};
  int r = ls__strings(l, v, key, 1, &names);
  for (size_t i = 0; !r && i < names.len; i++) LS_VEC_PUSH(dst, names.items[i]);
  LS_VEC_FREE(&names);
  return r;
}

static int loop_handles_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v,
                             void *ctx) {
  (void)ctx;
  if (strcmp(key, "types") == 0) return push_strings(l, v, key, &l->handle_types);
  if (strcmp(key, "library") == 0) return push_strings(l, v, key, &l->handle_library);
  if (strcmp(key, "not_on_loop") == 0) return push_strings(l, v, key, &l->not_on_loop);
  if (strcmp(key, "note") == 0) return 0;
  return ls__fail(l, k, "unknown key '%s' in 'loop_handles' (types, library, not_on_loop, note)",
                  key, NULL);
}

int ls__loop_handles(loader *l, yaml_node_t *v) {
  return ls__each_pair(l, v, "'loop_handles'", loop_handles_pair, NULL);
}

static int in_list(const char *const *list, size_t n, const char *name, int patterns) {
  for (size_t i = 0; name && i < n; i++)
    if (patterns ? fnmatch(list[i], name, 0) == 0 : strcmp(list[i], name) == 0) return 1;
  return 0;
}

static int is_handle_name(const char *name, void *cat) {
  const ls_catalogue *c = cat;
  return in_list(c->handle_types, c->nhandle_types, name, 0);
}

int ls_catalogue_is_handle_type(const ls_catalogue *cat, const char *names) {
  return ls_each_name(names, '|', is_handle_name, (void *)cat);
}

int ls_catalogue_is_loop_library(const ls_catalogue *cat, const char *name) {
  return in_list(cat->handle_library, cat->nhandle_library, name, 1);
}

int ls_catalogue_assumes_nothing_of(const ls_catalogue *cat, const char *name) {
  if (in_list(cat->handle_library, cat->nhandle_library, name, 1) ||
      in_list(cat->not_on_loop, cat->nnot_on_loop, name, 0))
    return 1;
  size_t n = 0;
  if (ls_catalogue_blockers(cat, name, &n) && n) return 1;
  for (size_t i = 0; i < cat->nregs; i++)
    if (cat->regs[i].function && strcmp(cat->regs[i].function, name) == 0) return 1;
  return 0;
}

int ls__event_loops(loader *l, yaml_node_t *v) {
  return ls__each_pair(l, v, "'event_loops'", event_loops_pair, NULL);
}

const ls_loop_wait *ls_catalogue_loop_wait(const ls_catalogue *cat, const char *name) {
  for (size_t i = cat->nloop_waits; name && i-- > 0;)
    if (strcmp(cat->loop_waits[i].function, name) == 0) return &cat->loop_waits[i];
  return NULL;
}

int ls_catalogue_names_loop(const ls_catalogue *cat, const char *name) {
  for (size_t i = 0; name && i < cat->nloop_functions; i++)
    if (strcmp(cat->loop_functions[i], name) == 0) return 1;
  return 0;
}
