/* annotations.c: lagscan's annotations (Clang `annotate` attributes, the
 * macros of include/lagscan.h) on functions, their parameters and record
 * fields, recorded as facts with their argument ("lagscan::blocking(RULE)"
 * keeps RULE as written). Symbols are created only for declarations that
 * carry attributes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

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
      if (a->sym == NONE) a->sym = a->is_func ? ls__func_sym(a->x, a->owner) : ls__field_sym(a->x, a->owner);
      record_annotation(a->x, a->sym, text);
    }
    clang_disposeString(s);
  }
  return CXChildVisit_Continue;
}

/* Reads annotations on a function and on each of its parameters. Symbols
 * are created only for declarations that carry attributes. */
void ls__function_annotations(extractor *x, CXCursor fn) {
  if (clang_Cursor_hasAttrs(fn)) {
    annot_ctx a = {x, NONE, fn, 1};
    clang_visitChildren(fn, annot_visitor, &a);
  }
  int n = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < n; i++) {
    CXCursor parm = clang_Cursor_getArgument(fn, (unsigned)i);
    if (!clang_Cursor_hasAttrs(parm)) continue;
    annot_ctx pa = {x, ls__param_sym_at(x, ls__func_sym(x, fn), (unsigned)i), parm, 0};
    clang_visitChildren(parm, annot_visitor, &pa);
  }
}


/* Fields of records (and nested records) that carry annotations. */
enum CXChildVisitResult ls__record_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_FieldDecl && clang_Cursor_hasAttrs(c)) {
    annot_ctx a = {x, NONE, c, 0};
    clang_visitChildren(c, annot_visitor, &a);
  } else if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl) {
    clang_visitChildren(c, ls__record_visitor, x);
  }
  return CXChildVisit_Continue;
}

