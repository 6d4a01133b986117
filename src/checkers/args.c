/* args.c: a call's constant arguments, and the argument conditions and
 * costs of rule-pack entries evaluated on them (args.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

/* The constant arguments of call `call_index` (graph and program calls are
 * the same array, index for index), by position. */
void ls_call_args_of(const ls_graph *g, uint32_t call_index, ls_call_args *out) {
  memset(out, 0, sizeof *out);
  const ls_program *p = g->prog;
  const ls_prog_call *pc = &p->calls.items[call_index];
  out->tu = pc->tu;
  out->arity = pc->arity;
  for (uint32_t k = 0; k < pc->nargs; k++) {
    const ls_prog_arg *a = &p->args.items[pc->first_arg + k];
    if (a->idx >= LS_MAX_ARGS) continue;
    int idx = (int)a->idx;
    out->a[idx].kind = a->kind;
    out->a[idx].ival = a->ival;
    out->a[idx].text = a->text;
    out->a[idx].sym = a->sym;
    if (idx + 1 > out->n) out->n = idx + 1;
  }
}


/* Whether `text` contains `word` as a whole identifier. */
static int has_word(const char *text, const char *word) {
  size_t n = strlen(word);
  for (const char *p = text; (p = strstr(p, word)); p += n) {
    int left = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
    int right = !(isalnum((unsigned char)p[n]) || p[n] == '_');
    if (left && right) return 1;
  }
  return 0;
}

int ls_conditions_hold(const ls_blocker *b, const ls_call_args *args, const ls_fd_modes *modes) {
  for (size_t i = 0; i < b->nconds; i++) {
    const ls_condition *cd = &b->conds[i];
    int k = cd->arg >= 0 && cd->arg < LS_MAX_ARGS ? args->a[cd->arg].kind : LS_ARG_OTHER;
    const char *text = cd->arg >= 0 && cd->arg < LS_MAX_ARGS ? args->a[cd->arg].text : NULL;
    switch (cd->kind) {
    case LS_COND_WHEN_NULL:
      if (k != LS_ARG_NULL) return 0;
      break;
    case LS_COND_WHEN_GIVEN:
      if (cd->arg < 0 || (uint32_t)cd->arg >= args->arity) return 0;
      break;
    case LS_COND_UNLESS_FLAG:
      if (k == LS_ARG_INT && text && cd->flag && has_word(text, cd->flag)) return 0;
      break;
    case LS_COND_UNLESS_AT_MOST:
      /* a constant, or the size of a constant range (`std::sort(a, a + 4)`) */
      if ((k == LS_ARG_INT || k == LS_ARG_RANGE) && args->a[cd->arg].ival <= cd->at_most) return 0;
      break;
    case LS_COND_UNLESS_EQUAL:
      if (k == LS_ARG_INT && args->a[cd->arg].ival == cd->at_most) return 0;
      break;
    case LS_COND_UNLESS_NONBLOCKING:
      if (k == LS_ARG_INT_VAR && modes && ls_fd_nonblocking(modes, args->tu, text)) return 0;
      break;
    case LS_COND_UNLESS_LITERAL:
      if (k == LS_ARG_STRING) return 0;
      break;
    case LS_COND_UNLESS_READY:
      break; /* the call's place decides: blocking.c */
    case LS_COND_UNLESS_FIXED_PATTERN:
      break; /* the program's compiler calls decide: blocking.c */
    case LS_COND_WHEN_FLAG:
      if (!(k == LS_ARG_INT && text && cd->flag && has_word(text, cd->flag))) return 0;
      break;
    default:
      break;
    }
  }
  return 1;
}

/* The text of one cost whose argument is a constant, or NULL. */
static char *one_cost(const ls_cost *cost, const ls_call_args *args) {
  if (cost->arg < 0 || cost->arg >= LS_MAX_ARGS) return NULL;
  int k = args->a[cost->arg].kind;
  /* a negative constant is a sentinel (poll's -1: no timeout), not a cost */
  if (cost->format == LS_COST_NUMBER && k == LS_ARG_INT && args->a[cost->arg].ival >= 0)
    return ls_xasprintf("%lld %s", (long long)args->a[cost->arg].ival, cost->unit ? cost->unit : "");
  if (cost->format == LS_COST_BCRYPT_SALT && k == LS_ARG_STRING && args->a[cost->arg].text) {
    /* "$2b$14$..." (the stored text keeps its quotes) */
    const char *s = strchr(args->a[cost->arg].text, '$');
    int n;
    char variant[4];
    if (s && sscanf(s, "$%3[0-9a-z]$%d$", variant, &n) == 2 && n >= 4 && n <= 31)
      return ls_xasprintf("bcrypt cost %d: 2^%d rounds", n, n);
  }
  return NULL;
}

char *ls_cost_text(const ls_blocker *b, const ls_call_args *args) {
  char *all = NULL;
  for (size_t i = 0; i < b->ncosts; i++) {
    char *one = one_cost(&b->costs[i], args);
    if (!one) continue;
    char *joined = all ? ls_xasprintf("%s, %s", all, one) : one;
    if (all) {
      free(all);
      free(one);
    }
    all = joined;
  }
  return all;
}

/* Whether registration `r` names the slot `slot`: an API's argument by its
 * display name ("event_new#3", also a static function of that name) or a
 * field as "record.field". */
int ls_registration_names_slot(const ls_graph *g, const ls_registration *r, uint32_t slot) {
  const char *name = ls_graph_name(g, slot);
  if (r->field) {
    if (!strcmp(name, r->field)) return 1;
    char *rec = g->sym_kind[slot] == LS_SYM_FIELD ? ls_key_field_name(g->sym_key[slot]) : NULL;
    int same = rec && !strcmp(rec, r->field);
    free(rec);
    return same;
  }
  size_t n = strlen(r->function);
  return !strncmp(name, r->function, n) && name[n] == '#' && atoi(name + n + 1) == r->arg;
}
