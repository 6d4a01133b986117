/* catalogue.h: the private part of a catalogue, shared by the pack reader
 * (rulepack.c) and the lookups (catalogue.c). This file is private to
 * src/rules.
 *
 * Invariant: after every successful load, the lookup index (function name
 * -> blockers) covers exactly cat->blockers; the index holds pointers into
 * that array, so it is rebuilt whenever the array may have moved.
 */
#ifndef LAGSCAN_RULES_CATALOGUE_H
#define LAGSCAN_RULES_CATALOGUE_H

#include "rules.h"

/* Private part of a catalogue. */
typedef struct cat_priv {
  LS_VEC(char *) strings;          /* every string the catalogue owns */
  LS_VEC(const char **) tag_lists; /* every rules[i].tags array */
  ls_strmap index;                 /* function name -> group number */
  const ls_blocker **group_items;  /* blockers of all groups, back to back */
  const ls_blocker **patterns;     /* `match:` blockers, in load order */
  size_t npatterns;
  size_t *group_start;             /* group g: group_items[start[g]..start[g+1]) */
  size_t ngroups;
} cat_priv;

/* The catalogue's private part, created on first use. */
cat_priv *ls__priv_of(ls_catalogue *cat);
/* A copy of s that the catalogue owns (NULL for NULL). */
const char *ls__own(ls_catalogue *cat, const char *s);
/* Loads one pack (rulepack.c); `own`: a pack of one's own, whose entries'
 * sites name `path` (ls_catalogue_load_file), else a default pack's. */
int ls__load_pack(ls_catalogue *cat, const char *path, int own, char **err);
/* Rebuilds name -> blockers; each name's blockers stay in load order. */
void ls__index_build(ls_catalogue *cat);

#endif /* LAGSCAN_RULES_CATALOGUE_H */
