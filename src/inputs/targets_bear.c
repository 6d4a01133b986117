/* targets_bear.c: the targets of a build run under `bear intercept`
 * (targets_internal.h), from the execution events it writes (events.json,
 * one JSON object per line; `bear citnames` makes compile_commands.json
 * from the same file). Of the processes a build starts, three kinds say
 * what is linked into what:
 *   - a compiler driver (cc, gcc, clang, c++, g++, clang++, with a version
 *     or target prefix) with -c: an object from a source;
 *   - ar with r or q: an archive of objects (a static library);
 *   - a compiler driver without -c, -E, -S or -M: a link of objects,
 *     archives, shared libraries (-shared makes one) and sources compiled
 *     on the way into its -o output (a.out without one); -lNAME is a
 *     library of the build named libNAME.a or libNAME.so.
 * Paths are taken relative to each process's working directory. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets_internal.h"

typedef LS_VEC(char *) strvec;

typedef struct object_source {
  char *object, *source;
} object_source;

typedef struct bear_state {
  LS_VEC(object_source) objects;
  ls__target_set *set;
} bear_state;

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static int has_suffix(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && !strcmp(s + n - m, suf);
}

static int is_source(const char *a) {
  static const char *const ext[] = {".c", ".cc", ".cpp", ".cxx", ".C", ".c++", ".cp", NULL};
  for (int i = 0; ext[i]; i++)
    if (has_suffix(a, ext[i])) return 1;
  return 0;
}

/* cc, gcc, gcc-12, x86_64-linux-gnu-gcc, clang, clang-14, c++, g++, clang++. */
static int is_driver(const char *exe) {
  static const char *const names[] = {"cc", "gcc", "clang", "c++", "g++", "clang++", NULL};
  const char *b = base_name(exe);
  for (int i = 0; names[i]; i++) {
    const char *n = names[i];
    const char *at = strstr(b, n);
    while (at) {
      size_t len = strlen(n);
      int left = at == b || at[-1] == '-';
      int right = !at[len] || (at[len] == '-' && at[len + 1] >= '0' && at[len + 1] <= '9');
      if (left && right) return 1;
      at = strstr(at + 1, n);
    }
  }
  return 0;
}

static int is_archiver(const char *exe) {
  const char *b = base_name(exe);
  return !strcmp(b, "ar") || has_suffix(b, "-ar");
}

static char *absolute(const char *dir, const char *p) {
  char *a = p[0] == '/' ? ls_xstrdup(p) : ls_xasprintf("%s/%s", dir, p);
  char buf[PATH_MAX];
  if (realpath(a, buf)) {
    free(a);
    return ls_xstrdup(buf);
  }
  return a;
}

static ls__target *target_for(bear_state *st, const char *id, ls_target_kind kind) {
  for (size_t i = 0; i < st->set->len; i++)
    if (!strcmp(st->set->items[i].id, id)) {
      ls__target *t = &st->set->items[i];
      /* built again: what the last command says */
      for (size_t k = 0; k < t->sources.len; k++) free(t->sources.items[k]);
      for (size_t k = 0; k < t->deps.len; k++) free(t->deps.items[k]);
      t->sources.len = t->deps.len = 0;
      t->kind = kind;
      return t;
    }
  ls__target t = {ls_xstrdup(base_name(id)), ls_xstrdup(id), kind, {0}, {0}};
  LS_VEC_PUSH(st->set, t);
  return &st->set->items[st->set->len - 1];
}

/* An input of a link or archive: an object (its source), an archive or a
 * shared library of the build (a dependency). */
static void add_input(bear_state *st, ls__target *t, const char *path) {
  for (size_t i = st->objects.len; i-- > 0;)
    if (!strcmp(st->objects.items[i].object, path)) {
      LS_VEC_PUSH(&t->sources, ls_xstrdup(st->objects.items[i].source));
      return;
    }
  if (has_suffix(path, ".a") || has_suffix(path, ".so") || strstr(path, ".so."))
    LS_VEC_PUSH(&t->deps, ls_xstrdup(path));
}

