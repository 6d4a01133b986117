/* expr.c: what an expression denotes (expr.h's classify): a function, a
 * slot that may hold one, NULL, a string, an integer constant with the
 * tokens it is written with, an integer variable, or an integer expression
 * with the flags written in it; and the type spellings the graph matches
 * indirect calls by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int ls__is_fnptr_type(CXType t) {
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Pointer:
  case CXType_MemberPointer: /* C++: &Store::flush */ {
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    return p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto;
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
    return ls__is_fnptr_type(clang_getArrayElementType(t));
  default:
    return 0;
  }
}

static enum CXChildVisitResult find_call_operator(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate) {
    CXString s = clang_getCursorSpelling(c);
    if (!strcmp(clang_getCString(s), "operator()")) *(int *)d = 1;
    clang_disposeString(s);
  }
  return *(int *)d ? CXChildVisit_Break : CXChildVisit_Continue;
}

int ls__is_callable_type(extractor *x, CXType t) {
  if (ls__is_fnptr_type(t)) return 1;
  if (!x->cxx) return 0;
  t = clang_getCanonicalType(t);
  if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  if (t.kind == CXType_Unexposed) return 1; /* a template parameter: anything */
  if (t.kind != CXType_Record) return 0;
  CXCursor rec = clang_getTypeDeclaration(t);
  if (ls__is_lambda_class(rec)) return 1;
  /* An implicit instantiation lists no members: its template does. */
  CXCursor tmpl = clang_getSpecializedCursorTemplate(rec);
  if (!clang_Cursor_isNull(tmpl)) rec = tmpl;
  CXCursor def = clang_getCursorDefinition(rec);
  if (!clang_Cursor_isNull(def)) rec = def;
  int has = 0;
  clang_visitChildren(rec, find_call_operator, &has);
  return has;
}

uint32_t ls__slot_sym(extractor *x, CXCursor decl) {
  switch (clang_getCursorKind(decl)) {
  case CXCursor_FieldDecl: return ls__field_sym(x, decl);
  case CXCursor_ParmDecl: return ls__param_sym(x, decl);
  case CXCursor_VarDecl: return ls__var_sym(x, decl);
  default: return NONE;
  }
}

typedef struct parm_find {
  CXCursor parm;
  int idx, found;
} parm_find;

static enum CXChildVisitResult find_parm(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  parm_find *pf = d;
  if (clang_getCursorKind(c) != CXCursor_ParmDecl) return CXChildVisit_Continue;
  if (clang_equalCursors(c, pf->parm)) {
    pf->found = 1;
    return CXChildVisit_Break;
  }
  pf->idx++;
  return CXChildVisit_Continue;
}

int ls__param_index(CXCursor fn, CXCursor parm) {
  parm_find pf = {parm, 0, 0};
  /* A lambda's parameters are children of its LambdaExpr; its call
   * operator is not visited. Other functions list theirs first. */
  clang_visitChildren(fn, find_parm, &pf);
  if (pf.found) return pf.idx;
  int n = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < n; i++)
    if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), parm)) return i;
  return -1;
}

static int is_function_type(CXType t) {
  t = clang_getCanonicalType(t);
  return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

int ls__is_integer_type(CXType t) {
  t = clang_getCanonicalType(t);
  return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

static enum CXChildVisitResult count_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  children *ch = d;
  if (ch->n == 0) ch->first = c;
  ch->last = c;
  ch->n++;
  return CXChildVisit_Continue;
}

typedef struct first_children {
  CXCursor *out;
  unsigned max, n;
} first_children;

static enum CXChildVisitResult first_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  first_children *f = d;
  if (f->n < f->max) f->out[f->n] = c;
  f->n++;
  return CXChildVisit_Continue;
}

unsigned ls__children_upto(CXCursor c, CXCursor *out, unsigned max) {
  first_children f = {out, max, 0};
  clang_visitChildren(c, first_visitor, &f);
  return f.n;
}

