/* extract.c: reads one translation unit with libclang and records its facts
 * (facts.h): function definitions, call sites with their callees and
 * constant arguments, where function addresses flow, and lagscan
 * annotations. Nothing here knows about other TUs or about rules.
 *
 * The walk is top-down: handlers for calls, assignments and initializers
 * classify their operand expressions themselves, so a function designator
 * reached by the generic walk is one whose address escapes somewhere we do
 * not model (it is still recorded, as address-taken).
 *
 * Bodies in system headers are not walked: they are libraries' inline code,
 * not the program under analysis.
 */
#include <clang-c/Index.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"

#define NONE UINT32_MAX

typedef struct file_cache_entry {
  CXFile file;
  uint32_t path; /* strs index */
} file_cache_entry;

typedef struct extractor {
  ls_facts *f;
  CXTranslationUnit tu;
  uint32_t cur_func;               /* sym index, NONE at file scope */
  LS_VEC(file_cache_entry) files;  /* CXFile -> absolute path (few per TU) */
  CXFile last_file;                /* one-entry cache in front of `files` */
  uint32_t last_path;
  char cwd[PATH_MAX];
  /* Descriptors made non-blocking where the TU shows it (the USR of the
   * variable or field), and the integer arguments that name a variable or
   * field, resolved against that set when the TU is done. */
  /* Control flow in the current function: how many branches or loops
   * enclose the cursor being visited, whether a return/goto/break inside a
   * branch came before it, and what the returns return. */
  unsigned branch_depth;
  int exit_in_branch_seen;
  unsigned returns_true, returns_other;
  ls_strmap nonblocking;
  LS_VEC(struct fd_use {
    size_t arg;  /* index in facts->args */
    char *usr;   /* the descriptor variable passed */
    char *param; /* the callee's parameter it is passed to (defined in this TU), or NULL */
  }) fd_uses;
} extractor;

static void walk(extractor *x, CXCursor c);

/* ---- strings and locations ------------------------------------------- */

static uint32_t path_of_file(extractor *x, CXFile file) {
  if (!file) return ls_facts_str(x->f, "<unknown>");
  if (file == x->last_file) return x->last_path;
  for (size_t i = 0; i < x->files.len; i++)
    if (x->files.items[i].file == file) {
      x->last_file = file;
      return x->last_path = x->files.items[i].path;
    }
  CXString name = clang_getFileName(file);
  const char *n = clang_getCString(name);
  char buf[PATH_MAX], joined[2 * PATH_MAX + 2], *abs = NULL;
  if (n && (abs = realpath(n, buf)) == NULL) {
    if (n[0] == '/')
      abs = (char *)n;
    else {
      snprintf(joined, sizeof joined, "%s/%s", x->cwd, n);
      abs = joined;
    }
  }
  uint32_t p = ls_facts_str(x->f, abs ? abs : "<unknown>");
  clang_disposeString(name);
  file_cache_entry e = {file, p};
  LS_VEC_PUSH(&x->files, e);
  x->last_file = file;
  x->last_path = p;
  return p;
}

/* The location where a cursor appears in the user's text: for code that
 * comes from a macro, the line where the macro is used. */
static ls_fact_loc loc_of(extractor *x, CXCursor c) {
  ls_fact_loc l = {0};
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile file = NULL, efile = NULL;
  unsigned line, col, eline, ecol;
  clang_getExpansionLocation(clang_getRangeStart(r), &file, &line, &col, NULL);
  clang_getExpansionLocation(clang_getRangeEnd(r), &efile, &eline, &ecol, NULL);
  if (!file) {
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, &col, NULL);
    efile = NULL;
  }
  l.file = path_of_file(x, file);
  l.line = line;
  l.col = col;
  if (efile == file && (eline > line || (eline == line && ecol > col))) {
    l.end_line = eline;
    l.end_col = ecol;
  } else {
    l.end_line = line;
    l.end_col = col + 1;
  }
  return l;
}

static int in_system_header(CXCursor c) {
  return clang_Location_isInSystemHeader(clang_getCursorLocation(c));
}

/* ---- symbol keys (see facts.h) ----------------------------------------- */

static int needs_path(CXCursor c) {
  enum CXLinkageKind k = clang_getCursorLinkage(c);
  return k != CXLinkage_External && k != CXLinkage_Invalid;
}

