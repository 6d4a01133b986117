/* cxx.c: what C++ adds to the walk (internal.h). libclang parses C and C++
 * into one cursor tree, so the C++ front end is the C walk plus this file:
 *   - which cursors are functions (methods, constructors, destructors,
 *     conversion operators, function templates) and which declaration a
 *     call's callee stands for (a template's instantiation is its template:
 *     libclang does not expose instantiated bodies, so the template body is
 *     walked once and calls in it are resolved as far as it allows);
 *   - qualified names ("a::W::go", inline namespaces left out, as a C++
 *     programmer writes them) and function kinds;
 *   - lambdas: each a function of its own, keyed by where it is written,
 *     named "lambda at file.cc:42";
 *   - callees the C++ way: virtual calls (the static callee, with the
 *     overrides the graph adds), constructors, `operator()` of a callable
 *     held in a variable or field (std::function, a closure, a template
 *     parameter) as a call through that slot;
 *   - the overrides of each method.
 * Templates are in templates.c; destructors, base initializers and
 * durations in specials.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int ls__is_function_kind(enum CXCursorKind k) {
  switch (k) {
  case CXCursor_FunctionDecl:
  case CXCursor_CXXMethod:
  case CXCursor_Constructor:
  case CXCursor_Destructor:
  case CXCursor_ConversionFunction:
  case CXCursor_FunctionTemplate:
    return 1;
  default:
    return 0;
  }
}

CXCursor ls__function_decl(CXCursor fn) {
  /* An instantiation (of a function template, or a member of a class
   * template's specialization) stands for its template; at most a few
   * levels (a member template of a class template). */
  for (int i = 0; i < 4; i++) {
    CXCursor t = clang_getSpecializedCursorTemplate(fn);
    if (clang_Cursor_isNull(t) || clang_equalCursors(t, fn)) break;
    fn = t;
  }
  return fn;
}

int ls__is_lambda_class(CXCursor rec) {
  enum CXCursorKind k = clang_getCursorKind(rec);
  if (k != CXCursor_ClassDecl && k != CXCursor_StructDecl) return 0;
  CXString t = clang_getTypeSpelling(clang_getCursorType(rec));
  int is = strncmp(clang_getCString(t), "(lambda at ", 11) == 0;
  clang_disposeString(t);
  return is;
}

/* The file and offset where a lambda is written; its closure class is
 * declared at the same place. */
static void lambda_place(extractor *x, CXCursor c, uint32_t *path, unsigned *line, unsigned *off) {
  CXFile file = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(c), &file, line, NULL, off);
  *path = ls__path_of_file(x, file);
}

uint32_t ls__lambda_sym(extractor *x, CXCursor c) {
  uint32_t path;
  unsigned line, off;
  lambda_place(x, c, &path, &line, &off);
  const char *p = x->f->strs.items[path];
  const char *base = strrchr(p, '/');
  base = base ? base + 1 : p;
  char *key = ls_xasprintf("%s|lambda@%u", p, off);
  char *name = ls_xasprintf("lambda at %s:%u", base, line);
  uint32_t s = ls_facts_sym_qualified(x->f, key, name, NULL, LS_SYM_FUNC, LS_FN_LAMBDA);
  free(name);
  free(key);
  return s;
}

/* "ns::Class::" for a declaration's semantic parents, appended to *out:
 * namespaces (an anonymous one as "(anonymous namespace)", inline ones left
 * out: std::__cxx11 is std), classes by name, a function for a local class. */
static void qualify(CXCursor c, char *out, size_t n) {
  CXCursor p = clang_getCursorSemanticParent(c);
  enum CXCursorKind k = clang_getCursorKind(p);
  if (clang_Cursor_isNull(p) || k == CXCursor_TranslationUnit || clang_isInvalid(k)) return;
  if (k == CXCursor_LinkageSpec) {
    qualify(p, out, n);
    return;
  }
  qualify(p, out, n);
  if (k == CXCursor_Namespace && clang_Cursor_isInlineNamespace(p)) return;
  CXString s = clang_getCursorSpelling(p);
  const char *sp = clang_getCString(s);
  size_t len = strlen(out);
  if (k == CXCursor_Namespace && !*sp)
    snprintf(out + len, n - len, "(anonymous namespace)::");
  else if (*sp)
    snprintf(out + len, n - len, "%s::", sp);
  clang_disposeString(s);
}

