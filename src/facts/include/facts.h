/* facts.h: the public interface of the facts stage, the seam between the
 * language front ends and the rest: what one translation unit says, as a
 * front end reads it (src/extract for C), before it is stored, and the
 * facts of a whole program as the store hands them to the graph.
 *
 * Facts are neutral: what is called and how, the arguments as written, where
 * function addresses flow, what functions return. What a flag or a value
 * means (O_NONBLOCK, WNOHANG, G_SOURCE_CONTINUE) is data in the rule packs
 * and logic in the checkers. A C++ front end fills the same records: the
 * call kinds below name virtual calls, constructors and destructors, and
 * functions carry a qualified name and a kind.
 *
 * Facts never refer to other TUs: symbols are named by stable string keys
 * and the store interns them into integer ids shared by all TUs.
 *
 * Symbol keys (the graph relies on these forms):
 *   function   its USR; for internal linkage the declaring file's absolute
 *              path is prepended ("/src/a.c|c:a.c@F@helper"), because libclang
 *              gives same-named static functions of different files one USR
 *   parameter  "P:" function key "#" index (0-based), e.g. "P:c:@F@uv_timer_start#1"
 *   variable   "V:" USR, path-qualified like functions unless externally linked
 *   field      "F:" USR, e.g. "F:c:@SA@napi_property_descriptor@FI@method"
 * Display names: functions by name, parameters "func#i", variables by name,
 * fields "record.field" (the struct tag, or the typedef name of an anonymous
 * struct).
 */
#ifndef LAGSCAN_FACTS_H
#define LAGSCAN_FACTS_H

/* The version of what extract records. It is part of every TU's input hash,
 * so bump it whenever extraction changes what it stores for the same source:
 * stored facts of another version are never reused. */
#define LS_FACTS_VERSION "lagscan-facts-22"

#include <stddef.h>
#include <stdint.h>

#include "common.h"

typedef enum ls_sym_kind {
  LS_SYM_FUNC = 1,
  LS_SYM_PARAM = 2,
  LS_SYM_VAR = 3,
  LS_SYM_FIELD = 4,
  LS_SYM_CLASS = 5  /* a C++ class (a template's instantiations are the
                       template): key "class:" and its USR, name qualified */
} ls_sym_kind;

/* What kind of function a symbol is (C functions are all LS_FN_PLAIN). */
typedef enum ls_fn_kind {
  LS_FN_PLAIN = 0,      /* a function */
  LS_FN_METHOD = 1,     /* a non-static member function */
  LS_FN_STATIC = 2,     /* a static member function */
  LS_FN_VIRTUAL = 3,    /* a virtual member function */
  LS_FN_CTOR = 4,       /* a constructor */
  LS_FN_DTOR = 5,       /* a destructor */
  LS_FN_OPERATOR = 6,   /* an overloaded or conversion operator */
  LS_FN_LAMBDA = 7      /* a lambda's call operator, a function of its own */
} ls_fn_kind;

/* How a call site names its callee. */
typedef enum ls_via_kind {
  LS_VIA_DIRECT = 0,  /* callee is a function */
  LS_VIA_FIELD = 1,   /* through a struct field: via = field key */
  LS_VIA_VAR = 2,     /* through a variable or parameter: via = its key */
  LS_VIA_OTHER = 3,   /* anything else: resolved by type */
  LS_VIA_VIRTUAL = 4, /* a virtual call: callee = the static callee; its
                         overrides (ls_fact_override) are targets too */
  LS_VIA_CTOR = 5,    /* a constructor run (a declaration, new, a temporary,
                         a member or base initialised): callee = it */
  LS_VIA_DTOR = 6     /* a destructor run (a local at scope end, delete):
                         callee = it */
} ls_via_kind;

