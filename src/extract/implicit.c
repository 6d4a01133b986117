/* implicit.c: the parts of constructors and destructors the compiler
 * writes (internal.h).
 *
 * A constructor first constructs the bases and members its initializer
 * list does not name: by their default constructors, or by a member's
 * in-class initializer (`std::ifstream in_{"conf"};`). A destructor, after
 * its body, destroys the members and bases. A class that declares neither
 * gets both from the compiler, and those run the members' and bases'
 * own. This file writes those calls out:
 *   - in a user-written constructor, a call of each base's and member's
 *     default constructor the initializer list leaves out (at the base
 *     specifier or member declaration), or the walk of the member's
 *     in-class initializer;
 *   - in a user-written destructor, a call of each member's and base's
 *     destructor after the body;
 *   - the compiler's default constructor (a cursor libclang gives at the
 *     call) and destructor (a symbol of its own, "C::~C") as functions
 *     defined at the class, written when the TU first uses them and only
 *     when they do something: construction or destruction of some member
 *     or base runs a user-written constructor or destructor (the
 *     program's, or for destructors a library's too, such as
 *     std::jthread's, which joins) or an in-class initializer.
 * Only the program's classes are looked into; a library class's members
 * are its business. Copy and move constructors the compiler writes are
 * not followed (they copy members). Depth is bounded: members of members
 * are followed six levels down. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { MAX_DEPTH = 6, MARK_SPECIAL = 4 };

/* The class of an object type (arrays of it too), or a null cursor. */
static CXCursor class_of_type(CXType t) {
  t = clang_getCanonicalType(t);
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    t = clang_getCanonicalType(clang_getElementType(t));
  if (t.kind != CXType_Record) return clang_getNullCursor();
  CXCursor rec = clang_getTypeDeclaration(t);
  CXCursor def = clang_getCursorDefinition(rec);
  return clang_Cursor_isNull(def) ? rec : def;
}

typedef LS_VEC(CXCursor) cursor_list;

typedef struct special_find {
  enum CXCursorKind kind; /* Constructor (a default one) or Destructor */
  CXCursor found;
} special_find;

static enum CXChildVisitResult find_special(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  special_find *s = d;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_FunctionTemplate) k = clang_getTemplateCursorKind(c);
  if (k != s->kind) return CXChildVisit_Continue;
  if (k == CXCursor_Constructor && !clang_CXXConstructor_isDefaultConstructor(c))
    return CXChildVisit_Continue;
  s->found = c;
  return CXChildVisit_Break;
}

/* A class's user-declared default constructor or destructor (a template's
 * own for an instantiation), or a null cursor. */
static CXCursor declared_special(CXCursor rec, enum CXCursorKind kind) {
  special_find s = {kind, clang_getNullCursor()};
  CXCursor tmpl = clang_getSpecializedCursorTemplate(rec);
  clang_visitChildren(clang_Cursor_isNull(tmpl) ? rec : tmpl, find_special, &s);
  return s.found;
}

static enum CXChildVisitResult list_parts(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_CXXBaseSpecifier || k == CXCursor_FieldDecl) LS_VEC_PUSH((cursor_list *)d, c);
  return CXChildVisit_Continue;
}

/* The bases and members of a class, in declaration order (the caller
 * frees the list). */
static cursor_list parts_of(CXCursor rec) {
  cursor_list l = {0};
  CXCursor tmpl = clang_getSpecializedCursorTemplate(rec);
  clang_visitChildren(clang_Cursor_isNull(tmpl) ? rec : tmpl, list_parts, &l);
  return l;
}

/* A member's in-class initializer expression, or a null cursor. */
static CXCursor in_class_initializer(CXCursor field) {
  children ch = ls__children_of(field);
  if (!ch.n) return clang_getNullCursor();
  return clang_isExpression(clang_getCursorKind(ch.last)) ? ch.last : clang_getNullCursor();
}

static int user_written(CXCursor fn) {
  return !clang_Cursor_isNull(fn) && !clang_CXXMethod_isDefaulted(fn);
}

static int parts_do_something(extractor *x, CXCursor rec, int ctor, int depth);

/* Whether building (ctor) or destroying an object of class rec runs any
 * code the analysis sees, as the file comment says; remembered per class
 * for the TU (a class's members are looked at once, however often its
 * objects are made). */
