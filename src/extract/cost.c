/* cost.c: cost loops (internal.h, facts.h's ls_fact_cost_loop): a for,
 * while or do statement whose trip count is exponential in a variable, the
 * key-stretching loop of a hand-written password hash.
 *
 * A loop is one when its condition compares against an exponential
 * expression, `K << e` (K a positive constant), `pow(B, e)` (B a constant
 * of at least 2), `exp2(e)` or `ldexp(K, e)`, with a non-constant exponent
 * e; or against (or counts down) a variable of the function whose one
 * assignment is such an expression (`rounds = 1u << cost; while
 * (rounds--)`), or that is a non-zero constant shifted once by a
 * non-constant (`n = 1; n <<= cost`). A counter that doubles
 * (`for (i = 1; i < (1u << n); i <<= 1)`) makes n iterations, not 2^n, and
 * is not one; neither is a variable whose address is taken, nor anything a
 * constant bounds (`1 << 4`). What the function's variables are assigned
 * is gathered once, at its first loop.
 *
 * libclang 14 does not say which operator a binary operator is, so it is
 * read from the token between the operands as spelled; an operator written
 * in a macro's body (`#define ROUNDS(c) (1u << (c))`) cannot be read, and
 * such a bound is not seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_EXPONENT_TEXT 96 /* longer exponents are cut, with "..." */

/* Strips parentheses, implicit conversions and casts. */
CXCursor ls__bare(CXCursor c) {
  for (;;) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr)
      return c;
    children ch = ls__children_of(c);
    if (ch.n == 0 || !clang_isExpression(clang_getCursorKind(ch.last))) return c;
    if (k != CXCursor_CStyleCastExpr && ch.n != 1) return c;
    c = ch.last; /* a cast's TypeRef comes first, its operand last */
  }
}

/* Whether `e` is a constant: its value in *v. */
static int constant(CXCursor e, double *v) {
  CXEvalResult ev = clang_Cursor_Evaluate(e);
  if (!ev) return 0;
  int ok = 1;
  switch (clang_EvalResult_getKind(ev)) {
  case CXEval_Int: *v = (double)clang_EvalResult_getAsLongLong(ev); break;
  case CXEval_Float: *v = clang_EvalResult_getAsDouble(ev); break;
  default: ok = 0; break;
  }
  clang_EvalResult_dispose(ev);
  return ok;
}

static int is_constant(CXCursor e) {
  double v;
  return constant(e, &v);
}

/* The file and offset where a location is written: for a macro's argument,
 * where the argument is written; for code of a macro's body, libclang 14
 * gives the place of the expansion. */
static CXFile spelled_at(CXSourceLocation l, unsigned *offset) {
  CXFile f = NULL;
  clang_getSpellingLocation(l, &f, NULL, NULL, offset);
  return f;
}

/* The spelling of the first token from offset `from` of `file` into `op`,
 * when the token ends by offset `to`; "" otherwise. */
static void token_at(extractor *x, CXFile file, unsigned from, unsigned to, char *op, size_t n) {
  op[0] = '\0';
  if (!file || to < from) return;
  CXSourceRange r = clang_getRange(clang_getLocationForOffset(x->tu, file, from),
                                   clang_getLocationForOffset(x->tu, file, to));
  CXToken *toks = NULL;
  unsigned ntoks = 0;
  clang_tokenize(x->tu, r, &toks, &ntoks);
  if (ntoks > 0 && clang_getTokenKind(toks[0]) == CXToken_Punctuation) {
    unsigned end = 0;
    spelled_at(clang_getRangeEnd(clang_getTokenExtent(x->tu, toks[0])), &end);
    CXString s = clang_getTokenSpelling(x->tu, toks[0]);
    const char *t = clang_getCString(s);
    if (end <= to + 1 && t && strlen(t) < n) strcpy(op, t);
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, toks, ntoks);
}

/* The operator of a binary or compound assignment operator with operands
 * `lhs` and `rhs`: the token between them ("<", "<<=", "="), or "" when it
 * cannot be read: for an operator that comes from a macro's body,
 * libclang 14 gives no place to read it (its clang_getSpellingLocation is
 * the expansion's), and prints no expression. */
