/* guards.c: the conditions a call runs under, and how branches end
 * (internal.h).
 *
 * An if statement whose condition tests an integer variable, or the value
 * of a call, against a constant (`pid == 0`, `!pid`, `(pid = fork()) < 0`,
 * `fork() == 0`, `if (pid)`) gives its then branch the guard
 * "IDENTITY OP VALUE" and its else branch the negation; a constant
 * condition (`if (0)`, `if (DEBUG)` with DEBUG 0), or an unsigned call
 * value tested against 0 (`if ((n = fread(...)) < 0)`: a count is never
 * negative), gives the branch that never runs the guard LS_GUARD_NEVER.
 * `a && b` gives its then branch the guards of both and its right operand
 * a's (`if (wait && pthread_join(...))`); `a || b` gives its else branch
 * both negated and its right operand a's negation. Calls record every
 * guard around them (facts.h, ls_fact_call.guards). A switch on such a value
 * gives the statements of a case with one label, which the case before it
 * does not fall into, the guard "IDENTITY == LABEL" (`switch (family) {
 * case AF_UNIX: ...`); a default, a case of several labels and one fallen
 * into get none. What a guard means (that
 * fork returns 0 in the child) is the graph's business, with the packs'
 * data. A branch whose last statement is a call (`exit(1);`) ends in that
 * call; calls inside it record the function (ls_fact_call.ends_in, and
 * ends_in2 for the branch around that one), so the graph can tell the paths
 * on the way to a process's end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_GUARDS 8 /* guards kept per call; deeper ones are dropped */

static CXCursor callee_decl(CXCursor call) {
  CXCursor ref = clang_getCursorReferenced(call);
  return clang_getCursorKind(ref) == CXCursor_FunctionDecl ? ref : clang_getNullCursor();
}

uint32_t ls__value_identity(extractor *x, CXCursor e) {
  CXCursor c = ls__bare(e);
  if (clang_getCursorKind(c) == CXCursor_CallExpr) {
    CXCursor fn = callee_decl(c);
    if (clang_Cursor_isNull(fn)) return NONE;
    uint32_t sym = ls__func_sym(x, fn);
    char *id = ls_xasprintf("R:%s", x->f->strs.items[x->f->syms.items[sym].key]);
    uint32_t r = ls_facts_str(x->f, id);
    free(id);
    return r;
  }
  if (clang_getCursorKind(c) == CXCursor_BinaryOperator) {
    /* `(pid = fork())`: the variable assigned */
    children ch = ls__children_of(c);
    char op[8];
    if (ch.n == 2) {
      ls__binary_op(x, ch.first, ch.last, op, sizeof op);
      if (strcmp(op, "=") == 0) return ls__int_identity(x, ch.first);
    }
    return NONE;
  }
  return ls__int_identity(x, c);
}

static int int_constant(CXCursor e, long long *v) {
  CXEvalResult ev = clang_Cursor_Evaluate(e);
  if (!ev) return 0;
  int ok = clang_EvalResult_getKind(ev) == CXEval_Int;
  if (ok) *v = clang_EvalResult_getAsLongLong(ev);
  clang_EvalResult_dispose(ev);
  return ok;
}

static const char *negated(const char *op) {
  static const char *const pairs[][2] = {{"==", "!="}, {"!=", "=="}, {"<", ">="},
                                         {">=", "<"},  {">", "<="},  {"<=", ">"}};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    if (strcmp(op, pairs[i][0]) == 0) return pairs[i][1];
  return NULL;
}

static const char *flipped(const char *op) {
  static const char *const pairs[][2] = {{"==", "=="}, {"!=", "!="}, {"<", ">"},
                                         {">", "<"},   {"<=", ">="}, {">=", "<="}};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    if (strcmp(op, pairs[i][0]) == 0) return pairs[i][1];
  return NULL;
}

/* Whether an expression is the value of a call returning an unsigned
 * integer (`fread(...)`), directly or through an assignment (`(res =
 * fread(...))`). */