children ls__children_of(CXCursor c) {
  children ch = {clang_getNullCursor(), clang_getNullCursor(), 0};
  clang_visitChildren(c, count_visitor, &ch);
  return ch;
}

CXCursor ls__strip(CXCursor c) {
  for (;;) {
    enum CXCursorKind k = clang_getCursorKind(c);
    int cast = k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr ||
               k == CXCursor_CXXReinterpretCastExpr || k == CXCursor_CXXConstCastExpr ||
               k == CXCursor_CXXFunctionalCastExpr;
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && !cast && k != CXCursor_UnaryOperator)
      return c;
    children ch = ls__children_of(c);
    /* A cast to a named type has the TypeRef as its first child and the
     * operand last: `(uv_close_cb)on_closed`. */
    if (cast && ch.n >= 1 && clang_isExpression(clang_getCursorKind(ch.last))) {
      c = ch.last;
      continue;
    }
    if (ch.n != 1) return c;
    if (k == CXCursor_UnaryOperator) {
      /* Keep &f (function -> pointer) and *fp (pointer -> function); stop at
       * anything else (&timer, -x, !x). */
      CXType outer = clang_getCursorType(c), inner = clang_getCursorType(ch.first);
      int addr_of_fn = ls__is_fnptr_type(outer) && is_function_type(inner);
      int deref_fp = is_function_type(outer) && ls__is_fnptr_type(inner);
      if (!addr_of_fn && !deref_fp) return c;
    }
    c = ch.first;
  }
}

/* C++: what a callable expression denotes: a method or function template
 * named (`&Store::flush`, `Fn<int>`), a lambda, or a value passed through
 * std::function's constructor, std::bind, std::move and the like. */
