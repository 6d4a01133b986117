/* templates.c: C++ templates (internal.h): non-type template parameters
 * that hold functions as slots, the functions written as explicit template
 * arguments flowing into them, the one candidate an unresolved name stands
 * for, and calls of members of a dependent type. libclang 14 exposes no
 * instantiated bodies: a template's body is walked once (cxx.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
int ls__dependent_member_call(extractor *x, CXCursor callee_expr, ls_fact_call *fc) {
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