static int does_something(extractor *x, CXCursor rec, int ctor, int depth) {
  if (clang_Cursor_isNull(rec) || depth > MAX_DEPTH) return 0;
  char key[48];
  snprintf(key, sizeof key, "%u:%d", clang_hashCursor(clang_getCanonicalCursor(rec)), ctor);
  int64_t *memo = ls_strmap_get(&x->special_memo, key);
  if (memo) return (int)*memo;
  int does = parts_do_something(x, rec, ctor, depth);
  if (depth == 0 || does) ls_strmap_put(&x->special_memo, key, does, NULL);
  return does;
}

static int parts_do_something(extractor *x, CXCursor rec, int ctor, int depth) {
  int library = ls__in_system_header(rec);
  CXCursor own = declared_special(rec, ctor ? CXCursor_Constructor : CXCursor_Destructor);
  if (user_written(own)) return !library || !ctor;
  if (library) return 0;
  cursor_list l = parts_of(rec);
  int does = 0;
  for (size_t i = 0; i < l.len && !does; i++) {
    CXCursor init = ctor && clang_getCursorKind(l.items[i]) == CXCursor_FieldDecl
                        ? in_class_initializer(l.items[i])
                        : clang_getNullCursor();
    does = (!clang_Cursor_isNull(init) && clang_getCursorKind(init) != CXCursor_IntegerLiteral) ||
           does_something(x, class_of_type(clang_getCursorType(l.items[i])), ctor, depth + 1);
  }
  LS_VEC_FREE(&l);
  return does;
}

static void special_call(extractor *x, uint32_t callee, CXCursor at, ls_via_kind via) {
  ls_fact_call fc = {0};
  fc.caller = x->cur_func;
  fc.callee = callee;
  fc.via_kind = via;
  fc.via = NONE;
  fc.fntype = NONE;
  fc.loc = ls__loc_of(x, at);
  fc.first_arg = (uint32_t)x->f->args.len;
  fc.result = NONE;
  ls__finish_call(x, &fc);
}

/* The symbol of the compiler's destructor of class rec. */
static uint32_t implicit_dtor_sym(extractor *x, CXCursor rec) {
  CXCursor cls = ls__class_template_of(rec);
  CXString u = clang_getCursorUSR(cls), sp = clang_getCursorSpelling(cls);
  char *q = ls__qualified_name(cls);
  char *key = ls_xasprintf("%s@F@~%s#", clang_getCString(u), clang_getCString(sp));
  char *name = ls_xasprintf("~%s", clang_getCString(sp));
  char *qname = ls_xasprintf("%s::~%s", q ? q : clang_getCString(sp), clang_getCString(sp));
  uint32_t s = ls_facts_sym_qualified(x->f, key, name, qname, LS_SYM_FUNC, LS_FN_DTOR);
  free(qname);
  free(name);
  free(key);
  free(q);
  clang_disposeString(u);
  clang_disposeString(sp);
  return s;
}

/* Queues the compiler's constructor or destructor `sym` of class rec to be
 * written as a function, once per TU. */
static void queue_special(extractor *x, uint32_t sym, CXCursor rec, int ctor) {
  if (!ls__first_mark(x, sym, MARK_SPECIAL)) return;
  implicit_special s = {sym, rec, ctor};
  LS_VEC_PUSH(&x->implicit_specials, s);
}

/* Builds (ctor) or destroys an object of class rec from the current
 * function, at `at`: its user-written special member is called; the
 * compiler's is called and queued to be written out. */
static void run_special(extractor *x, CXCursor rec, CXCursor at, int ctor) {
  if (!does_something(x, rec, ctor, 0)) return;
  CXCursor own = declared_special(rec, ctor ? CXCursor_Constructor : CXCursor_Destructor);
  if (user_written(own)) {
    special_call(x, ls__func_sym(x, ls__function_decl(own)), at, ctor ? LS_VIA_CTOR : LS_VIA_DTOR);
    return;
  }
  /* a compiler-written constructor's parts are built by ls__implicit_parts
   * itself, in the constructor that needs it */
  if (ctor) return;
  uint32_t sym = clang_Cursor_isNull(own) ? implicit_dtor_sym(x, rec) : ls__func_sym(x, own);
  special_call(x, sym, at, LS_VIA_DTOR);
  queue_special(x, sym, rec, 0);
}

/* What a constructor's initializer list names: members (MemberRef) and
 * classes (TypeRef, TemplateRef: bases, or its own class when it
 * delegates), as their declarations. */
static enum CXChildVisitResult list_inits(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_MemberRef || k == CXCursor_TypeRef || k == CXCursor_TemplateRef)
    LS_VEC_PUSH((cursor_list *)d, clang_getCursorReferenced(c));
  return CXChildVisit_Continue;
}