void ls__binary_op(extractor *x, CXCursor lhs, CXCursor rhs, char *op, size_t n) {
  unsigned from = 0, to = 0;
  CXFile a = spelled_at(clang_getRangeEnd(clang_getCursorExtent(lhs)), &from);
  CXFile b = spelled_at(clang_getRangeStart(clang_getCursorExtent(rhs)), &to);
  op[0] = '\0';
  if (a && a == b) token_at(x, a, from, to, op, n);
}

/* A unary operator's operator: "++", "--" (prefix or postfix), "&", ... */
void ls__unary_op(extractor *x, CXCursor e, CXCursor operand, char *op, size_t n) {
  unsigned start = 0, from = 0, end = 0, to = 0;
  CXSourceRange whole = clang_getCursorExtent(e), inner = clang_getCursorExtent(operand);
  CXFile f = spelled_at(clang_getRangeStart(whole), &start);
  CXFile g = spelled_at(clang_getRangeStart(inner), &from);
  op[0] = '\0';
  if (!f || f != g) return;
  if (start < from) {
    token_at(x, f, start, from, op, n); /* prefix */
    return;
  }
  if (spelled_at(clang_getRangeEnd(inner), &to) == f &&
      spelled_at(clang_getRangeEnd(whole), &end) == f && to < end)
    token_at(x, f, to, end, op, n); /* postfix */
}

/* An expression as written, whitespace collapsed (strs): `ctx->log_rounds`. */
static uint32_t written_text(extractor *x, CXCursor e) {
  CXSourceRange r = clang_getCursorExtent(e);
  CXFile f1 = NULL, f2 = NULL;
  unsigned o1 = 0, o2 = 0;
  clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
  clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &o2);
  size_t size = 0;
  const char *text = f1 && f1 == f2 && o2 > o1 ? clang_getFileContents(x->tu, f1, &size) : NULL;
  char buf[MAX_EXPONENT_TEXT + 4];
  size_t len = 0;
  if (text && o2 <= size) {
    int space = 0;
    for (unsigned i = o1; i < o2 && len < MAX_EXPONENT_TEXT; i++) {
      char ch = text[i];
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        space = len > 0;
        continue;
      }
      if (space) buf[len++] = ' ';
      space = 0;
      buf[len++] = ch;
    }
    if (len == MAX_EXPONENT_TEXT) {
      memcpy(buf + len, "...", 3);
      len += 3;
    }
  }
  buf[len] = '\0';
  if (len) return ls_facts_str(x->f, buf);
  /* Inside a macro: the name of what it refers to (`cost` of `(c)`). */
  CXCursor core = ls__bare(e);
  enum CXCursorKind k = clang_getCursorKind(core);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return NONE;
  CXString s = clang_getCursorSpelling(core);
  const char *name = clang_getCString(s);
  uint32_t id = name && *name ? ls_facts_str(x->f, name) : NONE;
  clang_disposeString(s);
  return id;
}

/* The name of the function a call calls directly, or NULL (heap). */
static char *callee_name(CXCursor call) {
  CXCursor fn = clang_getCursorReferenced(call);
  if (clang_getCursorKind(fn) != CXCursor_FunctionDecl) return NULL;
  CXString s = clang_getCursorSpelling(fn);
  char *name = ls_xstrdup(clang_getCString(s) ? clang_getCString(s) : "");
  clang_disposeString(s);
  return name;
}

static int named(const char *name, const char *base) {
  size_t n = strlen(base);
  return !strncmp(name, base, n) &&
         (!name[n] || ((name[n] == 'f' || name[n] == 'l') && !name[n + 1]));
}

/* The exponent of an expression exponential in a non-constant: e of
 * `K << e`, `pow(B, e)`, `exp2(e)`, `ldexp(K, e)`; a null cursor if none. */
static CXCursor exponent_of(extractor *x, CXCursor e) {
  CXCursor none = clang_getNullCursor();
  e = ls__bare(e);
  double k = 0;
  if (clang_getCursorKind(e) == CXCursor_BinaryOperator) {
    children ch = ls__children_of(e);
    if (ch.n != 2 || !constant(ch.first, &k) || k <= 0 || is_constant(ch.last)) return none;
    char op[8];
    ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    return strcmp(op, "<<") == 0 ? ch.last : none;
  }
  if (clang_getCursorKind(e) != CXCursor_CallExpr) return none;
  char *name = callee_name(e);
  if (!name) return none;
  int nargs = clang_Cursor_getNumArguments(e);
  CXCursor exp = none;
  if (nargs == 1 && named(name, "exp2")) {
    exp = clang_Cursor_getArgument(e, 0);
  } else if (nargs == 2 && (named(name, "pow") || named(name, "ldexp"))) {
    double min = named(name, "pow") ? 2 : 1;
    if (constant(clang_Cursor_getArgument(e, 0), &k) && k >= min)
      exp = clang_Cursor_getArgument(e, 1);
  }
  free(name);
  return !clang_Cursor_isNull(exp) && !is_constant(exp) ? exp : none;
}

