/* ranges.c: arguments of C++ library calls that are ranges of a constant
 * number of elements (internal.h; facts.h, LS_ARG_RANGE), so that a pack
 * can leave out `std::sort` over a handful of elements as it leaves out
 * `qsort` of a constant count:
 *   - the end of a range that begins at the call's first argument:
 *     `a, a + 4` and `v.begin(), v.begin() + 4` (a constant count), and
 *     `a.begin(), a.end()`, `std::begin(a), std::end(a)`, `a, a + N`
 *     where a is a C array or a std::array of N elements;
 *   - a whole range of such an object (`std::ranges::sort(a)`).
 * Anything else (a vector, a count in a variable) is not one. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The number of elements of an object of type t when it is constant: a C
 * array's, or std::array's (its size over its element's: it is an
 * aggregate of exactly its elements). */
static int constant_extent(CXType t, long long *n) {
  t = clang_getCanonicalType(t);
  if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  if (t.kind == CXType_ConstantArray) {
    *n = clang_getArraySize(t);
    return *n >= 0;
  }
  if (t.kind != CXType_Record) return 0;
  CXString sp = clang_getTypeSpelling(t);
  const char *s = clang_getCString(sp);
  int is_array = !strncmp(s, "std::array<", 11) || !strncmp(s, "const std::array<", 17);
  clang_disposeString(sp);
  if (!is_array || clang_Type_getNumTemplateArguments(t) != 2) return 0;
  long long whole = clang_Type_getSizeOf(t);
  long long each = clang_Type_getSizeOf(clang_Type_getTemplateArgumentAsType(t, 0));
  if (whole <= 0 || each <= 0) return 0;
  *n = whole / each;
  return 1;
}

/* The variable or field an expression names (`a`, `s.a`), or a null cursor. */
static CXCursor named_object(CXCursor e) {
  e = ls__bare(e);
  enum CXCursorKind k = clang_getCursorKind(e);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return clang_getNullCursor();
  CXCursor ref = clang_getCursorReferenced(e);
  k = clang_getCursorKind(ref);
  return k == CXCursor_VarDecl || k == CXCursor_FieldDecl || k == CXCursor_ParmDecl
             ? ref
             : clang_getNullCursor();
}

/* What an iterator expression is: the object it points into, and whether
 * it is that object's beginning (1) or end (2): `a` (an array decayed),
 * `a.begin()`, `a.data()`, `std::begin(a)`; `a.end()`, `std::end(a)`. */
static int iterator_of(CXCursor e, CXCursor *object) {
  e = ls__bare(e);
  *object = named_object(e);
  if (!clang_Cursor_isNull(*object)) return 1;
  if (clang_getCursorKind(e) != CXCursor_CallExpr) return 0;
  CXString sp = clang_getCursorSpelling(e);
  const char *name = clang_getCString(sp);
  int which = !strcmp(name, "begin") || !strcmp(name, "cbegin") || !strcmp(name, "data") ? 1
              : !strcmp(name, "end") || !strcmp(name, "cend")                          ? 2
                                                                                        : 0;
  clang_disposeString(sp);
  if (!which) return 0;
  if (clang_Cursor_getNumArguments(e) == 1) { /* std::begin(a) */
    *object = named_object(clang_Cursor_getArgument(e, 0));
  } else {
    children ch = ls__children_of(e); /* a.begin(): the member reference's object */
    CXCursor callee = ch.n ? ls__bare(ch.first) : clang_getNullCursor();
    if (clang_getCursorKind(callee) != CXCursor_MemberRefExpr) return 0;
    children mc = ls__children_of(callee);
    if (mc.n) *object = named_object(mc.first);
  }
  return clang_Cursor_isNull(*object) ? 0 : which;
}

static int constant_int(CXCursor e, long long *v) {
  CXEvalResult ev = clang_Cursor_Evaluate(e);
  int ok = ev && clang_EvalResult_getKind(ev) == CXEval_Int;
  if (ok) *v = clang_EvalResult_getAsLongLong(ev);
  if (ev) clang_EvalResult_dispose(ev);
  return ok;
}

/* The number of elements from `first` to `last`, when constant. */
static int range_size(extractor *x, CXCursor first, CXCursor last, long long *n) {
  CXCursor from, to;
  if (iterator_of(first, &from) != 1) return 0;
  last = ls__bare(last);
  int end = iterator_of(last, &to);
  if (end && clang_equalCursors(from, to))
    return end == 2 ? constant_extent(clang_getCursorType(from), n) : (*n = 0, 1);
  /* `a + 4` (a pointer), `v.begin() + 4` (an iterator's operator+) */
  CXCursor lhs, rhs;
  if (clang_getCursorKind(last) == CXCursor_BinaryOperator) {
    children ch = ls__children_of(last);
    if (ch.n != 2) return 0;
    char op[4];
    ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    if (strcmp(op, "+")) return 0;
    lhs = ch.first, rhs = ch.last;
  } else if (clang_getCursorKind(last) == CXCursor_CallExpr &&
             clang_Cursor_getNumArguments(last) == 2) {
    CXString sp = clang_getCursorSpelling(last);
    int plus = !strcmp(clang_getCString(sp), "operator+");
    clang_disposeString(sp);
    if (!plus) return 0;
    lhs = clang_Cursor_getArgument(last, 0), rhs = clang_Cursor_getArgument(last, 1);
  } else {
    return 0;
  }
  if (iterator_of(lhs, &to) != 1 || !clang_equalCursors(from, to)) return 0;
  return constant_int(rhs, n) && *n >= 0;
}

void ls__range_arguments(extractor *x, CXCursor call, int skip, uint32_t first_arg) {
  int nargs = clang_Cursor_getNumArguments(call);
  for (int i = skip; i < nargs; i++) {
    ls_fact_arg *a = &x->f->args.items[first_arg + (uint32_t)(i - skip)];
    if (a->kind != LS_ARG_OTHER) continue;
    CXCursor e = clang_Cursor_getArgument(call, (unsigned)i);
    long long n;
    CXCursor whole = named_object(e);
    int ok = i > skip ? range_size(x, clang_Cursor_getArgument(call, (unsigned)skip), e, &n)
                      : !clang_Cursor_isNull(whole) && constant_extent(clang_getCursorType(whole), &n);
    if (!ok) continue;
    a->kind = LS_ARG_RANGE;
    a->ival = n;
  }
}
