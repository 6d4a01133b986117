/* rta.c: rapid type analysis of virtual calls (internal.h).
 *
 * A virtual call runs the override of the object's dynamic class. An
 * override declared by a class of which no object can exist is not a
 * target: the classes that may have objects are those the program makes
 * objects of (facts.h, ls_fact_class_base: constructed, or named as a
 * template's type argument where a library may build them) and, through
 * the bases facts, every base of one (an object of a class that does not
 * override a method runs its base's override).
 *
 * Invariant: narrowing never leaves a virtual call with fewer targets than
 * its static callee and the overrides of classes that may have objects;
 * when no override of a call's method is of such a class, the static
 * callee alone stays if its own class may have objects (they do not
 * override it), and otherwise every override stays, as class hierarchy
 * analysis says (the objects are all made where the program does not
 * show, or the facts predate rapid type analysis).
 * The classes are the whole program's, not only those reachable from a
 * root: a class built only on a path that never runs still counts. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void ls__live_classes(builder *b) {
  const ls_program *p = b->g->prog;
  uint32_t n = b->g->nsyms;
  b->method_no_object = ls_xcalloc(n + 1, 1);
  if (!p->constructed.len) return; /* nothing known: class hierarchy analysis */
  uint8_t *live = b->class_live = ls_xcalloc(n + 1, 1);
  for (size_t i = 0; i < p->constructed.len; i++) live[p->constructed.items[i]] = 1;
  /* bases of live classes, until nothing changes (hierarchies are shallow;
   * each round marks at least one class, so it ends) */
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 0; i < p->class_bases.len; i++) {
      const ls_prog_class_base *cb = &p->class_bases.items[i];
      if (live[cb->cls] && !live[cb->base]) live[cb->base] = 1, changed = 1;
    }
  }
  for (size_t i = 0; i < p->overrides.len; i++) {
    const ls_prog_override *o = &p->overrides.items[i];
    if (o->cls && !live[o->cls]) b->method_no_object[o->method] = 1;
  }
  /* the classes by name, for the classes of methods that override nothing */
  for (uint32_t s = 1; s < n; s++)
    if (b->g->sym_kind[s] == LS_SYM_CLASS && b->g->sym_name[s])
      ls_strmap_put(&b->class_by_name, b->g->sym_name[s], s, NULL);
}

/* Whether objects of the class that declares method m may exist: its
 * class is found by the method's qualified name ("app::Sink::close" is a
 * method of app::Sink). */
static int class_has_objects(const builder *b, uint32_t m) {
  const char *name = b->g->sym_name[m];
  if (!name || !b->class_live) return 0;
  const char *last = ls_last_name_component(name);
  if (last < name + 2) return 0;
  char *cls = ls_xstrndup(name, (size_t)(last - name - 2));
  int64_t *v = ls_strmap_get(&b->class_by_name, cls);
  free(cls);
  return v && b->class_live[*v];
}

void ls__narrow_overriders(builder *b, size_t first) {
  ls_graph *g = b->g;
  size_t kept = 0;
  for (size_t t = first + 1; t < g->targets.len; t++) kept += !b->method_no_object[g->targets.items[t]];
  if (!kept) {
    /* no override of a class with objects: the callee's own class's, or
     * nothing is known */
    if (class_has_objects(b, g->targets.items[first])) g->targets.len = first + 1;
    return;
  }
  size_t out = first + 1;
  for (size_t t = first + 1; t < g->targets.len; t++)
    if (!b->method_no_object[g->targets.items[t]]) g->targets.items[out++] = g->targets.items[t];
  g->targets.len = out;
}
