/* rules.h: the public interface of the rules stage, what lagscan looks for
 * as data: the rule table (every rule id, in one place), the rule packs
 * (registration APIs, blocking functions, descriptor modes, functions run
 * off the loop or trusted; YAML under rules/), and the
 * project configuration (.lagscan.yml). Nothing here needs libclang or
 * SQLite.
 */
#ifndef LAGSCAN_RULES_H
#define LAGSCAN_RULES_H

#include <stddef.h>

#include "common.h"

/* ==== the rule table ===================================================== */

/* Every rule lagscan knows, in rules/rules.yml's order: the ids of SARIF
 * ruleId, NOLAGSCAN(rule), `disable:` and the packs' `rule:` keys. This is
 * the only place in C where a rule id is spelled; code names a rule by its
 * enum and gets the id from ls_rule_id(). rules/rules.yml describes each
 * one (ls_rule_info): an entry there with an id not in the table is refused
 * at load, and a test checks that the shipped file describes every rule. */
#define LS_RULE_TABLE(X)                                                       \
  X(SYNC_FS, "sync-fs")                                                        \
  X(SYNC_CRYPTO, "sync-crypto")                                                \
  X(SLEEP, "sleep")                                                            \
  X(SYNC_DNS, "sync-dns")                                                      \
  X(SYNC_NET, "sync-net")                                                      \
  X(SYNC_PROCESS, "sync-process")                                              \
  X(THREAD_WAIT, "thread-wait")                                                \
  X(SYNC_DB, "sync-db")                                                        \
  X(SYNC_COMPRESS, "sync-compress")                                            \
  X(UNBOUNDED_PARSE, "unbounded-parse")                                        \
  X(SYNC_REGEX, "sync-regex")                                                  \
  X(UNBOUNDED_SORT, "unbounded-sort")                                          \
  X(NEXT_TICK_RECURSION, "next-tick-recursion")                                \
  X(CPU_LOOP, "cpu-loop")

typedef enum ls_rule {
  LS_RULE_UNKNOWN = -1,
#define LS_RULE_ENUM(name, id) LS_RULE_##name,
  LS_RULE_TABLE(LS_RULE_ENUM)
#undef LS_RULE_ENUM
  LS_RULE_COUNT
} ls_rule;

/* What a `lagscan::blocking` annotation that names no rule means: the
 * documented default, file I/O. */
#define LS_RULE_DEFAULT_BLOCKING LS_RULE_SYNC_FS

/* The id of a rule ("sync-fs"); rule must be a table entry. */
const char *ls_rule_id(ls_rule rule);
/* The rule with this id, or LS_RULE_UNKNOWN. */
ls_rule ls_rule_lookup(const char *id);
/* Whether `id` is one of the table's ids. */
int ls_rule_id_known(const char *id);

/* ==== configuration ===================================================== */

/* the project configuration file, `.lagscan.yml`.
 *
 * A project puts a `.lagscan.yml` at its root (ls_project_root; or names
 * one with --config). It holds what a team wants every run to share:
 *
 *   sort_bound: 64              # unbounded-sort: constant counts up to this are fine
 *   rules: [tools/our-loop.yml] # more rule packs, relative to the config file
 *   exclude: [third_party/, "*_test.c"]  # no findings in these files
 *   disable: [sleep]            # no findings of these rules
 *   overrides:                  # rules disabled in some files only
 *     - paths: [tests/, "*_test.c"]
 *       disable: [sleep, sync-fs]
 *
 * Invariant: every string in an ls_config is owned by it until
 * ls_config_free().
 */



#define LS_DEFAULT_SORT_BOUND 64
#define LS_CONFIG_FILE ".lagscan.yml"

/* One entry of `overrides:`: rules disabled in the files its paths match
 * (the patterns of `exclude:`). */
typedef struct ls_config_override {
  char **paths;         /* "dir/" prefixes or fnmatch(3) globs */
  size_t npaths;
  char **disable;       /* rule ids of the table, checked at load */
  size_t ndisable;
} ls_config_override;

typedef struct ls_config {
  long long sort_bound; /* LS_DEFAULT_SORT_BOUND unless set */
  char **rules;         /* absolute or relative to the cwd (resolved against
                           the config file's directory when loaded) */
  size_t nrules;
  char **exclude;       /* patterns: "dir/" prefixes or fnmatch(3) globs,
                           matched against paths relative to the srcroot */
  size_t nexclude;
  char **disable;       /* `disable:` rule ids of the table (checked at load):
                           no findings of these rules anywhere */
  size_t ndisable;
  ls_config_override *overrides; /* `overrides:`, in the file's order */
  size_t noverrides;
  char *path;           /* the file read, or NULL when none was */
} ls_config;