char *ls__qualified_name(CXCursor fn) {
  char buf[1024] = "";
  qualify(fn, buf, sizeof buf);
  if (!buf[0]) return NULL;
  CXString s = clang_getCursorSpelling(fn);
  size_t len = strlen(buf);
  snprintf(buf + len, sizeof buf - len, "%s", clang_getCString(s));
  clang_disposeString(s);
  /* a class template's constructor and destructor are spelled with the
   * template's parameters ("basic_ifstream<_CharT, _Traits>"): names are
   * written without them */
  enum CXCursorKind k = clang_getCursorKind(fn);
  if (k == CXCursor_FunctionTemplate) k = clang_getTemplateCursorKind(fn);
  if (k == CXCursor_Constructor || k == CXCursor_Destructor) {
    char *lt = strchr(buf + len, '<');
    if (lt) *lt = '\0';
  }
  return ls_xstrdup(buf);
}

ls_fn_kind ls__fn_kind(CXCursor fn) {
  enum CXCursorKind k = clang_getCursorKind(fn);
  if (k == CXCursor_FunctionTemplate) k = clang_getTemplateCursorKind(fn);
  switch (k) {
  case CXCursor_Constructor: return LS_FN_CTOR;
  case CXCursor_Destructor: return LS_FN_DTOR;
  case CXCursor_ConversionFunction: return LS_FN_OPERATOR;
  case CXCursor_CXXMethod: {
    CXString s = clang_getCursorSpelling(fn);
    int op = strncmp(clang_getCString(s), "operator", 8) == 0;
    clang_disposeString(s);
    if (ls__is_lambda_class(clang_getCursorSemanticParent(fn))) return LS_FN_LAMBDA;
    if (op) return LS_FN_OPERATOR;
    if (clang_CXXMethod_isStatic(fn)) return LS_FN_STATIC;
    if (clang_CXXMethod_isVirtual(fn)) return LS_FN_VIRTUAL;
    return LS_FN_METHOD;
  }
  default: {
    CXString s = clang_getCursorSpelling(fn);
    int op = strncmp(clang_getCString(s), "operator", 8) == 0;
    clang_disposeString(s);
    return op ? LS_FN_OPERATOR : LS_FN_PLAIN;
  }
  }
}

void ls__note_overrides(extractor *x, CXCursor method) {
  if (clang_getCursorKind(method) != CXCursor_CXXMethod &&
      clang_getCursorKind(method) != CXCursor_Destructor)
    return;
  CXCursor *over = NULL;
  unsigned n = 0;
  clang_getOverriddenCursors(method, &over, &n);
  if (!n) return;
  uint32_t m = ls__func_sym(x, method);
  uint32_t cls = ls__class_sym(x, clang_getCursorSemanticParent(method));
  for (unsigned i = 0; i < n; i++) {
    ls_fact_override o = {m, ls__func_sym(x, over[i]), cls};
    LS_VEC_PUSH(&x->f->overrides, o);
  }
  clang_disposeOverriddenCursors(over);
}

/* ---- lambdas ------------------------------------------------------------ */

void ls__handle_lambda(extractor *x, CXCursor lambda) {
  uint32_t sym = ls__lambda_sym(x, lambda);
  /* The enclosing function's walk is suspended: its control-flow state,
   * guards, pending results and cost variables are put aside and given
   * back after the lambda's body. */
  extractor saved = *x;
  x->guard_stack = (typeof(x->guard_stack)){0};
  x->ends_stack = (typeof(x->ends_stack)){0};
  x->results = (typeof(x->results)){0};
  x->cost_vars = (typeof(x->cost_vars)){0};
  memset(&x->cost_var_index, 0, sizeof x->cost_var_index);
  x->string_defs = (typeof(x->string_defs)){0};
  memset(&x->string_def_index, 0, sizeof x->string_def_index);
  ls__walk_function(x, lambda, sym, NONE);
  LS_VEC_FREE(&x->guard_stack);
  LS_VEC_FREE(&x->ends_stack);
  LS_VEC_FREE(&x->results);
  ls__cost_reset(x);
  LS_VEC_FREE(&x->cost_vars);
  ls__string_defs_reset(x);
  LS_VEC_FREE(&x->string_defs);
  /* What the walk of the lambda added to the TU-wide state stays. */
  saved.files = x->files;
  saved.last_file = x->last_file;
  saved.last_path = x->last_path;
  saved.sig_seen = x->sig_seen;
  saved.class_marks = x->class_marks;
  saved.implicit_specials = x->implicit_specials;
  saved.special_memo = x->special_memo;
  *x = saved;
}

/* ---- callees ------------------------------------------------------------- */

/* Whether a member call names its callee with a qualifier (`Base::run()`,
 * `this->Base::run()`): then it is not dispatched virtually. */