/* Key of a declaration with prefix ("" for functions, "V:", "F:"). */
static char *decl_key(extractor *x, CXCursor decl, const char *prefix) {
  CXString usr = clang_getCursorUSR(decl);
  const char *u = clang_getCString(usr);
  char *key;
  if (needs_path(decl)) {
    CXFile file = NULL;
    clang_getExpansionLocation(clang_getCursorLocation(clang_getCanonicalCursor(decl)), &file,
                               NULL, NULL, NULL);
    uint32_t path = path_of_file(x, file); /* may grow strs: index after */
    key = ls_xasprintf("%s%s|%s", prefix, x->f->strs.items[path], u ? u : "");
  } else {
    key = ls_xasprintf("%s%s", prefix, u ? u : "");
  }
  clang_disposeString(usr);
  return key;
}

static uint32_t func_sym(extractor *x, CXCursor fn) {
  char *key = decl_key(x, fn, "");
  CXString name = clang_getCursorSpelling(fn);
  uint32_t s = ls_facts_sym(x->f, key, clang_getCString(name), LS_SYM_FUNC);
  clang_disposeString(name);
  free(key);
  return s;
}

/* "struct uv_timer_s" -> "uv_timer_s"; anonymous records use their typedef. */
static char *record_name(CXCursor record) {
  CXString t = clang_getTypeSpelling(clang_getCursorType(record));
  const char *s = clang_getCString(t);
  if (!strncmp(s, "struct ", 7)) s += 7;
  else if (!strncmp(s, "union ", 6)) s += 6;
  char *r = ls_xstrdup(s);
  clang_disposeString(t);
  return r;
}

static uint32_t field_sym(extractor *x, CXCursor field) {
  char *key = decl_key(x, field, "F:");
  char *rec = record_name(clang_getCursorSemanticParent(field));
  CXString fname = clang_getCursorSpelling(field);
  char *name = ls_xasprintf("%s.%s", rec, clang_getCString(fname));
  uint32_t s = ls_facts_sym(x->f, key, name, LS_SYM_FIELD);
  clang_disposeString(fname);
  free(name);
  free(rec);
  free(key);
  return s;
}

/* A parameter is keyed by its function and position, so that a declaration
 * in a header and the definition agree. */
static uint32_t param_sym_at(extractor *x, uint32_t func, unsigned idx) {
  /* Copies first: interning may move the string table. */
  char *key = ls_xasprintf("P:%s#%u", x->f->strs.items[x->f->syms.items[func].key], idx);
  char *name = ls_xasprintf("%s#%u", x->f->strs.items[x->f->syms.items[func].name], idx);
  uint32_t s = ls_facts_sym(x->f, key, name, LS_SYM_PARAM);
  free(key);
  free(name);
  return s;
}

static uint32_t param_sym(extractor *x, CXCursor parm) {
  CXCursor fn = clang_getCursorSemanticParent(parm);
  if (clang_getCursorKind(fn) != CXCursor_FunctionDecl) return NONE;
  int n = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < n; i++)
    if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), parm))
      return param_sym_at(x, func_sym(x, fn), (unsigned)i);
  return NONE;
}

static uint32_t var_sym(extractor *x, CXCursor var) {
  char *key = decl_key(x, var, "V:");
  CXString name = clang_getCursorSpelling(var);
  uint32_t s = ls_facts_sym(x->f, key, clang_getCString(name), LS_SYM_VAR);
  clang_disposeString(name);
  free(key);
  return s;
}

/* ---- annotations -------------------------------------------------------- */

typedef struct annot_ctx {
  extractor *x;
  uint32_t sym;
  CXCursor owner; /* the declaration whose attributes we read */
  int is_func;
} annot_ctx;

static void record_annotation(extractor *x, uint32_t sym, const char *text) {
  static const struct { const char *prefix; ls_annot_kind kind; } known[] = {
      {"lagscan::loop_callback", LS_ANNOT_LOOP},
      {"lagscan::worker_callback", LS_ANNOT_WORKER},
      {"lagscan::next_tick", LS_ANNOT_NEXT_TICK},
      {"lagscan::blocking", LS_ANNOT_BLOCKING},
      {"lagscan::nonblocking", LS_ANNOT_NONBLOCKING},
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    size_t n = strlen(known[i].prefix);
    if (strncmp(text, known[i].prefix, n) != 0) continue;
    const char *rest = text + n;
    uint32_t arg = NONE;
    if (*rest == '(') {
      const char *close = strchr(rest, ')');
      if (!close) return;
      char *a = ls_xstrndup(rest + 1, (size_t)(close - rest - 1));
      arg = ls_facts_str(x->f, a);
      free(a);
    } else if (*rest != '\0') {
      continue; /* "lagscan::loop_callbackX": not ours */
    }
    ls_fact_annot an = {sym, known[i].kind, arg};
    LS_VEC_PUSH(&x->f->annots, an);
    return;
  }
}