/* ---- what the function assigns to its variables ------------------------- */

/* A key for a declaration within the TU: where it is ("file:offset"),
 * cheaper than its USR. Two declarations from one macro expansion share
 * a key, which only makes their variable look assigned more often. */
typedef struct decl_key {
  char s[48];
} decl_key;

static decl_key key_of(CXCursor d) {
  decl_key k;
  CXFile f = NULL;
  unsigned off = 0;
  clang_getExpansionLocation(clang_getCursorLocation(d), &f, NULL, NULL, &off);
  snprintf(k.s, sizeof k.s, "%p:%u", (void *)f, off);
  return k;
}

/* The variable or parameter an expression names: 1 with its key in *k. */
static int var_key(CXCursor e, decl_key *k) {
  e = ls__bare(e);
  if (clang_getCursorKind(e) != CXCursor_DeclRefExpr) return 0;
  CXCursor d = clang_getCursorReferenced(e);
  if (clang_getCursorKind(d) != CXCursor_VarDecl && clang_getCursorKind(d) != CXCursor_ParmDecl)
    return 0;
  *k = key_of(d);
  return 1;
}

static cost_var *var_entry(extractor *x, const decl_key *k) {
  int inserted = 0;
  int64_t *i = ls_strmap_put(&x->cost_var_index, k->s, (int64_t)x->cost_vars.len, &inserted);
  if (inserted) {
    cost_var v;
    memset(&v, 0, sizeof v);
    memcpy(v.key, k->s, sizeof v.key);
    LS_VEC_PUSH(&x->cost_vars, v);
  }
  return &x->cost_vars.items[*i];
}

/* An initializer or `=` assignment of `value` to the variable `var`. */
static void note_def(extractor *x, const decl_key *var, CXCursor value) {
  cost_var *v = var_entry(x, var);
  if (v->defs < COST_MAX_DEFS) v->def[v->defs] = value;
  v->defs++;
}

static enum CXChildVisitResult defs_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_VarDecl) {
    children ch = ls__children_of(c);
    if (ch.n && clang_isExpression(clang_getCursorKind(ch.last))) {
      decl_key var = key_of(c);
      note_def(x, &var, ch.last);
    }
  } else if (k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator) {
    children ch = ls__children_of(c);
    decl_key var;
    /* An assignment has its left operand's type (a comparison has int, so
     * most are told apart without reading the operator). */
    if (ch.n == 2 && (k == CXCursor_CompoundAssignOperator ||
                      clang_equalTypes(clang_getCursorType(c), clang_getCursorType(ch.first))) &&
        var_key(ch.first, &var)) {
      char op[8];
      ls__binary_op(x, ch.first, ch.last, op, sizeof op);
      if (k == CXCursor_BinaryOperator && !strcmp(op, "=")) {
        note_def(x, &var, ch.last);
      } else if (k == CXCursor_CompoundAssignOperator && !strcmp(op, "<<=") &&
                 !is_constant(ch.last)) {
        cost_var *v = var_entry(x, &var);
        v->shifts++;
        v->shift = ch.last;
      } else if (k == CXCursor_CompoundAssignOperator && strcmp(op, "+=") && strcmp(op, "-=")) {
        var_entry(x, &var)->scaled++;
      }
    }
  } else if (k == CXCursor_UnaryOperator) {
    /* &v: a pointer made from what is not one of the same type (v++ on a
     * pointer keeps its type; *pp makes a pointer from another type too,
     * which only makes pp look assigned elsewhere). */
    children ch = ls__children_of(c);
    decl_key var;
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (ch.n == 1 && t.kind == CXType_Pointer &&
        !clang_equalTypes(t, clang_getCanonicalType(clang_getCursorType(ch.first))) &&
        var_key(ch.first, &var))
      var_entry(x, &var)->escapes++;
  }
  return CXChildVisit_Recurse;
}

