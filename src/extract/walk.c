/* walk.c: function bodies (internal.h): each call with its callee (direct,
 * through a field or variable, or by type), its argument facts and the
 * variable its value is stored in; assignments of function addresses;
 * returns; whether a call runs every time its function runs; and its loops,
 * for cost.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static enum CXChildVisitResult walk_visitor(CXCursor c, CXCursor parent, CXClientData data);

void ls__add_flow(extractor *x, uint32_t src, uint32_t dst, CXCursor at) {
  ls_fact_flow fl = {src, dst, x->cur_func, ls__loc_of(x, at)};
  LS_VEC_PUSH(&x->f->flows, fl);
}

/* Walks an operand unless it is a bare function designator (which has no
 * sub-expressions and whose flow the caller has recorded). */
void ls__walk_operand(extractor *x, CXCursor e, const operand *o) {
  /* C++: a lambda's body is walked wherever the lambda is written, and a
   * callable wrapped in a call (std::bind) has the call around it */
  if (o->kind == LS_ARG_FUNC && !x->cxx) return;
  ls__walk(x, e);
}

void ls__note_result(extractor *x, CXCursor value, uint32_t identity) {
  CXCursor c = ls__strip(value);
  if (identity == NONE || clang_getCursorKind(c) != CXCursor_CallExpr) return;
  pending_result p = {c, identity};
  LS_VEC_PUSH(&x->results, p);
}

/* How many leading arguments of a call are the object a member operator
 * is called on (0 or 1). */
static int cxx_object_argument(CXCursor call, int nargs) {
  CXCursor ref = clang_getCursorReferenced(call);
  if (nargs < 1 || clang_getCursorKind(ref) != CXCursor_CXXMethod) return 0;
  CXString s = clang_getCursorSpelling(ref);
  int op = strncmp(clang_getCString(s), "operator", 8) == 0;
  clang_disposeString(s);
  if (!op) return 0;
  int params = clang_Cursor_getNumArguments(ref);
  return params >= 0 && nargs == params + 1;
}

/* `slot = callable` written as a library operator= (std::function's): the
 * value flows into the slot. */
static void cxx_assign_callable(extractor *x, CXCursor call) {
  CXCursor ref = clang_getCursorReferenced(call);
  CXString s = clang_getCursorSpelling(ref);
  int assign = strcmp(clang_getCString(s), "operator=") == 0;
  clang_disposeString(s);
  if (!assign) return;
  CXCursor lhs = ls__strip(clang_Cursor_getArgument(call, 0));
  CXCursor rhs = clang_Cursor_getArgument(call, 1);
  enum CXCursorKind lk = clang_getCursorKind(lhs);
  if (lk != CXCursor_DeclRefExpr && lk != CXCursor_MemberRefExpr) return;
  CXCursor decl = clang_getCursorReferenced(lhs);
  if (!ls__is_callable_type(x, clang_getCursorType(decl))) return;
  uint32_t dst = ls__slot_sym(x, decl);
  operand o = ls__classify(x, rhs);
  if (dst != NONE && (o.kind == LS_ARG_FUNC || o.kind == LS_ARG_SLOT)) ls__add_flow(x, o.sym, dst, rhs);
}

/* In a template, `desc.method = TypeSafeCallback<T, method>` has a
 * dependent type: it is an assignment of a function pointer when its left
 * operand is one. */
static int dependent_fnptr_assign(extractor *x, CXCursor op) {
  CXType t = clang_getCursorType(op);
  if (t.kind != CXType_Dependent && t.kind != CXType_Unexposed) return 0;
  children ch = ls__children_of(op);
  if (ch.n != 2 || !ls__is_fnptr_type(clang_getCursorType(ch.first))) return 0;
  char opname[4];
  ls__binary_op(x, ch.first, ch.last, opname, sizeof opname);
  return strcmp(opname, "=") == 0;
}

