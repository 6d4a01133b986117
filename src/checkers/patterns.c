/* patterns.c: regular expressions compiled only from fixed patterns
 * (args.h, ls_fixed_patterns), for a pack condition `unless_fixed_pattern:
 * regcomp` on a matcher's compiled-expression argument.
 *
 * A compiled expression is named by the identity of the object whose
 * address is given to the compiler and to the matcher (facts.h,
 * LS_ARG_ADDR: `regcomp(&rc_cmd, ...)` and `regexec(&rc_cmd, ...)`), scoped
 * as descriptors are: a static or a local within its TU, a field or an
 * external variable in the whole program. It is fixed when every call of
 * the compiler on it passes, as the pattern (argument 1), a string literal
 * or a constant initialized with one (`static const char rx[] = "^" WS0
 * WORD "$"`) with no back-reference (`\1` to `\9`), and there is at least
 * one such call. glibc's and musl's matchers backtrack only for
 * back-references: on any other pattern a match takes time polynomial in
 * the pattern and linear in the subject, with no hostile subject that
 * makes it explode. A compiler call with any other pattern (from a
 * configuration file, built at run time) makes the expression not fixed,
 * wherever it is. */
#include <stdlib.h>
#include <string.h>

#include "args.h"

enum { FIXED = 1, NOT_FIXED = 2 };

/* Whether a literal as the facts write it (C source: quoted, escapes as
 * written) holds a regex back-reference: a backslash of the pattern
 * (written `\\`) followed by a digit 1 to 9. */
static int has_back_reference(const char *lit) {
  size_t n = strlen(lit);
  /* the pattern's characters, with C's escapes undone ('\\' -> '\',
   * others -> a character that is no backslash) */
  char *rx = ls_xmalloc(n + 1);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (lit[i] == '"') continue; /* the quotes of each literal */
    if (lit[i] == '\\' && i + 1 < n) {
      rx[m++] = lit[i + 1] == '\\' ? '\\' : 'e';
      i++;
      continue;
    }
    rx[m++] = lit[i];
  }
  int found = 0;
  for (size_t i = 0; i + 1 < m && !found; i++) {
    if (rx[i] != '\\') continue;
    found = rx[i + 1] >= '1' && rx[i + 1] <= '9';
    i++; /* the escaped character */
  }
  free(rx);
  return found;
}

static void note(ls_fixed_patterns *fp, const char *by, uint32_t tu, const char *identity, int fixed) {
  char *scoped = ls_identity_key(tu, identity);
  char *key = ls_xasprintf("%s\t%s", by, scoped);
  int inserted = 0;
  int64_t *v = ls_strmap_put(&fp->state, key, fixed ? FIXED : NOT_FIXED, &inserted);
  if (!inserted && !fixed) *v = NOT_FIXED;
  free(key);
  free(scoped);
}

/* The compiler `by`'s calls, once. */
static void read_compiler(const ls_graph *g, ls_fixed_patterns *fp, const char *by) {
  int inserted = 0;
  ls_strmap_put(&fp->compilers, by, 1, &inserted);
  if (!inserted) return;
  const ls_program *p = g->prog;
  for (size_t i = 0; i < p->calls.len; i++) {
    const ls_prog_call *c = &p->calls.items[i];
    if (c->via_kind != LS_VIA_DIRECT || !c->callee || !g->sym_name[c->callee] ||
        strcmp(g->sym_name[c->callee], by))
      continue;
    const ls_prog_arg *obj = NULL, *pattern = NULL;
    for (uint32_t k = 0; k < c->nargs; k++) {
      const ls_prog_arg *a = &p->args.items[c->first_arg + k];
      if (a->idx == 0) obj = a;
      if (a->idx == 1) pattern = a;
    }
    if (!obj || obj->kind != LS_ARG_ADDR || !obj->text) continue;
    int fixed = pattern && pattern->kind == LS_ARG_STRING && pattern->text &&
                !strchr(pattern->text, '\n') && !has_back_reference(pattern->text);
    note(fp, by, c->tu, obj->text, fixed);
  }
}

int ls_pattern_fixed(const ls_graph *g, ls_fixed_patterns *fp, const char *by, uint32_t tu,
                     const char *identity) {
  if (!by || !identity) return 0;
  read_compiler(g, fp, by);
  char *scoped = ls_identity_key(tu, identity);
  char *key = ls_xasprintf("%s\t%s", by, scoped);
  int64_t *v = ls_strmap_get(&fp->state, key);
  free(key);
  free(scoped);
  return v && *v == FIXED;
}

void ls_fixed_patterns_free(ls_fixed_patterns *fp) {
  ls_strmap_free(&fp->state);
  ls_strmap_free(&fp->compilers);
}
