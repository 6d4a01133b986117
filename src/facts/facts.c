/* facts.c: the in-memory facts of one translation unit and of a program
 * (facts.h): interning and freeing. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

uint32_t ls_facts_str(ls_facts *f, const char *s) {
  int inserted = 0;
  int64_t *v = ls_strmap_put(&f->str_index, s, (int64_t)f->strs.len, &inserted);
  if (inserted) LS_VEC_PUSH(&f->strs, ls_xstrdup(s));
  return (uint32_t)*v;
}

uint32_t ls_facts_sym_qualified(ls_facts *f, const char *key, const char *name,
                                const char *qname, ls_sym_kind kind, ls_fn_kind fn_kind) {
  int inserted = 0;
  int64_t *v = ls_strmap_put(&f->sym_index, key, (int64_t)f->syms.len, &inserted);
  if (inserted) {
    ls_fact_sym s = {ls_facts_str(f, key), ls_facts_str(f, name), kind,
                     qname && strcmp(qname, name) ? ls_facts_str(f, qname) : UINT32_MAX,
                     fn_kind};
    LS_VEC_PUSH(&f->syms, s);
  }
  return (uint32_t)*v;
}

uint32_t ls_facts_sym(ls_facts *f, const char *key, const char *name, ls_sym_kind kind) {
  return ls_facts_sym_qualified(f, key, name, NULL, kind, LS_FN_PLAIN);
}

void ls_facts_free(ls_facts *f) {
  for (size_t i = 0; i < f->strs.len; i++) free(f->strs.items[i]);
  LS_VEC_FREE(&f->strs);
  ls_strmap_free(&f->str_index);
  LS_VEC_FREE(&f->syms);
  ls_strmap_free(&f->sym_index);
  LS_VEC_FREE(&f->funcs);
  LS_VEC_FREE(&f->calls);
  LS_VEC_FREE(&f->args);
  LS_VEC_FREE(&f->flows);
  LS_VEC_FREE(&f->annots);
  LS_VEC_FREE(&f->overrides);
  LS_VEC_FREE(&f->class_bases);
  LS_VEC_FREE(&f->constructed);
  LS_VEC_FREE(&f->sigs);
  LS_VEC_FREE(&f->cost_loops);
  LS_VEC_FREE(&f->assigns);
  LS_VEC_FREE(&f->includes);
  free(f->first_error);
  f->first_error = NULL;
}

void ls_program_free(ls_program *p) {
  for (uint32_t i = 0; i < p->nsyms; i++) {
    free(p->sym_key[i]);
    free(p->sym_name[i]);
    if (p->sym_qname) free(p->sym_qname[i]);
  }
  free(p->sym_key);
  free(p->sym_name);
  free(p->sym_qname);
  free(p->sym_kind);
  free(p->sym_fn_kind);
  for (uint32_t i = 0; i < p->nfiles; i++) free(p->file_path[i]);
  free(p->file_path);
  for (size_t i = 0; i < p->funcs.len; i++) {
    free(p->funcs.items[i].type);
    free(p->funcs.items[i].ret);
  }
  LS_VEC_FREE(&p->funcs);
  for (size_t i = 0; i < p->calls.len; i++) {
    free(p->calls.items[i].fntype);
    free(p->calls.items[i].result);
    free(p->calls.items[i].guards);
  }
  LS_VEC_FREE(&p->calls);
  for (size_t i = 0; i < p->args.len; i++) free(p->args.items[i].text);
  LS_VEC_FREE(&p->args);
  LS_VEC_FREE(&p->flows);
  for (size_t i = 0; i < p->annots.len; i++) free(p->annots.items[i].arg);
  LS_VEC_FREE(&p->annots);
  LS_VEC_FREE(&p->overrides);
  LS_VEC_FREE(&p->class_bases);
  LS_VEC_FREE(&p->constructed);
  for (size_t i = 0; i < p->sigs.len; i++) free(p->sigs.items[i].type);
  LS_VEC_FREE(&p->sigs);
  for (size_t i = 0; i < p->cost_loops.len; i++) free(p->cost_loops.items[i].var);
  LS_VEC_FREE(&p->cost_loops);
  for (size_t i = 0; i < p->assigns.len; i++) {
    free(p->assigns.items[i].var);
    free(p->assigns.items[i].names);
    free(p->assigns.items[i].src);
    free(p->assigns.items[i].guards);
    free(p->assigns.items[i].call_text);
  }
  LS_VEC_FREE(&p->assigns);
  memset(p, 0, sizeof *p);
}

char *ls_key_param(const char *func_key, unsigned idx) {
  return ls_xasprintf("P:%s#%u", func_key, idx);
}

char *ls_key_c_function(const char *name) { return ls_xasprintf("c:@F@%s", name); }

int ls_key_is_static_c_function(const char *key, const char *name) {
  const char *bar = key ? strchr(key, '|') : NULL;
  if (!bar || strncmp(bar + 1, "c:", 2) != 0) return 0;
  const char *at = strstr(bar + 3, "@F@");
  /* the file part of the USR has no '@': "c:h.h@F@name" */
  return at && !memchr(bar + 3, '@', (size_t)(at - bar - 3)) && strcmp(at + 3, name) == 0;
}

char *ls_key_field_name(const char *k) {
  const char *at;
  if (!k || !((at = strstr(k, "@S@")) || (at = strstr(k, "@SA@")))) return NULL;
  at = strchr(at + 1, '@') + 1;
  const char *fi = strstr(at, "@FI@");
  return fi ? ls_xasprintf("%.*s.%s", (int)(fi - at), at, fi + 4) : NULL;
}
