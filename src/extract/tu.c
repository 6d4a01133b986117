/* tu.c: one translation unit (extract.h, ls_extract_tu): parsed with
 * libclang, its top-level declarations walked (functions, variables,
 * records; the contents of extern "C" blocks), then every file it included
 * and its first error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_LinkageSpec) return CXChildVisit_Recurse;
  if (ls__in_system_header(c)) return CXChildVisit_Continue;
  switch (k) {
  case CXCursor_FunctionDecl:
    ls__handle_function(x, c);
    break;
  case CXCursor_VarDecl:
    ls__handle_vardecl(x, c);
    break;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    clang_visitChildren(c, ls__record_visitor, x);
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
  uint32_t p = ls__path_of_file(x, file);
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
  LS_VEC_FREE(&x.files);
  LS_VEC_FREE(&x.results);
  clang_disposeTranslationUnit(x.tu);
  clang_disposeIndex(index);
  return 0;
}