/* Reads `path`; when path is NULL, reads LS_CONFIG_FILE in the current
 * directory if it exists (its absence is not an error). Returns 0, or -1
 * with *err naming the file, line and column. On error *cfg holds the
 * defaults. */
int ls_config_load(const char *path, ls_config *cfg, char **err);

/* Whether findings in `relpath` (relative to the srcroot, or absolute when
 * outside it) are excluded. */
int ls_config_excluded(const ls_config *cfg, const char *relpath);

/* Reads the project's configuration: `path` (--config, relative to the
 * current directory) when given, else ROOT/.lagscan.yml if it exists. */
int ls_config_load_root(const char *path, const char *root, ls_config *cfg, char **err);

/* Whether findings of rule `rule_id` in `relpath` (as ls_config_excluded)
 * are disabled: by `disable:`, or by an override whose paths match relpath.
 * relpath NULL asks about `disable:` alone. */
int ls_config_disabled(const ls_config *cfg, const char *rule_id, const char *relpath);

/* Whether any override disables `rule_id` (for `lagscan rules`). */
int ls_config_disabled_somewhere(const ls_config *cfg, const char *rule_id);

void ls_config_free(ls_config *cfg);

/* The project root (an absolute, real path, heap) that the default
 * database, report paths, SARIF's %SRCROOT%, fingerprints and the
 * configuration are relative to: `forced` (--root DIR) when given, which
 * must be a directory; else the nearest directory from the current one
 * upward that holds LS_CONFIG_FILE; else the top of the git work tree
 * around it (the nearest with a `.git`); else the current directory.
 * Returns 0, or -1 with *err naming the directory. */
int ls_project_root(const char *forced, char **root, char **err);

struct ls_catalogue;
/* What the configuration changes in the loaded catalogue: sort_bound
 * becomes the bound of every unbounded-sort condition. */
void ls_config_apply(const ls_config *cfg, struct ls_catalogue *cat);


/* What a rule is, for `lagscan rules`, `lagscan explain` and SARIF. */
typedef struct ls_rule_info {
  const char *id;            /* "sync-fs" */
  const char *name;          /* "SynchronousFileIo" (SARIF reportingDescriptor.name) */
  const char *short_desc;    /* one line */
  const char *full_desc;     /* a paragraph */
  const char *help_text;     /* plain text: what blocks, why, the alternative */
  const char *help_markdown; /* the same in markdown, with an example */
  const char *level;         /* "warning" or "error" or "note" */
  const char *precision;     /* "high", "medium", "low" */
  const char *severity;      /* problem.severity: "warning", "error", "recommendation" */
  const char **tags;
  size_t ntags;
} ls_rule_info;

/* ==== rule packs ======================================================== */

/* the blocking catalogue, loaded from YAML rule packs.
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

/* Where a pack entry is written: the pack file as it was named (--rules
 * FILE, or a `rules:` of .lagscan.yml) and the 1-based line of the name (or
 * of the entry, for a field). `file` is NULL for the default packs' entries:
 * they describe libraries a program need not use, so that they match
 * nothing is no news. */
typedef struct ls_pack_site {
  const char *file;
  unsigned line;
} ls_pack_site;

typedef struct ls_registration {
  const char *function; /* API name ("uv_timer_start"), or NULL for a field */
  int arg;              /* 0-based index of the callback argument */
  const char *field;    /* "napi_property_descriptor.method", or NULL */
  const char *overrides; /* C++: a virtual method ("Napi::AsyncWorker::Execute")
                           whose overrides in the program run in `context`
                           (and it too, when the program defines it), or NULL */
  ls_context context;
  const char *pack;     /* name of the pack it came from */
  ls_rearm rearm;
  int rearm_delay_arg;  /* LS_REARM_ZERO_DELAY: 0-based index of the delay */
  int ready_fd;         /* the callback's parameter (0-based) that holds the
                           descriptor the loop found ready, or -1: one read
                           on it in the callback returns at once */
  const char *ready_field; /* with ready_fd: the parameter points to a record
                           whose field of this name is the descriptor (libev's
                           `w->fd`), or NULL */
  const char *ready_getter; /* with ready_fd: the descriptor is what this
                           function returns for the parameter
                           (g_io_channel_unix_get_fd(source)), or NULL */
  int fd_arg;           /* with ready_fd and a function: the 0-based index of
                           the registration's argument that is the descriptor
                           (event_assign's fd), whose mode the callback's
                           ready_fd parameter then has, or -1 */
  const char *again;    /* LS_REARM_RETURNS_TRUE: how the library spells "call
                           me again" (G_SOURCE_CONTINUE), or NULL */
  ls_pack_site site;
} ls_registration;

