/* args.h: a call's constant arguments as checkers read them, and the pack
 * entries' argument conditions and costs. This file is private to
 * src/checkers. */
#ifndef LAGSCAN_CHECKERS_ARGS_H
#define LAGSCAN_CHECKERS_ARGS_H

#include "checkers.h"

#define LS_MAX_ARGS 16 /* arguments past this are never looked at */

typedef struct ls_call_args {
  int n;
  struct {
    int kind;         /* ls_arg_kind; LS_ARG_OTHER when nothing is known */
    int64_t ival;
    const char *text; /* the program's */
    uint32_t sym;     /* LS_ARG_FUNC / LS_ARG_SLOT */
  } a[LS_MAX_ARGS];
} ls_call_args;

/* The constant arguments of call `call_index` (graph and program calls are
 * the same array, index for index), by position. */
void ls_call_args_of(const ls_graph *g, uint32_t call_index, ls_call_args *out);
/* Whether the blocker's conditions let this call block. */
int ls_conditions_hold(const ls_blocker *b, const ls_call_args *args);
/* "3 passes (t_cost), 65536 KiB (m_cost)": the costs that are constants
 * (heap), or NULL. */
char *ls_cost_text(const ls_blocker *b, const ls_call_args *args);

#endif /* LAGSCAN_CHECKERS_ARGS_H */
