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
  uint32_t tu;        /* the call's TU, for descriptor modes */
  uint32_t arity;     /* how many arguments the call passes */
} ls_call_args;

/* Which descriptors are non-blocking (descriptors.c). */
typedef struct ls_fd_modes {
  ls_strmap nonblocking; /* "TU\tidentity" of each non-blocking descriptor */
} ls_fd_modes;

void ls_fd_modes_build(const ls_graph *g, ls_fd_modes *m);
/* Whether the descriptor `identity` (LS_ARG_INT_VAR text) of TU `tu` is
 * non-blocking. */
int ls_fd_nonblocking(const ls_fd_modes *m, uint32_t tu, const char *identity);
/* The position of the parameter an identity names ("P:", function `func`'s
 * key, '#', the position; facts.h's LS_ARG_INT_VAR of a parameter), or -1
 * when it names none of func's. */
int ls_param_position(const ls_graph *g, uint32_t func, const char *identity);
void ls_fd_modes_free(ls_fd_modes *m);
/* "TU\tidentity" for an identity of TU `tu` (facts.h, LS_ARG_INT_VAR):
 * a parameter, a field and an external variable are one object in the
 * whole program ("*" for the TU), a static or a local is its TU's. Heap. */
char *ls_identity_key(uint32_t tu, const char *identity);

/* Regular expressions compiled only from fixed patterns (patterns.c): by
 * "COMPILER\tidentity key", FIXED or NOT_FIXED; filled per compiler on
 * first use. Zero-initialize. */
typedef struct ls_fixed_patterns {
  ls_strmap state;
  ls_strmap compilers; /* the compilers read */
} ls_fixed_patterns;

/* Whether the expression at the address `identity` (LS_ARG_ADDR text) of
 * TU `tu` is compiled, by every call of `by` on it, from a literal pattern
 * without back-references. */
int ls_pattern_fixed(const ls_graph *g, ls_fixed_patterns *fp, const char *by, uint32_t tu,
                     const char *identity);
void ls_fixed_patterns_free(ls_fixed_patterns *fp);

/* Whether registration `r` names the slot `slot`: an API's argument by its
 * display name ("event_new#3", also a static function of that name) or a
 * field as "record.field". */
int ls_registration_names_slot(const ls_graph *g, const ls_registration *r, uint32_t slot);

/* The constant arguments of call `call_index` (graph and program calls are
 * the same array, index for index), by position. */
void ls_call_args_of(const ls_graph *g, uint32_t call_index, ls_call_args *out);
/* Whether the blocker's conditions let this call block; `modes` says which
 * descriptors are non-blocking (NULL: none is). */
int ls_conditions_hold(const ls_blocker *b, const ls_call_args *args, const ls_fd_modes *modes);
/* "3 passes (t_cost), 65536 KiB (m_cost)": the costs that are constants
 * (heap), or NULL. */
char *ls_cost_text(const ls_blocker *b, const ls_call_args *args);

#endif /* LAGSCAN_CHECKERS_ARGS_H */
