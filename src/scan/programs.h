/* programs.h: the programs of a build (programs.c). This file is private
 * to src/scan. */
#ifndef LAGSCAN_SCAN_PROGRAMS_H
#define LAGSCAN_SCAN_PROGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"
#include "inputs.h"

/* One program: a name, the TU that defines its main (an index into the
 * scan's TUs, or UINT32_MAX for the TUs no main needs), and its TUs. */
typedef struct ls_build_program {
  char *name;
  uint32_t main_tu;
  uint32_t *tus;   /* indexes into the scan's TUs, ascending */
  size_t ntus;
} ls_build_program;

typedef struct ls_build_programs {
  ls_build_program *items;  /* by name */
  size_t len;
} ls_build_programs;

/* The programs of a whole build, inferred from its facts (`all`, every TU
 * of the scan; tu_paths[i] is TU i's main file): each TU that defines
 * `main` starts a program, which takes in the TUs that define the external
 * functions it uses, transitively; of two TUs that define one function,
 * the one nearer the program's main file (the longer common directory,
 * then the path) is taken, so two definitions of a symbol are never in one
 * program. A TU no program needs (a plugin loaded at run time, a library,
 * dead code) joins every program it shares no definition with; those that
 * join none make one more program, "library".
 * With fewer than two mains the whole build is one program (len 1, its
 * name "program"). `srcroot` shortens the names: a main file's name
 * without its extension, or its path under srcroot where names clash. */
void ls_programs_infer(const ls_program *all, char *const *tu_paths, const char *srcroot,
                       ls_build_programs *out);
void ls_build_programs_free(ls_build_programs *p);

/* Shared by programs.c and targets.c: whether a function key is of an
 * externally linked function (internal linkage keys carry the declaring
 * file, "/src/a.c|c:a.c@F@helper"); and programs of one name told apart
 * (the later ones NAME-2, NAME-3, in the order given), then sorted by name. */
int ls__external_function_key(const char *key);
void ls__programs_name_apart(ls_build_program *items, size_t n);

/* The programs the build's metadata says it links (targets.c): one per
 * executable or shared library with a TU among tu_paths (the scan's TUs'
 * main files), named after the target; a module's TUs joined to each
 * executable that defines none of the functions they define (`all`, every
 * TU's facts, says which), or a program of their own; and "unlinked" for
 * the TUs no target names. Returns 1 when some target has a TU, else 0
 * (out empty). */
int ls_programs_from_targets(const ls_build_targets *targets, const ls_program *all,
                             char *const *tu_paths, size_t ntus, ls_build_programs *out);

#endif /* LAGSCAN_SCAN_PROGRAMS_H */
