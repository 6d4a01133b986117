/* checkers.h: the public interface of the checkers stage. Each checker is
 * one file that reads the whole-program graph and reports hits: a call
 * site, a rule, a message, and whether the finding shows the path from a
 * loop root. All checkers are descriptors in one table (registry.c), run
 * in its order; the findings stage turns each hit into a finding (path,
 * fingerprint, suppressions, exclusions, one per site and rule).
 *
 * A new checker is one file here and one line in registry.c. What a
 * checker knows of APIs comes from the rule packs (the catalogue in the
 * graph); what it decides is its own logic.
 */
#ifndef LAGSCAN_CHECKERS_H
#define LAGSCAN_CHECKERS_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"

typedef struct ls_hit {
  uint32_t call;        /* index in the graph's calls: where the finding is */
  const char *rule_id;  /* a rule of the table (rules.h) or a pack's rule */
  char *message;        /* heap; the receiver takes it */
  const char *callee;   /* the function (or API) the finding names */
  int with_path;        /* 1: the shortest path from a loop root; 0: the call alone */
} ls_hit;

/* Receives a hit; takes hit->message. */
typedef void (*ls_hit_fn)(void *ctx, ls_hit *hit);

typedef struct ls_checker {
  const char *name;     /* "blocking-call" */
  const char *what;     /* one line: what it finds */
  void (*run)(const ls_graph *g, ls_hit_fn emit, void *ctx);
} ls_checker;

/* The checkers, in the order they run. */
const ls_checker *const *ls_checkers(size_t *n);

#endif /* LAGSCAN_CHECKERS_H */