static int named_in(const cursor_list *e, CXCursor part) {
  if (!e) return 0;
  CXCursor want = part;
  if (clang_getCursorKind(part) == CXCursor_CXXBaseSpecifier)
    want = ls__class_template_of(clang_getTypeDeclaration(clang_getCursorType(part)));
  for (size_t i = 0; i < e->len; i++) {
    CXCursor got = e->items[i];
    if (clang_getCursorKind(part) == CXCursor_CXXBaseSpecifier && !clang_Cursor_isNull(got))
      got = ls__class_template_of(got);
    if (clang_equalCursors(got, want)) return 1;
  }
  return 0;
}

typedef struct delegation {
  CXCursor own;
  int found;
} delegation;

static enum CXChildVisitResult find_delegation(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  delegation *g = d;
  if (clang_getCursorKind(c) != CXCursor_CallExpr) return CXChildVisit_Continue;
  CXCursor ref = clang_getCursorReferenced(c);
  if (clang_getCursorKind(ref) == CXCursor_Constructor &&
      clang_equalCursors(ls__class_template_of(clang_getCursorSemanticParent(ref)), g->own)) {
    g->found = 1;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

void ls__implicit_parts(extractor *x, CXCursor rec, int ctor, CXCursor *user_ctor, int depth) {
  if (x->cur_func == NONE || depth > MAX_DEPTH || ls__in_system_header(rec)) return;
  cursor_list inits = {0};
  if (user_ctor) {
    clang_visitChildren(*user_ctor, list_inits, &inits);
    /* a delegating constructor (`A() : A(0) {}`) leaves the parts to the
     * one it delegates to */
    delegation d = {ls__class_template_of(rec), 0};
    clang_visitChildren(*user_ctor, find_delegation, &d);
    if (d.found) {
      LS_VEC_FREE(&inits);
      return;
    }
  }
  cursor_list l = parts_of(rec);
  for (size_t k = 0; k < l.len; k++) {
    /* construction in declaration order, destruction in reverse */
    CXCursor part = l.items[ctor ? k : l.len - 1 - k];
    if (named_in(user_ctor ? &inits : NULL, part)) continue;
    if (ctor && clang_getCursorKind(part) == CXCursor_FieldDecl) {
      CXCursor init = in_class_initializer(part);
      if (!clang_Cursor_isNull(init)) {
        ls__walk(x, init);
        continue;
      }
    }
    CXCursor cls = class_of_type(clang_getCursorType(part));
    if (clang_Cursor_isNull(cls)) continue;
    if (ctor && !ls__in_system_header(cls) &&
        !user_written(declared_special(cls, CXCursor_Constructor))) {
      ls__implicit_parts(x, cls, 1, NULL, depth + 1); /* the compiler's: its parts, here */
      continue;
    }
    run_special(x, cls, part, ctor);
  }
  LS_VEC_FREE(&l);
  LS_VEC_FREE(&inits);
}

void ls__implicit_constructor_used(extractor *x, CXCursor ctor) {
  if (!clang_CXXMethod_isDefaulted(ctor) || !clang_CXXConstructor_isDefaultConstructor(ctor)) return;
  CXCursor rec = clang_getCursorSemanticParent(ctor);
  /* the compiler's own is declared where the class is; one declared
   * `= default` is the walk's, as any constructor written in the class */
  if (!clang_equalLocations(clang_getCursorLocation(ctor), clang_getCursorLocation(rec))) return;
  if (ls__in_system_header(rec) || !does_something(x, rec, 1, 0)) return;
  queue_special(x, ls__func_sym(x, ls__function_decl(ctor)), rec, 1);
}

void ls__implicit_destructor_run(extractor *x, CXType type, CXCursor at) {
  CXCursor rec = class_of_type(type);
  if (clang_Cursor_isNull(rec) || ls__in_system_header(rec)) return;
  if (user_written(declared_special(rec, CXCursor_Destructor))) return; /* specials.c's */
  run_special(x, rec, at, 0);
}

void ls__write_implicit_specials(extractor *x) {
  /* writing one may queue more (a member's compiler-written destructor) */
  for (size_t i = 0; i < x->implicit_specials.len; i++) {
    implicit_special s = x->implicit_specials.items[i];
    size_t index = ls__begin_function(x, s.rec, s.sym, NONE);
    ls__implicit_parts(x, s.rec, s.ctor, NULL, 1);
    ls__end_function(x, index);
  }
}
