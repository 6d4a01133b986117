/* init.c: initializers (internal.h): struct initializers by designator or
 * position, arrays, nested lists, and variable declarations, each value
 * flowing into the field or variable it initializes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
void ls__handle_init_list(extractor *x, CXCursor list, uint32_t dst) {
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
        children ch = ls__children_of(item);
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
      if (!clang_Cursor_isNull(field) && ls__is_callable_type(x, clang_getCursorType(field)))
        fdst = ls__field_sym(x, field);
      handle_value_into(x, value, fdst);
    }
    LS_VEC_FREE(&fl.fields);
  } else {
    for (size_t i = 0; i < ic.items.len; i++) {
      CXCursor value = ic.items.items[i];
      if (clang_getCursorKind(value) == CXCursor_UnexposedExpr) {
        children ch = ls__children_of(value); /* [index] = value */
        if (ch.n == 2 && clang_getCursorKind(ch.first) == CXCursor_IntegerLiteral) value = ch.last;
      }
      handle_value_into(x, value, dst);
    }
  }
  LS_VEC_FREE(&ic.items);
}

static void handle_value_into(extractor *x, CXCursor value, uint32_t dst) {
  if (clang_getCursorKind(value) == CXCursor_InitListExpr) {
    ls__handle_init_list(x, value, dst);
    return;
  }
  operand o = ls__classify(x, value);
  if (o.kind == LS_ARG_FUNC || o.kind == LS_ARG_SLOT) ls__add_flow(x, o.sym, dst, value);
  ls__walk_operand(x, value, &o);
}

void ls__handle_vardecl(extractor *x, CXCursor var) {
  children ch = ls__children_of(var);
  if (ch.n == 0) return;
  CXCursor init = ch.last;
  enum CXCursorKind k = clang_getCursorKind(init);
  if (k == CXCursor_TypeRef || k == CXCursor_ParmDecl || clang_isAttribute(k)) return;
  CXType t = clang_getCursorType(var);
  if (ls__is_integer_type(t)) {
    /* `int fd = accept4(...)`: the variable holds the call's value. */
    CXString u = clang_getCursorUSR(var);
    const char *usr = clang_getCString(u);
    if (usr && *usr) {
      ls__note_result(x, init, ls_facts_str(x->f, usr));
      ls__note_assign(x, ls_facts_str(x->f, usr), init); /* `int fd = w->fd;` */
    }
    clang_disposeString(u);
  }
  if (clang_getCanonicalType(t).kind == CXType_Pointer) ls__note_string_def(x, var, init);
  uint32_t dst = NONE;
  if (ls__is_callable_type(x, t)) dst = ls__var_sym(x, var);
  if (k == CXCursor_InitListExpr || dst != NONE)
    handle_value_into(x, init, dst);
  else
    ls__walk(x, init);
}