static void handle_call(extractor *x, CXCursor call) {
  children ch = ls__children_of(call);
  ls_fact_call fc = {0};
  fc.caller = x->cur_func;
  fc.callee = NONE;
  fc.via = NONE;
  fc.fntype = NONE;
  fc.loc = ls__loc_of(x, call);
  operand callee = {LS_ARG_OTHER, NONE, clang_getNullCursor()};
  if (ch.n > 0) callee = ls__classify(x, ch.first);
  if (x->cxx && ls__cxx_callee(x, call, &ch, &fc)) {
    /* a method, constructor, operator, lambda, or a library callable's
     * operator() on a slot; the callee expression's operands (the object)
     * are walked with the arguments below */
    if (ch.n > 0 && clang_getCursorKind(ls__strip(ch.first)) == CXCursor_MemberRefExpr)
      ls__walk(x, ch.first);
    if (ch.n > 0 && fc.callee != NONE) ls__template_argument_flows(x, ls__strip(ch.first), fc.callee);
  } else if (callee.kind == LS_ARG_FUNC) {
    fc.via_kind = LS_VIA_DIRECT;
    fc.callee = callee.sym;
    ls__note_signature(x, clang_getCursorReferenced(callee.core), callee.sym);
  } else {
    if (callee.kind == LS_ARG_SLOT) {
      fc.via = callee.sym;
      fc.via_kind = x->f->syms.items[callee.sym].kind == LS_SYM_FIELD ? LS_VIA_FIELD : LS_VIA_VAR;
    } else {
      fc.via_kind = LS_VIA_OTHER;
    }
    if (ch.n > 0) {
      CXType t = clang_getCanonicalType(clang_getCursorType(ch.first));
      if (t.kind == CXType_Pointer) t = clang_getPointeeType(t);
      char *sp = ls__canonical_spelling(t);
      fc.fntype = ls_facts_str(x->f, sp);
      free(sp);
      ls__walk(x, ch.first);
    }
  }
  int nargs = clang_Cursor_getNumArguments(call);
  /* A member operator called as `obj(a)` or `a = b` lists the object as its
   * first argument; the facts number the operator's own parameters. */
  int skip = x->cxx ? cxx_object_argument(call, nargs) : 0;
  if (skip) ls__walk(x, clang_Cursor_getArgument(call, 0));
  fc.first_arg = (uint32_t)x->f->args.len;
  fc.nargs = nargs > skip ? (uint32_t)(nargs - skip) : 0;
  for (int i = skip; i < nargs; i++) {
    CXCursor e = clang_Cursor_getArgument(call, (unsigned)i);
    operand o;
    ls_fact_arg a = ls__arg_fact(x, e, &o);
    LS_VEC_PUSH(&x->f->args, a);
    if (o.kind == LS_ARG_FUNC || o.kind == LS_ARG_SLOT) {
      uint32_t dst = fc.via_kind == LS_VIA_DIRECT || fc.via_kind == LS_VIA_CTOR ||
                             fc.via_kind == LS_VIA_VIRTUAL
                         ? ls__param_sym_at(x, fc.callee, (unsigned)(i - skip))
                         : NONE;
      ls__add_flow(x, o.sym, dst, e);
    }
    ls__walk_operand(x, e, &o);
  }
  if (x->cxx && skip && nargs == 2) cxx_assign_callable(x, call);
  if (x->cxx && nargs > skip) {
    CXCursor ref = clang_getCursorReferenced(call);
    if (!clang_Cursor_isNull(ref) && ls__in_system_header(ref))
      ls__range_arguments(x, call, skip, fc.first_arg);
  }
  /* The same call seen through another walk is another cursor of the same
   * node: compared by extent, which no two calls share. */
  fc.result = NONE;
  CXSourceRange extent = clang_getCursorExtent(call);
  for (size_t i = 0; i < x->results.len; i++)
    if (clang_equalRanges(clang_getCursorExtent(x->results.items[i].call), extent)) {
      fc.result = x->results.items[i].identity;
      x->results.items[i] = x->results.items[--x->results.len];
      break;
    }
  ls__finish_call(x, &fc);
}

void ls__finish_call(extractor *x, ls_fact_call *fc) {
  if (x->branch_depth == 0 && !x->exit_in_branch_seen) fc->flags |= LS_CALL_UNCONDITIONAL;
  fc->loop = x->cur_loop;
  fc->guards = ls__guards_now(x);
  fc->ends_in = x->ends_stack.len ? x->ends_stack.items[x->ends_stack.len - 1] : NONE;
  fc->ends_in2 = x->ends_stack.len > 1 ? x->ends_stack.items[x->ends_stack.len - 2] : NONE;
  if (fc->caller != NONE) LS_VEC_PUSH(&x->f->calls, *fc);
}

/* `return E;`: counts whether E is a non-zero constant (what it means, such
 * as GLib's G_SOURCE_CONTINUE, is the packs' business), and what the
 * function returns: one identity for every return but those of non-zero
 * constants (`return -1;` on an error path cannot be mistaken for a fork's
 * 0), else nothing. */
