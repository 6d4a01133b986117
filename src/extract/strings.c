/* strings.c: what a string variable was made from (internal.h), for
 * dispatch by a computed key (src/graph/dispatch.c): in
 *
 *   str = g_strconcat("key ", key->info->id, NULL);
 *   signal_emit(str, 3, ...);
 *
 * the argument `str` is recorded as LS_ARG_STRING_FROM: the value of a
 * call of g_strconcat whose first argument is the literal "key ". What that
 * says of the string (that it starts with "key ") is the packs' business.
 * A local variable assigned a string literal is that literal
 * (LS_ARG_STRING). Only a local char pointer of the current function whose
 * every assignment before the use is one such call, or one literal, counts;
 * a variable assigned anything else, or two different things, counts as
 * unknown. Assignments are seen in the walk's order, which is the source
 * order of the function. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int is_char_pointer(CXType t) {
  t = clang_getCanonicalType(t);
  if (t.kind != CXType_Pointer) return 0;
  CXType p = clang_getCanonicalType(clang_getPointeeType(t));
  return p.kind == CXType_Char_S || p.kind == CXType_Char_U || p.kind == CXType_SChar ||
         p.kind == CXType_UChar;
}

static int local_var_key(CXCursor decl, char *buf, size_t n) {
  if (clang_getCursorKind(decl) != CXCursor_VarDecl || !is_char_pointer(clang_getCursorType(decl)))
    return 0;
  if (clang_Cursor_getStorageClass(decl) == CX_SC_Static) return 0;
  CXCursor parent = clang_getCursorSemanticParent(decl);
  if (!ls__is_function_kind(clang_getCursorKind(parent))) return 0;
  unsigned off = 0;
  CXFile file = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(decl), &file, NULL, NULL, &off);
  snprintf(buf, n, "%p:%u", (void *)file, off);
  return 1;
}

/* The string literal an expression is, or the two of a choice (`c ? "a"
 * : "b"`, '\n'-separated), as facts.h's strs index, or NONE. */
static uint32_t literal_of(extractor *x, CXCursor e) {
  CXCursor c = ls__strip(e);
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_StringLiteral && k != CXCursor_ConditionalOperator) return NONE;
  operand o;
  ls_fact_arg a = ls__arg_fact(x, c, &o);
  return a.kind == LS_ARG_STRING ? a.text : NONE;
}

void ls__note_string_def(extractor *x, CXCursor decl, CXCursor value) {
  char key[64];
  if (!local_var_key(decl, key, sizeof key)) return;
  string_def d = {NONE, NONE, 0};
  CXCursor v = ls__strip(value);
  /* `cmd = orig = g_strconcat(...)`: the value of the innermost assignment */
  for (int depth = 0; depth < 4 && clang_getCursorKind(v) == CXCursor_BinaryOperator; depth++) {
    children ch = ls__children_of(v);
    char op[4] = "";
    if (ch.n == 2) ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    if (strcmp(op, "=")) break;
    v = ls__strip(ch.last);
  }
  if (clang_getCursorKind(v) == CXCursor_StringLiteral) {
    d.text = literal_of(x, v);
  } else if (clang_getCursorKind(v) == CXCursor_CallExpr && clang_Cursor_getNumArguments(v) > 0) {
    CXCursor fn = clang_getCursorReferenced(v);
    uint32_t lit = literal_of(x, clang_Cursor_getArgument(v, 0));
    if (clang_getCursorKind(fn) == CXCursor_FunctionDecl && lit != NONE) {
      d.from = ls__func_sym(x, fn);
      d.text = lit;
    }
  }
  if (d.text == NONE) d.unknown = 1;
  int inserted = 0;
  int64_t *i = ls_strmap_put(&x->string_def_index, key, (int64_t)x->string_defs.len, &inserted);
  if (inserted) {
    LS_VEC_PUSH(&x->string_defs, d);
    return;
  }
  string_def *old = &x->string_defs.items[*i];
  if (old->unknown || d.unknown || old->from != d.from || old->text != d.text) old->unknown = 1;
}

int ls__string_arg(extractor *x, CXCursor e, ls_fact_arg *a) {
  CXCursor c = ls__strip(e);
  if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || !x->string_defs.len) return 0;
  char key[64];
  if (!local_var_key(clang_getCursorReferenced(c), key, sizeof key)) return 0;
  int64_t *i = ls_strmap_get(&x->string_def_index, key);
  if (!i) return 0;
  const string_def *d = &x->string_defs.items[*i];
  if (d->unknown) return 0;
  a->kind = d->from == NONE ? LS_ARG_STRING : LS_ARG_STRING_FROM;
  a->sym = d->from;
  a->text = d->text;
  return 1;
}

void ls__string_defs_reset(extractor *x) {
  ls_strmap_free(&x->string_def_index);
  memset(&x->string_def_index, 0, sizeof x->string_def_index);
  x->string_defs.len = 0;
}