/* What an argument expression is, as far as rules care. */
typedef enum ls_arg_kind {
  LS_ARG_OTHER = 0,
  LS_ARG_NULL = 1,   /* a null pointer constant */
  LS_ARG_INT = 2,    /* an integer constant expression: ival, text = tokens;
                        in C++ also a std::chrono::duration constant, ival
                        in microseconds (`5ms` -> 5000) */
  LS_ARG_FUNC = 3,   /* a function designator: sym = function key */
  LS_ARG_SLOT = 4,   /* a variable, parameter or field: sym = its key */
  LS_ARG_STRING = 5, /* a string literal: text = its contents (as written,
                        quoted); a choice of two (`c ? "a" : "b"`): both,
                        '\n'-separated; also a constant initialized with one
                        (`static const char rx[] = "..."`) */
  LS_ARG_INT_VAR = 6, /* an integer variable, parameter or field: text = its
                         identity in the TU (a parameter's key, else the
                         declaration's USR) */
  LS_ARG_FLAGS = 7,   /* another integer expression that names macro-style
                         identifiers: text = them, space-separated, as written,
                         leaving out those after `~`, which it clears
                         (`flags | O_NONBLOCK` -> "O_NONBLOCK") */
  LS_ARG_INT_ADDR = 8, /* the address of an integer variable, parameter or
                          field (`&on`): text = its identity, as LS_ARG_INT_VAR */
  LS_ARG_PARAM = 9,   /* a parameter of the enclosing function that is neither
                         an integer nor a function pointer (a handle, a
                         channel), named directly: sym = the parameter */
  LS_ARG_STRING_FROM = 10, /* a local string variable whose value is that of a
                         call of function sym with the string literal text as
                         its first argument (`str = g_strconcat("key ", id,
                         NULL)`): the packs say what that tells of it */
  LS_ARG_RANGE = 11,  /* C++: an argument of a library call that ends a range
                         beginning at the first argument, or is a whole range,
                         of a constant number of elements (`a, a + 4`,
                         `arr.begin(), arr.end()` of a std::array): ival =
                         that number (src/extract/ranges.c) */
  LS_ARG_ADDR = 12,   /* the address of a variable, parameter or field of
                         another type than an integer or a function pointer
                         (`&rc_cmd`, a regex_t): text = its identity, as
                         LS_ARG_INT_VAR */
  LS_ARG_STRING_SET = 13 /* a local string variable that may hold one of
                         several values, or the value of a call with no
                         literal first argument: text = one line per value,
                         "L\t" and a literal (quoted), "B\t" a function's
                         name, '\t' and the literal its call began with, or
                         "R\t" and the name of the function whose value it
                         is (`signal = server_redirect_get_signal(...); if
                         (!signal) signal = event;`), or "F\t" and the name
                         ("record.field") of a string field it was read from
                         (also an argument that reads one: rec->signal) */
} ls_arg_kind;
/* An LS_ARG_INT_VAR that is a field read through a parameter (`w->fd`) has
 * that parameter in sym; any other has no sym. */

typedef enum ls_annot_kind {
  LS_ANNOT_LOOP = 1,
  LS_ANNOT_WORKER = 2,
  LS_ANNOT_NEXT_TICK = 3,
  LS_ANNOT_BLOCKING = 4, /* arg = rule id */
  LS_ANNOT_NONBLOCKING = 5
} ls_annot_kind;

typedef struct ls_fact_loc {
  uint32_t file;   /* index into facts.strs (a path) */
  uint32_t line, col, end_line, end_col;
} ls_fact_loc;

/* A symbol mentioned by this TU. Strings are indexes into facts.strs. */
typedef struct ls_fact_sym {
  uint32_t key, name;
  ls_sym_kind kind;
  uint32_t qname;    /* qualified name ("Store::Flush"), or NONE: the name */
  ls_fn_kind fn_kind; /* functions */
} ls_fact_sym;

/* ls_fact_func.flags */
enum {
  /* Every return statement returns a non-zero constant (G_SOURCE_CONTINUE,
   * TRUE) and there is at least one: a GLib source callback that never
   * removes itself. */
  LS_FUNC_ALWAYS_TRUE = 1
};