static int cxx_classify(extractor *x, operand *o) {
  enum CXCursorKind k = clang_getCursorKind(o->core);
  if (k == CXCursor_LambdaExpr) {
    o->kind = LS_ARG_FUNC;
    o->sym = ls__lambda_sym(x, o->core);
    return 1;
  }
  if (k == CXCursor_BinaryOperator) {
    /* (obj.*mp)(): the member function pointer */
    children ch = ls__children_of(o->core);
    if (ch.n == 2 && clang_getCanonicalType(clang_getCursorType(ls__strip(ch.last))).kind ==
                         CXType_MemberPointer) {
      *o = ls__classify(x, ch.last);
      return o->kind != LS_ARG_OTHER;
    }
    return 0;
  }
  if (k == CXCursor_UnaryOperator) {
    children ch = ls__children_of(o->core); /* &Class::method */
    if (ch.n == 1 && clang_getCanonicalType(clang_getCursorType(o->core)).kind == CXType_MemberPointer &&
        clang_getCursorKind(ch.first) == CXCursor_DeclRefExpr)
      o->core = ch.first, k = CXCursor_DeclRefExpr;
  }
  if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
    CXCursor ref = clang_getCursorReferenced(o->core);
    if (clang_Cursor_isNull(ref) || clang_getCursorKind(ref) == CXCursor_OverloadedDeclRef)
      ref = ls__named_function(o->core);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk != CXCursor_FunctionDecl && ls__is_function_kind(rk) && rk != CXCursor_Constructor &&
        rk != CXCursor_Destructor) {
      o->kind = LS_ARG_FUNC;
      o->sym = ls__func_sym(x, ls__function_decl(ref));
      return 1;
    }
    if (rk == CXCursor_FunctionDecl && !clang_Cursor_isNull(clang_getSpecializedCursorTemplate(ref))) {
      o->kind = LS_ARG_FUNC;
      o->sym = ls__func_sym(x, ls__function_decl(ref));
      return 1;
    }
    if (rk == CXCursor_NonTypeTemplateParameter) {
      /* `method(info)` in template <Napi::Value (*method)(...)> */
      o->sym = ls__template_param_sym(x, ref);
      if (o->sym != NONE) o->kind = LS_ARG_SLOT;
      return o->sym != NONE;
    }
    if ((rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl || rk == CXCursor_FieldDecl) &&
        ls__is_callable_type(x, clang_getCursorType(ref))) {
      o->sym = ls__slot_sym(x, ref);
      if (o->sym != NONE) o->kind = LS_ARG_SLOT;
      return 1;
    }
    return 0;
  }
  if (k == CXCursor_CallExpr) {
    /* std::function<void()> f = lambda; std::bind(&C::m, this); std::move(cb) */
    CXCursor ref = clang_getCursorReferenced(o->core);
    if (clang_getCursorKind(ref) == CXCursor_ConversionFunction &&
        ls__is_lambda_class(clang_getCursorSemanticParent(ref))) {
      /* a lambda converted to a function pointer: uv_timer_start(&t, [](uv_timer_t *) {...}) */
      o->kind = LS_ARG_FUNC;
      o->sym = ls__lambda_sym(x, clang_getCursorSemanticParent(ref));
      return 1;
    }
    int nargs = clang_Cursor_getNumArguments(o->core);
    if (nargs < 1 || clang_Cursor_isNull(ref)) return 0;
    /* which argument the call's value is: a callable library type's
     * converting constructor and the wrappers below pass one through */
    int at = -1;
    if (clang_getCursorKind(ref) == CXCursor_Constructor && nargs == 1) {
      CXCursor rec = clang_getCursorSemanticParent(ref);
      if (ls__in_system_header(ref) && ls__is_callable_type(x, clang_getCursorType(rec))) at = 0;
    } else {
      static const struct { const char *name; int arg; } wrappers[] = {
          {"std::bind", 0}, {"std::bind_front", 0}, {"std::move", 0}, {"std::forward", 0},
          {"std::ref", 0},  {"std::cref", 0},       {"boost::bind", 0},
          {"asio::bind_executor", 1}, {"boost::asio::bind_executor", 1}}; /* (strand, handler) */
      char *q = ls__qualified_name(ref);
      for (size_t w = 0; q && at < 0 && w < sizeof wrappers / sizeof wrappers[0]; w++)
        if (!strcmp(q, wrappers[w].name) && nargs > wrappers[w].arg) at = wrappers[w].arg;
      free(q);
    }
    int through = at >= 0;
    if (!through) return 0;
    operand inner = ls__classify(x, clang_Cursor_getArgument(o->core, (unsigned)at));
    if (inner.kind != LS_ARG_FUNC && inner.kind != LS_ARG_SLOT) return 0;
    *o = inner;
    return 1;
  }
  return 0;
}

operand ls__classify(extractor *x, CXCursor e) {
  operand o = {LS_ARG_OTHER, NONE, ls__strip(e)};
  if (x->cxx && cxx_classify(x, &o)) return o;
  enum CXCursorKind k = clang_getCursorKind(o.core);
  if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
    CXCursor ref = clang_getCursorReferenced(o.core);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk == CXCursor_FunctionDecl) {
      o.kind = LS_ARG_FUNC;
      o.sym = ls__func_sym(x, ref);
    } else if (ls__is_fnptr_type(clang_getCursorType(ref))) {
      if (rk == CXCursor_FieldDecl) o.sym = ls__field_sym(x, ref);
      else if (rk == CXCursor_ParmDecl) o.sym = ls__param_sym(x, ref);
      else if (rk == CXCursor_VarDecl) o.sym = ls__var_sym(x, ref);
      if (o.sym != NONE) o.kind = LS_ARG_SLOT;
    }
  } else if (k == CXCursor_ArraySubscriptExpr) {
    /* handlers[i]: the array variable's (or field's) contents. */
    children ch = ls__children_of(o.core);
    if (ch.n == 2 && ls__is_fnptr_type(clang_getCursorType(o.core))) {
      operand base = ls__classify(x, ch.first);
      if (base.kind == LS_ARG_SLOT) {
        o.kind = LS_ARG_SLOT;
        o.sym = base.sym;
      }
    }
  } else if (k == CXCursor_StringLiteral) {
    o.kind = LS_ARG_STRING;
  } else if (k == CXCursor_IntegerLiteral &&
             clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer) {
    CXEvalResult ev = clang_Cursor_Evaluate(o.core);
    if (ev && clang_EvalResult_getKind(ev) == CXEval_Int && clang_EvalResult_getAsLongLong(ev) == 0)
      o.kind = LS_ARG_NULL;
    if (ev) clang_EvalResult_dispose(ev);
  }
  return o;
}