/* A `dispatch:` entry: a program's own dispatch by key, such as irssi's
 * signals (`signal_add("server connected", sig_connected)`, then
 * `signal_emit("server connected", ...)`). A register function stores the
 * callback under the string key; an emit function runs the callbacks
 * stored under its key, and no others (src/graph/dispatch.c). */
typedef struct ls_dispatch {
  const char *function;  /* the register, emit, builder or lookup function */
  int emit;              /* 1: emits; 0: registers (or builds) */
  int builder;           /* 1: a function whose value starts with its first
                            argument (g_strconcat), so a key made with it
                            from a literal is known to start with that */
  int format;            /* builder: the first argument is a printf format,
                            known up to its first '%' (g_strdup_printf) */
  int key_arg;           /* 0-based: the key (a string literal where known) */
  int callback_arg;      /* register: 0-based, the callback */
  const char *key_prefix; /* register: prepended to the key ("command "), or NULL */
  const char *key_from;  /* register, emit: a function that turns a string
                            into an integer key (module_get_uniq_id_str): a
                            key argument that is an integer variable
                            assigned key_from(..., "name") ("name" its
                            argument key_from_arg) is the key "name"; or NULL */
  int key_from_arg;      /* 0-based, default 0 */
  const char *table;     /* keys of one table are one name space ("" default) */
  int lookup;            /* 1: `function` returns one of the keys the calls
                            of `stored_by` pass (a program's own table of
                            names: irssi's server_redirect_get_signal returns
                            a signal given to server_redirect_event) */
  int cont;              /* 1: `function` goes on with the emit in progress
                            (irssi's signal_continue): it runs the callbacks
                            filed under the keys its caller is filed under */
  const char *stored_by; /* lookup: the function whose calls store the keys */
  int every;             /* lookup: the keys are argument key_arg and, when
                            every > 0, every every-th one after it to the end
                            of the call (variadic pairs: 2) */
  ls_pack_site site;
} ls_dispatch;

typedef enum ls_cond_kind {
  LS_COND_WHEN_NULL,     /* blocking only when arg is a NULL constant */
  LS_COND_UNLESS_FLAG,   /* not blocking when arg contains flag (by name) */
  LS_COND_UNLESS_AT_MOST, /* not blocking when arg is a constant <= at_most */
  LS_COND_WHEN_FLAG,     /* blocking only when arg contains flag (F_SETLKW) */
  LS_COND_UNLESS_LITERAL, /* not blocking when arg is a string literal */
  LS_COND_UNLESS_NONBLOCKING, /* not blocking on a descriptor made O_NONBLOCK in view */
  LS_COND_UNLESS_EQUAL,  /* not blocking when arg is the constant at_most
                            (poll's timeout 0: it only checks) */
  LS_COND_UNLESS_READY,  /* not blocking when arg is the descriptor the loop
                            found ready, read once in the callback it was
                            given to (a registration's ready_fd) */
  LS_COND_WHEN_GIVEN,    /* blocking only when the call passes argument arg
                            (std::ifstream's constructor with a file name) */
  LS_COND_UNLESS_FIXED_PATTERN /* not blocking when arg is the address of a
                            regular expression that every call of `by` on it
                            compiles from a literal pattern without
                            back-references (regexec after regcomp) */
} ls_cond_kind;

typedef struct ls_condition {
  ls_cond_kind kind;
  int arg;              /* 0-based argument index */
  const char *flag;     /* *_FLAG: macro name, e.g. "WNOHANG" */
  long long at_most;    /* LS_COND_UNLESS_AT_MOST, LS_COND_UNLESS_EQUAL */
  const char *by;       /* LS_COND_UNLESS_FIXED_PATTERN: the compiler ("regcomp") */
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
  ls_pack_site site;
} ls_blocker;