typedef struct ls_fact_func {
  uint32_t sym;      /* index into facts.syms */
  ls_fact_loc loc;
  int is_def;
  uint32_t type;     /* canonical function type spelling, in strs */
  uint32_t flags;    /* LS_FUNC_* */
  uint32_t ret;      /* what every return returns, when it is one identity
                        (ls_fact_call.guards' IDENTITY form), in strs; NONE */
} ls_fact_func;

/* ls_fact_call.flags */
enum {
  /* The call runs every time its function runs: it is not inside a branch
   * or loop, and no branch before it can return or jump out. */
  LS_CALL_UNCONDITIONAL = 1
};

#define LS_GUARD_NEVER "never"

typedef struct ls_fact_call {
  uint32_t caller;   /* sym index of the enclosing function */
  uint32_t callee;   /* sym index (LS_VIA_DIRECT), else UINT32_MAX */
  ls_via_kind via_kind;
  uint32_t via;      /* sym index of field/var (LS_VIA_FIELD/VAR), else UINT32_MAX */
  uint32_t fntype;   /* canonical pointee type of an indirect callee, in strs */
  ls_fact_loc loc;
  uint32_t first_arg, nargs; /* range in facts.args */
  uint32_t flags;    /* LS_CALL_* */
  uint32_t result;   /* the integer variable the call's value is stored in, by
                        identity as LS_ARG_INT_VAR (strs), else UINT32_MAX */
  uint32_t loop;     /* the outermost loop statement (for, while, do) of its
                        function that contains the call, numbered from 1 in
                        source order within the function; 0 outside loops */
  uint32_t guards;   /* the if conditions it runs under that test an integer
                        variable or a call's value against a constant, as
                        "IDENTITY OP VALUE" (`pid == 0` in the then branch,
                        `pid != 0` in the else branch; `!pid` is `== 0`),
                        outermost first, '\n'-separated (strs), or NONE.
                        IDENTITY as LS_ARG_INT_VAR, or "R:" and a function's
                        key for the value of a call to it; LS_GUARD_NEVER
                        for a branch whose condition is a constant that
                        never lets it run */
  uint32_t ends_in;  /* the function whose call ends the innermost enclosing
                        if branch that ends in a call (sym), or NONE */
  uint32_t ends_in2; /* the same for the next such branch around that one */
} ls_fact_call;

typedef struct ls_fact_arg {
  ls_arg_kind kind;
  uint32_t sym;      /* LS_ARG_FUNC / LS_ARG_SLOT, else UINT32_MAX */
  int64_t ival;      /* LS_ARG_INT */
  uint32_t text;     /* LS_ARG_INT tokens / LS_ARG_STRING contents, else UINT32_MAX */
} ls_fact_arg;

/* A function address or a slot's value flows into a slot (or escapes, when
 * dst is UINT32_MAX): assignments, initializers, arguments of direct calls. */
typedef struct ls_fact_flow {
  uint32_t src;      /* sym index: a function or a slot */
  uint32_t dst;      /* sym index of a slot, or UINT32_MAX */
  uint32_t func;     /* enclosing function sym, or UINT32_MAX at file scope */
  ls_fact_loc loc;
} ls_fact_flow;

/* A method overrides another (C++): a virtual call of `base` may run
 * `method`, when an object of `cls` (the class that declares `method`) or
 * of a class derived from it exists. */
typedef struct ls_fact_override {
  uint32_t method, base; /* sym indexes */
  uint32_t cls;          /* LS_SYM_CLASS sym index */
} ls_fact_override;

/* What the program's virtual calls are narrowed by (rapid type analysis,
 * src/graph/flows.c): a class of the program and one of its direct bases
 * (each a class the program declares, not a library's), and the classes
 * of which the TU makes objects: constructed where it builds one (a local,
 * a global, `new`, a temporary; not a base subobject), or named as a type
 * argument of a template (`std::make_shared<T>`, `std::vector<T>`,
 * `Napi::ObjectWrap<T>`), where the library builds them. */
