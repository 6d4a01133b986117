/* program.h: programs written by hand as facts (facts.h, ls_program), the
 * way the store would hand them over: no libclang, no SQLite, no files but a
 * small rule pack. Private to tests/graph. */
#ifndef LAGSCAN_TESTS_GRAPH_PROGRAM_H
#define LAGSCAN_TESTS_GRAPH_PROGRAM_H

#include <stdint.h>

#include "facts.h"
#include "graph.h"
#include "rules.h"

typedef struct builder {
  ls_program p;
  uint32_t cap_syms, cap_files;
} builder;

/* An empty program (id 0 of symbols and files is "none"). */
void builder_init(builder *b);
/* A symbol; returns its id (ids in the order of these calls). */
uint32_t sym(builder *b, ls_sym_kind kind, const char *key, const char *name);
/* A function "name" (key c:@F@name), defined in `file` at `line` when file
 * is not 0. */
uint32_t fn(builder *b, const char *name, uint32_t file, uint32_t line, const char *type);
/* Parameter i of the function named `api` ("P:c:@F@api#i"). */
uint32_t param(builder *b, const char *api, int i);
uint32_t file(builder *b, const char *path);
/* A direct call at `line` of file `f`, columns 3 to 10; returns its index. */
uint32_t call(builder *b, uint32_t caller, uint32_t callee, uint32_t f, uint32_t line);
/* A call through `via` (a field or variable) of type `fntype`. */
void icall(builder *b, uint32_t caller, ls_via_kind via_kind, uint32_t via, const char *fntype,
           uint32_t f, uint32_t line);
/* The value of `src` stored in `dst` (0: it escapes) in `func`, at column 5. */
void flow(builder *b, uint32_t src, uint32_t dst, uint32_t func, uint32_t f, uint32_t line);

/* The pack of the graph tests: loop_start#1 and loop_every#1 are loop
 * slots, pool_run#1 a worker slot, sleep blocks. */
extern const char graph_test_pack[];
/* The catalogue of `text`, a pack; 0 on success. */
int catalogue_of(ls_catalogue *c, const char *text);
int catalogue(ls_catalogue *c);
/* The first function of the graph named `name`, or 0. */
uint32_t named(const ls_graph *g, const char *name);

#endif /* LAGSCAN_TESTS_GRAPH_PROGRAM_H */