static void on_compile_or_link(bear_state *st, const char *dir, char **argv, size_t argc) {
  int compile = 0, shared = 0;
  const char *output = NULL;
  strvec sources = {0}, inputs = {0}, libs = {0};
  for (size_t i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-E") || !strcmp(a, "-S") || !strcmp(a, "-M") || !strcmp(a, "-MM") ||
        !strcmp(a, "--version") || !strcmp(a, "-v") || !strncmp(a, "-print-", 7)) {
      LS_VEC_FREE(&sources);
      LS_VEC_FREE(&inputs);
      LS_VEC_FREE(&libs);
      return;
    }
    if (!strcmp(a, "-c")) compile = 1;
    else if (!strcmp(a, "-shared")) shared = 1;
    else if (!strcmp(a, "-o") && i + 1 < argc) output = argv[++i];
    else if (!strncmp(a, "-o", 2) && a[2]) output = a + 2;
    else if (!strncmp(a, "-l", 2) && a[2]) LS_VEC_PUSH(&libs, (char *)a + 2);
    else if (a[0] == '-') continue;
    else if (is_source(a)) LS_VEC_PUSH(&sources, (char *)a);
    else LS_VEC_PUSH(&inputs, (char *)a);
  }
  if (compile) {
    for (size_t i = 0; i < sources.len; i++) {
      char *obj;
      if (output && sources.len == 1) {
        obj = absolute(dir, output);
      } else {
        char *o = ls_xstrdup(base_name(sources.items[i]));
        char *dot = strrchr(o, '.');
        *dot = '\0';
        char *named = ls_xasprintf("%s.o", o);
        obj = absolute(dir, named);
        free(named);
        free(o);
      }
      object_source os = {obj, absolute(dir, sources.items[i])};
      LS_VEC_PUSH(&st->objects, os);
    }
  } else if (sources.len || inputs.len) {
    char *out = absolute(dir, output ? output : "a.out");
    ls__target *t = target_for(st, out, shared ? LS_TARGET_SHARED : LS_TARGET_EXECUTABLE);
    for (size_t i = 0; i < sources.len; i++) {
      char *s = absolute(dir, sources.items[i]);
      LS_VEC_PUSH(&t->sources, s);
    }
    for (size_t i = 0; i < inputs.len; i++) {
      char *p = absolute(dir, inputs.items[i]);
      add_input(st, t, p);
      free(p);
    }
    /* -lNAME: a library the build made, by its file name */
    for (size_t l = 0; l < libs.len; l++) {
      char *a = ls_xasprintf("lib%s.a", libs.items[l]), *so = ls_xasprintf("lib%s.so", libs.items[l]);
      for (size_t i = 0; i < st->set->len; i++) {
        const char *b = base_name(st->set->items[i].id);
        if (&st->set->items[i] != t && (!strcmp(b, a) || !strcmp(b, so)))
          LS_VEC_PUSH(&t->deps, ls_xstrdup(st->set->items[i].id));
      }
      free(a);
      free(so);
    }
    free(out);
  }
  LS_VEC_FREE(&sources);
  LS_VEC_FREE(&inputs);
  LS_VEC_FREE(&libs);
}

static void on_archive(bear_state *st, const char *dir, char **argv, size_t argc) {
  if (argc < 3) return;
  const char *ops = argv[1][0] == '-' ? argv[1] + 1 : argv[1];
  if (!strchr(ops, 'r') && !strchr(ops, 'q')) return;
  char *lib = absolute(dir, argv[2]);
  ls__target *t = target_for(st, lib, LS_TARGET_PART);
  free(lib);
  for (size_t i = 3; i < argc; i++) {
    char *p = absolute(dir, argv[i]);
    add_input(st, t, p);
    free(p);
  }
}

static void on_event(bear_state *st, yajl_val ev) {
  const char *exec_path[] = {"started", "execution", NULL};
  yajl_val ex = yajl_tree_get(ev, exec_path, yajl_t_object);
  if (!ex) return;
  const char *exe = ls__json_str(ex, "executable"), *dir = ls__json_str(ex, "working_dir");
  yajl_val args = ls__json_get(ex, "arguments", yajl_t_array);
  if (!exe || !dir || !args || !YAJL_GET_ARRAY(args)->len) return;
  size_t argc = YAJL_GET_ARRAY(args)->len;
  char **argv = ls_xcalloc(argc + 1, sizeof(char *));
  for (size_t i = 0; i < argc; i++) {
    yajl_val a = YAJL_GET_ARRAY(args)->values[i];
    argv[i] = YAJL_IS_STRING(a) ? YAJL_GET_STRING(a) : (char *)"";
  }
  if (is_driver(exe)) on_compile_or_link(st, dir, argv, argc);
  else if (is_archiver(exe)) on_archive(st, dir, argv, argc);
  free(argv);
}

int ls__targets_bear(const char *build_dir, ls__target_set *out, char **err) {
  char *path = ls_xasprintf("%s/events.json", build_dir), *text = NULL;
  size_t len = 0;
  if (ls_read_file(path, &text, &len) != 0) {
    free(path);
    return 0;
  }
  bear_state st = {{0}, out};
  int rc = 0;
  unsigned lineno = 0;
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    if (!*line) continue;
    char errbuf[256] = "";
    yajl_val ev = yajl_tree_parse(line, errbuf, sizeof errbuf);
    if (!ev) {
      char *nl = strchr(errbuf, '\n');
      if (nl) *nl = '\0';
      *err = ls_xasprintf("build metadata '%s': line %u is not a JSON event: %s", path, lineno, errbuf);
      rc = -1;
      break;
    }
    on_event(&st, ev);
    yajl_tree_free(ev);
  }
  for (size_t i = 0; i < st.objects.len; i++) {
    free(st.objects.items[i].object);
    free(st.objects.items[i].source);
  }
  LS_VEC_FREE(&st.objects);
  free(text);
  free(path);
  return rc;
}