static int unsigned_call_value(extractor *x, CXCursor e) {
  CXCursor c = ls__bare(e);
  if (clang_getCursorKind(c) == CXCursor_BinaryOperator) {
    children ch = ls__children_of(c);
    char op[8] = "";
    if (ch.n == 2) ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    if (strcmp(op, "=")) return 0;
    c = ls__bare(ch.last);
  }
  if (clang_getCursorKind(c) != CXCursor_CallExpr) return 0;
  CXType t = clang_getCanonicalType(clang_getCursorResultType(clang_getCursorReferenced(c)));
  switch (t.kind) {
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
    return 1;
  default:
    return 0;
  }
}

/* Whether `cond` tests an unsigned call value against 0 so that it never
 * holds (`(res = fread(...)) < 0`: a count is never negative; stored in
 * a narrower signed variable it is only for more than INT_MAX), for the
 * then branch (negate = 0) or the else branch (negate = 1): `< 0` never
 * lets the then branch run, `>= 0` never the else branch. */
static int never_holds(extractor *x, CXCursor cond, int negate) {
  CXCursor c = ls__bare(cond);
  if (clang_getCursorKind(c) != CXCursor_BinaryOperator) return 0;
  children ch = ls__children_of(c);
  char tok[8] = "";
  long long v = 1;
  if (ch.n != 2) return 0;
  ls__binary_op(x, ch.first, ch.last, tok, sizeof tok);
  if (!int_constant(ch.last, &v) || v != 0 || !unsigned_call_value(x, ch.first)) return 0;
  return negate ? !strcmp(tok, ">=") : !strcmp(tok, "<");
}

/* The guard a condition gives its then branch (negate = 0) or its else
 * branch (negate = 1), or NONE. */
static uint32_t guard_of(extractor *x, CXCursor cond, int negate) {
  CXCursor c = ls__bare(cond);
  uint32_t id = NONE;
  const char *op = NULL;
  long long value = 0;
  char tok[8];
  enum CXCursorKind k = clang_getCursorKind(c);
  children ch = ls__children_of(c);
  if (k == CXCursor_UnaryOperator && ch.n == 1) {
    ls__unary_op(x, c, ch.first, tok, sizeof tok);
    if (strcmp(tok, "!") != 0) return NONE;
    id = ls__value_identity(x, ch.first);
    op = "==";
  } else if (k == CXCursor_BinaryOperator && ch.n == 2) {
    ls__binary_op(x, ch.first, ch.last, tok, sizeof tok);
    if (!flipped(tok)) {
      if (strcmp(tok, "=") != 0) return NONE;
      id = ls__value_identity(x, c); /* if ((pid = fork())) */
      op = "!=";
    } else if (int_constant(ch.last, &value)) {
      id = ls__value_identity(x, ch.first);
      op = tok;
    } else if (int_constant(ch.first, &value)) {
      id = ls__value_identity(x, ch.last);
      op = flipped(tok);
    }
  } else {
    id = ls__value_identity(x, c); /* if (pid) */
    op = "!=";
  }
  if (id == NONE || !op) return NONE;
  if (negate) op = negated(op);
  char *g = ls_xasprintf("%s %s %lld", x->f->strs.items[id], op, value);
  uint32_t r = ls_facts_str(x->f, g);
  free(g);
  return r;
}

uint32_t ls__guards_now(extractor *x) {
  size_t n = 0, len = 0;
  for (size_t i = 0; i < x->guard_stack.len; i++)
    if (x->guard_stack.items[i] != NONE) {
      n++;
      len += strlen(x->f->strs.items[x->guard_stack.items[i]]) + 1;
    }
  if (!n) return NONE;
  char *buf = ls_xmalloc(len + 1), *p = buf;
  size_t kept = 0;
  for (size_t i = 0; i < x->guard_stack.len && kept < MAX_GUARDS; i++) {
    uint32_t g = x->guard_stack.items[i];
    if (g == NONE) continue;
    if (kept++) *p++ = '\n';
    size_t l = strlen(x->f->strs.items[g]);
    memcpy(p, x->f->strs.items[g], l);
    p += l;
  }
  *p = '\0';
  uint32_t r = ls_facts_str(x->f, buf);
  free(buf);
  return r;
}