static int qualified_member(CXCursor member_ref) {
  CXSourceRange r = clang_getCursorReferenceNameRange(member_ref, CXNameRange_WantQualifier, 0);
  CXSourceRange plain = clang_getCursorReferenceNameRange(member_ref, 0, 0);
  return !clang_equalRanges(r, plain);
}

/* The callable object a call of `operator()` is made on: the first child
 * of the call (after implicit conversions), when it names a variable,
 * parameter or field. */
static operand callable_object(extractor *x, CXCursor first) {
  operand o = ls__classify(x, first);
  if (o.kind == LS_ARG_SLOT) return o;
  CXCursor c = ls__strip(first);
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return o;
  CXCursor ref = clang_getCursorReferenced(c);
  uint32_t s = ls__slot_sym(x, ref);
  if (s != NONE) {
    o.kind = LS_ARG_SLOT;
    o.sym = s;
  }
  return o;
}

/* The class a member call's object has (the pointee of `p->`), as its
 * template when it is an instantiation, or a null cursor. */
static CXCursor object_class(CXCursor object) {
  /* the object as written: implicit derived-to-base conversions stripped */
  CXType t = clang_getCanonicalType(clang_getCursorType(ls__strip(object)));
  if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  if (t.kind == CXType_Pointer) t = clang_getCanonicalType(clang_getPointeeType(t));
  if (t.kind != CXType_Record) return clang_getNullCursor();
  CXCursor rec = clang_getTypeDeclaration(t);
  CXCursor tmpl = clang_getSpecializedCursorTemplate(rec);
  return clang_Cursor_isNull(tmpl) ? rec : tmpl;
}

/* A library method called on an object of a library class that inherits
 * it (`ifs.read(...)`, `ifs >> x` on a std::ifstream: basic_istream's
 * methods) is recorded as the method of the object's class
 * ("std::basic_ifstream::read"), so that a pack can tell a file stream
 * from a string stream. Returns that symbol, or NONE when the object's
 * class is the method's own or not a library class. */
static uint32_t inherited_library_method(extractor *x, CXCursor method, CXCursor object) {
  if (clang_Cursor_isNull(object)) return NONE;
  CXCursor cls = object_class(object);
  CXCursor own = clang_getCursorSemanticParent(method);
  if (clang_Cursor_isNull(cls) || clang_equalCursors(cls, own) || !ls__in_system_header(cls))
    return NONE;
  char *cq = ls__qualified_name(cls);
  CXString ms = clang_getCursorSpelling(method), cu = clang_getCursorUSR(cls),
           mu = clang_getCursorUSR(method);
  char *qname = ls_xasprintf("%s::%s", cq ? cq : "", clang_getCString(ms));
  char *key = ls_xasprintf("%s|on|%s", clang_getCString(mu), clang_getCString(cu));
  uint32_t s = ls_facts_sym_qualified(x->f, key, clang_getCString(ms), qname, LS_SYM_FUNC,
                                      ls__fn_kind(method));
  free(key);
  free(qname);
  free(cq);
  clang_disposeString(ms);
  clang_disposeString(cu);
  clang_disposeString(mu);
  return s;
}

static enum CXChildVisitResult first_parm(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  if (clang_getCursorKind(c) != CXCursor_ParmDecl) return CXChildVisit_Continue;
  *(CXCursor *)d = c;
  return CXChildVisit_Break;
}

/* A library's free function called with an object of a library class
 * first, where the function takes a base of that class or any type (a
 * template parameter): `std::getline(ifs, line)` on a std::ifstream,
 * `asio::post(pool, f)` on an asio::thread_pool. It is recorded as
 * "std::getline(std::basic_ifstream)", so that a pack can tell a file
 * stream from a string stream and a thread pool from an io_context; the
 * packs' entries for the plain name still apply to it (src/graph). NONE
 * when the call is not one. */