static void note_return(extractor *x, CXCursor ret) {
  if (x->branch_depth) x->exit_in_branch_seen = 1;
  children ch = ls__children_of(ret);
  int nonzero = 0;
  if (ch.n == 1) {
    CXEvalResult ev = clang_Cursor_Evaluate(ch.first);
    if (ev && clang_EvalResult_getKind(ev) == CXEval_Int && clang_EvalResult_getAsLongLong(ev) != 0)
      nonzero = 1;
    if (ev) clang_EvalResult_dispose(ev);
  }
  if (!nonzero) {
    uint32_t id = ch.n == 1 ? ls__value_identity(x, ch.first) : NONE;
    if (x->ret_identity == NONE && id != NONE && !x->returns_other)
      x->ret_identity = id;
    else if (x->ret_identity != id)
      x->ret_identity = NONE - 1; /* returns differ */
  }
  if (nonzero) x->returns_true++;
  else x->returns_other++;
}

/* `lhs = rhs` where the value is a function pointer. */
static void handle_assign(extractor *x, CXCursor op) {
  children ch = ls__children_of(op);
  if (ch.n != 2) {
    ls__walk(x, op);
    return;
  }
  operand lhs = ls__classify(x, ch.first), rhs = ls__classify(x, ch.last);
  if (lhs.kind == LS_ARG_SLOT && (rhs.kind == LS_ARG_FUNC || rhs.kind == LS_ARG_SLOT))
    ls__add_flow(x, rhs.sym, lhs.sym, ch.last);
  else if (rhs.kind == LS_ARG_FUNC)
    ls__add_flow(x, rhs.sym, NONE, ch.last);
  ls__walk(x, ch.first);
  ls__walk_operand(x, ch.last, &rhs);
}

/* `f("signals", "name", ...)`: the function called and the string literals
 * among its first four arguments, '\n'-separated, an empty line for an
 * argument that is not one (the facts' text, strs); 0 when the value is
 * not a direct call with a literal among them. */
static int call_of_literal(extractor *x, CXCursor value, uint32_t *fn, uint32_t *text) {
  CXCursor c = ls__bare(value);
  if (clang_getCursorKind(c) != CXCursor_CallExpr) return 0;
  CXCursor ref = clang_getCursorReferenced(c);
  int n = clang_Cursor_getNumArguments(c);
  if (clang_getCursorKind(ref) != CXCursor_FunctionDecl || n < 1) return 0;
  ls_buf b = {0};
  int any = 0;
  for (int i = 0; i < n && i < 4; i++) {
    operand o;
    ls_fact_arg a = ls__arg_fact(x, clang_Cursor_getArgument(c, (unsigned)i), &o);
    int lit = a.kind == LS_ARG_STRING && a.text != NONE;
    ls_buf_printf(&b, "%s%s", i ? "\n" : "", lit ? x->f->strs.items[a.text] : "");
    any |= lit;
  }
  if (any) {
    *fn = ls__func_sym(x, ref);
    *text = ls_facts_str(x->f, ls_buf_str(&b));
  }
  ls_buf_free(&b);
  return any;
}

void ls__note_assign(extractor *x, uint32_t var, CXCursor value) {
  if (var == NONE || x->cur_func == NONE) return;
  uint32_t src = ls__int_identity(x, value);
  uint32_t names = src == NONE ? ls__flag_names(x, value) : NONE;
  uint32_t call = NONE, text = NONE;
  if (src == NONE && names == NONE && !call_of_literal(x, value, &call, &text)) return;
  ls_fact_assign a = {x->cur_func, var, names, src, ls__guards_now(x), call, text};
  LS_VEC_PUSH(&x->f->assigns, a);
}

/* `v = E` and `v |= E` of an integer v (facts.h, ls_fact_assign). */
static void note_int_assign(extractor *x, CXCursor op, int compound) {
  children ch = ls__children_of(op);
  if (ch.n != 2) return;
  uint32_t var = ls__int_identity(x, ch.first);
  if (var == NONE) return;
  char tok[4];
  ls__binary_op(x, ch.first, ch.last, tok, sizeof tok);
  if (strcmp(tok, compound ? "|=" : "=") == 0) ls__note_assign(x, var, ch.last);
}