typedef struct ls_fact_class_base {
  uint32_t cls, base; /* LS_SYM_CLASS sym indexes */
} ls_fact_class_base;

/* What a parameter (or the return value) of a function called in the TU
 * and not defined there is, when it matters for callbacks into SDKs
 * (src/graph/sdk.c): the declaration's types, as written and canonical. */
typedef enum ls_sig_kind {
  LS_SIG_FNPTR = 1,          /* a function pointer */
  LS_SIG_HANDLE = 2,         /* a pointer to a record: type names the record */
  LS_SIG_OUT_HANDLE = 3,     /* a pointer to a pointer to a record (T **out) */
  LS_SIG_RETURNS_HANDLE = 4, /* the return value points to a record (idx -1) */
  LS_SIG_NORETURN = 5        /* declared noreturn (idx -1); recorded for any
                                function called, defined here or not */
} ls_sig_kind;

typedef struct ls_fact_sig {
  uint32_t sym;      /* the function */
  int32_t idx;       /* 0-based parameter, -1 for the return value */
  ls_sig_kind kind;
  uint32_t type;     /* HANDLE kinds: the record's names, written first, then
                        canonical if different, '|'-separated
                        ("uv_loop_t|struct uv_loop_s"), in strs; else NONE */
} ls_fact_sig;

typedef struct ls_fact_annot {
  uint32_t sym;
  ls_annot_kind kind;
  uint32_t arg;      /* in strs, or UINT32_MAX */
} ls_fact_annot;

/* A loop statement (for, while, do) whose trip count is exponential in a
 * variable: its condition compares against `1 << v`, `pow(2, v)`,
 * `exp2(v)` or `ldexp(1, v)`, or tests a variable whose one assignment in
 * the function is such an expression (`rounds = 1u << cost; while
 * (rounds--)`). A constant exponent (`1 << 4`) is not one. */
typedef struct ls_fact_cost_loop {
  uint32_t func;     /* sym index of the enclosing function */
  ls_fact_loc loc;   /* from the loop's keyword to the end of its condition */
  uint32_t var;      /* the exponent as written ("cost", "ctx->log_rounds"), in strs */
} ls_fact_cost_loop;

/* An assignment or initializer of an integer variable, parameter or field
 * whose value names macro-style identifiers (`mode |= O_NONBLOCK`, `flags =
 * r | O_NONBLOCK`), is another integer variable (`c->fd = fd`, `int fd =
 * w->fd`) or a call with string literal arguments (`id = f("name")`): the descriptor modes and descriptors programs keep in variables
 * (src/checkers/descriptors.c). Only `=`, `|=` and initializers. */
typedef struct ls_fact_assign {
  uint32_t func;     /* sym index of the enclosing function, NONE at file scope */
  uint32_t var;      /* what is assigned, by identity (LS_ARG_INT_VAR form), strs */
  uint32_t names;    /* the identifiers the value names (LS_ARG_FLAGS form), or NONE */
  uint32_t src;      /* the integer variable the value is, by identity, or NONE */
  uint32_t guards;   /* the guards it runs under (ls_fact_call.guards), or NONE */
  uint32_t call;     /* the value is a call of this function (sym) with
                        string literals among its first four arguments:
                        call_text (strs) lists them, '\n'-separated, an
                        empty line for an argument that is not one (`id =
                        module_get_uniq_id_str("signals", "pidwait")`);
                        else NONE */
  uint32_t call_text;
} ls_fact_assign;