static uint32_t library_function_on(extractor *x, CXCursor fn, CXCursor call) {
  if (clang_Cursor_getNumArguments(call) < 1) return NONE;
  CXCursor cls = object_class(clang_Cursor_getArgument(call, 0));
  if (clang_Cursor_isNull(cls) || !ls__in_system_header(cls) || ls__is_lambda_class(cls))
    return NONE;
  CXCursor parm = clang_getNullCursor();
  clang_visitChildren(fn, first_parm, &parm);
  if (clang_Cursor_isNull(parm)) return NONE;
  CXType pt = clang_getCanonicalType(clang_getCursorType(parm));
  if (pt.kind == CXType_LValueReference || pt.kind == CXType_RValueReference ||
      pt.kind == CXType_Pointer)
    pt = clang_getCanonicalType(clang_getPointeeType(pt));
  if (pt.kind == CXType_Record) {
    CXCursor prec = clang_getTypeDeclaration(pt);
    CXCursor ptmpl = clang_getSpecializedCursorTemplate(prec);
    if (!clang_Cursor_isNull(ptmpl)) prec = ptmpl;
    if (clang_equalCursors(prec, cls)) return NONE; /* takes that very class */
  } else if (pt.kind != CXType_Unexposed) {
    return NONE; /* a scalar first parameter */
  }
  char *fq = ls__qualified_name(fn), *cq = ls__qualified_name(cls);
  CXString fs = clang_getCursorSpelling(fn), fu = clang_getCursorUSR(fn), cu = clang_getCursorUSR(cls);
  char *qname = ls_xasprintf("%s(%s)", fq ? fq : clang_getCString(fs), cq ? cq : "");
  char *key = ls_xasprintf("%s|on|%s", clang_getCString(fu), clang_getCString(cu));
  uint32_t s = ls_facts_sym_qualified(x->f, key, clang_getCString(fs), qname, LS_SYM_FUNC,
                                      ls__fn_kind(fn));
  free(key);
  free(qname);
  free(fq);
  free(cq);
  clang_disposeString(fs);
  clang_disposeString(fu);
  clang_disposeString(cu);
  return s;
}

int ls__cxx_callee(extractor *x, CXCursor call, const children *ch, ls_fact_call *fc) {
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_Cursor_isNull(ref) && ch->n > 0) ref = ls__named_function(ls__strip(ch->first));
  if (clang_Cursor_isNull(ref) && ch->n > 0 && ls__dependent_member_call(x, ls__strip(ch->first), fc))
    return 1;
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (!ls__is_function_kind(rk)) return 0;
  CXCursor parent = clang_getCursorSemanticParent(ref);
  CXString sp = clang_getCursorSpelling(ref);
  int call_op = strcmp(clang_getCString(sp), "operator()") == 0;
  clang_disposeString(sp);
  if (call_op && ls__is_lambda_class(parent)) {
    /* a closure called: the lambda's own function */
    fc->via_kind = LS_VIA_DIRECT;
    fc->callee = ls__lambda_sym(x, parent);
    return 1;
  }
  if (call_op && ch->n > 0 && (ls__in_system_header(ref) || !clang_isCursorDefinition(ref))) {
    /* std::function's (or another library callable's) operator() on a
     * variable or field: whatever was stored in it runs */
    operand o = callable_object(x, ch->first);
    if (o.kind == LS_ARG_SLOT) {
      fc->via = o.sym;
      fc->via_kind = x->f->syms.items[o.sym].kind == LS_SYM_FIELD ? LS_VIA_FIELD : LS_VIA_VAR;
      return 1;
    }
  }
  ls__note_call_type_arguments(x, ref); /* std::make_shared<T>: T objects */
  CXCursor decl = ls__function_decl(ref);
  fc->callee = ls__func_sym(x, decl);
  fc->via_kind = LS_VIA_DIRECT;
  if (rk == CXCursor_CXXMethod && ch->n > 0 && ls__in_system_header(ref)) {
    /* the object: the member reference's first child, or a member
     * operator's first argument (`in >> v`) */
    CXCursor callee_expr = ls__strip(ch->first), object = clang_getNullCursor();
    if (clang_getCursorKind(callee_expr) == CXCursor_MemberRefExpr) {
      children mc = ls__children_of(callee_expr);
      if (mc.n) object = mc.first;
    } else if (clang_Cursor_getNumArguments(call) == clang_Cursor_getNumArguments(ref) + 1) {
      object = clang_Cursor_getArgument(call, 0);
    }
    uint32_t as_called = inherited_library_method(x, decl, object);
    if (as_called != NONE) {
      fc->callee = as_called;
      return 1;
    }
  }
  if (rk == CXCursor_FunctionDecl && ls__in_system_header(ref)) {
    uint32_t on = library_function_on(x, decl, call);
    if (on != NONE) {
      fc->callee = on;
      return 1;
    }
  }
  if (rk == CXCursor_Constructor) {
    fc->via_kind = LS_VIA_CTOR;
  } else if (rk == CXCursor_CXXMethod && clang_CXXMethod_isVirtual(ref)) {
    CXCursor callee_expr = ch->n > 0 ? ls__strip(ch->first) : clang_getNullCursor();
    if (clang_getCursorKind(callee_expr) == CXCursor_MemberRefExpr && !qualified_member(callee_expr))
      fc->via_kind = LS_VIA_VIRTUAL;
  }
  ls__note_signature(x, decl, fc->callee);
  return 1;
}
