/* specials.c: C++ special members and values (internal.h): destructors run
 * by `delete` and at the end of a local's scope, constructors' base
 * initializers (recorded as overriding the base's constructor), and
 * std::chrono duration constants read as microseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- destructors ----------------------------------------------------------- */

typedef struct dtor_find {
  CXCursor dtor;
} dtor_find;

static enum CXChildVisitResult find_dtor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  if (clang_getCursorKind(c) == CXCursor_Destructor) {
    ((dtor_find *)d)->dtor = c;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

/* The user-declared destructor of a record type, or a null cursor. */
static CXCursor destructor_of(CXType t) {
  t = clang_getCanonicalType(t);
  dtor_find df = {clang_getNullCursor()};
  if (t.kind != CXType_Record) return df.dtor;
  CXCursor rec = clang_getTypeDeclaration(t);
  CXCursor tmpl = clang_getSpecializedCursorTemplate(rec);
  if (!clang_Cursor_isNull(tmpl)) rec = tmpl; /* an instantiation's members are its template's */
  CXCursor def = clang_getCursorDefinition(rec);
  if (!clang_Cursor_isNull(def)) rec = def;
  clang_visitChildren(rec, find_dtor, &df);
  return df.dtor;
}

void ls__destructor_call(extractor *x, CXType type, CXCursor at, int is_delete) {
  if (x->cur_func == NONE) return;
  CXCursor dtor = destructor_of(type);
  if (clang_Cursor_isNull(dtor)) {
    ls__implicit_destructor_run(x, type, at); /* the compiler's */
    return;
  }
  ls_fact_call fc = {0};
  fc.caller = x->cur_func;
  fc.callee = ls__func_sym(x, ls__function_decl(dtor));
  fc.via_kind = is_delete && clang_CXXMethod_isVirtual(dtor) ? LS_VIA_VIRTUAL : LS_VIA_DTOR;
  fc.via = NONE;
  fc.fntype = NONE;
  fc.loc = ls__loc_of(x, at);
  fc.first_arg = (uint32_t)x->f->args.len;
  fc.result = NONE;
  ls__finish_call(x, &fc);
}

void ls__handle_delete(extractor *x, CXCursor del) {
  children ch = ls__children_of(del);
  if (ch.n >= 1) {
    CXType t = clang_getCanonicalType(clang_getCursorType(ch.last));
    if (t.kind == CXType_Pointer) ls__destructor_call(x, clang_getPointeeType(t), del, 1);
  }
}

void ls__local_destructor(extractor *x, CXCursor var) {
  if (x->cur_func == NONE || clang_getCursorKind(var) != CXCursor_VarDecl) return;
  if (clang_Cursor_getStorageClass(var) == CX_SC_Static) return;
  /* a variable at file or namespace scope is destroyed at exit, not here */
  if (!ls__is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(var)))) return;
  ls__destructor_call(x, clang_getCursorType(var), var, 0);
}

/* ---- durations -------------------------------------------------------------- */

/* The std::ratio<N, D> of a canonical duration type's spelling
 * ("std::chrono::duration<long, std::ratio<1, 1000>>"); 1/1 when absent. */
static int duration_ratio(const char *spelling, long long *num, long long *den) {
  if (strncmp(spelling, "std::chrono::duration<", 22) != 0) return 0;
  *num = *den = 1;
  const char *r = strstr(spelling, "std::ratio<");
  if (r && sscanf(r, "std::ratio<%lld, %lld>", num, den) < 1) return 0;
  return *den != 0;
}

/* The count of a duration constant: the integer its constructor is given
 * (`std::chrono::milliseconds(0)`), or a chrono literal (`5ms`, `2s`) read
 * from its one token. */
static int duration_count(extractor *x, CXCursor e, long long *count) {
  CXCursor c = ls__strip(e);
  for (int depth = 0; depth < 4 && clang_getCursorKind(c) != CXCursor_CallExpr; depth++) {
    children ch = ls__children_of(c);
    if (!ch.n) break;
    c = ls__strip(ch.last);
  }
  if (clang_getCursorKind(c) != CXCursor_CallExpr) return 0;
  CXCursor ref = clang_getCursorReferenced(c);
  if (clang_getCursorKind(ref) == CXCursor_Constructor && clang_Cursor_getNumArguments(c) == 1) {
    CXEvalResult ev = clang_Cursor_Evaluate(clang_Cursor_getArgument(c, 0));
    int ok = ev && clang_EvalResult_getKind(ev) == CXEval_Int;
    if (ok) *count = clang_EvalResult_getAsLongLong(ev);
    if (ev) clang_EvalResult_dispose(ev);
    return ok;
  }
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(x->tu, clang_getCursorExtent(c), &toks, &n);
  int ok = 0;
  if (n == 1 && clang_getTokenKind(toks[0]) == CXToken_Literal) {
    CXString sp = clang_getTokenSpelling(x->tu, toks[0]);
    char *end = NULL;
    long long v = strtoll(clang_getCString(sp), &end, 10);
    ok = end && end != clang_getCString(sp) && (*end == 'h' || *end == 'm' || *end == 's' ||
                                                 *end == 'u' || *end == 'n');
    if (ok) *count = v;
    clang_disposeString(sp);
  }
  clang_disposeTokens(x->tu, toks, n);
  return ok;
}

int ls__duration_constant(extractor *x, CXCursor e, long long *usec) {
  char *sp = ls__canonical_spelling(clang_getCursorType(e));
  const char *t = sp;
  if (!strncmp(t, "const ", 6)) t += 6;
  long long num, den, count;
  int ok = duration_ratio(t, &num, &den) && duration_count(x, e, &count);
  free(sp);
  if (!ok) return 0;
  /* microseconds, saturating: a constant of hours is as good as forever */
  long double us = (long double)count * (long double)num * 1e6L / (long double)den;
  *usec = us > 9e18L ? (long long)9e18 : us < -9e18L ? (long long)-9e18 : (long long)us;
  return 1;
}

/* ---- base initializers ------------------------------------------------------- */

typedef struct base_find {
  CXCursor want; /* a class, as its template when it is an instantiation */
  int found;
} base_find;

static CXCursor as_template(CXCursor rec) { return ls__class_template_of(rec); }

static enum CXChildVisitResult base_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  base_find *b = d;
  if (clang_getCursorKind(c) != CXCursor_CXXBaseSpecifier) return CXChildVisit_Continue;
  CXCursor base = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(c)));
  if (!clang_Cursor_isNull(base) && clang_equalCursors(as_template(base), b->want)) {
    b->found = 1;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

int ls__base_initializer(extractor *x, CXCursor call) {
  if (clang_getCursorKind(x->func_cursor) != CXCursor_Constructor || x->cur_func == NONE) return 0;
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_getCursorKind(ref) != CXCursor_Constructor) return 0;
  CXCursor base_ctor = ls__function_decl(ref);
  base_find b = {as_template(clang_getCursorSemanticParent(base_ctor)), 0};
  CXCursor cls = clang_getCursorSemanticParent(x->func_cursor);
  clang_visitChildren(cls, base_visitor, &b);
  if (!b.found) return 0;
  ls_fact_override o = {x->cur_func, ls__func_sym(x, base_ctor), ls__class_sym(x, cls)};
  LS_VEC_PUSH(&x->f->overrides, o);
  return 1;
}
