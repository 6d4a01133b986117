/* keys.c: files, locations and symbol keys (facts.h says the key forms):
 * functions by USR (path-qualified for internal linkage, since libclang
 * gives same-named static functions of different files one USR),
 * parameters by function and position, variables and fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

uint32_t ls__path_of_file(extractor *x, CXFile file) {
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
ls_fact_loc ls__loc_of(extractor *x, CXCursor c) {
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
  l.file = ls__path_of_file(x, file);
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

int ls__in_system_header(CXCursor c) {
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
    uint32_t path = ls__path_of_file(x, file); /* may grow strs: index after */
    key = ls_xasprintf("%s%s|%s", prefix, x->f->strs.items[path], u ? u : "");
  } else {
    key = ls_xasprintf("%s%s", prefix, u ? u : "");
  }
  clang_disposeString(usr);
  return key;
}

/* A C++ function: a lambda's call operator is the lambda; others by USR,
 * with their qualified name and kind. */
static uint32_t cxx_func_sym(extractor *x, CXCursor fn) {
  if (clang_getCursorKind(fn) == CXCursor_CXXMethod) {
    CXCursor parent = clang_getCursorSemanticParent(fn);
    if (ls__is_lambda_class(parent)) return ls__lambda_sym(x, parent);
  }
  char *key = decl_key(x, fn, "");
  CXString name = clang_getCursorSpelling(fn);
  char *qname = ls__qualified_name(fn);
  uint32_t s = ls_facts_sym_qualified(x->f, key, clang_getCString(name), qname, LS_SYM_FUNC,
                                      ls__fn_kind(fn));
  free(qname);
  clang_disposeString(name);
  free(key);
  return s;
}

uint32_t ls__func_sym(extractor *x, CXCursor fn) {
  if (x->cxx) return cxx_func_sym(x, fn);
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

uint32_t ls__field_sym(extractor *x, CXCursor field) {
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
uint32_t ls__param_sym_at(extractor *x, uint32_t func, unsigned idx) {
  /* Copies first: interning may move the string table. */
  char *key = ls_key_param(x->f->strs.items[x->f->syms.items[func].key], idx);
  const ls_fact_sym *fs = &x->f->syms.items[func];
  char *name = ls_xasprintf("%s#%u", x->f->strs.items[fs->qname != NONE ? fs->qname : fs->name], idx);
  uint32_t s = ls_facts_sym(x->f, key, name, LS_SYM_PARAM);
  free(key);
  free(name);
  return s;
}

/* The function a parameter belongs to and its position, or -1. */
static int param_position(CXCursor parm, CXCursor *fn_out) {
  CXCursor fn = clang_getCursorSemanticParent(parm);
  *fn_out = fn;
  enum CXCursorKind k = clang_getCursorKind(fn);
  if (k == CXCursor_FunctionDecl) {
    int n = clang_Cursor_getNumArguments(fn);
    for (int i = 0; i < n; i++)
      if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), parm)) return i;
    return -1;
  }
  if (!ls__is_function_kind(k)) return -1;
  return ls__param_index(fn, parm);
}

uint32_t ls__param_sym(extractor *x, CXCursor parm) {
  CXCursor fn;
  int i = param_position(parm, &fn);
  return i < 0 ? NONE : ls__param_sym_at(x, ls__func_sym(x, fn), (unsigned)i);
}

uint32_t ls__var_sym(extractor *x, CXCursor var) {
  char *key = decl_key(x, var, "V:");
  CXString name = clang_getCursorSpelling(var);
  uint32_t s = ls_facts_sym(x->f, key, clang_getCString(name), LS_SYM_VAR);
  clang_disposeString(name);
  free(key);
  return s;
}


/* `fds[1]` of an array variable or field of integers, at a constant
 * index: the array's identity (its declaration's USR) and "[1]" (a pipe's
 * two ends made non-blocking one by one, `fcntl(fds[1], F_SETFL, ...)`). */
static uint32_t element_identity(extractor *x, CXCursor sub) {
  children ch = ls__children_of(sub);
  if (ch.n != 2) return NONE;
  CXCursor base = ls__strip(ch.first);
  enum CXCursorKind bk = clang_getCursorKind(base);
  if (bk != CXCursor_DeclRefExpr && bk != CXCursor_MemberRefExpr) return NONE;
  CXCursor ref = clang_getCursorReferenced(base);
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (rk != CXCursor_VarDecl && rk != CXCursor_FieldDecl) return NONE;
  CXType t = clang_getCanonicalType(clang_getCursorType(ref));
  if (t.kind != CXType_ConstantArray || !ls__is_integer_type(clang_getArrayElementType(t))) return NONE;
  CXEvalResult ev = clang_Cursor_Evaluate(ch.last);
  if (!ev) return NONE;
  long long idx = clang_EvalResult_getKind(ev) == CXEval_Int ? clang_EvalResult_getAsLongLong(ev) : -1;
  clang_EvalResult_dispose(ev);
  if (idx < 0) return NONE;
  CXString u = clang_getCursorUSR(ref);
  const char *usr = clang_getCString(u);
  uint32_t id = NONE;
  if (usr && *usr) {
    char *key = ls_xasprintf("%s[%lld]", usr, idx);
    id = ls_facts_str(x->f, key);
    free(key);
  }
  clang_disposeString(u);
  return id;
}

/* The identity of the variable, parameter or field an expression names,
 * of an integer type when `integer` is set, else of any other type than a
 * function pointer. */
static uint32_t identity_of(extractor *x, CXCursor e, int integer) {
  CXCursor c = ls__strip(e);
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_ArraySubscriptExpr && integer) return element_identity(x, c);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr) return NONE;
  CXCursor ref = clang_getCursorReferenced(c);
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl && rk != CXCursor_FieldDecl) return NONE;
  CXType t = clang_getCursorType(ref);
  if (integer ? !ls__is_integer_type(t) : ls__is_integer_type(t) || ls__is_fnptr_type(t)) return NONE;
  if (rk == CXCursor_ParmDecl) {
    /* A parameter by its function and position, as a call site names it. */
    CXCursor fn;
    int i = param_position(ref, &fn);
    if (i >= 0) {
      /* the function's key as its symbol has it (a lambda's is its own) */
      char *fkey;
      if (x->cxx) {
        uint32_t fs = ls__func_sym(x, fn);
        fkey = ls_xstrdup(x->f->strs.items[x->f->syms.items[fs].key]);
      } else {
        fkey = decl_key(x, fn, "");
      }
      char *key = ls_key_param(fkey, (unsigned)i);
      uint32_t id = ls_facts_str(x->f, key);
      free(key);
      free(fkey);
      return id;
    }
  }
  CXString u = clang_getCursorUSR(ref);
  const char *s = clang_getCString(u);
  uint32_t id = s && *s ? ls_facts_str(x->f, s) : NONE;
  clang_disposeString(u);
  return id;
}

uint32_t ls__int_identity(extractor *x, CXCursor e) { return identity_of(x, e, 1); }

uint32_t ls__object_identity(extractor *x, CXCursor e) { return identity_of(x, e, 0); }
