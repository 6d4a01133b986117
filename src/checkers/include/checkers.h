/* checkers.h: the public interface of the checkers stage. Each checker is
 * one file that reads the whole-program graph and reports hits: a call
 * site (or another place in a function, such as a loop), a rule, a
 * message, and whether the finding shows the path from a loop root. All checkers are descriptors in one table (registry.c), run
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

/* A place in a function that is not a call: a loop statement. */
typedef struct ls_hit_site {
  uint32_t func;        /* the function it is in (sym id) */
  uint32_t file, line, col, end_line, end_col;
} ls_hit_site;

typedef struct ls_hit {
  uint32_t call;        /* index in the graph's calls: where the finding is;
                           LS_NO_INDEX when it is `site` */
  const char *rule_id;  /* a rule of the table (rules.h) or a pack's rule */
  char *message;        /* heap; the receiver takes it */
  const char *callee;   /* the function (or API) the finding names */
  int with_path;        /* 1: the shortest path from a loop root (to the
                           call's function, or site.func); 0: the place alone */
  ls_hit_site site;     /* when call is LS_NO_INDEX */
  uint32_t via_call;    /* with_path: the call that enters the hit's function
                           on its path (the path is the shortest to that
                           call's caller, then it), when only some callers
                           make the hit (a descriptor parameter that some
                           pass non-blocking); LS_NO_INDEX: the shortest path */
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