static enum CXChildVisitResult annot_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  annot_ctx *a = data;
  if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
    CXString s = clang_getCursorSpelling(c);
    const char *text = clang_getCString(s);
    if (text && !strncmp(text, "lagscan::", 9)) {
      if (a->sym == NONE) a->sym = a->is_func ? func_sym(a->x, a->owner) : field_sym(a->x, a->owner);
      record_annotation(a->x, a->sym, text);
    }
    clang_disposeString(s);
  }
  return CXChildVisit_Continue;
}

/* Reads annotations on a function and on each of its parameters. Symbols
 * are created only for declarations that carry attributes. */
static void function_annotations(extractor *x, CXCursor fn) {
  if (clang_Cursor_hasAttrs(fn)) {
    annot_ctx a = {x, NONE, fn, 1};
    clang_visitChildren(fn, annot_visitor, &a);
  }
  int n = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < n; i++) {
    CXCursor parm = clang_Cursor_getArgument(fn, (unsigned)i);
    if (!clang_Cursor_hasAttrs(parm)) continue;
    annot_ctx pa = {x, param_sym_at(x, func_sym(x, fn), (unsigned)i), parm, 0};
    clang_visitChildren(parm, annot_visitor, &pa);
  }
}

/* ---- expressions -------------------------------------------------------- */

static int is_fnptr_type(CXType t) {
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Pointer: {
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    return p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto;
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
    return is_fnptr_type(clang_getArrayElementType(t));
  default:
    return 0;
  }
}

static int is_function_type(CXType t) {
  t = clang_getCanonicalType(t);
  return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static int is_integer_type(CXType t) {
  t = clang_getCanonicalType(t);
  return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

typedef struct children {
  CXCursor first, last;
  unsigned n;
} children;

static enum CXChildVisitResult count_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  children *ch = d;
  if (ch->n == 0) ch->first = c;
  ch->last = c;
  ch->n++;
  return CXChildVisit_Continue;
}

static children children_of(CXCursor c) {
  children ch = {clang_getNullCursor(), clang_getNullCursor(), 0};
  clang_visitChildren(c, count_visitor, &ch);
  return ch;
}

/* Strips implicit conversions, parentheses, casts, `&f` and `*fp`. */
static CXCursor strip(CXCursor c) {
  for (;;) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr &&
        k != CXCursor_UnaryOperator)
      return c;
    children ch = children_of(c);
    /* A cast to a named type has the TypeRef as its first child and the
     * operand last: `(uv_close_cb)on_closed`. */
    if (k == CXCursor_CStyleCastExpr && ch.n >= 1 && clang_isExpression(clang_getCursorKind(ch.last))) {
      c = ch.last;
      continue;
    }
    if (ch.n != 1) return c;
    if (k == CXCursor_UnaryOperator) {
      /* Keep &f (function -> pointer) and *fp (pointer -> function); stop at
       * anything else (&timer, -x, !x). */
      CXType outer = clang_getCursorType(c), inner = clang_getCursorType(ch.first);
      int addr_of_fn = is_fnptr_type(outer) && is_function_type(inner);
      int deref_fp = is_function_type(outer) && is_fnptr_type(inner);
      if (!addr_of_fn && !deref_fp) return c;
    }
    c = ch.first;
  }
}

typedef struct operand {
  ls_arg_kind kind;
  uint32_t sym;
  CXCursor core;
} operand;

