/* graph.h: the public interface of the graph stage: the whole-program view
 * built from a program's facts (facts.h, ls_program): symbols, the call
 * graph with indirect calls resolved, the values (function addresses) each
 * slot may hold, and the loop, worker and next-tick contexts. The graph
 * keeps no database handle: its unit tests build programs by hand.
 *
 * Everything is indexed by the program's symbol ids (ids are dense, so arrays
 * indexed by id are used instead of maps). Invariants after ls_graph_build:
 *   - every call site's targets are final (no later pass adds any);
 *   - dist[f] is the length of the shortest call path from a loop root to f,
 *     or LS_UNREACHED, and parent_call[f] names the call that achieves it;
 *   - a function is a loop root iff it may be stored in a loop slot or is
 *     an event loop found in the code (loops), whose calls outside its loop
 *     (call_off_loop) no walk follows and no checker reports, and no pack
 *     says it runs off the loop (off_loop: those are unreached);
 *   - nothing depends on the order ids were handed out in (graph.c).
 */
#ifndef LAGSCAN_GRAPH_H
#define LAGSCAN_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"
#include "rules.h"

#define LS_UNREACHED UINT32_MAX
#define LS_NO_INDEX UINT32_MAX
#define LS_ALSO_REACHES 3       /* "also reaches" notes of a finding, at most */
#define LS_REACH_CANDIDATES 12  /* other roots kept per function for them (reach.c) */

typedef struct ls_gcall {
  uint32_t caller;     /* sym id */
  uint32_t callee;     /* sym id for a direct call, else 0 */
  uint8_t via_kind;
  uint32_t via;        /* slot sym id, else 0 */
  uint32_t fntype;     /* interned type index, or LS_NO_INDEX */
  uint32_t file;       /* file id */
  uint32_t line, col, end_line, end_col;
  uint32_t first_target, ntargets; /* range in graph.targets */
  uint32_t flags;      /* LS_CALL_* (facts.h), and LS_GCALL_* */
  uint32_t loop;       /* the outermost loop statement around it (facts.h), 0 */
} ls_gcall;

/* ls_gcall.flags set by the graph: an emit of a dispatch by key (a pack's
 * `dispatch:`): its targets are the callbacks filed under its key, not the
 * function it calls (dispatch.c) */
#define LS_GCALL_DISPATCH (1u << 16)

typedef struct ls_gflow {
  uint32_t src, dst;   /* sym ids; dst 0 when the value escapes */
  uint32_t func;       /* enclosing function, 0 at file scope */
  uint32_t file, line, col;
} ls_gflow;

/* Why a function is a root: the slot it reached and the flow that put its
 * address into the program (the registration site shown to the user). */
enum { LS_ROOT_OFF_LOOP = 1, LS_ROOT_OVERRIDE = 2 };

typedef struct ls_groot {
  uint32_t func;
  uint32_t slot;       /* the registration slot (param of the API, or field) */
  uint32_t origin;     /* index into flows (unused when `loop` is set) */
  int context;         /* ls_context */
  uint32_t loop;       /* an event loop found in the code: its index in loops
                          + 1 (the root is the loop function), else 0 */
  uint8_t named;       /* LS_ROOT_OFF_LOOP: a worker root because a rule pack
                          says the function runs off the loop (`functions:
                          off_loop:`): no slot, no origin; LS_ROOT_OVERRIDE:
                          a C++ method that overrides one a pack's
                          `overrides:` registration names (slot: that
                          method; origin: the registration's index in the
                          catalogue). Both shown at the definition */
} ls_groot;

/* An event loop found in the code (loops.c): a function that waits for a
 * set of descriptors and then runs what is ready. */
typedef struct ls_gloop {
  uint32_t func;       /* the loop function */
  uint32_t wait_call;  /* its first wait in the source (for an enclosing loop,
                          the call of the dispatcher), or LS_NO_INDEX */
  uint32_t wait_func;  /* the library wait (epoll_wait), or 0 */
  uint32_t via;        /* the wrapper or dispatcher it waits through, or 0 */
  uint32_t first_slot, nslots; /* the slots it calls through: loop_slots range */
  uint8_t named;       /* a rule pack names it (`event_loops: loops:`) */
  uint32_t encloses;   /* the dispatcher loop it calls in a loop: index + 1, or 0 */
} ls_gloop;