/* The tokens of an expression as written where it is used: for a macro
 * argument like WNOHANG the cursor's extent points into the macro's
 * definition, whose tokens ("1") name nothing. Returns 0 when the extent
 * does not lie in one file (the caller then has no tokens to dispose). */
static int written_tokens(extractor *x, CXCursor e, CXToken **toks, unsigned *n) {
  CXSourceRange r = clang_getCursorExtent(e);
  CXFile f1, f2;
  unsigned l1, c1, l2, c2;
  clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l1, &c1, NULL);
  clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &l2, &c2, NULL);
  if (!f1 || f1 != f2 || l2 < l1 || (l2 == l1 && c2 < c1)) return 0;
  CXSourceRange written =
      clang_getRange(clang_getLocation(x->tu, f1, l1, c1), clang_getLocation(x->tu, f2, l2, c2));
  clang_tokenize(x->tu, written, toks, n);
  return 1;
}

/* The spelling of an expression's tokens, when it names something (macro or
 * enum constants), for flag conditions: "WNOHANG | WUNTRACED". */
uint32_t ls__tokens_text(extractor *x, CXCursor e) {
  CXToken *toks = NULL;
  unsigned n = 0;
  if (!written_tokens(x, e, &toks, &n)) return NONE;
  char buf[512];
  size_t len = 0;
  int named = 0;
  for (unsigned i = 0; i < n && i < 32; i++) {
    CXString s = clang_getTokenSpelling(x->tu, toks[i]);
    const char *t = clang_getCString(s);
    if (clang_getTokenKind(toks[i]) == CXToken_Identifier) named = 1;
    int w = snprintf(buf + len, sizeof buf - len, "%s%s", len ? " " : "", t);
    if (w > 0 && (size_t)w < sizeof buf - len) len += (size_t)w;
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, toks, n);
  return named ? ls_facts_str(x->f, buf) : NONE;
}

/* Whether an identifier is written the way macros and enum constants are
 * (O_NONBLOCK, F_SETFL): upper-case letters, digits and underscores. */
static int macro_style(const char *t) {
  int letter = 0;
  for (; *t; t++) {
    if (*t >= 'A' && *t <= 'Z') letter = 1;
    else if (!(*t == '_' || (*t >= '0' && *t <= '9'))) return 0;
  }
  return letter;
}

/* The macro-style identifiers written in an expression, as the user wrote
 * it (not the macros' expansions), space-separated, each once; NONE when
 * there are none: `flags | O_NONBLOCK` -> "O_NONBLOCK". */
static uint32_t flag_names(extractor *x, CXCursor e) {
  CXToken *toks = NULL;
  unsigned n = 0;
  if (!written_tokens(x, e, &toks, &n)) return NONE;
  LS_VEC(char) text = {0};
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Identifier) continue;
    /* `flags & ~O_NONBLOCK` clears the flag: a name after `~` is not one
     * the expression sets, so it is left out. */
    if (i > 0 && clang_getTokenKind(toks[i - 1]) == CXToken_Punctuation) {
      CXString p = clang_getTokenSpelling(x->tu, toks[i - 1]);
      int cleared = strcmp(clang_getCString(p), "~") == 0;
      clang_disposeString(p);
      if (cleared) continue;
    }
    CXString s = clang_getTokenSpelling(x->tu, toks[i]);
    const char *t = clang_getCString(s);
    size_t tl = strlen(t);
    int seen = 0;
    for (const char *p = text.items; p && !seen && (p = strstr(p, t)); p += tl)
      seen = (p == text.items || p[-1] == ' ') && (p[tl] == ' ' || p[tl] == '\0');
    if (macro_style(t) && !seen) {
      LS_VEC_GROW(&text, tl + 2);
      if (text.len) text.items[text.len++] = ' ';
      memcpy(text.items + text.len, t, tl + 1);
      text.len += tl;
    }
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, toks, n);
  uint32_t id = text.len ? ls_facts_str(x->f, text.items) : NONE;
  LS_VEC_FREE(&text);
  return id;
}