/* What the current function assigns to the variable `e` names, or NULL. */
static const cost_var *var_of(extractor *x, CXCursor e) {
  if (!x->cost_vars_ready) {
    x->cost_vars_ready = 1;
    clang_visitChildren(x->func_cursor, defs_visitor, x);
  }
  decl_key k;
  int64_t *i = var_key(e, &k) ? ls_strmap_get(&x->cost_var_index, k.s) : NULL;
  return i ? &x->cost_vars.items[*i] : NULL;
}

/* The exponent (strs) of a variable that is an exponential bound: assigned
 * once, an exponential; or a non-zero constant shifted once by a
 * non-constant. NONE otherwise. */
static uint32_t var_exponent(extractor *x, const cost_var *v) {
  if (!v || v->scaled || v->escapes || v->defs != 1 || v->shifts > 1) return NONE;
  double k = 0;
  if (v->shifts) return constant(v->def[0], &k) && k != 0 ? written_text(x, v->shift) : NONE;
  CXCursor exp = exponent_of(x, v->def[0]);
  return clang_Cursor_isNull(exp) ? NONE : written_text(x, exp);
}

/* Whether a counter doubles (or halves) instead of counting: `i <<= 1`,
 * `i *= 2`, `i = i * 2`, `i = i << 1`. */
static int scales(extractor *x, const cost_var *v) {
  if (v->scaled || v->shifts) return 1;
  for (unsigned d = 0; d < v->defs && d < COST_MAX_DEFS; d++) {
    CXCursor rhs = ls__bare(v->def[d]);
    children ch = ls__children_of(rhs);
    if (clang_getCursorKind(rhs) != CXCursor_BinaryOperator || ch.n != 2) continue;
    char op[8];
    ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    if (strcmp(op, "*") && strcmp(op, "<<") && strcmp(op, ">>") && strcmp(op, "/")) continue;
    for (int side = 0; side < 2; side++) {
      decl_key k;
      if (var_key(side ? ch.last : ch.first, &k) && !strcmp(k.s, v->key)) return 1;
    }
  }
  return 0;
}

/* `v`, `v--`, `--v`, `v++`: the variable counted, as an operand. */
static CXCursor counted(extractor *x, CXCursor e) {
  e = ls__bare(e);
  children ch = ls__children_of(e);
  if (clang_getCursorKind(e) != CXCursor_UnaryOperator || ch.n != 1) return e;
  char op[8];
  ls__unary_op(x, e, ch.first, op, sizeof op);
  return !strcmp(op, "--") || !strcmp(op, "++") ? ls__bare(ch.first) : e;
}

/* The exponent (strs) of an operand that is an exponential bound: an
 * exponential expression, or a variable assigned one; else NONE. */
static uint32_t bound_of(extractor *x, CXCursor e) {
  CXCursor exp = exponent_of(x, e);
  if (!clang_Cursor_isNull(exp)) return written_text(x, exp);
  CXCursor v = counted(x, e);
  return clang_getCursorKind(v) == CXCursor_DeclRefExpr ? var_exponent(x, var_of(x, v)) : NONE;
}

/* The exponent (strs) of a loop condition bounded exponentially, or NONE. */
static uint32_t condition_bound(extractor *x, CXCursor cond) {
  CXCursor c = ls__bare(cond);
  if (clang_getCursorKind(c) != CXCursor_BinaryOperator) return bound_of(x, c);
  children ch = ls__children_of(c);
  if (ch.n != 2) return NONE;
  char op[8];
  ls__binary_op(x, ch.first, ch.last, op, sizeof op);
  if (!strcmp(op, "&&") || !strcmp(op, "||")) {
    uint32_t b = condition_bound(x, ch.first);
    return b != NONE ? b : condition_bound(x, ch.last);
  }
  if (!strcmp(op, ",")) return condition_bound(x, ch.last);
  static const char *const cmp[] = {"<", "<=", ">", ">=", "!=", "=="};
  int is_cmp = 0;
  for (size_t i = 0; i < sizeof cmp / sizeof cmp[0]; i++) is_cmp |= !strcmp(op, cmp[i]);
  if (!is_cmp) return NONE;
  for (int side = 0; side < 2; side++) {
    uint32_t b = bound_of(x, side ? ch.first : ch.last);
    if (b == NONE) continue;
    /* The other side is a counter that doubles: log of the bound. */
    CXCursor other = counted(x, side ? ch.last : ch.first);
    const cost_var *ov = clang_getCursorKind(other) == CXCursor_DeclRefExpr ? var_of(x, other) : NULL;
    if (ov && scales(x, ov)) continue;
    return b;
  }
  return NONE;
}