typedef struct ls_facts {
  LS_VEC(char *) strs;       /* interned strings (owned) */
  ls_strmap str_index;       /* string -> index in strs */
  LS_VEC(ls_fact_sym) syms;
  ls_strmap sym_index;       /* key -> index in syms */
  LS_VEC(ls_fact_func) funcs;
  LS_VEC(ls_fact_call) calls;
  LS_VEC(ls_fact_arg) args;
  LS_VEC(ls_fact_flow) flows;
  LS_VEC(ls_fact_annot) annots;
  LS_VEC(ls_fact_override) overrides;
  LS_VEC(ls_fact_class_base) class_bases;
  LS_VEC(uint32_t) constructed;  /* LS_SYM_CLASS syms, each once */
  LS_VEC(ls_fact_sig) sigs;  /* called, not defined here: see ls_fact_sig */
  LS_VEC(ls_fact_cost_loop) cost_loops;
  LS_VEC(ls_fact_assign) assigns;
  LS_VEC(uint32_t) includes; /* paths (strs) of every file the TU included */
  int nerrors;               /* error diagnostics */
  char *first_error;         /* "file:line:col: message" of the first error */
} ls_facts;

uint32_t ls_facts_str(ls_facts *f, const char *s);
/* Interns a symbol by key (the first mention's name and kind stay); a
 * function's qualified name is its name and its kind LS_FN_PLAIN unless
 * ls_facts_sym_qualified says otherwise. */
uint32_t ls_facts_sym(ls_facts *f, const char *key, const char *name, ls_sym_kind kind);
uint32_t ls_facts_sym_qualified(ls_facts *f, const char *key, const char *name,
                                const char *qname, ls_sym_kind kind, ls_fn_kind fn_kind);
void ls_facts_free(ls_facts *f);

/* The key forms above, made and read in one place (heap strings):
 * a parameter's key from its function's key and position; the key of an
 * externally linked C function by its name (as rule packs name APIs); and
 * "record.field" read back from a field's key ("F:c:@S@tag@FI@f" and
 * "F:c:@SA@typedef@FI@f" -> "tag.f"), or NULL when the key has no record;
 * and whether a key is that of the C function `name` with internal linkage
 * ("/abs/h.h|c:h.h@F@name": a static or static inline function, which rule
 * packs name by its bare name like any other). */
char *ls_key_param(const char *func_key, unsigned idx);
char *ls_key_c_function(const char *name);
int ls_key_is_static_c_function(const char *key, const char *name);
char *ls_key_field_name(const char *field_key);

/* ==== a program: the stored facts of a scan's TUs, joined ================ */

/* What the store hands the graph (store.h, ls_store_load_program): every
 * TU's facts with symbols and files numbered by the store, densely from 1
 * (0 is "none"), so that arrays indexed by id replace maps. Invariants: every
 * id in the records is below nsyms or nfiles; calls are in the order they
 * were stored, and each call's arguments are args[first_arg .. first_arg +
 * nargs), by position (only arguments of a kind other than LS_ARG_OTHER are
 * stored). Strings are owned by the program. */
typedef struct ls_prog_func {
  uint32_t sym, file, line;
  char *type;        /* canonical function type spelling, or NULL */
  uint32_t flags;    /* LS_FUNC_* */
  char *ret;         /* ls_fact_func.ret, or NULL */
  uint32_t tu;       /* the TU it was read from (0..ntus-1) */
} ls_prog_func;

typedef struct ls_prog_call {
  uint32_t caller, callee; /* callee: 0 unless LS_VIA_DIRECT */
  uint32_t via;            /* the field or variable called through, or 0 */
  ls_via_kind via_kind;
  char *fntype;            /* canonical pointee type of an indirect callee, or NULL */
  uint32_t file, line, col, end_line, end_col;
  uint32_t flags;          /* LS_CALL_* */
  uint32_t first_arg, nargs; /* range in args (only the stored ones) */
  uint32_t arity;          /* how many arguments the call passes */
  uint32_t tu;             /* the TU it was read from (0..ntus-1) */
  char *result;            /* ls_fact_call.result's identity, or NULL */
  uint32_t loop;           /* ls_fact_call.loop */
  char *guards;            /* ls_fact_call.guards, or NULL */
  uint32_t ends_in, ends_in2; /* ls_fact_call.ends_in, ends_in2, or 0 */
} ls_prog_call;

