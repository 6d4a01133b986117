/* inputs.c: builds the list of translation units to analyze (inputs.h). */
#include "inputs.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

/* Flags that take the next argument as a value and must go with it. */
static const char *const drop_with_value[] = {
    "-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics", "-dependency-file",
    "-fprofile-use-path", "-Xlinker", "-Wl,", NULL};
/* Flags dropped on their own. */
static const char *const drop_exact[] = {"-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-MG",
                                         "-save-temps", "-pipe", NULL};
/* Prefixes of flags dropped on their own (the value is attached). */
static const char *const drop_prefix[] = {
    "-fplugin=", "-fpass-plugin=", "-fprofile-generate", "-fprofile-instr-generate",
    "-fcs-profile-generate", "-ftime-trace", "-save-temps=", "-fcrash-diagnostics-dir",
    "-MF", "-MT", "-MQ", "-o", "-Wl,", "-fdump-", "-fstack-usage", "-fcallgraph-info",
    "--coverage", "-fprofile-arcs", "-ftest-coverage", "-fmodules-cache-path", NULL};

static int in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(s, *list)) return 1;
  return 0;
}

static int has_prefix_in(const char *s, const char *const *list) {
  for (; *list; list++)
    if (!strncmp(s, *list, strlen(*list))) return 1;
  return 0;
}

char **ls_sanitize_args(char **argv, int *argc) {
  int out = 0;
  for (int i = 0; i < *argc; i++) {
    char *a = argv[i];
    int drop = 0, drop_next = 0;
    if (i == 0) {
      /* the compiler */
    } else if (a[0] == '@') {
      drop = 1; /* response file: may read anything */
    } else if (!strcmp(a, "-Xclang") && i + 1 < *argc) {
      /* -Xclang -load -Xclang plugin.so, -Xclang -plugin NAME, ...: only a
       * few -Xclang flags are harmless; drop every -Xclang pair. */
      drop = drop_next = 1;
    } else if (!strcmp(a, "-Xanalyzer") || !strcmp(a, "-Xpreprocessor") ||
               !strcmp(a, "-Xassembler")) {
      drop = 1;
      drop_next = i + 1 < *argc;
    } else if (in_list(a, drop_with_value)) {
      drop = 1;
      drop_next = i + 1 < *argc;
    } else if (in_list(a, drop_exact) || has_prefix_in(a, drop_prefix)) {
      drop = 1;
    }
    if (drop) {
      free(a);
      if (drop_next) free(argv[++i]);
      continue;
    }
    argv[out++] = a;
  }
  *argc = out;
  return argv;
}

static char *absolute(const char *path, const char *dir) {
  char buf[PATH_MAX];
  if (realpath(path, buf)) return ls_xstrdup(buf);
  if (path[0] == '/' || !dir) return ls_xstrdup(path);
  return ls_xasprintf("%s/%s", dir, path);
}

static void push(ls_tu_list *l, ls_tu_input in) {
  if (l->len == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 32;
    l->items = ls_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  l->items[l->len++] = in;
}

static void free_input(ls_tu_input *in) {
  for (int a = 0; a < in->argc; a++) free(in->argv[a]);
  free(in->argv);
  free(in->file);
  free(in->directory);
  free(in->key);
}

static char *make_key(const ls_tu_input *in) {
  size_t n = strlen(in->file) + strlen(in->directory) + 4;
  for (int i = 1; i < in->argc; i++) n += strlen(in->argv[i]) + 1;
  char *k = ls_xmalloc(n), *p = k;
  p = stpcpy(p, in->file);
  *p++ = '\n';
  p = stpcpy(p, in->directory);
  for (int i = 1; i < in->argc; i++) {
    *p++ = '\n';
    p = stpcpy(p, in->argv[i]);
  }
  *p = '\0';
  return k;
}

char *ls_compdb_dir(const char *path, char **err) {
  struct stat st;
  if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) return ls_xstrdup(path);
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (strcmp(base, "compile_commands.json") != 0) {
    *err = ls_xasprintf("-p takes a build directory or its compile_commands.json, not '%s'", path);
    return NULL;
  }
  return slash ? ls_xstrndup(path, (size_t)(slash - path) + (slash == path)) : ls_xstrdup(".");
}

