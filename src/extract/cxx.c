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
 *   - the overrides of each method, and destructors run by `delete` and at
 *     the end of a local's scope.
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
  for (unsigned i = 0; i < n; i++) {
    ls_fact_override o = {m, ls__func_sym(x, over[i])};
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

/* The member a call on an object of a dependent type names, in a template
 * (`a.socket().async_read_some(buf, handler)` in Connection<Adaptor>): the
 * last identifier written in the callee expression; libclang 14 gives such
 * a member no spelling and no declaration. "" when there is none. */
static void dependent_member_name(extractor *x, CXCursor member_ref, char *out, size_t n) {
  out[0] = '\0';
  CXToken *toks = NULL;
  unsigned nt = 0;
  clang_tokenize(x->tu, clang_getCursorExtent(member_ref), &toks, &nt);
  for (unsigned i = nt; i-- > 0;) {
    if (clang_getTokenKind(toks[i]) != CXToken_Identifier) continue;
    CXString sp = clang_getTokenSpelling(x->tu, toks[i]);
    snprintf(out, n, "%s", clang_getCString(sp));
    clang_disposeString(sp);
    break;
  }
  clang_disposeTokens(x->tu, toks, nt);
}

/* A call of a member of a dependent type: a function of its own named
 * "<dependent>::NAME", which the packs' entries for methods named NAME
 * register (src/graph/cxx.c) and no blocker matches. */
static int dependent_member_call(extractor *x, CXCursor callee_expr, ls_fact_call *fc) {
  if (clang_getCursorKind(callee_expr) != CXCursor_MemberRefExpr ||
      !clang_Cursor_isNull(clang_getCursorReferenced(callee_expr)))
    return 0;
  char name[128];
  dependent_member_name(x, callee_expr, name, sizeof name);
  if (!name[0]) return 0;
  char *key = ls_xasprintf("dependent|%s", name);
  char *qname = ls_xasprintf("<dependent>::%s", name);
  fc->callee = ls_facts_sym_qualified(x->f, key, name, qname, LS_SYM_FUNC, LS_FN_METHOD);
  fc->via_kind = LS_VIA_DIRECT;
  free(qname);
  free(key);
  return 1;
}

int ls__cxx_callee(extractor *x, CXCursor call, const children *ch, ls_fact_call *fc) {
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_Cursor_isNull(ref) && ch->n > 0) ref = ls__named_function(ls__strip(ch->first));
  if (clang_Cursor_isNull(ref) && ch->n > 0 && dependent_member_call(x, ls__strip(ch->first), fc))
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
  CXCursor dtor = destructor_of(type);
  if (clang_Cursor_isNull(dtor) || x->cur_func == NONE) return;
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

/* ---- template arguments -------------------------------------------------------- */

static int is_template_parameter(enum CXCursorKind k) {
  return k == CXCursor_TemplateTypeParameter || k == CXCursor_NonTypeTemplateParameter ||
         k == CXCursor_TemplateTemplateParameter;
}

typedef struct tparams {
  CXCursor want;   /* find its position, or */
  int nth_nontype; /* the position of the nth non-type parameter */
  int pos, found;
} tparams;

static enum CXChildVisitResult tparam_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  tparams *t = d;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (!is_template_parameter(k)) return CXChildVisit_Continue;
  if (!clang_Cursor_isNull(t->want) ? clang_equalCursors(c, t->want)
                                    : k == CXCursor_NonTypeTemplateParameter && t->nth_nontype-- == 0) {
    t->found = 1;
    return CXChildVisit_Break;
  }
  t->pos++;
  return CXChildVisit_Continue;
}

uint32_t ls__template_param_sym(extractor *x, CXCursor parm) {
  if (clang_getCursorKind(parm) != CXCursor_NonTypeTemplateParameter) return NONE;
  CXCursor owner = clang_getCursorSemanticParent(parm);
  if (clang_getCursorKind(owner) != CXCursor_FunctionTemplate) return NONE;
  tparams t = {parm, 0, 0, 0};
  clang_visitChildren(owner, tparam_visitor, &t);
  if (!t.found) return NONE;
  return ls__param_sym_at(x, ls__func_sym(x, owner), LS_TEMPLATE_ARG_BASE + (unsigned)t.pos);
}

typedef struct targ_ctx {
  extractor *x;
  CXCursor tmpl;    /* the function template named */
  uint32_t callee;
  int nexpr;        /* expression children seen */
} targ_ctx;