/* Descriptor modes (a pack's `descriptors:`): what makes a descriptor
 * non-blocking, as data. A call that makes its argument non-blocking: its
 * flag argument names `flag`, and, when mode_arg >= 0, its mode argument
 * names one of the non-blocking flags (fcntl(fd, F_SETFL, flags |
 * O_NONBLOCK); ioctl(fd, FIONBIO, &on) has no mode argument). */
typedef struct ls_fd_setter {
  const char *function; /* "fcntl" */
  int fd_arg;           /* 0-based: the descriptor */
  int flag_arg;         /* 0-based: the operation */
  const char *flag;     /* "F_SETFL" */
  int mode_arg;         /* 0-based, or -1 */
  const char *pack;
} ls_fd_setter;

/* A function that makes its argument `fd_arg` non-blocking, whatever else it
 * does (a pack's `descriptors: helpers:`): set_nonblock(fd), anetNonBlock(err,
 * fd). Known by name, so it counts in every translation unit, defined there,
 * in another one, or not in the program. */
typedef struct ls_fd_helper {
  const char *function; /* "anetNonBlock" */
  int fd_arg;           /* 0-based */
  const char *pack;
  ls_pack_site site;
} ls_fd_helper;

/* A function a pack's `functions:` section names: `off_loop:` (it runs only
 * off the loop: a thread's body, a child process's helper) or `nonblocking:`
 * (trusted as lagscan::nonblocking: it does not block, its body is not
 * looked into). */
typedef struct ls_named_function {
  const char *function;
  const char *pack;
  ls_pack_site site;
} ls_named_function;

/* A call that waits for readiness of a set of descriptors (a pack's
 * `event_loops: waits:`): what an event loop written in the analyzed code
 * waits in. When one_arg >= 0 and that argument is the constant 1, the call
 * waits on one descriptor and is no loop's wait (poll(&p, 1, ms)); when
 * timeout_arg >= 0 and that argument is the constant 0, the call only
 * checks and does not wait (poll(fds, n, 0)); when count_arg >= 0 and that
 * argument is the constant 0, it waits on no descriptor: a sleep
 * (select(0, NULL, NULL, NULL, &tv), poll(NULL, 0, ms)). */
typedef struct ls_loop_wait {
  const char *function; /* "epoll_wait" */
  int one_arg;          /* 0-based, or -1 */
  int timeout_arg;      /* 0-based, or -1 */
  const char *pack;
  int count_arg;        /* 0-based, or -1 (one_arg when the pack gives none) */
} ls_loop_wait;

typedef struct ls_catalogue {
  ls_registration *regs;
  size_t nregs;
  ls_blocker *blockers;
  size_t nblockers;
  ls_rule_info *rules;  /* from rules.yml, in file order */
  size_t nrules;
  /* A call given one of these flags returns a non-blocking descriptor, and
   * a setter's mode argument naming one makes its descriptor non-blocking:
   * fnmatch(3) patterns ("O_NDELAY", "*_NONBLOCK"). */
  const char **nonblocking_flags;
  size_t nnonblocking_flags;
  ls_fd_setter *fd_setters;
  size_t nfd_setters;
  ls_fd_helper *fd_helpers;   /* `descriptors: helpers:` */
  size_t nfd_helpers;
  ls_named_function *off_loop; /* `functions: off_loop:` */
  size_t noff_loop;
  ls_named_function *trusted;  /* `functions: nonblocking:` */
  size_t ntrusted;
  ls_loop_wait *loop_waits;   /* `event_loops: waits:` */
  size_t nloop_waits;
  const char **loop_functions; /* `event_loops: loops:`: loops by name */
  size_t nloop_functions;
  int loops_detect_off;       /* a pack said `event_loops: detect: false` */
  /* `loop_handles:`: loop libraries' handle types (record names, as written
   * or canonical), their own APIs (fnmatch patterns) and the functions
   * that take a handle and a callback but do not run it on the loop */
  const char **handle_types, **handle_library, **not_on_loop;
  size_t nhandle_types, nhandle_library, nnot_on_loop;
  /* `processes:`: functions that return 0 in a forked child, and functions
   * that never return (besides those declared noreturn) */
  const char **fork_functions, **exit_functions;
  size_t nfork_functions, nexit_functions;
  ls_dispatch *dispatch;      /* `dispatch:`, in load order */
  size_t ndispatch;
  /* `library_files:`: fnmatch(3) patterns of absolute paths whose function
   * bodies are a library's (node-addon-api's napi-inl.h): the graph takes
   * the functions defined there as not defined by the program, so the
   * packs describe them and paths do not go through them */
  const char **library_files;
  size_t nlibrary_files;
  void *priv;           /* string arena and lookup tables */
} ls_catalogue;

