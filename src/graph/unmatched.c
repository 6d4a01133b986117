/* unmatched.c: the entries of one's own rule packs that match nothing in the
 * program (graph.h, ls_graph_unmatched). A pack given with --rules names the
 * project's APIs; an entry whose function no symbol of the program has is
 * most likely a typo or a renamed function, and silently does nothing. The
 * default packs' entries are not looked at: they describe whole libraries.
 *
 * A name matches when some function symbol (defined or only called,
 * external or static) has it, a `match:` pattern when one matches it, a
 * field when some field is that RECORD.FIELD (by its display name or by the
 * record of its key, as pack_registrations in load.c reads fields). */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct names {
  ls_strmap funcs, fields;
  const ls_graph *g;
} names;

static int has_function(const names *n, const char *name, int pattern) {
  if (!pattern) return ls_strmap_get(&n->funcs, name) != NULL;
  for (uint32_t f = 1; f < n->g->nsyms; f++)
    if (n->g->sym_kind[f] == LS_SYM_FUNC && n->g->sym_name[f] &&
        fnmatch(name, n->g->sym_name[f], 0) == 0)
      return 1;
  return 0;
}

static void check(const ls_pack_site *site, const char *name, int found, ls_unmatched_fn each,
                  void *ctx) {
  if (site->file && !found) each(ctx, site, name);
}

void ls_graph_unmatched(const ls_graph *g, ls_unmatched_fn each, void *ctx) {
  const ls_catalogue *cat = g->cat;
  names n = {{0}, {0}, g};
  for (uint32_t s = 1; s < g->nsyms; s++) {
    if (!g->sym_name[s]) continue;
    if (g->sym_kind[s] == LS_SYM_FUNC) {
      ls_strmap_put(&n.funcs, g->sym_name[s], 1, NULL);
      /* "std::getline(std::basic_ifstream)" is a std::getline too */
      size_t base = ls_graph_base_name_length(g->sym_name[s]);
      if (g->sym_name[s][base]) {
        char *plain = ls_xstrndup(g->sym_name[s], base);
        ls_strmap_put(&n.funcs, plain, 1, NULL);
        free(plain);
      }
    }
    if (g->sym_kind[s] != LS_SYM_FIELD) continue;
    ls_strmap_put(&n.fields, g->sym_name[s], 1, NULL);
    char *rec = ls_key_field_name(g->sym_key[s]);
    if (rec) ls_strmap_put(&n.fields, rec, 1, NULL);
    free(rec);
  }
  for (size_t i = 0; i < cat->nregs; i++) {
    const ls_registration *r = &cat->regs[i];
    const char *name = r->function ? r->function : r->overrides ? r->overrides : r->field;
    int found = r->field ? ls_strmap_get(&n.fields, r->field) != NULL : has_function(&n, name, 0);
    check(&r->site, name, found, each, ctx);
  }
  for (size_t i = 0; i < cat->nblockers; i++) {
    const ls_blocker *b = &cat->blockers[i];
    if (b->site.file)
      check(&b->site, b->function, has_function(&n, b->function, b->is_pattern), each, ctx);
  }
  for (size_t i = 0; i < cat->nfd_helpers; i++)
    check(&cat->fd_helpers[i].site, cat->fd_helpers[i].function,
          has_function(&n, cat->fd_helpers[i].function, 0), each, ctx);
  for (size_t i = 0; i < cat->noff_loop; i++)
    check(&cat->off_loop[i].site, cat->off_loop[i].function,
          has_function(&n, cat->off_loop[i].function, 0), each, ctx);
  for (size_t i = 0; i < cat->ntrusted; i++)
    check(&cat->trusted[i].site, cat->trusted[i].function,
          has_function(&n, cat->trusted[i].function, 0), each, ctx);
  ls_strmap_free(&n.funcs);
  ls_strmap_free(&n.fields);
}