static enum CXChildVisitResult targ_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  targ_ctx *t = d;
  if (!clang_isExpression(clang_getCursorKind(c))) return CXChildVisit_Continue;
  int nth = t->nexpr++;
  operand o = ls__classify(t->x, c);
  if (o.kind != LS_ARG_FUNC && o.kind != LS_ARG_SLOT) return CXChildVisit_Continue;
  /* the nth expression written is the template's nth non-type parameter */
  tparams tp = {clang_getNullCursor(), nth, 0, 0};
  clang_visitChildren(t->tmpl, tparam_visitor, &tp);
  if (tp.found)
    ls__add_flow(t->x, o.sym, ls__param_sym_at(t->x, t->callee, LS_TEMPLATE_ARG_BASE + (unsigned)tp.pos),
                 c);
  return CXChildVisit_Continue;
}

CXCursor ls__named_function(CXCursor name_expr) {
  CXCursor ref = clang_getCursorReferenced(name_expr);
  if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) != CXCursor_OverloadedDeclRef) return ref;
  /* in a template, `TypeSafeCallback<T, method>` is an unresolved name
   * whose first child lists the candidates: one template is that one */
  children ch = ls__children_of(name_expr);
  CXCursor over = clang_getCursorKind(ref) == CXCursor_OverloadedDeclRef ? ref : ch.first;
  if (clang_getCursorKind(over) != CXCursor_OverloadedDeclRef) return clang_getNullCursor();
  unsigned n = clang_getNumOverloadedDecls(over);
  if (n == 0) return clang_getNullCursor();
  CXCursor d = clang_getOverloadedDecl(over, 0);
  if (!ls__is_function_kind(clang_getCursorKind(d))) return clang_getNullCursor();
  if (n == 1) return d;
  /* overloads of one name (`asio::write(adaptor_.socket(), buffers)` with a
   * dependent argument): the packs name them alike, so the first stands
   * for all; candidates of different names stay unresolved */
  char *q0 = ls__qualified_name(ls__function_decl(d));
  int same = q0 != NULL;
  for (unsigned i = 1; same && i < n; i++) {
    CXCursor di = clang_getOverloadedDecl(over, i);
    char *qi = ls__is_function_kind(clang_getCursorKind(di)) ? ls__qualified_name(ls__function_decl(di)) : NULL;
    same = qi && !strcmp(q0, qi);
    free(qi);
  }
  free(q0);
  return same ? d : clang_getNullCursor();
}

void ls__template_argument_flows(extractor *x, CXCursor name_expr, uint32_t callee) {
  enum CXCursorKind k = clang_getCursorKind(name_expr);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return;
  CXCursor tmpl = ls__function_decl(ls__named_function(name_expr));
  if (clang_getCursorKind(tmpl) != CXCursor_FunctionTemplate) return;
  targ_ctx t = {x, tmpl, callee, 0};
  if (k == CXCursor_MemberRefExpr) {
    /* the object comes first among a member reference's children */
    children ch = ls__children_of(name_expr);
    if (ch.n < 2) return;
    t.nexpr = -1;
  }
  clang_visitChildren(name_expr, targ_visitor, &t);
}

/* ---- base initializers ------------------------------------------------------- */

typedef struct base_find {
  CXCursor want; /* a class, as its template when it is an instantiation */
  int found;
} base_find;

static CXCursor as_template(CXCursor rec) {
  CXCursor def = clang_getCursorDefinition(rec);
  if (!clang_Cursor_isNull(def)) rec = def;
  CXCursor t = clang_getSpecializedCursorTemplate(rec);
  return clang_Cursor_isNull(t) ? rec : t;
}

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

void ls__base_initializer(extractor *x, CXCursor call) {
  if (clang_getCursorKind(x->func_cursor) != CXCursor_Constructor || x->cur_func == NONE) return;
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_getCursorKind(ref) != CXCursor_Constructor) return;
  CXCursor base_ctor = ls__function_decl(ref);
  base_find b = {as_template(clang_getCursorSemanticParent(base_ctor)), 0};
  CXCursor cls = clang_getCursorSemanticParent(x->func_cursor);
  clang_visitChildren(cls, base_visitor, &b);
  if (!b.found) return;
  ls_fact_override o = {x->cur_func, ls__func_sym(x, base_ctor)};
  LS_VEC_PUSH(&x->f->overrides, o);
}