uint32_t ls__flag_names(extractor *x, CXCursor e) { return flag_names(x, e); }

/* The parameter an expression names directly (`source`, `(GIOChannel *)ch`),
 * or the parameter a field is read through (`w->fd`): its sym, else NONE. */
static uint32_t param_base(extractor *x, CXCursor e, int through_field) {
  CXCursor c = ls__bare(e);
  if (through_field) {
    if (clang_getCursorKind(c) != CXCursor_MemberRefExpr) return NONE;
    children ch = ls__children_of(c);
    if (ch.n != 1) return NONE;
    c = ls__bare(ch.first);
  }
  if (clang_getCursorKind(c) != CXCursor_DeclRefExpr) return NONE;
  CXCursor ref = clang_getCursorReferenced(c);
  return clang_getCursorKind(ref) == CXCursor_ParmDecl ? ls__param_sym(x, ref) : NONE;
}

/* The facts of an argument: a function or slot (flows), NULL, a string, an
 * integer constant with its tokens, an integer variable by identity (with
 * the parameter it is a field of, `w->fd`), an integer expression by the
 * flags written in it, the address of an integer variable (`&on`), or a
 * parameter of another type (a handle, a channel). */
/* `c ? "a" : "b"`: both literals, as written, '\n'-separated (strs), or
 * NONE when the expression is not a choice of two literals. */
static uint32_t conditional_literals(extractor *x, CXCursor e) {
  CXCursor c = ls__bare(e);
  if (clang_getCursorKind(c) != CXCursor_ConditionalOperator) return NONE;
  CXCursor part[3];
  if (ls__children_upto(c, part, 3) != 3) return NONE;
  CXCursor a = ls__bare(part[1]), b = ls__bare(part[2]);
  if (clang_getCursorKind(a) != CXCursor_StringLiteral || clang_getCursorKind(b) != CXCursor_StringLiteral)
    return NONE;
  CXString sa = clang_getCursorSpelling(a), sb = clang_getCursorSpelling(b);
  char *both = ls_xasprintf("%s\n%s", clang_getCString(sa), clang_getCString(sb));
  uint32_t id = ls_facts_str(x->f, both);
  free(both);
  clang_disposeString(sa);
  clang_disposeString(sb);
  return id;
}

/* The string literal a constant names: a variable of a const-qualified
 * char array type, or a const pointer to const char, initialized with a
 * literal (its contents, as a literal argument's), or NONE. */
static uint32_t constant_string(extractor *x, CXCursor e) {
  CXCursor c = ls__strip(e);
  if (clang_getCursorKind(c) != CXCursor_DeclRefExpr) return NONE;
  CXCursor var = clang_getCursorReferenced(c);
  if (clang_getCursorKind(var) != CXCursor_VarDecl) return NONE;
  CXType t = clang_getCanonicalType(clang_getCursorType(var));
  CXType elem;
  int constant;
  if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) {
    /* the qualifier is the array's or its element's, as the front end says */
    elem = clang_getCanonicalType(clang_getArrayElementType(t));
    constant = clang_isConstQualifiedType(t) || clang_isConstQualifiedType(elem);
  } else if (t.kind == CXType_Pointer && clang_isConstQualifiedType(t)) {
    elem = clang_getCanonicalType(clang_getPointeeType(t));
    constant = clang_isConstQualifiedType(elem);
  } else {
    return NONE;
  }
  if (!constant ||
      (elem.kind != CXType_Char_S && elem.kind != CXType_Char_U && elem.kind != CXType_SChar &&
       elem.kind != CXType_UChar))
    return NONE;
  CXCursor init = ls__strip(clang_Cursor_getVarDeclInitializer(var));
  if (clang_getCursorKind(init) != CXCursor_StringLiteral) return NONE;
  CXString s = clang_getCursorSpelling(init);
  uint32_t id = ls_facts_str(x->f, clang_getCString(s));
  clang_disposeString(s);
  return id;
}