/* What an expression denotes, for flows and argument conditions. */
static operand classify(extractor *x, CXCursor e) {
  operand o = {LS_ARG_OTHER, NONE, strip(e)};
  enum CXCursorKind k = clang_getCursorKind(o.core);
  if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
    CXCursor ref = clang_getCursorReferenced(o.core);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk == CXCursor_FunctionDecl) {
      o.kind = LS_ARG_FUNC;
      o.sym = func_sym(x, ref);
    } else if (is_fnptr_type(clang_getCursorType(ref))) {
      if (rk == CXCursor_FieldDecl) o.sym = field_sym(x, ref);
      else if (rk == CXCursor_ParmDecl) o.sym = param_sym(x, ref);
      else if (rk == CXCursor_VarDecl) o.sym = var_sym(x, ref);
      if (o.sym != NONE) o.kind = LS_ARG_SLOT;
    }
  } else if (k == CXCursor_ArraySubscriptExpr) {
    /* handlers[i]: the array variable's (or field's) contents. */
    children ch = children_of(o.core);
    if (ch.n == 2 && is_fnptr_type(clang_getCursorType(o.core))) {
      operand base = classify(x, ch.first);
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

/* The spelling of an expression's tokens, when it names something (macro or
 * enum constants), for flag conditions: "WNOHANG | WUNTRACED". */
static uint32_t tokens_text(extractor *x, CXCursor e) {
  /* Tokenize the text as written where the expression is used: for a macro
   * argument like WNOHANG the cursor's extent points into the macro's
   * definition, whose tokens ("1") name nothing. */
  CXSourceRange r = clang_getCursorExtent(e);
  CXFile f1, f2;
  unsigned l1, c1, l2, c2;
  clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l1, &c1, NULL);
  clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &l2, &c2, NULL);
  if (!f1 || f1 != f2 || l2 < l1 || (l2 == l1 && c2 < c1)) return NONE;
  CXSourceRange written =
      clang_getRange(clang_getLocation(x->tu, f1, l1, c1), clang_getLocation(x->tu, f2, l2, c2));
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(x->tu, written, &toks, &n);
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

/* ---- non-blocking descriptors ------------------------------------------ */

/* The USR of the integer variable, parameter or field an expression names
 * (`fd`, `conn->fd`), or NULL. */
static char *int_decl_usr(CXCursor e) {
  CXCursor c = strip(e);
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return NULL;
  CXCursor ref = clang_getCursorReferenced(c);
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl && rk != CXCursor_FieldDecl) return NULL;
  if (!is_integer_type(clang_getCursorType(ref))) return NULL;
  CXString u = clang_getCursorUSR(ref);
  const char *s = clang_getCString(u);
  char *r = s && *s ? ls_xstrdup(s) : NULL;
  clang_disposeString(u);
  return r;
}

/* Whether the source text of `e`, as written, has an identifier token that
 * is `word`, or ends in `suffix` (either may be NULL). */
static int written_mentions(extractor *x, CXCursor e, const char *word, const char *suffix) {
  CXSourceRange r = clang_getCursorExtent(e);
  CXFile f1, f2;
  unsigned l1, c1, l2, c2;
  clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l1, &c1, NULL);
  clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &l2, &c2, NULL);
  if (!f1 || f1 != f2 || l2 < l1 || (l2 == l1 && c2 < c1)) return 0;
  CXSourceRange written =
      clang_getRange(clang_getLocation(x->tu, f1, l1, c1), clang_getLocation(x->tu, f2, l2, c2));
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(x->tu, written, &toks, &n);
  int found = 0;
  size_t sl = suffix ? strlen(suffix) : 0;
  for (unsigned i = 0; i < n && !found; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Identifier) continue;
    CXString s = clang_getTokenSpelling(x->tu, toks[i]);
    const char *t = clang_getCString(s);
    size_t tl = strlen(t);
    if ((word && strcmp(t, word) == 0) || (suffix && tl >= sl && strcmp(t + tl - sl, suffix) == 0))
      found = 1;
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, toks, n);
  return found;
}

static void mark_nonblocking(extractor *x, char *usr) {
  if (usr) ls_strmap_put(&x->nonblocking, usr, 1, NULL);
  free(usr);
}

/* `fd = socket(..., SOCK_NONBLOCK)`, `int fd = open(p, O_RDONLY | O_NONBLOCK)`,
 * `accept4(..., SOCK_NONBLOCK)`, `eventfd(0, EFD_NONBLOCK)`: a call whose
 * written arguments carry a *_NONBLOCK flag yields a non-blocking descriptor. */
static int nonblocking_call(extractor *x, CXCursor value) {
  CXCursor c = strip(value);
  return clang_getCursorKind(c) == CXCursor_CallExpr &&
         written_mentions(x, c, "O_NDELAY", "_NONBLOCK");
}

