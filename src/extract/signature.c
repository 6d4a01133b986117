/* signature.c: what the declaration of a called function takes, when the
 * TU calls it without defining it (internal.h): its function-pointer
 * parameters, the parameters that point to a record (a handle: uv_loop_t *,
 * struct event_base *) or return one through a pointer (T **out), and the
 * record its return value points to. Recorded once per function and TU,
 * and only for functions with a record-pointer parameter: the graph
 * (src/graph/sdk.c) decides from these which SDK functions take a callback
 * to call on a loop. Any called function declared noreturn is noted too,
 * defined here or not (the graph's dying paths). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A record type's names, written first and canonical second when they
 * differ ("uv_loop_t|struct uv_loop_s"), without qualifiers (heap). */
static char *record_names(CXType t) {
  CXString w = clang_getTypeSpelling(t);
  CXString c = clang_getTypeSpelling(clang_getCanonicalType(t));
  const char *ws = clang_getCString(w), *cs = clang_getCString(c);
  static const char *const quals[] = {"const ", "volatile ", "restrict "};
  for (int again = 1; again;) {
    again = 0;
    for (size_t i = 0; i < sizeof quals / sizeof quals[0]; i++) {
      size_t n = strlen(quals[i]);
      if (!strncmp(ws, quals[i], n)) ws += n, again = 1;
      if (!strncmp(cs, quals[i], n)) cs += n, again = 1;
    }
  }
  char *out = strcmp(ws, cs) ? ls_xasprintf("%s|%s", ws, cs) : ls_xstrdup(ws);
  clang_disposeString(w);
  clang_disposeString(c);
  return out;
}

static int is_record(CXType t) { return clang_getCanonicalType(t).kind == CXType_Record; }

/* The record a pointer type points to, through `depth` pointers; or a type
 * of kind CXType_Invalid. */
static CXType pointee_record(CXType t, int depth) {
  for (int i = 0; i < depth; i++) {
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_Pointer) return (CXType){CXType_Invalid, {0, 0}};
    t = clang_getPointeeType(t);
  }
  return is_record(t) ? t : (CXType){CXType_Invalid, {0, 0}};
}

static void add(extractor *x, uint32_t sym, int idx, ls_sig_kind kind, CXType record) {
  ls_fact_sig s = {sym, idx, kind, NONE};
  if (record.kind != CXType_Invalid) {
    char *names = record_names(record);
    s.type = ls_facts_str(x->f, names);
    free(names);
  }
  LS_VEC_PUSH(&x->f->sigs, s);
}

/* Whether a function type's spelling ("void (int) __attribute__((noreturn))")
 * says noreturn after its parameter list, not in a parameter's type. */
static int noreturn_spelled(const char *t) {
  const char *p = t ? strchr(t, '(') : NULL;
  for (int depth = 0; p && *p; p++) {
    if (*p == '(') depth++;
    else if (*p == ')' && --depth == 0) return strstr(p + 1, "noreturn") != NULL;
  }
  return 0;
}

void ls__note_signature(extractor *x, CXCursor decl, uint32_t sym) {
  if (clang_getCursorKind(decl) != CXCursor_FunctionDecl) return;
  while (x->sig_seen.len <= sym) LS_VEC_PUSH(&x->sig_seen, 0);
  if (x->sig_seen.items[sym]) return;
  x->sig_seen.items[sym] = 1;
  /* noreturn (the attribute, C11's _Noreturn): libclang 14 says it only in
   * the function type's spelling */
  CXString ts = clang_getTypeSpelling(clang_getCursorType(decl));
  if (noreturn_spelled(clang_getCString(ts)))
    add(x, sym, -1, LS_SIG_NORETURN, (CXType){CXType_Invalid, {0, 0}});
  clang_disposeString(ts);
  CXCursor def = clang_getCursorDefinition(decl);
  if (!clang_Cursor_isNull(def)) return; /* defined here: its body is followed */
  CXType ft = clang_getCursorType(decl);
  int n = clang_getNumArgTypes(ft);
  int handles = 0, fnptrs = 0;
  for (int i = 0; i < n; i++) {
    CXType t = clang_getArgType(ft, (unsigned)i);
    handles += pointee_record(t, 1).kind != CXType_Invalid;
    fnptrs += ls__is_fnptr_type(t);
  }
  if (!handles) return;
  size_t before = x->f->sigs.len;
  for (int i = 0; i < n; i++) {
    CXType t = clang_getArgType(ft, (unsigned)i);
    CXType r1 = pointee_record(t, 1), r2 = pointee_record(t, 2);
    if (ls__is_fnptr_type(t)) add(x, sym, i, LS_SIG_FNPTR, (CXType){CXType_Invalid, {0, 0}});
    else if (r1.kind != CXType_Invalid) add(x, sym, i, LS_SIG_HANDLE, r1);
    else if (r2.kind != CXType_Invalid) add(x, sym, i, LS_SIG_OUT_HANDLE, r2);
  }
  CXType r = pointee_record(clang_getResultType(ft), 1);
  if (r.kind != CXType_Invalid) add(x, sym, -1, LS_SIG_RETURNS_HANDLE, r);
  /* Only a function that takes a callback or makes a handle matters. */
  int makes = 0;
  for (size_t i = before; i < x->f->sigs.len; i++)
    makes |= x->f->sigs.items[i].kind == LS_SIG_OUT_HANDLE ||
             x->f->sigs.items[i].kind == LS_SIG_RETURNS_HANDLE;
  if (!fnptrs && !makes) x->f->sigs.len = before;
}
