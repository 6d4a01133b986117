/* classes.c: what rapid type analysis needs of C++ classes (internal.h).
 *
 * A virtual call runs the override of the object's class, so the graph
 * (src/graph/flows.c) keeps only the overrides of classes the program
 * makes objects of. This file records, per TU:
 *   - each class of the program (not a library's) as a symbol, keyed by
 *     its USR (a template's instantiations are the template), with its
 *     direct bases that are classes of the program;
 *   - the classes the TU makes objects of: the class of a constructor run
 *     for a complete object (a local, a global, `new`, a temporary, a
 *     member; a base subobject is not one), of a variable or field whose
 *     type is the class (or an array of it), and the classes named as type
 *     arguments of a template anywhere in a type or a call
 *     (`std::make_shared<T>()`, `std::vector<T>`, `Napi::ObjectWrap<T>`),
 *     since a library template may build objects of them where the walk
 *     cannot see.
 * Each class is noted once per TU. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { MARK_BASES = 1, MARK_CONSTRUCTED = 2 };

CXCursor ls__class_template_of(CXCursor rec) {
  CXCursor def = clang_getCursorDefinition(rec);
  if (!clang_Cursor_isNull(def)) rec = def;
  CXCursor t = clang_getSpecializedCursorTemplate(rec);
  return clang_Cursor_isNull(t) ? rec : t;
}

static int is_class_kind(enum CXCursorKind k) {
  return k == CXCursor_ClassDecl || k == CXCursor_StructDecl || k == CXCursor_ClassTemplate ||
         k == CXCursor_ClassTemplatePartialSpecialization;
}

uint32_t ls__class_sym(extractor *x, CXCursor rec) {
  if (clang_Cursor_isNull(rec) || !is_class_kind(clang_getCursorKind(rec))) return NONE;
  rec = ls__class_template_of(rec);
  if (ls__in_system_header(rec) || ls__is_lambda_class(rec)) return NONE;
  CXString u = clang_getCursorUSR(rec);
  const char *usr = clang_getCString(u);
  uint32_t s = NONE;
  if (usr && *usr) {
    char *key = ls_xasprintf("class:%s", usr);
    char *q = ls__qualified_name(rec);
    CXString sp = clang_getCursorSpelling(rec);
    s = ls_facts_sym_qualified(x->f, key, q ? q : clang_getCString(sp), NULL, LS_SYM_CLASS,
                               LS_FN_PLAIN);
    clang_disposeString(sp);
    free(q);
    free(key);
  }
  clang_disposeString(u);
  return s;
}

int ls__first_mark(extractor *x, uint32_t s, uint8_t mark) {
  while (x->class_marks.len <= s) LS_VEC_PUSH(&x->class_marks, 0);
  if (x->class_marks.items[s] & mark) return 0;
  x->class_marks.items[s] |= mark;
  return 1;
}

static enum CXChildVisitResult base_visitor(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  extractor *x = d;
  if (clang_getCursorKind(c) != CXCursor_CXXBaseSpecifier) return CXChildVisit_Continue;
  CXType bt = clang_getCanonicalType(clang_getCursorType(c));
  /* `class Db : public Napi::ObjectWrap<Db>`: the library builds Dbs */
  ls__note_type_objects(x, bt, 0);
  uint32_t base = ls__class_sym(x, clang_getTypeDeclaration(bt));
  if (base != NONE) {
    ls_fact_class_base cb = {x->class_now, base};
    LS_VEC_PUSH(&x->f->class_bases, cb);
  }
  return CXChildVisit_Continue;
}

void ls__note_class(extractor *x, CXCursor rec) {
  if (!clang_isCursorDefinition(rec)) return;
  uint32_t s = ls__class_sym(x, rec);
  if (s == NONE || !ls__first_mark(x, s, MARK_BASES)) return;
  uint32_t saved = x->class_now;
  x->class_now = s;
  clang_visitChildren(rec, base_visitor, x);
  x->class_now = saved;
}

static void note_constructed(extractor *x, CXCursor rec) {
  uint32_t s = ls__class_sym(x, rec);
  if (s != NONE && ls__first_mark(x, s, MARK_CONSTRUCTED)) LS_VEC_PUSH(&x->f->constructed, s);
}

void ls__note_type_objects(extractor *x, CXType t, int object) {
  for (int depth = 0; depth < 4; depth++) {
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) {
      t = clang_getElementType(t);
      continue;
    }
    break;
  }
  if (t.kind != CXType_Record) return;
  CXCursor rec = clang_getTypeDeclaration(t);
  if (object) note_constructed(x, rec);
  /* type arguments, two levels deep (`std::vector<std::unique_ptr<T>>`) */
  int n = clang_Type_getNumTemplateArguments(t);
  for (int i = 0; i < n && i < 16; i++) {
    CXType a = clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(t, (unsigned)i));
    if (a.kind == CXType_Invalid) continue;
    if (a.kind == CXType_Pointer || a.kind == CXType_LValueReference ||
        a.kind == CXType_RValueReference)
      a = clang_getCanonicalType(clang_getPointeeType(a));
    if (a.kind != CXType_Record) continue;
    note_constructed(x, clang_getTypeDeclaration(a));
    int m = clang_Type_getNumTemplateArguments(a);
    for (int j = 0; j < m && j < 16; j++) {
      CXType b = clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(a, (unsigned)j));
      if (b.kind == CXType_Record) note_constructed(x, clang_getTypeDeclaration(b));
    }
  }
}

void ls__note_constructor_run(extractor *x, CXCursor ctor) {
  note_constructed(x, clang_getCursorSemanticParent(ctor));
}

void ls__note_call_type_arguments(extractor *x, CXCursor fn) {
  int n = clang_Cursor_getNumTemplateArguments(fn);
  for (int i = 0; i < n && i < 16; i++) {
    if (clang_Cursor_getTemplateArgumentKind(fn, (unsigned)i) != CXTemplateArgumentKind_Type)
      continue;
    CXType a = clang_getCanonicalType(clang_Cursor_getTemplateArgumentType(fn, (unsigned)i));
    if (a.kind == CXType_LValueReference || a.kind == CXType_RValueReference ||
        a.kind == CXType_Pointer)
      a = clang_getCanonicalType(clang_getPointeeType(a));
    ls__note_type_objects(x, a, 1);
  }
}