ls_fact_arg ls__arg_fact(extractor *x, CXCursor e, operand *o) {
  *o = ls__classify(x, e);
  ls_fact_arg a = {o->kind, o->sym, 0, NONE};
  long long usec = 0;
  if (o->kind == LS_ARG_STRING) {
    CXString s = clang_getCursorSpelling(o->core);
    a.text = ls_facts_str(x->f, clang_getCString(s));
    clang_disposeString(s);
  } else if (o->kind == LS_ARG_OTHER && ls__is_integer_type(clang_getCursorType(e))) {
    CXEvalResult ev = clang_Cursor_Evaluate(e);
    if (ev) {
      if (clang_EvalResult_getKind(ev) == CXEval_Int) {
        a.kind = LS_ARG_INT;
        a.ival = clang_EvalResult_getAsLongLong(ev);
        a.text = ls__tokens_text(x, e);
      }
      clang_EvalResult_dispose(ev);
    }
    if (a.kind == LS_ARG_OTHER) {
      uint32_t id = ls__int_identity(x, e);
      if (id != NONE) {
        a.kind = LS_ARG_INT_VAR;
        a.text = id;
        a.sym = param_base(x, e, 1);
      } else if ((a.text = flag_names(x, e)) != NONE) {
        a.kind = LS_ARG_FLAGS;
      }
    }
  } else if (o->kind == LS_ARG_OTHER && x->cxx && ls__duration_constant(x, e, &usec)) {
    /* C++: a duration constant, as an integer of microseconds */
    a.kind = LS_ARG_INT;
    a.ival = usec;
    a.text = ls__tokens_text(x, e);
  } else if (o->kind == LS_ARG_OTHER && (a.text = constant_string(x, e)) != NONE) {
    /* `static const char rx[] = "^[a-z]+$"; regcomp(&re, rx, ...)`: the literal */
    a.kind = LS_ARG_STRING;
  } else if (o->kind == LS_ARG_OTHER && (a.text = conditional_literals(x, e)) != NONE) {
    /* `notice ? "command notice" : "command msg"`: a literal either way */
    a.kind = LS_ARG_STRING;
  } else if (o->kind == LS_ARG_OTHER) {
    CXCursor c = ls__bare(e);
    children ch = ls__children_of(c);
    char op[4] = "";
    if (clang_getCursorKind(c) == CXCursor_UnaryOperator && ch.n == 1) {
      ls__unary_op(x, c, ch.first, op, sizeof op);
      uint32_t id = strcmp(op, "&") == 0 ? ls__int_identity(x, ch.first) : NONE;
      uint32_t obj = strcmp(op, "&") == 0 && id == NONE ? ls__object_identity(x, ch.first) : NONE;
      if (id != NONE) {
        a.kind = LS_ARG_INT_ADDR;
        a.text = id;
      } else if (obj != NONE) {
        a.kind = LS_ARG_ADDR;
        a.text = obj;
      }
    } else if ((a.sym = param_base(x, e, 0)) != NONE) {
      a.kind = LS_ARG_PARAM;
    } else if (!ls__string_arg(x, e, &a)) {
      a.sym = NONE;
    }
  }
  return a;
}


char *ls__canonical_spelling(CXType t) {
  CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
  char *r = ls_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

