/* dispatch.c: a pack's `dispatch:` section (loader.h): a program's own
 * dispatch by key, as data:
 *
 *   dispatch:
 *     - {register: signal_add_full, key_arg: 2, callback_arg: 3}
 *     - {register: command_bind_full, key_arg: 2, callback_arg: 5, key_prefix: "command "}
 *     - {emit: signal_emit, key_arg: 0}
 *     - {emit: signal_emit_id, key_arg: 0, key_from: module_get_uniq_id_str, key_from_arg: 1}
 *     - {builder: g_strconcat}
 *     - {builder: g_strdup_printf, format: true}
 *     - {lookup: server_redirect_get_signal, stored_by: server_redirect_event, key_arg: 5, every: 2}
 *     - {continue: signal_continue}
 *
 * A register function stores its callback under a string key; an emit
 * function runs the callbacks stored under its key. A builder makes keys:
 * a key held in a variable assigned `g_strconcat("key ", id, NULL)` starts
 * with "key ". A key given as an integer variable is the string it was
 * made from when the program assigns it a call of key_from with that name
 * as its argument key_from_arg (irssi's `signal_pidwait =
 * signal_get_uniq_id("pidwait")`, a macro for
 * `module_get_uniq_id_str("signals", "pidwait")`). A lookup function
 * returns one of the keys that the calls of stored_by pass as argument
 * key_arg (and every every-th after it): a key held in a variable assigned
 * its value is one of those. A continue function (irssi's signal_continue)
 * goes on with the emit in progress: it runs the callbacks filed under the
 * keys its caller is filed under. What the graph does with them is in
 * src/graph/dispatch.c. */
#include <string.h>

#include "loader.h"

typedef struct dispatch_entry {
  ls_dispatch d;
  int have_function, have_key, have_callback;
} dispatch_entry;

static int dispatch_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  dispatch_entry *e = ctx;
  if (strcmp(key, "register") == 0 || strcmp(key, "emit") == 0 || strcmp(key, "builder") == 0 ||
      strcmp(key, "lookup") == 0 || strcmp(key, "continue") == 0) {
    if (e->have_function)
      return ls__fail(l, k,
                      "a dispatch entry has one of 'register', 'emit', 'continue', 'builder' and "
                      "'lookup'",
                      NULL, NULL);
    e->have_function = 1;
    e->d.emit = key[0] == 'e' || key[0] == 'c';
    e->d.cont = key[0] == 'c';
    e->d.builder = key[0] == 'b';
    e->d.lookup = key[0] == 'l';
    return ls__get_string(l, v, key, &e->d.function);
  }
  if (strcmp(key, "stored_by") == 0) return ls__get_string(l, v, key, &e->d.stored_by);
  if (strcmp(key, "every") == 0) return ls__get_arg(l, v, key, &e->d.every);
  if (strcmp(key, "format") == 0) {
    const char *b = ls__scalar(v);
    if (!b || (strcmp(b, "true") && strcmp(b, "false")))
      return ls__fail(l, v, "'format' must be true or false", NULL, NULL);
    e->d.format = b[0] == 't';
    return 0;
  }
  if (strcmp(key, "key_arg") == 0) {
    e->have_key = 1;
    return ls__get_arg(l, v, key, &e->d.key_arg);
  }
  if (strcmp(key, "callback_arg") == 0) {
    e->have_callback = 1;
    return ls__get_arg(l, v, key, &e->d.callback_arg);
  }
  if (strcmp(key, "key_prefix") == 0) return ls__get_string(l, v, key, &e->d.key_prefix);
  if (strcmp(key, "key_from") == 0) return ls__get_string(l, v, key, &e->d.key_from);
  if (strcmp(key, "key_from_arg") == 0) return ls__get_arg(l, v, key, &e->d.key_from_arg);
  if (strcmp(key, "table") == 0) return ls__get_string(l, v, key, &e->d.table);
  if (strcmp(key, "note") == 0) return 0;
  return ls__fail(l, k,
                  "unknown key '%s' in a dispatch entry (register, emit, continue, builder, lookup, key_arg, "
                  "callback_arg, key_prefix, key_from, key_from_arg, stored_by, every, format, "
                  "table, note)",
                  key, NULL);
}

static int dispatch_item(loader *l, yaml_node_t *item) {
  dispatch_entry e = {0};
  e.d.table = "";
  if (ls__each_pair(l, item, "a dispatch entry", dispatch_pair, &e)) return -1;
  if (!e.have_function)
    return ls__fail(l, item, "a dispatch entry needs 'register', 'emit', 'continue', 'builder' or 'lookup'",
                    NULL, NULL);
  if (e.d.lookup && (!e.d.stored_by || !e.have_key || e.have_callback || e.d.key_prefix ||
                     e.d.key_from || e.d.format))
    return ls__fail(l, item,
                    "a dispatch 'lookup' entry takes 'stored_by' and 'key_arg' (and 'every', "
                    "'table'), and no other key",
                    NULL, NULL);
  if (!e.d.lookup && (e.d.stored_by || e.d.every))
    return ls__fail(l, item, "'stored_by' and 'every' are for a dispatch 'lookup' entry", NULL, NULL);
  if (e.d.builder && (e.have_key || e.have_callback || e.d.key_prefix || e.d.key_from))
    return ls__fail(l, item, "a dispatch 'builder' entry takes only 'format' (and 'table')", NULL,
                    NULL);
  if (!e.d.builder && e.d.format)
    return ls__fail(l, item, "'format' is for a dispatch 'builder' entry", NULL, NULL);
  if (e.d.cont && (e.have_key || e.have_callback || e.d.key_prefix || e.d.key_from))
    return ls__fail(l, item, "a dispatch 'continue' entry takes no key (only 'table')", NULL, NULL);
  if (!e.have_key && !e.d.builder && !e.d.cont)
    return ls__fail(l, item, "a dispatch entry needs 'key_arg'", NULL, NULL);
  if (!e.d.emit && !e.d.builder && !e.d.lookup && !e.have_callback)
    return ls__fail(l, item, "a dispatch 'register' entry needs 'callback_arg'", NULL, NULL);
  if (e.d.emit && (e.have_callback || e.d.key_prefix))
    return ls__fail(l, item, "a dispatch 'emit' entry takes no 'callback_arg' or 'key_prefix'",
                    NULL, NULL);
  e.d.site = ls__site(l, item);
  LS_VEC_PUSH(&l->dispatch, e.d);
  return 0;
}

int ls__dispatch_section(loader *l, yaml_node_t *v) {
  return ls__each_item(l, v, "dispatch", dispatch_item);
}