/* fcntl(fd, F_SETFL, flags | O_NONBLOCK) and ioctl(fd, FIONBIO, &on). */
static void note_nonblocking_setter(extractor *x, CXCursor call, const char *callee, int nargs) {
  if (nargs < 2) return;
  CXCursor a1 = clang_Cursor_getArgument(call, 1);
  if (strcmp(callee, "fcntl") == 0 && nargs >= 3 && written_mentions(x, a1, "F_SETFL", NULL) &&
      written_mentions(x, clang_Cursor_getArgument(call, 2), "O_NDELAY", "_NONBLOCK"))
    mark_nonblocking(x, int_decl_usr(clang_Cursor_getArgument(call, 0)));
  else if (strcmp(callee, "ioctl") == 0 && written_mentions(x, a1, "FIONBIO", NULL))
    mark_nonblocking(x, int_decl_usr(clang_Cursor_getArgument(call, 0)));
}

/* The USR of parameter i of the function a call refers to, when its
 * definition is in this TU (`set_nonblocking(fd)` defined above). */
static char *param_usr_of_definition(CXCursor callee_ref, int i) {
  CXCursor def = clang_getCursorDefinition(clang_getCursorReferenced(callee_ref));
  if (clang_Cursor_isNull(def) || i >= clang_Cursor_getNumArguments(def)) return NULL;
  CXString u = clang_getCursorUSR(clang_Cursor_getArgument(def, (unsigned)i));
  const char *s = clang_getCString(u);
  char *r = s && *s ? ls_xstrdup(s) : NULL;
  clang_disposeString(u);
  return r;
}

/* Integer arguments naming a descriptor known to be non-blocking become
 * LS_ARG_NONBLOCKING_FD; the rest stay LS_ARG_OTHER. A helper that makes its
 * parameter non-blocking (`set_nonblocking(int fd)`) makes the caller's
 * variable non-blocking too; that propagates to a fixed point, each round
 * linear in the uses, at most one round per helper in the chain. */
static void resolve_fd_uses(extractor *x) {
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 0; i < x->fd_uses.len; i++) {
      struct fd_use *u = &x->fd_uses.items[i];
      if (!u->param || !ls_strmap_get(&x->nonblocking, u->param)) continue;
      int inserted = 0;
      ls_strmap_put(&x->nonblocking, u->usr, 1, &inserted);
      changed |= inserted;
    }
  }
  for (size_t i = 0; i < x->fd_uses.len; i++) {
    struct fd_use *u = &x->fd_uses.items[i];
    if (ls_strmap_get(&x->nonblocking, u->usr)) x->f->args.items[u->arg].kind = LS_ARG_NONBLOCKING_FD;
    free(u->usr);
    free(u->param);
  }
  LS_VEC_FREE(&x->fd_uses);
  ls_strmap_free(&x->nonblocking);
}

static ls_fact_arg arg_fact(extractor *x, CXCursor e, operand *o) {
  *o = classify(x, e);
  ls_fact_arg a = {o->kind, o->sym, 0, NONE};
  if (o->kind == LS_ARG_STRING) {
    CXString s = clang_getCursorSpelling(o->core);
    a.text = ls_facts_str(x->f, clang_getCString(s));
    clang_disposeString(s);
  } else if (o->kind == LS_ARG_OTHER && is_integer_type(clang_getCursorType(e))) {
    CXEvalResult ev = clang_Cursor_Evaluate(e);
    if (ev) {
      if (clang_EvalResult_getKind(ev) == CXEval_Int) {
        a.kind = LS_ARG_INT;
        a.ival = clang_EvalResult_getAsLongLong(ev);
        a.text = tokens_text(x, e);
      }
      clang_EvalResult_dispose(ev);
    }
  }
  return a;
}

static void add_flow(extractor *x, uint32_t src, uint32_t dst, CXCursor at) {
  ls_fact_flow fl = {src, dst, x->cur_func, loc_of(x, at)};
  LS_VEC_PUSH(&x->f->flows, fl);
}

/* Walks an operand unless it is a bare function designator (which has no
 * sub-expressions and whose flow the caller has recorded). */
static void walk_operand(extractor *x, CXCursor e, const operand *o) {
  if (o->kind == LS_ARG_FUNC) return;
  walk(x, e);
}

