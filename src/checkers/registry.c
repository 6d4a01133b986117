/* registry.c: the checkers, in the order they run (checkers.h). The order
 * is part of the output: a site reported by two checkers under one rule is
 * reported once, by the first. */
#include "checkers.h"

extern const ls_checker ls_checker_blocking;  /* blocking.c */
extern const ls_checker ls_checker_next_tick; /* next_tick.c */
extern const ls_checker ls_checker_hot_loop;  /* hot_loop.c */
extern const ls_checker ls_checker_cpu_loop;  /* cpu_loop.c */

static const ls_checker *const table[] = {
    &ls_checker_blocking,
    &ls_checker_next_tick,
    &ls_checker_hot_loop,
    &ls_checker_cpu_loop,
};

const ls_checker *const *ls_checkers(size_t *n) {
  *n = sizeof table / sizeof table[0];
  return table;
}
