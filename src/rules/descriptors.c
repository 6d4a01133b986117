/* descriptors.c: a pack's `descriptors:` section (loader.h), what makes a
 * descriptor non-blocking, as data:
 *
 *   descriptors:
 *     nonblocking_flags: [O_NDELAY, "*_NONBLOCK"]
 *     setters:
 *       - {function: fcntl, fd: 0, flag_arg: 1, flag: F_SETFL, mode_arg: 2}
 *       - {function: ioctl, fd: 0, flag_arg: 1, flag: FIONBIO}
 *     helpers:                 # make their argument non-blocking, by name
 *       - {function: anetNonBlock, fd: 1}
 *
 * and the catalogue's test of written flag names against it. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

typedef struct setter_entry {
  ls_fd_setter s;
  int have_fd, have_flag_arg;
} setter_entry;

static int setter_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  setter_entry *e = ctx;
  if (strcmp(key, "function") == 0) return ls__get_string(l, v, key, &e->s.function);
  if (strcmp(key, "flag") == 0) return ls__get_string(l, v, key, &e->s.flag);
  if (strcmp(key, "fd") == 0) {
    e->have_fd = 1;
    return ls__get_arg(l, v, key, &e->s.fd_arg);
  }
  if (strcmp(key, "flag_arg") == 0) {
    e->have_flag_arg = 1;
    return ls__get_arg(l, v, key, &e->s.flag_arg);
  }
  if (strcmp(key, "mode_arg") == 0) return ls__get_arg(l, v, key, &e->s.mode_arg);
  if (strcmp(key, "note") == 0) return 0; /* free text for readers of the pack */
  return ls__fail(l, k, "unknown key '%s' in a setter (function, fd, flag_arg, flag, mode_arg, note)",
                  key, NULL);
}

static int setter(loader *l, yaml_node_t *item) {
  setter_entry e = {{NULL, 0, 0, NULL, -1, l->pack}, 0, 0};
  if (ls__each_pair(l, item, "a setter", setter_pair, &e)) return -1;
  if (!e.s.function || !e.have_fd || !e.have_flag_arg || !e.s.flag)
    return ls__fail(l, item, "a setter needs 'function', 'fd', 'flag_arg' and 'flag'", NULL, NULL);
  LS_VEC_PUSH(&l->fd_setters, e.s);
  return 0;
}

typedef struct helper_entry {
  string_list names;
  line_list lines;
  int fd_arg;
} helper_entry;

static int helper_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  helper_entry *e = ctx;
  if (strcmp(key, "function") == 0 || strcmp(key, "functions") == 0)
    return ls__strings_at(l, v, key, strcmp(key, "functions") == 0, &e->names, &e->lines);
  if (strcmp(key, "fd") == 0) return ls__get_arg(l, v, key, &e->fd_arg);
  if (strcmp(key, "note") == 0) return 0;
  return ls__fail(l, k, "unknown key '%s' in a helper (function, functions, fd, note)", key, NULL);
}

static int helper(loader *l, yaml_node_t *item) {
  helper_entry e = {{0}, {0}, -1};
  int r = ls__each_pair(l, item, "a helper", helper_pair, &e);
  if (!r && (!e.names.len || e.fd_arg < 0))
    r = ls__fail(l, item, "a helper needs 'function' (or 'functions') and 'fd'", NULL, NULL);
  for (size_t i = 0; !r && i < e.names.len; i++) {
    ls_fd_helper h = {e.names.items[i], e.fd_arg, l->pack, {l->site_file, e.lines.items[i]}};
    LS_VEC_PUSH(&l->fd_helpers, h);
  }
  LS_VEC_FREE(&e.names);
  LS_VEC_FREE(&e.lines);
  return r;
}

int ls_catalogue_fd_helper_arg(const ls_catalogue *cat, const char *name) {
  for (size_t i = cat->nfd_helpers; name && i-- > 0;)
    if (strcmp(cat->fd_helpers[i].function, name) == 0) return cat->fd_helpers[i].fd_arg;
  return -1;
}

static int descriptors_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v,
                            void *ctx) {
  (void)ctx;
  if (strcmp(key, "nonblocking_flags") == 0) {
    string_list flags = {0};
    int r = ls__strings(l, v, key, 1, &flags);
    for (size_t i = 0; !r && i < flags.len; i++) LS_VEC_PUSH(&l->nonblocking_flags, flags.items[i]);
    LS_VEC_FREE(&flags);
    return r;
  }
  if (strcmp(key, "setters") == 0) return ls__each_item(l, v, key, setter);
  if (strcmp(key, "helpers") == 0) return ls__each_item(l, v, key, helper);
  return ls__fail(l, k, "unknown key '%s' in 'descriptors' (nonblocking_flags, setters, helpers)",
                  key, NULL);
}

int ls__descriptors(loader *l, yaml_node_t *v) {
  return ls__each_pair(l, v, "'descriptors'", descriptors_pair, NULL);
}

int ls_names_have(const char *names, const char *word) {
  size_t n = strlen(word);
  for (const char *p = names; p && (p = strstr(p, word)); p += n)
    if ((p == names || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
  return 0;
}

int ls_catalogue_names_nonblocking(const ls_catalogue *cat, const char *names) {
  if (!names) return 0;
  char word[256];
  for (const char *p = names; *p;) {
    size_t n = strcspn(p, " ");
    if (n && n < sizeof word) {
      memcpy(word, p, n);
      word[n] = '\0';
      for (size_t i = 0; i < cat->nnonblocking_flags; i++)
        if (fnmatch(cat->nonblocking_flags[i], word, 0) == 0) return 1;
    }
    p += n;
    while (*p == ' ') p++;
  }
  return 0;
}
