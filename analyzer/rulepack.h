/* rulepack.h: the blocking catalogue, loaded from YAML rule packs.
 * This file is private to analyzer/.
 *
 * A rule pack (a .yml file under rules/, format in docs/rule-packs.md)
 * lists, as data:
 *   - registration APIs: a function and the index of its callback argument,
 *     or a struct field, with the context the callback runs in;
 *   - blocking functions, each with its rule id, a description of what blocks
 *     and for how long, optional argument conditions and an optional cost
 *     argument;
 * rules/rules.yml describes the rules themselves (ls_rule_info).
 *
 * Invariant: every string in an ls_catalogue is owned by the catalogue and
 * lives until ls_catalogue_free(); lookups never allocate.
 */
#ifndef LAGSCAN_RULEPACK_H
#define LAGSCAN_RULEPACK_H

#include <stddef.h>
#include "analyzer.h"

typedef enum ls_context {
  LS_CTX_LOOP = 1,   /* the callback runs on the loop thread */
  LS_CTX_WORKER,     /* the callback runs off the loop (pool, thread) */
  LS_CTX_NEXT_TICK   /* queued on a queue that drains before I/O resumes */
} ls_context;

/* How a callback keeps its registration alive, for hot-loop checks
 * (next-tick-recursion): a callback that re-arms itself unconditionally, or
 * that always asks to be called again, never lets the loop sleep. */
typedef enum ls_rearm {
  LS_REARM_NONE = 0,
  LS_REARM_ALWAYS,      /* re-registering itself from its own callback
                           (uv_idle_start, g_idle_add) */
  LS_REARM_ZERO_DELAY,  /* the same, with a constant 0 delay in rearm_delay_arg
                           (uv_timer_start(h, cb, 0, 0)) */
  LS_REARM_RETURNS_TRUE /* the callback is called again while it returns
                           non-zero (GLib sources: G_SOURCE_CONTINUE) */
} ls_rearm;

typedef struct ls_registration {
  const char *function; /* API name ("uv_timer_start"), or NULL for a field */
  int arg;              /* 0-based index of the callback argument */
  const char *field;    /* "napi_property_descriptor.method", or NULL */
  ls_context context;
  const char *pack;     /* name of the pack it came from */
  ls_rearm rearm;
  int rearm_delay_arg;  /* LS_REARM_ZERO_DELAY: 0-based index of the delay */
} ls_registration;

typedef enum ls_cond_kind {
  LS_COND_WHEN_NULL,     /* blocking only when arg is a NULL constant */
  LS_COND_UNLESS_FLAG,   /* not blocking when arg contains flag (by name) */
  LS_COND_UNLESS_AT_MOST, /* not blocking when arg is a constant <= at_most */
  LS_COND_WHEN_FLAG,     /* blocking only when arg contains flag (F_SETLKW) */
  LS_COND_UNLESS_LITERAL, /* not blocking when arg is a string literal */
  LS_COND_UNLESS_NONBLOCKING /* not blocking on a descriptor made O_NONBLOCK in view */
} ls_cond_kind;

typedef struct ls_condition {
  ls_cond_kind kind;
  int arg;              /* 0-based argument index */
  const char *flag;     /* *_FLAG: macro name, e.g. "WNOHANG" */
  long long at_most;    /* LS_COND_UNLESS_AT_MOST */
} ls_condition;

typedef enum ls_cost_format {
  LS_COST_NONE = 0,
  LS_COST_NUMBER,       /* the argument is an integer constant: "100000 iterations" */
  LS_COST_BCRYPT_SALT   /* the argument is a string literal "$2b$NN$...": "cost NN" */
} ls_cost_format;

/* One constant argument shown in the message: "100000 iterations". */
typedef struct ls_cost {
  ls_cost_format format;
  int arg;              /* 0-based */
  const char *unit;     /* "iterations" */
} ls_cost;

#define LS_MAX_COSTS 3

typedef struct ls_blocker {
  const char *function; /* "PKCS5_PBKDF2_HMAC", or with is_pattern an
                           fnmatch(3) pattern ("g_dbus_*_sync") */
  int is_pattern;       /* `match:` instead of `function:` */
  const char *rule_id;  /* "sync-crypto" */
  const char *what;     /* "derives a key with PBKDF2" */
  const char *duration; /* "tens to hundreds of ms per call at common iteration counts" */
  ls_condition *conds;  /* all must allow blocking for the call to count */
  size_t nconds;
  ls_cost costs[LS_MAX_COSTS]; /* shown when their arguments are constants */
  size_t ncosts;
  const char *pack;
} ls_blocker;

typedef struct ls_catalogue {
  ls_registration *regs;
  size_t nregs;
  ls_blocker *blockers;
  size_t nblockers;
  ls_rule_info *rules;  /* from rules.yml, in file order */
  size_t nrules;
  void *priv;           /* string arena and lookup tables */
} ls_catalogue;

/* Loads every *.yml in `dir` (rules.yml first), in name order. Returns 0, or
 * -1 with *err set to a malloc'ed message naming the file, line and column. */
int ls_catalogue_load_dir(ls_catalogue *cat, const char *dir, char **err);

/* Loads one more pack (--rules FILE). Same return convention. */
int ls_catalogue_load_file(ls_catalogue *cat, const char *path, char **err);

/* The blockers for function `name`, in load order: *count gets how many
 * (0 and NULL when none). Lookup is by hash, O(1); only a name with no
 * exact entry is tried against the `match:` patterns, in load order, and
 * the first that matches is its one blocker. */
const ls_blocker *const *ls_catalogue_blockers(const ls_catalogue *cat,
                                               const char *name, size_t *count);

/* The rule with this id, or NULL. */
const ls_rule_info *ls_catalogue_rule(const ls_catalogue *cat, const char *id);

/* Whether `id` is one of the rule ids DESIGN.md defines. */
int ls_rule_id_known(const char *id);

void ls_catalogue_free(ls_catalogue *cat);

#endif /* LAGSCAN_RULEPACK_H */