/* Whether `names` (space-separated identifiers, as facts.h's LS_ARG_INT or
 * LS_ARG_FLAGS text) names one of the catalogue's non-blocking flags. */
int ls_catalogue_names_nonblocking(const ls_catalogue *cat, const char *names);
/* The wait named `name` (the last pack's entry wins), or NULL. */
const ls_loop_wait *ls_catalogue_loop_wait(const ls_catalogue *cat, const char *name);
/* Whether a pack names `name` as an event loop function. */
int ls_catalogue_names_loop(const ls_catalogue *cat, const char *name);
/* Whether `names` (a record's names, '|'-separated, as facts.h's
 * ls_fact_sig.type) names a loop library's handle type. */
int ls_catalogue_is_handle_type(const ls_catalogue *cat, const char *names);
/* Whether function `name` is a loop library's own (`loop_handles:
 * library:`): its loop is the one its pack describes. */
int ls_catalogue_is_loop_library(const ls_catalogue *cat, const char *name);
/* Whether nothing may be assumed of function `name` as an SDK's: a loop
 * library's own API, a function a pack describes (registration or
 * blocker), or one a pack says is not on the loop. */
int ls_catalogue_assumes_nothing_of(const ls_catalogue *cat, const char *name);
/* Whether a pack lists `name` in `processes: forks:` / `exits:`. */
int ls_catalogue_is_fork(const ls_catalogue *cat, const char *name);
/* Whether an absolute path is one of the packs' library_files. */
int ls_catalogue_is_library_file(const ls_catalogue *cat, const char *path);
int ls_catalogue_is_exit(const ls_catalogue *cat, const char *name);
/* The argument that helper `name` makes non-blocking (`descriptors:
 * helpers:`; the last pack's entry wins), or -1. */
int ls_catalogue_fd_helper_arg(const ls_catalogue *cat, const char *name);
/* Whether a pack names `name` in `functions: off_loop:` / `nonblocking:`. */
int ls_catalogue_is_off_loop(const ls_catalogue *cat, const char *name);
int ls_catalogue_is_trusted(const ls_catalogue *cat, const char *name);
/* Whether `names` names the identifier `word`. */
int ls_names_have(const char *names, const char *word);

/* Loads every *.yml in `dir` (rules.yml first), in name order. Returns 0, or
 * -1 with *err set to a malloc'ed message naming the file, line and column. */
int ls_catalogue_load_dir(ls_catalogue *cat, const char *dir, char **err);

/* Loads one more pack (--rules FILE, a `rules:` of .lagscan.yml). Same
 * return convention. Its entries' sites name `path` as given, for warnings
 * about entries that match nothing (ls_pack_site); those of the packs of
 * ls_catalogue_load_dir name no file. */
int ls_catalogue_load_file(ls_catalogue *cat, const char *path, char **err);

/* The blockers for function `name`, in load order: *count gets how many
 * (0 and NULL when none). Lookup is by hash, O(1); only a name with no
 * exact entry is tried against the `match:` patterns, in load order, and
 * the first that matches is its one blocker. */
const ls_blocker *const *ls_catalogue_blockers(const ls_catalogue *cat,
                                               const char *name, size_t *count);

/* The rule with this id, or NULL. */
const ls_rule_info *ls_catalogue_rule(const ls_catalogue *cat, const char *id);


void ls_catalogue_free(ls_catalogue *cat);

/* ---- rules ------------------------------------------------------------------ */

typedef struct ls_catalogue ls_rules;

/* Loads the default rule packs and `extra` files. Returns 0 or -1 with *err. */
int ls_rules_load(char *const *extra, int nextra, ls_rules **out, char **err);
/* The rules' descriptions, in rules.yml order. */
const ls_rule_info *ls_rules_info(const ls_rules *rules, size_t *n);
void ls_rules_free(ls_rules *rules);
/* The directory the default packs are read from, the first of:
 * LAGSCAN_RULES_PATH (directories separated by ':'; the first that holds a
 * rules.yml, else the first one), LAGSCAN_RULES_DIR, the installed layout
 * <exe's dir>/../share/lagscan/rules, and the source tree's rules/. */
const char *ls_rules_dir(void);

#endif /* LAGSCAN_RULES_H */