static char *canonical_spelling(CXType t) {
  CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
  char *r = ls_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

/* ---- statements and initializers --------------------------------------- */

static void handle_call(extractor *x, CXCursor call) {
  children ch = children_of(call);
  ls_fact_call fc = {0};
  fc.caller = x->cur_func;
  fc.callee = NONE;
  fc.via = NONE;
  fc.fntype = NONE;
  fc.loc = loc_of(x, call);
  operand callee = {LS_ARG_OTHER, NONE, clang_getNullCursor()};
  if (ch.n > 0) callee = classify(x, ch.first);
  if (callee.kind == LS_ARG_FUNC) {
    fc.via_kind = LS_VIA_DIRECT;
    fc.callee = callee.sym;
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
      char *sp = canonical_spelling(t);
      fc.fntype = ls_facts_str(x->f, sp);
      free(sp);
      walk(x, ch.first);
    }
  }
  int nargs = clang_Cursor_getNumArguments(call);
  fc.first_arg = (uint32_t)x->f->args.len;
  fc.nargs = nargs > 0 ? (uint32_t)nargs : 0;
  for (int i = 0; i < nargs; i++) {
    CXCursor e = clang_Cursor_getArgument(call, (unsigned)i);
    operand o;
    ls_fact_arg a = arg_fact(x, e, &o);
    if (a.kind == LS_ARG_OTHER) {
      char *usr = int_decl_usr(e);
      if (usr) {
        struct fd_use u = {x->f->args.len, usr, NULL};
        if (callee.kind == LS_ARG_FUNC) u.param = param_usr_of_definition(callee.core, i);
        LS_VEC_PUSH(&x->fd_uses, u);
      }
    }
    LS_VEC_PUSH(&x->f->args, a);
    if (o.kind == LS_ARG_FUNC || o.kind == LS_ARG_SLOT) {
      uint32_t dst = fc.via_kind == LS_VIA_DIRECT ? param_sym_at(x, fc.callee, (unsigned)i) : NONE;
      add_flow(x, o.sym, dst, e);
    }
    walk_operand(x, e, &o);
  }
  if (callee.kind == LS_ARG_FUNC) {
    CXString name = clang_getCursorSpelling(clang_getCursorReferenced(callee.core));
    note_nonblocking_setter(x, call, clang_getCString(name), nargs);
    clang_disposeString(name);
  }
  if (x->branch_depth == 0 && !x->exit_in_branch_seen) fc.flags |= LS_CALL_UNCONDITIONAL;
  if (fc.caller != NONE) LS_VEC_PUSH(&x->f->calls, fc);
}

/* `return E;`: counts whether E is a non-zero constant (G_SOURCE_CONTINUE). */
static void note_return(extractor *x, CXCursor ret) {
  if (x->branch_depth) x->exit_in_branch_seen = 1;
  children ch = children_of(ret);
  int nonzero = 0;
  if (ch.n == 1) {
    CXEvalResult ev = clang_Cursor_Evaluate(ch.first);
    if (ev && clang_EvalResult_getKind(ev) == CXEval_Int && clang_EvalResult_getAsLongLong(ev) != 0)
      nonzero = 1;
    if (ev) clang_EvalResult_dispose(ev);
  }
  if (nonzero) x->returns_true++;
  else x->returns_other++;
}

/* `lhs = rhs` where the value is a function pointer. */
static void handle_assign(extractor *x, CXCursor op) {
  children ch = children_of(op);
  if (ch.n != 2) {
    walk(x, op);
    return;
  }
  operand lhs = classify(x, ch.first), rhs = classify(x, ch.last);
  if (lhs.kind == LS_ARG_SLOT && (rhs.kind == LS_ARG_FUNC || rhs.kind == LS_ARG_SLOT))
    add_flow(x, rhs.sym, lhs.sym, ch.last);
  else if (rhs.kind == LS_ARG_FUNC)
    add_flow(x, rhs.sym, NONE, ch.last);
  walk(x, ch.first);
  walk_operand(x, ch.last, &rhs);
}

typedef struct field_list {
  LS_VEC(CXCursor) fields;
} field_list;

static enum CXVisitorResult field_collector(CXCursor c, CXClientData d) {
  field_list *fl = d;
  LS_VEC_PUSH(&fl->fields, c);
  return CXVisit_Continue;
}

typedef struct init_ctx {
  extractor *x;
  LS_VEC(CXCursor) items;
} init_ctx;

static enum CXChildVisitResult collect_items(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  init_ctx *ic = d;
  LS_VEC_PUSH(&ic->items, c);
  return CXChildVisit_Continue;
}

static void handle_value_into(extractor *x, CXCursor value, uint32_t dst);

/* An initializer list for a struct (fields by designator or by position) or
 * an array (every element flows into `dst`, the array's slot). */