int ls_inputs_from_compdb(const char *build_dir, ls_tu_list *out, char **err) {
  char *json = ls_xasprintf("%s/compile_commands.json", build_dir);
  struct stat st;
  if (stat(json, &st) != 0) {
    *err = ls_xasprintf("cannot read '%s': %s", json, strerror(errno));
    free(json);
    return -1;
  }
  if (ls_compdb_validate(json, err) != 0) {
    free(json);
    return -1;
  }
  CXCompilationDatabase_Error cerr = CXCompilationDatabase_NoError;
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(build_dir, &cerr);
  if (cerr != CXCompilationDatabase_NoError || !db) {
    *err = ls_xasprintf("cannot parse '%s': not a valid compilation database", json);
    free(json);
    return -1;
  }
  CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
  unsigned n = clang_CompileCommands_getSize(cmds);
  /* Two compile commands that differ only in what was dropped (-o, -MF: a
   * file built into two targets with the same flags) are one TU: it is
   * parsed once, and the first command stands for both. */
  ls_strmap seen = {0};
  char *last_dir = NULL, *last_abs = NULL;
  for (unsigned i = 0; i < n; i++) {
    CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
    CXString dir = clang_CompileCommand_getDirectory(cmd);
    CXString file = clang_CompileCommand_getFilename(cmd);
    ls_tu_input in = {0};
    /* Most commands share a directory or two: resolve each one once. */
    const char *d = clang_getCString(dir);
    if (!last_dir || strcmp(last_dir, d) != 0) {
      free(last_dir);
      free(last_abs);
      last_dir = ls_xstrdup(d);
      last_abs = absolute(d, NULL);
    }
    in.directory = ls_xstrdup(last_abs);
    char *joined = clang_getCString(file)[0] == '/'
                       ? ls_xstrdup(clang_getCString(file))
                       : ls_xasprintf("%s/%s", in.directory, clang_getCString(file));
    in.file = absolute(joined, NULL);
    free(joined);
    unsigned nargs = clang_CompileCommand_getNumArgs(cmd);
    in.argv = ls_xcalloc(nargs + 1, sizeof(char *));
    for (unsigned a = 0; a < nargs; a++) {
      CXString s = clang_CompileCommand_getArg(cmd, a);
      in.argv[in.argc++] = ls_xstrdup(clang_getCString(s));
      clang_disposeString(s);
    }
    in.argv = ls_sanitize_args(in.argv, &in.argc);
    in.key = make_key(&in);
    clang_disposeString(dir);
    clang_disposeString(file);
    /* Skip non-C inputs that some generators list (assembler files). */
    const char *dot = strrchr(in.file, '.');
    int assembler = dot && (!strcmp(dot, ".s") || !strcmp(dot, ".S") || !strcmp(dot, ".asm"));
    int fresh = 0;
    if (!assembler) ls_strmap_put(&seen, in.key, 0, &fresh);
    if (!fresh) {
      free_input(&in);
      continue;
    }
    push(out, in);
  }
  ls_strmap_free(&seen);
  free(last_dir);
  free(last_abs);
  clang_CompileCommands_dispose(cmds);
  clang_CompilationDatabase_dispose(db);
  free(json);
  return 0;
}

int ls_inputs_from_files(char *const *files, int nfiles, char *const *flags, int nflags,
                         ls_tu_list *out, char **err) {
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    return -1;
  }
  /* A file that cannot be read is still a TU: the scan reports it as one
   * that could not be analyzed, and analyzes the rest. */
  for (int i = 0; i < nfiles; i++) {
    ls_tu_input in = {0};
    in.directory = ls_xstrdup(cwd);
    in.file = absolute(files[i], cwd);
    in.argv = ls_xcalloc((size_t)nflags + 3, sizeof(char *));
    in.argv[in.argc++] = ls_xstrdup("clang");
    for (int f = 0; f < nflags; f++) in.argv[in.argc++] = ls_xstrdup(flags[f]);
    in.argv[in.argc++] = ls_xstrdup(in.file);
    in.argv = ls_sanitize_args(in.argv, &in.argc);
    in.key = make_key(&in);
    push(out, in);
  }
  return 0;
}

void ls_tu_list_free(ls_tu_list *list) {
  for (size_t i = 0; i < list->len; i++) free_input(&list->items[i]);
  free(list->items);
  list->items = NULL;
  list->len = list->cap = 0;
}