/* Up to MAX_KIDS children of a statement, in order. */
#define MAX_KIDS 5

typedef struct kids {
  CXCursor c[MAX_KIDS];
  unsigned n;
} kids;

static enum CXChildVisitResult kids_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  kids *k = d;
  if (k->n < MAX_KIDS) k->c[k->n] = c;
  k->n++;
  return CXChildVisit_Continue;
}

/* A for statement's condition: its child between the two `;` of the
 * header (children that are absent are not visited, so their place says
 * which is which). A null cursor when it has none. */
static CXCursor for_condition(extractor *x, CXCursor loop, const kids *k) {
  CXCursor none = clang_getNullCursor();
  if (k->n < 2 || k->n > 4) return none;
  if (k->n == 4) return k->c[1]; /* init; cond; inc: no need to read the header */
  unsigned start = 0, body = 0;
  CXFile f = NULL, g = NULL;
  clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(loop)), &f, NULL, NULL, &start);
  clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(k->c[k->n - 1])), &g, NULL,
                             NULL, &body);
  if (!f || f != g || body <= start) return none;
  CXSourceRange header = clang_getRange(clang_getLocationForOffset(x->tu, f, start),
                                        clang_getLocationForOffset(x->tu, f, body));
  CXToken *toks = NULL;
  unsigned n = 0, semis[2] = {0, 0}, nsemis = 0;
  clang_tokenize(x->tu, header, &toks, &n);
  int depth = 0;
  for (unsigned i = 0; i < n && nsemis < 2; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Punctuation) continue;
    CXString s = clang_getTokenSpelling(x->tu, toks[i]);
    const char *t = clang_getCString(s);
    if (!strcmp(t, "(")) depth++;
    else if (!strcmp(t, ")")) depth--;
    else if (!strcmp(t, ";") && depth == 1)
      clang_getExpansionLocation(clang_getTokenLocation(x->tu, toks[i]), NULL, NULL, NULL,
                                 &semis[nsemis++]);
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, toks, n);
  if (nsemis < 2) return none;
  for (unsigned i = 0; i + 1 < k->n; i++) {
    unsigned at = 0;
    CXFile h = NULL;
    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(k->c[i])), &h, NULL, NULL,
                               &at);
    if (h == f && at > semis[0] && at < semis[1]) return k->c[i];
  }
  return none;
}

void ls__cost_loop(extractor *x, CXCursor loop) {
  if (x->cur_func == NONE) return;
  kids k = {{{0}}, 0};
  clang_visitChildren(loop, kids_visitor, &k);
  CXCursor cond = clang_getNullCursor();
  switch (clang_getCursorKind(loop)) {
  case CXCursor_ForStmt: cond = for_condition(x, loop, &k); break;
  case CXCursor_WhileStmt: if (k.n == 2) cond = k.c[0]; break;
  case CXCursor_DoStmt: if (k.n == 2) cond = k.c[1]; break;
  default: break;
  }
  if (clang_Cursor_isNull(cond) || !clang_isExpression(clang_getCursorKind(cond))) return;
  uint32_t exponent = condition_bound(x, cond);
  if (exponent == NONE) return;
  /* From the keyword to the end of the condition. */
  ls_fact_cost_loop cl = {x->cur_func, ls__loc_of(x, loop), exponent};
  CXFile file = NULL;
  unsigned line = 0, col = 0;
  clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(cond)), &file, &line, &col,
                             NULL);
  if (file && ls__path_of_file(x, file) == cl.loc.file &&
      (line > cl.loc.line || (line == cl.loc.line && col > cl.loc.col))) {
    cl.loc.end_line = line;
    cl.loc.end_col = col;
  }
  LS_VEC_PUSH(&x->f->cost_loops, cl);
}

void ls__cost_reset(extractor *x) {
  ls_strmap_free(&x->cost_var_index);
  memset(&x->cost_var_index, 0, sizeof x->cost_var_index);
  x->cost_vars.len = 0;
  x->cost_vars_ready = 0;
}