static void handle_init_list(extractor *x, CXCursor list, uint32_t dst) {
  CXType t = clang_getCanonicalType(clang_getCursorType(list));
  init_ctx ic = {x, {0}};
  clang_visitChildren(list, collect_items, &ic);
  if (t.kind == CXType_Record) {
    field_list fl = {{0}};
    clang_Type_visitFields(t, field_collector, &fl);
    size_t pos = 0;
    for (size_t i = 0; i < ic.items.len; i++) {
      CXCursor item = ic.items.items[i], value = item;
      CXCursor field = clang_getNullCursor();
      if (clang_getCursorKind(item) == CXCursor_UnexposedExpr) {
        children ch = children_of(item);
        if (ch.n >= 2 && clang_getCursorKind(ch.first) == CXCursor_MemberRef) {
          field = clang_getCursorReferenced(ch.first);
          value = ch.last;
          for (size_t j = 0; j < fl.fields.len; j++)
            if (clang_equalCursors(fl.fields.items[j], field)) pos = j;
          pos++;
        }
      }
      if (clang_Cursor_isNull(field)) {
        if (pos < fl.fields.len) field = fl.fields.items[pos];
        pos++;
      }
      uint32_t fdst = NONE;
      if (!clang_Cursor_isNull(field) && is_fnptr_type(clang_getCursorType(field)))
        fdst = field_sym(x, field);
      handle_value_into(x, value, fdst);
    }
    LS_VEC_FREE(&fl.fields);
  } else {
    for (size_t i = 0; i < ic.items.len; i++) {
      CXCursor value = ic.items.items[i];
      if (clang_getCursorKind(value) == CXCursor_UnexposedExpr) {
        children ch = children_of(value); /* [index] = value */
        if (ch.n == 2 && clang_getCursorKind(ch.first) == CXCursor_IntegerLiteral) value = ch.last;
      }
      handle_value_into(x, value, dst);
    }
  }
  LS_VEC_FREE(&ic.items);
}

static void handle_value_into(extractor *x, CXCursor value, uint32_t dst) {
  if (clang_getCursorKind(value) == CXCursor_InitListExpr) {
    handle_init_list(x, value, dst);
    return;
  }
  operand o = classify(x, value);
  if (o.kind == LS_ARG_FUNC || o.kind == LS_ARG_SLOT) add_flow(x, o.sym, dst, value);
  walk_operand(x, value, &o);
}

static void handle_vardecl(extractor *x, CXCursor var) {
  children ch = children_of(var);
  if (ch.n == 0) return;
  CXCursor init = ch.last;
  enum CXCursorKind k = clang_getCursorKind(init);
  if (k == CXCursor_TypeRef || k == CXCursor_ParmDecl || clang_isAttribute(k)) return;
  CXType t = clang_getCursorType(var);
  if (is_integer_type(t) && nonblocking_call(x, init)) {
    CXString u = clang_getCursorUSR(var);
    mark_nonblocking(x, ls_xstrdup(clang_getCString(u)));
    clang_disposeString(u);
  }
  uint32_t dst = NONE;
  if (is_fnptr_type(t)) dst = var_sym(x, var);
  if (k == CXCursor_InitListExpr || dst != NONE)
    handle_value_into(x, init, dst);
  else
    walk(x, init);
}

static enum CXChildVisitResult walk_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_IfStmt:
  case CXCursor_SwitchStmt:
  case CXCursor_WhileStmt:
  case CXCursor_DoStmt:
  case CXCursor_ForStmt:
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
    return CXChildVisit_Continue;
  case CXCursor_BinaryOperator:
    /* An assignment yields its left operand's type; a comparison yields int.
     * So a function-pointer-typed binary operator is an assignment. */
    if (is_fnptr_type(clang_getCursorType(c))) {
      handle_assign(x, c);
      return CXChildVisit_Continue;
    }
    if (is_integer_type(clang_getCursorType(c))) {
      /* `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)` */
      children ch = children_of(c);
      if (ch.n == 2 && nonblocking_call(x, ch.last)) mark_nonblocking(x, int_decl_usr(ch.first));
    }
    return CXChildVisit_Recurse;
  case CXCursor_VarDecl:
    handle_vardecl(x, c);
    return CXChildVisit_Continue;
  case CXCursor_InitListExpr:
    handle_init_list(x, c, NONE);
    return CXChildVisit_Continue;
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) add_flow(x, func_sym(x, ref), NONE, c);
    return CXChildVisit_Continue;
  }
  default:
    return CXChildVisit_Recurse;
  }
}