uint32_t ls__ends_in(extractor *x, CXCursor stmt) {
  CXCursor c = stmt;
  if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
    children ch = ls__children_of(c);
    if (!ch.n) return NONE;
    c = ch.last;
  }
  c = ls__bare(c);
  if (clang_getCursorKind(c) != CXCursor_CallExpr) return NONE;
  CXCursor fn = callee_decl(c);
  return clang_Cursor_isNull(fn) ? NONE : ls__func_sym(x, fn);
}

static enum CXChildVisitResult find_exit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  switch (clang_getCursorKind(c)) {
  case CXCursor_ReturnStmt:
  case CXCursor_GotoStmt:
  case CXCursor_BreakStmt:
  case CXCursor_ContinueStmt:
    *(int *)data = 1;
    return CXChildVisit_Break;
  default:
    return CXChildVisit_Recurse;
  }
}

/* Walks one branch with its guard and the call it ends in. A branch with a
 * return, goto, break or continue inside does not end in its last call on
 * every path (`if (n < 0) { if (errno == EINTR) { fsync(fd); return; }
 * abort(); }`): it ends in nothing. */
static void branch(extractor *x, CXCursor b, uint32_t guard) {
  LS_VEC_PUSH(&x->guard_stack, guard);
  uint32_t ends = ls__ends_in(x, b);
  if (ends != NONE) {
    int exits = 0;
    clang_visitChildren(b, find_exit, &exits);
    if (exits) ends = NONE;
  }
  size_t depth = x->ends_stack.len;
  if (ends != NONE) LS_VEC_PUSH(&x->ends_stack, ends);
  ls__walk_stmt(x, b);
  x->ends_stack.len = depth;
  x->guard_stack.len--;
}

/* 1 when `c` is `a && b`, 2 when `a || b` (its operands in *a, *b),
 * else 0. */
static int logical_op(extractor *x, CXCursor c, CXCursor *a, CXCursor *b) {
  c = ls__bare(c);
  if (clang_getCursorKind(c) != CXCursor_BinaryOperator) return 0;
  children ch = ls__children_of(c);
  if (ch.n != 2) return 0;
  char op[8] = "";
  ls__binary_op(x, ch.first, ch.last, op, sizeof op);
  *a = ch.first;
  *b = ch.last;
  return !strcmp(op, "&&") ? 1 : !strcmp(op, "||") ? 2 : 0;
}

/* Walks a condition: the right operand of `a && b` runs only when a holds,
 * of `a || b` only when it fails (`if (wait && pthread_join(...))`). */
static void walk_condition(extractor *x, CXCursor cond) {
  CXCursor a, b;
  int op = logical_op(x, cond, &a, &b);
  if (!op) {
    ls__walk_stmt(x, cond);
    return;
  }
  walk_condition(x, a);
  LS_VEC_PUSH(&x->guard_stack, guard_of(x, a, op == 2));
  walk_condition(x, b);
  x->guard_stack.len--;
}

/* Pushes the guards a condition gives a branch: both operands' of `a &&
 * b` for the then branch, of `a || b` negated for the else branch, else
 * the condition's own; returns how many it pushed. */
static size_t push_guards(extractor *x, CXCursor cond, int negate) {
  CXCursor a, b;
  int op = logical_op(x, cond, &a, &b);
  if ((op == 1 && !negate) || (op == 2 && negate)) return push_guards(x, a, negate) + push_guards(x, b, negate);
  LS_VEC_PUSH(&x->guard_stack, op ? NONE : guard_of(x, cond, negate));
  return 1;
}

/* A branch under the guards of a condition (push_guards). */
static void branch_of(extractor *x, CXCursor b, CXCursor cond, int negate) {
  size_t n = push_guards(x, cond, negate);
  branch(x, b, NONE);
  x->guard_stack.len -= n;
}

