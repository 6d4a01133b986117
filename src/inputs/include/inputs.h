/* inputs.h: the public interface of the inputs stage: the translation
 * units a scan analyzes, from a compilation database (-p BUILD_DIR, read
 * with libclang's compilation-database reader) or from FILE... -- FLAGS.
 *
 * Compile commands are untrusted (they come with the repository under
 * analysis): flags that would load code into libclang, write files, or read
 * response files are dropped before libclang sees them.
 */
#ifndef LAGSCAN_INPUTS_H
#define LAGSCAN_INPUTS_H

#include <stddef.h>

#include "common.h"

typedef struct ls_tu_input {
  char *file;      /* absolute path of the main source file */
  char *directory; /* absolute working directory of the compile command */
  char **argv;     /* full command line, argv[0] the compiler, sanitized */
  int argc;
  char *key;       /* identity of the TU: file and arguments */
} ls_tu_input;

typedef struct ls_tu_list {
  ls_tu_input *items;
  size_t len, cap;
} ls_tu_list;

/* What -p names, as the build directory: a directory as it is, or the
 * directory of a file named compile_commands.json (clang-tidy takes
 * either). Returns a heap string, or NULL with *err set for a file of
 * another name. */
char *ls_compdb_dir(const char *path, char **err);

/* Reads BUILD_DIR/compile_commands.json. Returns 0, or -1 with *err set. */
int ls_inputs_from_compdb(const char *build_dir, ls_tu_list *out, char **err);

/* Checks that `path` is a well-formed compilation database (an array of
 * {"directory", "file", "arguments" | "command"} objects). Returns 0, or -1
 * with *err naming the file, line, column and problem. */
int ls_compdb_validate(const char *path, char **err);

/* One TU per file, each compiled with `flags` from the current directory.
 * Returns 0, or -1 with *err set (a missing file is an error). */
int ls_inputs_from_files(char *const *files, int nfiles, char *const *flags, int nflags,
                         ls_tu_list *out, char **err);

/* Drops dangerous or output-producing flags (see the comment at the top).
 * Takes and returns a heap argv; *argc is updated. */
char **ls_sanitize_args(char **argv, int *argc);

void ls_tu_list_free(ls_tu_list *list);

/* ---- the programs a build links (targets.c) ------------------------------ */

typedef enum ls_target_kind {
  LS_TARGET_PART = 0,       /* a static or object library: part of others */
  LS_TARGET_EXECUTABLE = 1,
  LS_TARGET_SHARED = 2,     /* a shared library */
  LS_TARGET_MODULE = 3      /* a module a program loads at run time (dlopen) */
} ls_target_kind;

/* A program of the build: an executable or a shared library, with the
 * sources compiled into it (its own and those of the libraries of the
 * build it links, transitively), as absolute real paths. */
typedef struct ls_build_target {
  char *name;
  ls_target_kind kind;
  char **sources;
  size_t nsources;
  int linked;      /* another target of the build links it (a shared library) */
} ls_build_target;

typedef struct ls_build_targets {
  ls_build_target *items;
  size_t len;
  const char *source;  /* which metadata said so ("the CMake File API"), or NULL */
} ls_build_targets;

/* The programs BUILD_DIR's own metadata describes: CMake's File API reply,
 * meson's introspection, or the events of `bear intercept` (events.json),
 * the first found. Returns 0 (len 0 when there is none), or -1 with *err
 * naming the file when metadata is there but cannot be read. */
int ls_build_targets_read(const char *build_dir, ls_build_targets *out, char **err);
void ls_build_targets_free(ls_build_targets *t);


#endif /* LAGSCAN_INPUTS_H */
