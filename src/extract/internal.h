/* internal.h: the C front end's shared state and its parts. This file is
 * private to src/extract.
 *
 * The front end reads one TU with libclang and records neutral facts
 * (facts.h): what is called, with which arguments as written, where
 * function addresses flow, what functions return, and the annotations.
 * What a flag or a return value means (O_NONBLOCK, WNOHANG,
 * G_SOURCE_CONTINUE) is not decided here: it is data in the rule packs and
 * logic in the checkers. The parts, one concern each:
 *   keys.c         files, locations and symbol keys
 *   annotations.c  lagscan annotations on functions, parameters and fields
 *   expr.c         what an expression denotes (classify) and argument facts
 *   walk.c         function bodies: calls, assignments, returns, control flow
 *   init.c         initializers and variable declarations
 *   cost.c         loops whose trip count is exponential in a variable
 *   guards.c       the conditions a call runs under, how branches end
 *   strings.c      what a local string variable was made from (for keys)
 *   cxx.c          C++: methods, lambdas, qualified names, callees (virtual,
 *                  constructors, library callables)
 *   templates.c    C++ templates: template parameters and arguments,
 *                  unresolved names, dependent member calls
 *   specials.c     C++ destructors, base initializers, durations
 *   tu.c           one translation unit: parse, walk, includes, diagnostics
 *
 * The walk is top-down: handlers for calls, assignments and initializers
 * classify their operand expressions themselves, so a function designator
 * reached by the generic walk is one whose address escapes somewhere not
 * modelled (it is still recorded, as address-taken). Bodies in system
 * headers are not walked: they are libraries' inline code, not the program
 * under analysis.
 */
#ifndef LAGSCAN_EXTRACT_INTERNAL_H
#define LAGSCAN_EXTRACT_INTERNAL_H

#include <clang-c/Index.h>
#include <limits.h>

#include "extract.h"

#define NONE UINT32_MAX /* facts.h: no symbol, no string */

typedef struct file_cache_entry {
  CXFile file;
  uint32_t path; /* strs index */
} file_cache_entry;

/* A call whose value is stored in an integer variable (`fd = socket(...)`,
 * `int fd = accept4(...)`): noted where the assignment is seen, attached to
 * the call's fact when the walk reaches the call. */
typedef struct pending_result {
  CXCursor call;
  uint32_t identity; /* strs index */
} pending_result;

/* What the current function assigns to one of its variables, for cost
 * loops (cost.c): `rounds = 1u << cost` once and nothing else makes rounds
 * an exponential bound; `i <<= 1` makes i a counter that doubles. The
 * values are kept as cursors and read only for a variable that bounds a
 * loop. */
#define COST_MAX_DEFS 4
typedef struct cost_var {
  char key[48];       /* the declaration, "file:offset" */
  unsigned defs;      /* initializers and `=` assignments */
  unsigned shifts;    /* `<<=` by a non-constant */
  unsigned scaled;    /* *=, /=, >>=, %=, &=, |=, ^=, `<<=` by a constant */
  unsigned escapes;   /* &v: assigned where the walk cannot see */
  CXCursor def[COST_MAX_DEFS]; /* the values of the first defs */
  CXCursor shift;     /* the amount of the `<<=` */
} cost_var;

/* strings.c: what a local string variable may hold, one of up to
 * LS_STRING_ALTS alternatives, each assigned before the use: a literal
 * (from NONE, text the literal, or two of a choice), the value of a call
 * of function `from` whose first argument is the literal `text` (a
 * builder: g_strconcat("key ", ...)), or the value of a call of function
 * `from` with no literal first (text NONE: what that function returns is
 * the packs' business). `unknown` once it was assigned anything else, or
 * more alternatives than fit. */
#define LS_STRING_ALTS 4
typedef struct string_alt {
  uint32_t from, text;
} string_alt;

typedef struct string_def {
  string_alt alt[LS_STRING_ALTS];
  int n;
  int unknown;
} string_def;

/* implicit.c: a constructor or destructor the compiler writes, to be
 * written out as function `sym` of class `rec`. */
typedef struct implicit_special {
  uint32_t sym;
  CXCursor rec;
  int ctor;
} implicit_special;