void ls__handle_if(extractor *x, CXCursor stmt) {
  /* Everything under a branch runs conditionally (the condition too:
   * counted conservatively, which only makes fewer calls unconditional). */
  x->branch_depth++;
  struct {
    CXCursor part[4];
    unsigned n;
  } p;
  p.n = ls__children_upto(stmt, p.part, 4);
  if (p.n == 2 || p.n == 3) {
    /* the condition, the then branch, the else branch (C has no init
     * statement or condition variable here) */
    walk_condition(x, p.part[0]);
    long long k = 0;
    int constant = int_constant(p.part[0], &k);
    uint32_t never = constant ? ls_facts_str(x->f, LS_GUARD_NEVER) : NONE;
    if (!constant && (never_holds(x, p.part[0], 0) || never_holds(x, p.part[0], 1))) {
      never = ls_facts_str(x->f, LS_GUARD_NEVER);
      int then_never = never_holds(x, p.part[0], 0);
      branch(x, p.part[1], then_never ? never : NONE);
      if (p.n == 3) branch(x, p.part[2], then_never ? NONE : never);
    } else if (constant) {
      branch(x, p.part[1], k ? NONE : never);
      if (p.n == 3) branch(x, p.part[2], k ? never : NONE);
    } else {
      branch_of(x, p.part[1], p.part[0], 0);
      if (p.n == 3) branch_of(x, p.part[2], p.part[0], 1);
    }
  } else {
    clang_visitChildren(stmt, ls__walk_visitor, x);
  }
  x->branch_depth--;
}

/* Whether a statement ends its case: a break, return, goto or continue,
 * or a block whose last statement does. */
static int ends_case(CXCursor s) {
  for (int depth = 0; depth < 8; depth++) {
    switch (clang_getCursorKind(s)) {
    case CXCursor_BreakStmt:
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
    case CXCursor_ContinueStmt:
      return 1;
    case CXCursor_CompoundStmt: {
      children ch = ls__children_of(s);
      if (!ch.n) return 0;
      s = ch.last;
      break;
    }
    default:
      return 0;
    }
  }
  return 0;
}

typedef struct switch_walk {
  extractor *x;
  uint32_t id;    /* the value switched on, or NONE */
  uint32_t guard; /* the current case's */
  int falls;      /* the statement before can fall into the next one */
} switch_walk;

static void walk_guarded(extractor *x, CXCursor s, uint32_t guard) {
  LS_VEC_PUSH(&x->guard_stack, guard);
  ls__walk_stmt(x, s);
  x->guard_stack.len--;
}

static enum CXChildVisitResult switch_body(CXCursor s, CXCursor parent, CXClientData data) {
  (void)parent;
  switch_walk *w = data;
  extractor *x = w->x;
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt) {
    CXCursor part[2];
    unsigned n = ls__children_upto(s, part, 2);
    CXCursor sub = k == CXCursor_CaseStmt ? part[n > 1 ? 1 : 0] : part[0];
    enum CXCursorKind sk = n ? clang_getCursorKind(sub) : CXCursor_NullStmt;
    long long label = 0;
    w->guard = NONE;
    if (k == CXCursor_CaseStmt && n == 2 && !w->falls && w->id != NONE && sk != CXCursor_CaseStmt &&
        sk != CXCursor_DefaultStmt && int_constant(part[0], &label)) {
      char *g = ls_xasprintf("%s == %lld", x->f->strs.items[w->id], label);
      w->guard = ls_facts_str(x->f, g);
      free(g);
    }
    if (n) {
      /* `case A: case B: f();`: the inner labels' statement, guard none */
      walk_guarded(x, sub, w->guard);
      w->falls = !ends_case(sub);
    }
    return CXChildVisit_Continue;
  }
  walk_guarded(x, s, w->guard);
  w->falls = !ends_case(s);
  return CXChildVisit_Continue;
}

void ls__handle_switch(extractor *x, CXCursor stmt) {
  x->branch_depth++;
  CXCursor part[3];
  unsigned n = ls__children_upto(stmt, part, 3);
  if (n == 2 && clang_getCursorKind(part[1]) == CXCursor_CompoundStmt) {
    ls__walk_stmt(x, part[0]);
    switch_walk w = {x, ls__value_identity(x, part[0]), NONE, 0};
    clang_visitChildren(part[1], switch_body, &w);
  } else {
    clang_visitChildren(stmt, ls__walk_visitor, x);
  }
  x->branch_depth--;
}