static enum CXChildVisitResult walk_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_WhileStmt:
  case CXCursor_DoStmt:
  case CXCursor_ForStmt:
    /* A loop is a branch too; calls in it (its condition included) carry
     * the number of the outermost loop around them. cost.c looks at its
     * bound. */
    ls__cost_loop(x, c);
    if (x->loop_depth++ == 0) x->cur_loop = ++x->nloops;
    x->branch_depth++;
    clang_visitChildren(c, walk_visitor, x);
    x->branch_depth--;
    if (--x->loop_depth == 0) x->cur_loop = 0;
    return CXChildVisit_Continue;
  case CXCursor_IfStmt:
    ls__handle_if(x, c);
    return CXChildVisit_Continue;
  case CXCursor_SwitchStmt:
    ls__handle_switch(x, c);
    return CXChildVisit_Continue;
  case CXCursor_ConditionalOperator:
    /* Everything under a branch or loop runs conditionally (the condition
     * itself too: counted conservatively, which only makes fewer calls
     * unconditional). */
    x->branch_depth++;
    clang_visitChildren(c, walk_visitor, x);
    x->branch_depth--;
    return CXChildVisit_Continue;
  case CXCursor_ReturnStmt:
    note_return(x, c);
    return CXChildVisit_Recurse;
  case CXCursor_GotoStmt:
  case CXCursor_BreakStmt:
  case CXCursor_ContinueStmt:
    if (x->branch_depth) x->exit_in_branch_seen = 1;
    return CXChildVisit_Continue;
  case CXCursor_CallExpr:
    handle_call(x, c);
    if (x->cxx) {
      /* a constructor's base initializer, `: Napi::ObjectWrap<Db>(info)`,
       * builds a base subobject; any other constructor run an object */
      CXCursor ref = clang_getCursorReferenced(c);
      if (clang_getCursorKind(ref) == CXCursor_Constructor) {
        if (!(clang_equalCursors(parent, x->func_cursor) && ls__base_initializer(x, c)))
          ls__note_constructor_run(x, ref);
        ls__implicit_constructor_used(x, ref);
      }
    }
    return CXChildVisit_Continue;
  case CXCursor_CompoundAssignOperator:
    if (ls__is_integer_type(clang_getCursorType(c))) note_int_assign(x, c, 1);
    return CXChildVisit_Recurse;
  case CXCursor_BinaryOperator:
    /* An assignment yields its left operand's type; a comparison yields int.
     * So a function-pointer-typed binary operator is an assignment. */
    if (ls__is_fnptr_type(clang_getCursorType(c)) || (x->cxx && dependent_fnptr_assign(x, c))) {
      handle_assign(x, c);
      return CXChildVisit_Continue;
    }
    if (clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Pointer) {
      /* `str = g_strconcat("key ", id, NULL)`: what a string variable holds */
      children ch = ls__children_of(c);
      CXCursor lhs = ch.n == 2 ? ls__strip(ch.first) : clang_getNullCursor();
      if (ch.n == 2 && clang_getCursorKind(lhs) == CXCursor_DeclRefExpr) {
        char op[4];
        ls__binary_op(x, ch.first, ch.last, op, sizeof op);
        if (!strcmp(op, "=")) ls__note_string_def(x, clang_getCursorReferenced(lhs), ch.last);
      }
      return CXChildVisit_Recurse;
    }
    if (ls__is_integer_type(clang_getCursorType(c))) {
      /* `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)`. libclang
       * (14) does not tell an assignment from another integer operator, so
       * this is noted for any: `fd == f()` names fd as f's result too. */
      children ch = ls__children_of(c);
      if (ch.n == 2) ls__note_result(x, ch.last, ls__int_identity(x, ch.first));
      note_int_assign(x, c, 0);
      /* `ok || die()`: the right operand of && and || runs conditionally */
      enum CXCursorKind rk = clang_getCursorKind(ls__bare(ch.last));
      if (ch.n == 2 && rk != CXCursor_IntegerLiteral && rk != CXCursor_DeclRefExpr) {
        char op[4];
        ls__binary_op(x, ch.first, ch.last, op, sizeof op);
        if (!strcmp(op, "&&") || !strcmp(op, "||")) {
          ls__walk_stmt(x, ch.first);
          x->branch_depth++;
          ls__walk_stmt(x, ch.last);
          x->branch_depth--;
          return CXChildVisit_Continue;
        }
      }
    }
    return CXChildVisit_Recurse;
  case CXCursor_VarDecl:
    ls__handle_vardecl(x, c);
    if (x->cxx) {
      ls__note_type_objects(x, clang_getCursorType(c), 1);
      ls__local_destructor(x, c);
    }
    return CXChildVisit_Continue;
  case CXCursor_InitListExpr:
    ls__handle_init_list(x, c, NONE);
    return CXChildVisit_Continue;
  case CXCursor_DeclRefExpr: {
    CXCursor ref = x->cxx ? ls__named_function(c) : clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl ||
        (x->cxx && ls__is_function_kind(clang_getCursorKind(ref)) &&
         clang_getCursorKind(ref) != CXCursor_Constructor)) {
      uint32_t f = ls__func_sym(x, x->cxx ? ls__function_decl(ref) : ref);
      ls__add_flow(x, f, NONE, c);
      /* `TypeSafeCallback<T, method>` as a value: its template arguments */
      if (x->cxx) ls__template_argument_flows(x, c, f);
    }
    return CXChildVisit_Continue;
  }
  case CXCursor_LambdaExpr:
    /* a lambda whose value goes nowhere the walk models */
    ls__add_flow(x, ls__lambda_sym(x, c), NONE, c);
    ls__handle_lambda(x, c);
    return CXChildVisit_Continue;
  case CXCursor_CXXDeleteExpr:
    ls__handle_delete(x, c);
    return CXChildVisit_Recurse;
  default:
    return CXChildVisit_Recurse;
  }
}