typedef struct extractor {
  ls_facts *f;
  CXTranslationUnit tu;
  int cxx;                         /* a C++ TU (cxx.c) */
  uint32_t cur_func;               /* sym index, NONE at file scope */
  LS_VEC(file_cache_entry) files;  /* CXFile -> absolute path (few per TU) */
  CXFile last_file;                /* one-entry cache in front of `files` */
  uint32_t last_path;
  char cwd[PATH_MAX];
  /* Control flow in the current function: how many branches or loops
   * enclose the cursor being visited, whether a return/goto/break inside a
   * branch came before it, and what the returns return. */
  unsigned branch_depth;
  unsigned loop_depth, nloops;     /* loops enclosing the cursor; loops begun */
  uint32_t cur_loop;               /* the outermost enclosing loop's number, 0 */
  int exit_in_branch_seen;
  unsigned returns_true, returns_other;
  LS_VEC(pending_result) results;
  LS_VEC(uint8_t) sig_seen;        /* by sym index: signature looked at */
  LS_VEC(uint8_t) class_marks;     /* classes.c: by sym index, what was noted */
  uint32_t class_now;              /* classes.c: the class whose bases are read */
  LS_VEC(implicit_special) implicit_specials; /* implicit.c: to write out */
  ls_strmap special_memo;          /* implicit.c: what building or destroying a class does */
  /* guards.c: the guards of the branches around the cursor (strs), the
   * calls the branches around it end in (sym or NONE), and what the
   * function's returns return (NONE, or UINT32_MAX - 1 when they differ) */
  LS_VEC(uint32_t) guard_stack;
  LS_VEC(uint32_t) ends_stack;
  uint32_t ret_identity;

  /* cost.c: the current function, and what it assigns to each variable
   * (declaration "file:offset" -> index in cost_vars), gathered at its
   * first loop */
  CXCursor func_cursor;
  int cost_vars_ready;
  ls_strmap cost_var_index;
  ls_strmap string_def_index;      /* strings.c: local "file:offset" -> string_defs */
  LS_VEC(string_def) string_defs;
  LS_VEC(cost_var) cost_vars;
} extractor;

/* keys.c */
uint32_t ls__path_of_file(extractor *x, CXFile file);
ls_fact_loc ls__loc_of(extractor *x, CXCursor c);
int ls__in_system_header(CXCursor c);
uint32_t ls__func_sym(extractor *x, CXCursor fn);
uint32_t ls__field_sym(extractor *x, CXCursor field);
uint32_t ls__param_sym_at(extractor *x, uint32_t func, unsigned idx);
uint32_t ls__param_sym(extractor *x, CXCursor parm);
uint32_t ls__var_sym(extractor *x, CXCursor var);
/* The identity of the integer variable, parameter or field an expression
 * names (`fd`, `conn->fd`), as facts.h's LS_ARG_INT_VAR text: a
 * parameter's key, else the declaration's USR; NONE when it names none. */
uint32_t ls__int_identity(extractor *x, CXCursor e);
/* The same for a variable, parameter or field of another type than an
 * integer or a function pointer (a regex_t, a struct), for LS_ARG_ADDR. */
uint32_t ls__object_identity(extractor *x, CXCursor e);

/* annotations.c */
void ls__function_annotations(extractor *x, CXCursor fn);
enum CXChildVisitResult ls__record_visitor(CXCursor c, CXCursor parent, CXClientData data);

/* expr.c */
typedef struct children {
  CXCursor first, last;
  unsigned n;
} children;

typedef struct operand {
  ls_arg_kind kind;
  uint32_t sym;
  CXCursor core;
} operand;

int ls__is_fnptr_type(CXType t);
/* A type whose values may be called and hold what flows into them: a
 * function pointer; in C++ also a member function pointer, a closure,
 * std::function, a class with operator(), a template parameter. */
int ls__is_callable_type(extractor *x, CXType t);
/* The symbol of a variable, parameter or field (any type), or NONE. */
uint32_t ls__slot_sym(extractor *x, CXCursor decl);
/* A function's parameter count and a parameter's position (templates and
 * lambdas included: their parameters are read from the children). */
int ls__param_index(CXCursor fn, CXCursor parm);
int ls__is_integer_type(CXType t);
children ls__children_of(CXCursor c);
/* The first `max` children of c into out; returns how many it has. */
unsigned ls__children_upto(CXCursor c, CXCursor *out, unsigned max);
/* Strips implicit conversions, parentheses, casts, `&f` and `*fp`. */
CXCursor ls__strip(CXCursor c);
/* What an expression denotes, for flows and argument facts. */
operand ls__classify(extractor *x, CXCursor e);
uint32_t ls__tokens_text(extractor *x, CXCursor e);
/* The macro-style identifiers an expression names, as LS_ARG_FLAGS text
 * (those after `~` left out), or NONE. */
uint32_t ls__flag_names(extractor *x, CXCursor e);
/* The fact for one argument of a call (and what it denotes, in *o). */
ls_fact_arg ls__arg_fact(extractor *x, CXCursor e, operand *o);
char *ls__canonical_spelling(CXType t);