typedef struct ls_prog_arg {
  uint32_t idx;      /* 0-based position in the call */
  ls_arg_kind kind;
  uint32_t sym;      /* LS_ARG_FUNC / LS_ARG_SLOT, else 0 */
  int64_t ival;
  char *text;        /* LS_ARG_INT tokens / LS_ARG_STRING contents, or NULL */
} ls_prog_arg;

typedef struct ls_prog_flow {
  uint32_t src, dst; /* dst 0 when the value escapes */
  uint32_t func;     /* enclosing function, 0 at file scope */
  uint32_t file, line, col;
  uint32_t tu;       /* the TU it was read from (0..ntus-1) */
} ls_prog_flow;

typedef struct ls_prog_annot {
  uint32_t sym;
  ls_annot_kind kind;
  char *arg;         /* LS_ANNOT_BLOCKING: the rule id, else NULL */
} ls_prog_annot;

typedef struct ls_prog_override {
  uint32_t method, base; /* a virtual call of base may run method */
  uint32_t cls;          /* the class declaring method (0 when not known) */
} ls_prog_override;

typedef struct ls_prog_class_base {
  uint32_t cls, base;
} ls_prog_class_base;

typedef struct ls_prog_sig {
  uint32_t sym;
  int32_t idx;
  ls_sig_kind kind;
  char *type;        /* ls_fact_sig.type, or NULL */
} ls_prog_sig;
/* A cost loop (ls_fact_cost_loop) of a function. */
typedef struct ls_prog_cost_loop {
  uint32_t func;
  uint32_t file, line, col, end_line, end_col;
  char *var;         /* the exponent as written */
} ls_prog_cost_loop;

/* An integer assignment (ls_fact_assign). */
typedef struct ls_prog_assign {
  uint32_t func;     /* 0 at file scope */
  uint32_t tu;       /* the TU it was read from (0..ntus-1) */
  char *var;         /* identity assigned */
  char *names;       /* the identifiers the value names, or NULL */
  char *src;         /* the integer variable copied, or NULL */
  char *guards;      /* or NULL */
  uint32_t call;     /* ls_fact_assign.call, or 0 */
  char *call_text;   /* its literal arguments (quoted, '\n'-separated), or NULL */
} ls_prog_assign;

typedef struct ls_program {
  uint32_t nsyms;           /* largest symbol id + 1 */
  char **sym_key, **sym_name; /* by id (NULL for ids without a row) */
  char **sym_qname;         /* by id: qualified name, NULL when it is the name */
  uint8_t *sym_kind;        /* ls_sym_kind by id */
  uint8_t *sym_fn_kind;     /* ls_fn_kind by id */
  uint32_t ntus;            /* the scan's TUs, numbered 0..ntus-1 in the order given */
  uint32_t nfiles;          /* largest file id + 1 */
  char **file_path;         /* by id */
  LS_VEC(ls_prog_func) funcs;
  LS_VEC(ls_prog_call) calls;
  LS_VEC(ls_prog_arg) args;
  LS_VEC(ls_prog_flow) flows;
  LS_VEC(ls_prog_annot) annots;
  LS_VEC(ls_prog_override) overrides;
  LS_VEC(ls_prog_class_base) class_bases; /* several TUs may say the same */
  LS_VEC(uint32_t) constructed;           /* classes; several TUs may say the same */
  LS_VEC(ls_prog_sig) sigs;  /* several TUs may say the same */
  LS_VEC(ls_prog_cost_loop) cost_loops; /* in the order they were stored */
  LS_VEC(ls_prog_assign) assigns;       /* in the order they were stored */
} ls_program;

void ls_program_free(ls_program *p);

#endif /* LAGSCAN_FACTS_H */
