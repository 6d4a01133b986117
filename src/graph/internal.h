/* internal.h: what the files of src/graph share while a graph is built.
 * This file is private to src/graph.
 *
 * The build runs in this order (graph.c): load.c reads the program's facts
 * into the graph and the builder; flows.c computes which function addresses
 * reach which slot and every call's targets; paths.c finds the roots, the
 * shortest paths from loop roots, and reach.c the other roots that reach
 * each function; in between, loops.c finds the event loops written in the
 * code. order.c says which of two equal choices comes first.
 */
#ifndef LAGSCAN_GRAPH_INTERNAL_H
#define LAGSCAN_GRAPH_INTERNAL_H

#include <stdint.h>

#include "graph.h"

/* A set of (slot, function) pairs: open addressing on uint64. */
typedef struct pairset {
  uint64_t *keys; /* 0 = empty; stored as key + 1 */
  size_t cap, len;
} pairset;

typedef struct edge {
  uint32_t dst, next;
} edge;

typedef struct callarg {
  uint32_t call; /* index in g->calls */
  uint32_t idx;
  uint8_t kind;  /* LS_ARG_FUNC or LS_ARG_SLOT */
  uint32_t sym;
} callarg;

typedef struct work {
  uint32_t slot, func, origin;
} work;

typedef struct builder {
  ls_graph *g;
  uint8_t *lib_func;        /* by sym id: defined in a pack's library_files */
  pairset seen;             /* (slot, func) already in pts */
  LS_VEC(edge) edges;       /* slot -> slot flow edges */
  uint32_t *edge_head;      /* by sym id: index + 1 */
  LS_VEC(callarg) cargs;    /* FUNC/SLOT args of indirect calls, by call */
  uint32_t *carg_start;     /* by call index: first carg + 1, 0 = none */
  uint32_t *via_head;       /* by slot: first indirect call through it + 1 */
  uint32_t *via_next;       /* by call index */
  LS_VEC(work) queue;
  size_t qhead;
  ls_strmap param_key;      /* "P:fkey#i" -> sym id */
  ls_strmap type_index;     /* type spelling -> index in g->types */
  uint8_t *addr_taken;      /* by sym id */
  uint32_t *type_of;        /* by sym id: interned type of a defined function */
  uint32_t *bytype_start;   /* by type index: CSR of defined address-taken functions */
  uint32_t *bytype_funcs;
  uint32_t *ov_start;       /* by sym id: CSR of the methods overriding it */
  uint32_t *ov_items;
  uint8_t *method_no_object; /* by sym id: an override whose class has no objects (rta.c) */
  uint8_t *class_live;      /* by sym id: a class that may have objects, or NULL (rta.c) */
  ls_strmap class_by_name;  /* class symbols by qualified name (rta.c) */
} builder;


/* order.c: canonical order, by what the program says (never by ids). */
void ls__rank_files(ls_graph *g);
int ls__cmp_site(const ls_graph *g, uint32_t fa, uint32_t la, uint32_t ca, uint32_t fb,
                 uint32_t lb, uint32_t cb);
int ls__cmp_key(const ls_graph *g, uint32_t a, uint32_t b);
int ls__call_before(const ls_graph *g, uint32_t a, uint32_t b);
int ls__cmp_flow(const void *a, const void *b, void *g);

/* load.c */
void ls__load(builder *b);
uint32_t ls__param_of(builder *b, uint32_t func, uint32_t idx);

/* flows.c */
void ls__resolve(builder *b);

/* rta.c: which overrides are of classes that have no objects, and the
 * targets of one virtual call (from `first`, its static callee, to the
 * end) narrowed to those of classes that may. */
void ls__live_classes(builder *b);
void ls__narrow_overriders(builder *b, size_t first);
/* Whether a call names its callee (direct, virtual, constructor,
 * destructor) rather than reaching it through a slot or by type. */
int ls__names_callee(const ls_gcall *c);

/* sdk.c: callbacks given to SDKs on a loop library; after loading. */
void ls__sdk_callbacks(builder *b);

/* loops.c: event loops found in the code; before the roots. */
void ls__find_loops(builder *b);

/* offloop.c: forked children and dying paths; after the loops. */
void ls__off_loop_paths(builder *b);

/* paths.c */
void ls__find_roots(builder *b);
/* dispatch.c: emits of a dispatch by key run the callbacks filed under
 * their key (after ls__resolve). */
void ls__dispatch_by_key(builder *b);
/* cxx.c: registrations of C++ functions by qualified name (their
 * parameters' slots), and the roots `overrides:` registrations make. */
void ls__qualified_registrations(builder *b);
void ls__override_roots(builder *b);
/* A pack's entry naming a C++ method covers its overrides, through chains
 * of overrides: a method with no blocker of its own takes the blockers of
 * the method it overrides (after the blockers are looked up), and one that
 * overrides a method run off the loop, or trusted, is so too (after the
 * packs' functions: are read). */
void ls__inherit_blockers(ls_graph *g);
void ls__inherit_functions(ls_graph *g);
/* A call of a member of a dependent type ("<dependent>::NAME", after
 * ls__resolve) may run the methods of the program named NAME when there
 * are at most three: which class's runs is only known per instantiation,
 * and a name many classes have tells nothing. */
void ls__dependent_member_targets(builder *b);
void ls__paths(ls_graph *g);

/* reach.c: the other roots that reach each function; after the paths. */
void ls__reaching_roots(ls_graph *g);

#endif /* LAGSCAN_GRAPH_INTERNAL_H */
