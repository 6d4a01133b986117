/* graph.c: builds the whole-program graph (graph.h) from a program's facts
 * (facts.h, ls_program, as the store loads them).
 *
 * Order of work, each step linear in the facts it reads:
 *   1. symbols, annotations and registration slots (rule packs + annotations);
 *   2. flows: which function addresses may reach which slot, by a worklist
 *      over flow edges; an indirect call whose slot gains a function adds
 *      flows from its arguments into that function's parameters (so wrappers
 *      called through pointers still carry callbacks);
 *   3. call targets: direct callee; else the functions in the field or
 *      variable called through; else, when that is empty, the address-taken
 *      functions defined with the same type;
 *   4. event loops written in the code (loops.c): their functions are loop
 *      roots, the slots they call through registration slots; calls in
 *      forked children and on dying paths are not loop code (offloop.c);
 *      roots: the functions in each registration slot, with their context;
 *   5. breadth-first search from all loop roots at once (shortest paths),
 *      then up to LS_REACH_CANDIDATES roots per function, of different APIs
 *      and files, by a bounded walk (reach.c), for "also reaches" notes.
 * Nothing here recurses, so chains and cycles of any length are safe.
 *
 * Choices among equals are made by what the program says, never by ids:
 * symbol, call and file ids are handed out in the order TUs reach the store
 * (with -j2, the order workers finish; after a merge, the order of the
 * shards). Among shortest paths the one whose calls come first in the
 * source (file path, line, column) wins; a root's registration site is its
 * first one in the source; roots are ordered by their symbols' keys. So a
 * report is byte for byte the same however the TUs were parsed or merged.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int ls_graph_build(ls_graph *g, const ls_program *prog, const ls_catalogue *cat, char **err) {
  (void)err; /* the facts are in memory and checked by the store: nothing can fail */
  memset(g, 0, sizeof *g);
  g->prog = prog;
  g->cat = cat;
  g->file_path = prog->file_path;
  g->nfiles = prog->nfiles;
  builder b = {0};
  b.g = g;
  ls__load(&b);
  ls__resolve(&b);
  ls__dependent_member_targets(&b);
  ls__dispatch_by_key(&b);
  ls__find_loops(&b);
  ls__off_loop_paths(&b);
  ls__find_roots(&b);
  ls__paths(g);
  free(b.seen.keys);
  LS_VEC_FREE(&b.edges);
  free(b.edge_head);
  LS_VEC_FREE(&b.cargs);
  free(b.carg_start);
  free(b.via_head);
  free(b.via_next);
  LS_VEC_FREE(&b.queue);
  ls_strmap_free(&b.param_key);
  ls_strmap_free(&b.type_index);
  free(b.addr_taken);
  free(b.lib_func);
  free(b.type_of);
  free(b.bytype_start);
  free(b.bytype_funcs);
  free(b.ov_start);
  free(b.ov_items);
  free(b.method_no_object);
  free(b.class_live);
  ls_strmap_free(&b.class_by_name);
  return 0;
}

const char *ls_graph_name(const ls_graph *g, uint32_t sym) {
  return sym && sym < g->nsyms && g->sym_display[sym] ? g->sym_display[sym] : "<unknown>";
}

char *ls_graph_slot_owner(const ls_graph *g, uint32_t slot) {
  const char *n = ls_graph_name(g, slot);
  const char *hash = strrchr(n, '#');
  char *owner = hash ? ls_xstrndup(n, (size_t)(hash - n)) : ls_xstrdup(n);
  owner[ls_graph_base_name_length(owner)] = '\0'; /* "asio::post(asio::io_context)" */
  return owner;
}

void ls_graph_root_site(const ls_graph *g, const ls_groot *r, uint32_t *file, uint32_t *line,
                        uint32_t *col) {
  if (r->named) {
    *file = g->def_file[r->func];
    *line = g->def_line[r->func];
    *col = 1;
    return;
  }
  if (r->loop) {
    const ls_gloop *L = &g->loops.items[r->loop - 1];
    const ls_gcall *w = L->wait_call != LS_NO_INDEX ? &g->calls.items[L->wait_call] : NULL;
    *file = w ? w->file : g->def_file[L->func];
    *line = w ? w->line : 0;
    *col = w ? w->col : 0;
    return;
  }
  const ls_gflow *o = &g->flows.items[r->origin];
  *file = o->file;
  *line = o->line;
  *col = o->col;
}

const char *ls_graph_file(const ls_graph *g, uint32_t file) {
  return file < g->nfiles && g->file_path[file] ? g->file_path[file] : "<unknown>";
}

void ls_graph_free(ls_graph *g) {
  /* Symbol names, keys, kinds, file paths and annotation rule ids belong to
   * the program. */
  free(g->nonblocking);
  free(g->blocking_rule);
  free(g->slot_context);
  free(g->slot_assumed);
  free(g->slot_ready_fd);
  free(g->def_file);
  free(g->def_line);
  free(g->off_loop);
  free(g->func_flags);
  LS_VEC_FREE(&g->calls);
  LS_VEC_FREE(&g->targets);
  LS_VEC_FREE(&g->flows);
  for (size_t i = 0; i < g->types.len; i++) free(g->types.items[i]);
  LS_VEC_FREE(&g->types);
  free(g->out_start);
  free(g->out_calls);
  free(g->succ_start);
  free(g->succ);
  free(g->pack_blockers);
  free(g->npack_blockers);
  LS_VEC_FREE(&g->roots);
  LS_VEC_FREE(&g->loops);
  LS_VEC_FREE(&g->loop_slots);
  free(g->call_off_loop);
  free(g->loop_root_of);
  free(g->dist);
  free(g->parent_call);
  free(g->reach_roots);
  free(g->root_api);
  free(g->root_file);
  free(g->pts_head);
  for (uint32_t id = 0; g->sym_display && id < g->nsyms; id++)
    if (g->sym_display[id] != g->sym_name[id]) free(g->sym_display[id]);
  free((void *)g->sym_display);
  free((void *)g->sym_name); /* the array; the names are the program's */
  free(g->pts);
  free(g->file_rank);
  memset(g, 0, sizeof *g);
}

size_t ls_graph_base_name_length(const char *name) {
  size_t n = strlen(name);
  if (!n || name[n - 1] != ')') return n;
  const char *open = strrchr(name, '(');
  /* "Store::operator()" is a name, not a name and a class */
  if (!open || open == name || (open - name >= 8 && !strncmp(open - 8, "operator", 8))) return n;
  return (size_t)(open - name);
}