/* walk.c */
void ls__walk(extractor *x, CXCursor c);
/* The walk's visitor, and a walk of one statement (the statement itself
 * handled as the visitor would, then its children if it says so). */
enum CXChildVisitResult ls__walk_visitor(CXCursor c, CXCursor parent, CXClientData data);
void ls__walk_stmt(extractor *x, CXCursor c);
void ls__walk_operand(extractor *x, CXCursor e, const operand *o);
void ls__add_flow(extractor *x, uint32_t src, uint32_t dst, CXCursor at);
void ls__handle_function(extractor *x, CXCursor fn);
/* Notes that the call `value` (after ls__strip) stores its value in the
 * integer variable that `identity` names. */
void ls__note_result(extractor *x, CXCursor value, uint32_t identity);
/* Records that the integer `var` (identity) is assigned `value`, when the
 * value names flags or is an integer variable (facts.h, ls_fact_assign). */
void ls__note_assign(extractor *x, uint32_t var, CXCursor value);

/* signature.c: notes what `decl`, the declaration of function `sym`
 * called in the TU, takes, once per function and only when the TU does
 * not define it. */
void ls__note_signature(extractor *x, CXCursor decl, uint32_t sym);
/* cost.c */
/* Strips parentheses, implicit conversions and casts. */
CXCursor ls__bare(CXCursor c);
/* The operator token between a binary operator's operands, or of a unary
 * operator ("==", "!"), in op; "" when it cannot be read. */
void ls__binary_op(extractor *x, CXCursor lhs, CXCursor rhs, char *op, size_t n);
void ls__unary_op(extractor *x, CXCursor e, CXCursor operand, char *op, size_t n);
/* Records `loop` (a for, while or do statement of the current function) as
 * a cost loop when its trip count is exponential in a variable. */
void ls__cost_loop(extractor *x, CXCursor loop);
/* Forgets the current function's variables (at the end of each function). */
void ls__cost_reset(extractor *x);

/* guards.c */
/* Walks an if statement: its condition, then each branch with the guard the
 * condition gives it and the call it ends in. */
/* A switch: each case's statements walked with its guard (guards.c). */
void ls__handle_switch(extractor *x, CXCursor stmt);
void ls__handle_if(extractor *x, CXCursor stmt);
/* The guards enclosing the cursor being walked, '\n'-separated (strs), or
 * NONE; and the call the innermost branch ending in a call ends in. */
uint32_t ls__guards_now(extractor *x);
/* The call a statement ends in: `f(...)` (a direct call, even cast to
 * void), or the last statement of a block that is one; NONE otherwise. */
uint32_t ls__ends_in(extractor *x, CXCursor stmt);
/* The identity of what `return E` returns, for ls_fact_func.ret: an
 * integer variable's identity or "R:" and the key of a called function. */
uint32_t ls__value_identity(extractor *x, CXCursor e);

/* The facts of a call whose callee, arguments and result are set: where it
 * runs (branches, loops, guards), then stored. */
void ls__finish_call(extractor *x, ls_fact_call *fc);
/* Walks the body of a function, or of a lambda (`fn` a LambdaExpr), as
 * function `sym`; type is its canonical type spelling (strs) or NONE. */
void ls__walk_function(extractor *x, CXCursor fn, uint32_t sym, uint32_t type);
/* The two halves of ls__walk_function around the walk of the body: the
 * function's fact (defined at fn's location) and the walk's state set for
 * it; then what the walk found stored, and the state cleared. */
size_t ls__begin_function(extractor *x, CXCursor fn, uint32_t sym, uint32_t type);
void ls__end_function(extractor *x, size_t index);

/* cxx.c */
int ls__is_function_kind(enum CXCursorKind k);
/* The declaration a callee stands for: a template for its instantiations. */
CXCursor ls__function_decl(CXCursor fn);
int ls__is_lambda_class(CXCursor rec);
/* The function of a lambda, from the LambdaExpr or its closure class. */
uint32_t ls__lambda_sym(extractor *x, CXCursor c);
/* "ns::Class::name" (heap), or NULL for a name at file scope. */
char *ls__qualified_name(CXCursor fn);
ls_fn_kind ls__fn_kind(CXCursor fn);
/* Records the methods a method overrides. */
void ls__note_overrides(extractor *x, CXCursor method);
void ls__handle_lambda(extractor *x, CXCursor lambda);
/* Sets a C++ call's callee (fc->callee and via_kind, or a slot for the
 * operator() of a library callable); 0 when libclang names no function. */