typedef struct ls_graph {
  const ls_program *prog;    /* the facts; they outlive the graph */
  const ls_catalogue *cat;
  uint32_t nsyms;      /* max sym id + 1 */
  char *const *sym_name;     /* by sym id: the name packs match (a C++
                                function's qualified name; a library
                                function called on a library class's
                                object "std::getline(std::basic_ifstream)") */
  char *const *sym_display;  /* by sym id: the name reports show (without
                                that "(class)") */
  char *const *sym_key;
  const uint8_t *sym_kind;
  uint8_t *nonblocking;      /* annotated lagscan::nonblocking, or trusted by a
                                pack (`functions: nonblocking:`) */
  uint8_t *off_loop;         /* a pack says it runs only off the loop
                                (`functions: off_loop:`): never a loop root,
                                never entered from one, a worker root */
  const char **blocking_rule; /* annotated lagscan::blocking(rule), or NULL (the program's strings) */
  uint8_t *slot_context;     /* ls_context of a registration slot, or 0 */
  uint8_t *slot_ready_fd;    /* a registration slot whose callbacks get the
                                descriptor the loop found ready: that
                                parameter's index + 1 (a pack's ready_fd),
                                else 0 */
  uint32_t *slot_assumed;    /* a slot assumed to be an SDK's loop callback
                                (sdk.c): the index + 1 in prog->sigs of the
                                handle parameter that made it one, else 0 */
  uint32_t *def_file;        /* the file of a function's definition, 0 if none */
  uint32_t *def_line;        /* its line */
  uint8_t *func_flags;       /* LS_FUNC_* of a function's definition */

  LS_VEC(ls_gcall) calls;
  LS_VEC(uint32_t) targets;        /* resolved callees, ranges per call */
  LS_VEC(ls_gflow) flows;
  LS_VEC(char *) types;            /* interned function type spellings */

  /* call sites by caller (CSR over calls sorted by caller) */
  uint32_t *out_start;             /* nsyms + 1 */
  uint32_t *out_calls;             /* call indexes */
  /* the distinct functions each function may call (CSR, every target of
   * its call sites once): the walks that need no call site use these */
  uint32_t *succ_start;            /* nsyms + 1 */
  uint32_t *succ;

  /* what the rule packs say of each symbol, looked up once by name */
  const ls_blocker *const **pack_blockers; /* by sym id, NULL if none */
  uint32_t *npack_blockers;

  LS_VEC(ls_gloop) loops;          /* event loops found in the code */
  LS_VEC(uint32_t) loop_slots;     /* the slots loops call through */
  uint8_t *call_off_loop;          /* by call: not loop code, not followed: made
                                      by a loop function outside its loop
                                      (set-up, clean-up, the wait; loops.c),
                                      in a forked child, or on the way to the
                                      end of the process (offloop.c) */
  LS_VEC(ls_groot) roots;          /* loop, worker and next-tick roots */
  uint32_t *loop_root_of;          /* func -> index in roots + 1, or 0 */

  /* shortest paths from loop roots */
  uint32_t *dist;                  /* by sym id */
  uint32_t *parent_call;           /* call index, LS_NO_INDEX for roots */
  /* the loop roots that reach each function, chosen for their different
   * APIs and files (reach.c): root indexes + 1 in root order, 0 ends */
  uint32_t (*reach_roots)[LS_REACH_CANDIDATES];
  uint32_t *root_api;              /* by root: its API, equal iff the same */
  uint32_t *root_file;             /* by root: its registration site's file */

  /* points-to: slot -> functions (a linked list per slot) */
  uint32_t *pts_head;              /* by sym id: index into pts + 1 */
  struct ls_pts { uint32_t func, origin, next; } *pts;
  size_t npts, cappts;

  char *const *file_path;          /* by file id (the program's) */
  uint32_t *file_rank;             /* by file id: rank of its path in byte order */
  uint32_t nfiles;
} ls_graph;

/* Builds everything above from `prog`, which must outlive the graph.
 * Returns 0 (the facts are in memory; err is for what a later check may
 * refuse). */
int ls_graph_build(ls_graph *g, const ls_program *prog, const ls_catalogue *cat, char **err);
/* Whether paths continue into f's body: not into nonblocking or blocking
 * functions, nor into library functions a rule pack describes. Calls made
 * inside a function that is not entered are never findings (except in a
 * root, which is always entered). */
static inline int ls_graph_enters(const ls_graph *g, uint32_t f) {
  return !g->nonblocking[f] && !g->blocking_rule[f] && !g->npack_blockers[f];
}

void ls_graph_free(ls_graph *g);

/* A symbol's display name (functions by name, parameters "api#i", fields
 * "record.field"), or "<unknown>" for 0. */
/* The length of a name without the "(class)" of a library function called
 * on a library class's object ("std::getline(std::basic_ifstream)" ->
 * "std::getline"): the name the packs' plain entries match, and reports show. */
size_t ls_graph_base_name_length(const char *name);
const char *ls_graph_name(const ls_graph *g, uint32_t sym);
/* The API or record a registration slot belongs to: "tl_next_tick#1" ->
 * "tl_next_tick"; "napi_property_descriptor.method" stays (heap). */
char *ls_graph_slot_owner(const ls_graph *g, uint32_t slot);

/* Where a root was registered: its registration flow, or for an event loop
 * found in the code, its wait. */
void ls_graph_root_site(const ls_graph *g, const ls_groot *r, uint32_t *file, uint32_t *line,
                        uint32_t *col);

/* The entries of rule packs of one's own (those whose ls_pack_site names a
 * file) that match nothing in the program: a registration whose API or
 * field, a blocker whose function or pattern, a descriptor helper or a
 * `functions:` name whose function no symbol of the program has. `each` is
 * called once per such name, in the catalogue's order. */
typedef void (*ls_unmatched_fn)(void *ctx, const ls_pack_site *site, const char *name);
void ls_graph_unmatched(const ls_graph *g, ls_unmatched_fn each, void *ctx);

/* The other loop roots to name in the "also reaches" notes of a finding in
 * `func` whose path starts at the function `path_root`: up to
 * LS_ALSO_REACHES root indexes into `out`, returns how many. Each is the
 * first root, in root order, of those reaching `func`, with an API that
 * neither the path's root nor a root chosen before has; else with a file
 * none of them has; else the first left (reach.c). */
size_t ls_graph_other_roots(const ls_graph *g, uint32_t func, uint32_t path_root,
                            uint32_t out[LS_ALSO_REACHES]);

/* The path of a file id, or "<unknown>". */
const char *ls_graph_file(const ls_graph *g, uint32_t file);

/* Iterates the functions a slot may hold: for (i = pts_head[s]; i; i = pts[i-1].next). */

#endif /* LAGSCAN_GRAPH_H */
