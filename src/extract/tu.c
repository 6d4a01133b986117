/* tu.c: one translation unit (extract.h, ls_extract_tu): parsed with
 * libclang, its top-level declarations walked (functions, variables,
 * records; the contents of extern "C" blocks; in C++ namespaces, classes
 * and their members, templates), then every file it included and its
 * first error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data);

/* C++: the members of a class, struct or union, or of a class template:
 * methods (in-class definitions), nested classes, static data members. */
static enum CXChildVisitResult member_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_FieldDecl) {
    /* a member object is one, and what its type's arguments are */
    ls__note_type_objects(data, clang_getCursorType(c), 1);
    return CXChildVisit_Continue; /* the rest is ls__record_visitor's */
  }
  return top_visitor(c, parent, data);
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  extractor *x = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  /* extern "C" blocks and declarations: libclang 14 shows them as
   * UnexposedDecl (a C++ TU has no other unexposed declaration with
   * functions in it) */
  if (k == CXCursor_LinkageSpec || (x->cxx && k == CXCursor_UnexposedDecl))
    return CXChildVisit_Recurse;
  if (ls__in_system_header(c)) return CXChildVisit_Continue;
  if (x->cxx) {
    switch (k) {
    case CXCursor_Namespace:
      return CXChildVisit_Recurse;
    case CXCursor_ClassDecl:
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
    case CXCursor_ClassTemplate:
    case CXCursor_ClassTemplatePartialSpecialization:
      ls__note_class(x, c);
      clang_visitChildren(c, ls__record_visitor, x);
      clang_visitChildren(c, member_visitor, x);
      return CXChildVisit_Continue;
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_Destructor:
    case CXCursor_ConversionFunction:
    case CXCursor_FunctionTemplate:
      ls__handle_function(x, c);
      return CXChildVisit_Continue;
    default:
      break;
    }
  }
  switch (k) {
  case CXCursor_FunctionDecl:
    ls__handle_function(x, c);
    break;
  case CXCursor_VarDecl:
    ls__handle_vardecl(x, c);
    if (x->cxx) ls__note_type_objects(x, clang_getCursorType(c), 1);
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

/* Counts the errors and keeps the first. Returns the first fatal one
 * (heap), or NULL: after a fatal error (a header not found, too many
 * errors) the TU's declarations are missing, so what parsed would not be
 * the program. */
static char *read_diagnostics(extractor *x) {
  unsigned n = clang_getNumDiagnostics(x->tu);
  char *fatal = NULL;
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(x->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev == CXDiagnostic_Fatal && !fatal) {
      CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
                                                 CXDiagnostic_DisplayColumn);
      fatal = ls_xstrdup(clang_getCString(s));
      clang_disposeString(s);
    }
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
  return fatal;
}

static enum CXChildVisitResult language_visitor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorLanguage(c) != CXLanguage_CPlusPlus) return CXChildVisit_Continue;
  *(enum CXLanguageKind *)data = CXLanguage_CPlusPlus;
  return CXChildVisit_Break;
}

/* Whether the TU is C++: libclang says what language each declaration is
 * in (declarations in extern "C" blocks are C), and a C++ TU has at least
 * one C++ declaration at file scope. */
static int is_cxx(extractor *x) {
  enum CXLanguageKind l = CXLanguage_Invalid;
  clang_visitChildren(clang_getTranslationUnitCursor(x->tu), language_visitor, &l);
  return l == CXLanguage_CPlusPlus;
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
  /* Not KeepGoing: it would turn fatal errors into errors, and a TU with a
   * fatal error (a header not found) is one that failed. Plain errors never
   * stop the parse: -ferror-limit=0 lifts the limit whose "too many errors"
   * would be fatal. */
  unsigned options = CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
  const char **args = ls_xcalloc((size_t)argc + 2, sizeof *args);
  for (int i = 0; i < argc; i++) args[i] = argv[i];
  args[argc] = "-ferror-limit=0";
  enum CXErrorCode ec =
      clang_parseTranslationUnit2FullArgv(index, NULL, args, argc + 1, NULL, 0, options, &x.tu);
  free(args);
  if (ec != CXError_Success || !x.tu) {
    *err = ls_xasprintf("%s '%s'", error_code_text(ec), source);
    clang_disposeIndex(index);
    return -1;
  }
  char *fatal = read_diagnostics(&x);
  if (fatal) {
    /* A TU that cannot be analyzed: the caller reports it as failed. */
    *err = ls_xasprintf("%s", fatal);
    free(fatal);
    clang_disposeTranslationUnit(x.tu);
    clang_disposeIndex(index);
    return -1;
  }
  x.cxx = is_cxx(&x);
  clang_visitChildren(clang_getTranslationUnitCursor(x.tu), top_visitor, &x);
  if (x.cxx) ls__write_implicit_specials(&x);
  clang_getInclusions(x.tu, inclusion_visitor, &x);
  LS_VEC_FREE(&x.files);
  LS_VEC_FREE(&x.results);
  LS_VEC_FREE(&x.sig_seen);
  LS_VEC_FREE(&x.class_marks);
  LS_VEC_FREE(&x.implicit_specials);
  ls_strmap_free(&x.special_memo);
  LS_VEC_FREE(&x.guard_stack);
  LS_VEC_FREE(&x.ends_stack);
  ls__cost_reset(&x);
  LS_VEC_FREE(&x.cost_vars);
  ls__string_defs_reset(&x);
  LS_VEC_FREE(&x.string_defs);
  clang_disposeTranslationUnit(x.tu);
  clang_disposeIndex(index);
  return 0;
}