static void walk(extractor *x, CXCursor c) {
  /* The cursor itself may be one the visitor handles (an argument that is a
   * call); visiting children only would skip it. */
  switch (clang_getCursorKind(c)) {
  case CXCursor_CallExpr:
  case CXCursor_InitListExpr:
  case CXCursor_DeclRefExpr:
    walk_visitor(c, clang_getNullCursor(), x);
    return;
  case CXCursor_BinaryOperator:
    if (walk_visitor(c, clang_getNullCursor(), x) == CXChildVisit_Continue) return;
    break;
  default:
    break;
  }
  clang_visitChildren(c, walk_visitor, x);
}

/* ---- top level ------------------------------------------------------------ */

static enum CXChildVisitResult record_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_FieldDecl && clang_Cursor_hasAttrs(c)) {
    annot_ctx a = {x, NONE, c, 0};
    clang_visitChildren(c, annot_visitor, &a);
  } else if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl) {
    clang_visitChildren(c, record_visitor, x);
  }
  return CXChildVisit_Continue;
}

static void handle_function(extractor *x, CXCursor fn) {
  function_annotations(x, fn);
  if (!clang_isCursorDefinition(fn)) return;
  uint32_t sym = func_sym(x, fn);
  char *type = canonical_spelling(clang_getCursorType(fn));
  ls_fact_func ff = {sym, loc_of(x, fn), 1, ls_facts_str(x->f, type), 0};
  free(type);
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
  x->exit_in_branch_seen = 0;
  x->returns_true = x->returns_other = 0;
  clang_visitChildren(fn, walk_visitor, x);
  if (x->returns_true && !x->returns_other) x->f->funcs.items[index].flags |= LS_FUNC_ALWAYS_TRUE;
  x->cur_func = NONE;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_LinkageSpec) return CXChildVisit_Recurse;
  if (in_system_header(c)) return CXChildVisit_Continue;
  switch (k) {
  case CXCursor_FunctionDecl:
    handle_function(x, c);
    break;
  case CXCursor_VarDecl:
    handle_vardecl(x, c);
    break;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    clang_visitChildren(c, record_visitor, x);
    break;
  default:
    break;
  }
  return CXChildVisit_Continue;
}

static void inclusion_visitor(CXFile file, CXSourceLocation *stack, unsigned depth,
                              CXClientData data) {
  (void)stack;
  extractor *x = data;
  if (depth == 0) return; /* the main file itself */
  uint32_t p = path_of_file(x, file);
  LS_VEC_PUSH(&x->f->includes, p);
}

static void read_diagnostics(extractor *x) {
  unsigned n = clang_getNumDiagnostics(x->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(x->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error) {
      x->f->nerrors++;
      if (!x->f->first_error) {
        CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
                                                   CXDiagnostic_DisplayColumn);
        x->f->first_error = ls_xstrdup(clang_getCString(s));
        clang_disposeString(s);
      }
    }
    clang_disposeDiagnostic(d);
  }
}

static const char *error_code_text(enum CXErrorCode e) {
  switch (e) {
  case CXError_Crashed: return "libclang crashed while parsing";
  case CXError_InvalidArguments: return "libclang rejected the arguments";
  case CXError_ASTReadError: return "libclang could not read an AST file";
  default: return "libclang failed to parse";
  }
}

int ls_extract_tu(const char *source, const char *const *argv, int argc, ls_facts *facts,
                  char **err) {
  extractor x = {0};
  x.f = facts;
  x.cur_func = NONE;
  if (!getcwd(x.cwd, sizeof x.cwd)) strcpy(x.cwd, ".");
  CXIndex index = clang_createIndex(0, 0);
  unsigned options = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
  enum CXErrorCode ec =
      clang_parseTranslationUnit2FullArgv(index, NULL, argv, argc, NULL, 0, options, &x.tu);
  if (ec != CXError_Success || !x.tu) {
    *err = ls_xasprintf("%s '%s'", error_code_text(ec), source);
    clang_disposeIndex(index);
    return -1;
  }
  read_diagnostics(&x);
  clang_visitChildren(clang_getTranslationUnitCursor(x.tu), top_visitor, &x);
  clang_getInclusions(x.tu, inclusion_visitor, &x);
  resolve_fd_uses(&x);
  LS_VEC_FREE(&x.files);
  clang_disposeTranslationUnit(x.tu);
  clang_disposeIndex(index);
  return 0;
}