enum CXChildVisitResult ls__walk_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  return walk_visitor(c, parent, data);
}

void ls__walk_stmt(extractor *x, CXCursor c) {
  if (walk_visitor(c, clang_getNullCursor(), x) == CXChildVisit_Recurse)
    clang_visitChildren(c, walk_visitor, x);
}

void ls__walk(extractor *x, CXCursor c) {
  /* The cursor itself may be one the visitor handles (an argument that is a
   * call); visiting children only would skip it. */
  switch (clang_getCursorKind(c)) {
  case CXCursor_CallExpr:
  case CXCursor_InitListExpr:
  case CXCursor_DeclRefExpr:
  case CXCursor_LambdaExpr:
    walk_visitor(c, clang_getNullCursor(), x);
    return;
  case CXCursor_CXXDeleteExpr:
  case CXCursor_BinaryOperator:
    if (walk_visitor(c, clang_getNullCursor(), x) == CXChildVisit_Continue) return;
    break;
  default:
    break;
  }
  clang_visitChildren(c, walk_visitor, x);
}


void ls__handle_function(extractor *x, CXCursor fn) {
  ls__function_annotations(x, fn);
  if (x->cxx) ls__note_overrides(x, fn);
  if (!clang_isCursorDefinition(fn)) return;
  uint32_t sym = ls__func_sym(x, fn);
  char *type = ls__canonical_spelling(clang_getCursorType(fn));
  uint32_t type_id = ls_facts_str(x->f, type);
  free(type);
  ls__walk_function(x, fn, sym, type_id);
}

size_t ls__begin_function(extractor *x, CXCursor fn, uint32_t sym, uint32_t type) {
  ls_fact_func ff = {sym, ls__loc_of(x, fn), 1, type, 0, NONE};
  /* The definition's location is its name, not the start of its return type. */
  CXFile file;
  unsigned line, col;
  clang_getExpansionLocation(clang_getCursorLocation(fn), &file, &line, &col, NULL);
  ff.loc.line = line;
  ff.loc.col = col;
  size_t index = x->f->funcs.len;
  LS_VEC_PUSH(&x->f->funcs, ff);
  x->cur_func = sym;
  x->branch_depth = 0;
  x->loop_depth = x->nloops = 0;
  x->cur_loop = 0;
  x->exit_in_branch_seen = 0;
  x->returns_true = x->returns_other = 0;
  x->func_cursor = fn;
  x->ret_identity = NONE;
  x->guard_stack.len = x->ends_stack.len = 0;
  return index;
}

void ls__end_function(extractor *x, size_t index) {
  if (x->ret_identity != NONE && x->ret_identity != NONE - 1)
    x->f->funcs.items[index].ret = x->ret_identity;
  ls__cost_reset(x);
  ls__string_defs_reset(x);
  x->results.len = 0; /* results of calls the walk did not record */
  if (x->returns_true && !x->returns_other) x->f->funcs.items[index].flags |= LS_FUNC_ALWAYS_TRUE;
  x->cur_func = NONE;
}

void ls__walk_function(extractor *x, CXCursor fn, uint32_t sym, uint32_t type) {
  size_t index = ls__begin_function(x, fn, sym, type);
  enum CXCursorKind k = clang_getCursorKind(fn);
  if (k == CXCursor_FunctionTemplate) k = clang_getTemplateCursorKind(fn);
  CXCursor cls = clang_getCursorSemanticParent(fn);
  /* the bases and members a constructor's initializer list leaves out are
   * built before its body; a destructor's destroyed after it */
  if (x->cxx && k == CXCursor_Constructor) ls__implicit_parts(x, cls, 1, &fn, 1);
  clang_visitChildren(fn, walk_visitor, x);
  if (x->cxx && k == CXCursor_Destructor) ls__implicit_parts(x, cls, 0, NULL, 1);
  ls__end_function(x, index);
}
