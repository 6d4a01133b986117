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
 * (LS_ARG_STRING). A variable assigned several such values, another local
 * string variable's values (`signal = event`), or the value of a call with
 * no literal first argument (`signal = server_redirect_get_signal(...)`,
 * whose values a pack may know), or a string field (`rec->first_signal`,
 * likewise) holds one of them: LS_ARG_STRING_SET, or
 * LS_ARG_STRING when they are all literals; NULL adds no value. Only a
 * local char pointer of
 * the current function counts, with every assignment before the use; one
 * assigned anything else counts as unknown. Assignments are seen in the
 * walk's order, which is the source order of the function, and their
 * values are united: a later assignment does not replace an earlier one
 * (sound, and what a branch needs). */
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

/* The field a string expression reads (`rec->first_signal`, a char
 * pointer), as a symbol, or NONE. */
static uint32_t string_field(extractor *x, CXCursor e) {
  CXCursor c = ls__strip(e);
  if (clang_getCursorKind(c) != CXCursor_MemberRefExpr) return NONE;
  CXCursor f = clang_getCursorReferenced(c);
  if (clang_getCursorKind(f) != CXCursor_FieldDecl || !is_char_pointer(clang_getCursorType(f))) return NONE;
  return ls__field_sym(x, f);
}

/* The def of the local string variable an expression names, or NULL. */
static string_def *def_named(extractor *x, CXCursor e) {
  CXCursor c = ls__strip(e);
  if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || !x->string_defs.len) return NULL;
  char key[64];
  if (!local_var_key(clang_getCursorReferenced(c), key, sizeof key)) return NULL;
  int64_t *i = ls_strmap_get(&x->string_def_index, key);
  return i ? &x->string_defs.items[*i] : NULL;
}

static void add_alt(string_def *d, string_alt a) {
  for (int i = 0; i < d->n; i++)
    if (d->alt[i].from == a.from && d->alt[i].text == a.text) return;
  if (d->n == LS_STRING_ALTS) {
    d->unknown = 1;
    return;
  }
  d->alt[d->n++] = a;
}

/* The values of `value` as alternatives of d. */
static void values_of(extractor *x, CXCursor value, string_def *d) {
  /* `event = NULL`: no string, so no key (a NULL key is never emitted) */
  if (ls__classify(x, value).kind == LS_ARG_NULL) return;
  CXCursor v = ls__strip(value);
  /* `cmd = orig = g_strconcat(...)`: the value of the innermost assignment */
  for (int depth = 0; depth < 4 && clang_getCursorKind(v) == CXCursor_BinaryOperator; depth++) {
    children ch = ls__children_of(v);
    char op[4] = "";
    if (ch.n == 2) ls__binary_op(x, ch.first, ch.last, op, sizeof op);
    if (strcmp(op, "=")) break;
    v = ls__strip(ch.last);
  }
  enum CXCursorKind k = clang_getCursorKind(v);
  if (k == CXCursor_StringLiteral) {
    add_alt(d, (string_alt){NONE, literal_of(x, v)});
    return;
  }
  if (k == CXCursor_CallExpr) {
    CXCursor fn = clang_getCursorReferenced(v);
    if (clang_getCursorKind(fn) == CXCursor_FunctionDecl) {
      uint32_t lit = clang_Cursor_getNumArguments(v) > 0 ? literal_of(x, clang_Cursor_getArgument(v, 0)) : NONE;
      add_alt(d, (string_alt){ls__func_sym(x, fn), lit});
      return;
    }
  }
  uint32_t field = string_field(x, v);
  if (field != NONE) {
    add_alt(d, (string_alt){field, NONE});
    return;
  }
  const string_def *other = def_named(x, v);
  if (other && other != d && !other->unknown) {
    for (int i = 0; i < other->n; i++) add_alt(d, other->alt[i]);
    return;
  }
  d->unknown = 1;
}

void ls__note_string_def(extractor *x, CXCursor decl, CXCursor value) {
  char key[64];
  if (!local_var_key(decl, key, sizeof key)) return;
  string_def d = {{{0}}, 0, 0};
  values_of(x, value, &d);
  int inserted = 0;
  int64_t *i = ls_strmap_put(&x->string_def_index, key, (int64_t)x->string_defs.len, &inserted);
  if (inserted) {
    LS_VEC_PUSH(&x->string_defs, d);
    return;
  }
  string_def *old = &x->string_defs.items[*i];
  if (d.unknown) old->unknown = 1;
  for (int k = 0; k < d.n && !old->unknown; k++) add_alt(old, d.alt[k]);
}

static const char *name_of(extractor *x, uint32_t sym) {
  const ls_fact_sym *fs = &x->f->syms.items[sym];
  return x->f->strs.items[fs->name];
}

int ls__string_arg(extractor *x, CXCursor e, ls_fact_arg *a) {
  uint32_t field = string_field(x, e);
  if (field != NONE) {
    /* what the field holds is the packs' business (a lookup by its name) */
    char *text = ls_xasprintf("F\t%s", name_of(x, field));
    a->kind = LS_ARG_STRING_SET;
    a->sym = NONE;
    a->text = ls_facts_str(x->f, text);
    free(text);
    return 1;
  }
  const string_def *d = def_named(x, e);
  if (!d || d->unknown || !d->n) return 0;
  if (d->n == 1 && d->alt[0].text != NONE) {
    /* one literal, or one builder call */
    a->kind = d->alt[0].from == NONE ? LS_ARG_STRING : LS_ARG_STRING_FROM;
    a->sym = d->alt[0].from;
    a->text = d->alt[0].text;
    return 1;
  }
  int literals = 1;
  for (int i = 0; i < d->n; i++) literals &= d->alt[i].from == NONE;
  ls_buf text = {0};
  for (int i = 0; i < d->n; i++) {
    const string_alt *s = &d->alt[i];
    const char *lit = s->text != NONE ? x->f->strs.items[s->text] : NULL;
    if (text.len) ls_buf_puts(&text, "\n");
    if (literals) {
      ls_buf_puts(&text, lit); /* a choice of two is two lines already */
    } else if (s->from == NONE) {
      /* "L\t" before each of a choice's literals */
      for (const char *line = lit; line;) {
        const char *nl = strchr(line, '\n');
        ls_buf_printf(&text, "%sL\t%.*s", line == lit ? "" : "\n", (int)(nl ? nl - line : (long)strlen(line)), line);
        line = nl ? nl + 1 : NULL;
      }
    } else if (lit) {
      ls_buf_printf(&text, "B\t%s\t%s", name_of(x, s->from), strchr(lit, '\n') ? "" : lit);
    } else {
      int is_field = x->f->syms.items[s->from].kind == LS_SYM_FIELD;
      ls_buf_printf(&text, "%c\t%s", is_field ? 'F' : 'R', name_of(x, s->from));
    }
  }
  a->kind = literals ? LS_ARG_STRING : LS_ARG_STRING_SET;
  a->sym = NONE;
  a->text = ls_facts_str(x->f, ls_buf_str(&text));
  ls_buf_free(&text);
  return 1;
}

void ls__string_defs_reset(extractor *x) {
  ls_strmap_free(&x->string_def_index);
  memset(&x->string_def_index, 0, sizeof x->string_def_index);
  x->string_defs.len = 0;
}