int ls__cxx_callee(extractor *x, CXCursor call, const children *ch, ls_fact_call *fc);
/* The functions (and template parameters holding them) written as explicit
 * template arguments of a function's name (`InstanceMethod<&Hasher::Other>`,
 * `TypeSafeCallback<T, method>`) flow into the parameters
 * LS_TEMPLATE_ARG_BASE + i of function `callee`, i the template
 * parameter's position. */
void ls__template_argument_flows(extractor *x, CXCursor name_expr, uint32_t callee);
/* The function a name refers to; in a template, the one candidate of an
 * unresolved name (`TypeSafeCallback<T, method>`); a null cursor. */
CXCursor ls__named_function(CXCursor name_expr);
/* A non-type template parameter of a function template (`method` in
 * template <Napi::Value (*method)(...)>) as a slot: the template's
 * parameter LS_TEMPLATE_ARG_BASE + its position; NONE for others. */
uint32_t ls__template_param_sym(extractor *x, CXCursor parm);
/* A call written in a constructor's initializer list that constructs one
 * of its class's bases: the constructor is recorded as overriding the
 * base's, so that a pack's `overrides:` can name the constructors of every
 * class derived from a library's (`Napi::ObjectWrap::ObjectWrap`). */
int ls__base_initializer(extractor *x, CXCursor call);
/* templates.c: a call of a member of a dependent type (`a.socket().
 * async_read_some(...)` in a template) as "<dependent>::NAME"; 0 when the
 * callee expression is not one. */
int ls__dependent_member_call(extractor *x, CXCursor callee_expr, ls_fact_call *fc);
/* Destructor runs: `delete p`, a local at the end of its scope. */
void ls__handle_delete(extractor *x, CXCursor del);
void ls__local_destructor(extractor *x, CXCursor var);
void ls__destructor_call(extractor *x, CXType type, CXCursor at, int is_delete);
/* A std::chrono::duration constant (`std::chrono::milliseconds(0)`, `5ms`)
 * in microseconds; 0 when `e` is none. */
int ls__duration_constant(extractor *x, CXCursor e, long long *usec);

/* classes.c: the classes rapid type analysis narrows virtual calls by
 * (facts.h, ls_fact_class_base). A class as its template when it is an
 * instantiation (its definition when there is one); its symbol (NONE for a
 * library's class or a closure); a class definition's bases; the objects a
 * value of type t makes (t itself when `object`, and classes among its
 * template arguments); a constructor run for a complete object; the type
 * arguments of a called function template's specialization. */
CXCursor ls__class_template_of(CXCursor rec);
uint32_t ls__class_sym(extractor *x, CXCursor rec);
void ls__note_class(extractor *x, CXCursor rec);
void ls__note_type_objects(extractor *x, CXType t, int object);
void ls__note_constructor_run(extractor *x, CXCursor ctor);
void ls__note_call_type_arguments(extractor *x, CXCursor fn);
/* Whether `mark` (a bit) is new for symbol s, and sets it. */
int ls__first_mark(extractor *x, uint32_t s, uint8_t mark);

/* implicit.c: what the compiler writes of constructors and destructors.
 * The parts (bases and members) of class rec built (ctor) or destroyed by
 * the current function, those a user-written constructor's initializer
 * list names left out; a constructor called that the compiler writes (a
 * default one); a destructor run of type t where the class declares none
 * the user wrote; and the compiler's functions queued, written at the end
 * of the TU. */
void ls__implicit_parts(extractor *x, CXCursor rec, int ctor, CXCursor *user_ctor, int depth);
void ls__implicit_constructor_used(extractor *x, CXCursor ctor);
void ls__implicit_destructor_run(extractor *x, CXType type, CXCursor at);
void ls__write_implicit_specials(extractor *x);

/* ranges.c: marks the arguments of a library call (from first_arg, the
 * call's argument `skip` the first) that are ranges of a constant number
 * of elements as LS_ARG_RANGE. */
void ls__range_arguments(extractor *x, CXCursor call, int skip, uint32_t first_arg);

/* strings.c */
/* Notes that the local `decl` is assigned `value` (an initializer or `=`). */
void ls__note_string_def(extractor *x, CXCursor decl, CXCursor value);
/* Fills *a when `e` names a local string variable whose values so far are
 * known: LS_ARG_STRING (literals), LS_ARG_STRING_FROM (one builder call),
 * else LS_ARG_STRING_SET; returns whether it did. */
int ls__string_arg(extractor *x, CXCursor e, ls_fact_arg *a);
/* Forgets the current function's string variables. */
void ls__string_defs_reset(extractor *x);

/* init.c */
void ls__handle_init_list(extractor *x, CXCursor list, uint32_t dst);
void ls__handle_vardecl(extractor *x, CXCursor var);

#endif /* LAGSCAN_EXTRACT_INTERNAL_H */
