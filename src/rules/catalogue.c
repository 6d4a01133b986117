/* catalogue.c: the blocking catalogue's lookups and ownership (rules.h):
 * which blockers a function name has (by hash; `match:` patterns for names
 * with no entry), a rule's description, and freeing. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

cat_priv *ls__priv_of(ls_catalogue *cat) {
  if (!cat->priv) cat->priv = ls_xcalloc(1, sizeof(cat_priv));
  return cat->priv;
}

const char *ls__own(ls_catalogue *cat, const char *s) {
  if (!s) return NULL;
  cat_priv *p = ls__priv_of(cat);
  char *copy = ls_xstrdup(s);
  LS_VEC_PUSH(&p->strings, copy);
  return copy;
}

static void index_free(cat_priv *p) {
  ls_strmap_free(&p->index);
  free(p->group_items);
  free(p->group_start);
  free(p->patterns);
  p->group_items = NULL;
  p->group_start = NULL;
  p->patterns = NULL;
  p->ngroups = 0;
}

void ls__index_build(ls_catalogue *cat) {
  cat_priv *p = ls__priv_of(cat);
  index_free(p);
  size_t *group_of = ls_xcalloc(cat->nblockers + 1, sizeof(size_t));
  p->patterns = ls_xcalloc(cat->nblockers + 1, sizeof(ls_blocker *));
  p->npatterns = 0;
  for (size_t i = 0; i < cat->nblockers; i++) {
    if (cat->blockers[i].is_pattern) {
      p->patterns[p->npatterns++] = &cat->blockers[i];
      group_of[i] = SIZE_MAX;
      continue;
    }
    int inserted = 0;
    int64_t *g = ls_strmap_put(&p->index, cat->blockers[i].function, (int64_t)p->ngroups, &inserted);
    if (inserted) p->ngroups++;
    group_of[i] = (size_t)*g;
  }
  p->group_start = ls_xcalloc(p->ngroups + 1, sizeof(size_t));
  for (size_t i = 0; i < cat->nblockers; i++)
    if (group_of[i] != SIZE_MAX) p->group_start[group_of[i] + 1]++;
  for (size_t g = 0; g < p->ngroups; g++) p->group_start[g + 1] += p->group_start[g];
  p->group_items = ls_xcalloc(cat->nblockers + 1, sizeof(ls_blocker *));
  size_t *fill = ls_xcalloc(p->ngroups + 1, sizeof(size_t));
  for (size_t i = 0; i < cat->nblockers; i++) {
    size_t g = group_of[i];
    if (g != SIZE_MAX) p->group_items[p->group_start[g] + fill[g]++] = &cat->blockers[i];
  }
  free(fill);
  free(group_of);
}

const ls_blocker *const *ls_catalogue_blockers(const ls_catalogue *cat, const char *name,
                                               size_t *count) {
  *count = 0;
  const cat_priv *p = cat->priv;
  if (!p || !name) return NULL;
  int64_t *g = ls_strmap_get(&p->index, name);
  if (!g) {
    for (size_t i = 0; i < p->npatterns; i++)
      if (fnmatch(p->patterns[i]->function, name, 0) == 0) {
        *count = 1;
        return &p->patterns[i];
      }
    return NULL;
  }
  *count = p->group_start[*g + 1] - p->group_start[*g];
  return p->group_items + p->group_start[*g];
}

const ls_rule_info *ls_catalogue_rule(const ls_catalogue *cat, const char *id) {
  if (!id) return NULL;
  for (size_t i = 0; i < cat->nrules; i++)
    if (strcmp(cat->rules[i].id, id) == 0) return &cat->rules[i];
  return NULL;
}

void ls_catalogue_free(ls_catalogue *cat) {
  if (!cat) return;
  cat_priv *p = cat->priv;
  for (size_t i = 0; i < cat->nblockers; i++) free(cat->blockers[i].conds);
  free(cat->blockers);
  free(cat->regs);
  free(cat->rules);
  free(cat->nonblocking_flags);
  free(cat->fd_setters);
  free(cat->fd_helpers);
  free(cat->off_loop);
  free(cat->trusted);
  free(cat->loop_waits);
  free(cat->loop_functions);
  free(cat->handle_types);
  free(cat->handle_library);
  free(cat->not_on_loop);
  free(cat->fork_functions);
  free(cat->dispatch);
  free(cat->library_files);
  free(cat->exit_functions);
  if (p) {
    for (size_t i = 0; i < p->strings.len; i++) free(p->strings.items[i]);
    LS_VEC_FREE(&p->strings);
    for (size_t i = 0; i < p->tag_lists.len; i++) free(p->tag_lists.items[i]);
    LS_VEC_FREE(&p->tag_lists);
    index_free(p);
    free(p);
  }
  memset(cat, 0, sizeof *cat);
}

