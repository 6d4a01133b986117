/* program.c: programs written by hand as facts (facts.h, ls_program), the
 * way the store would hand them over, and a small rule pack, for the graph
 * tests (program.h). */
#include "program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a program, written by hand ----------------------------------------- */

void builder_init(builder *b) {
  memset(b, 0, sizeof *b);
  b->cap_syms = b->cap_files = 1;
  b->p.nsyms = b->p.nfiles = 1; /* id 0 is "none" */
  b->p.sym_key = ls_xcalloc(1, sizeof(char *));
  b->p.sym_name = ls_xcalloc(1, sizeof(char *));
  b->p.sym_kind = ls_xcalloc(1, 1);
  b->p.file_path = ls_xcalloc(1, sizeof(char *));
}

uint32_t sym(builder *b, ls_sym_kind kind, const char *key, const char *name) {
  ls_program *p = &b->p;
  if (p->nsyms == b->cap_syms) {
    b->cap_syms *= 2;
    p->sym_key = ls_xrealloc(p->sym_key, b->cap_syms * sizeof(char *));
    p->sym_name = ls_xrealloc(p->sym_name, b->cap_syms * sizeof(char *));
    p->sym_kind = ls_xrealloc(p->sym_kind, b->cap_syms);
  }
  p->sym_key[p->nsyms] = ls_xstrdup(key);
  p->sym_name[p->nsyms] = ls_xstrdup(name);
  p->sym_kind[p->nsyms] = (uint8_t)kind;
  return p->nsyms++;
}

/* A function "name" (key c:@F@name), defined in `file` at `line` when file
 * is not 0. */
uint32_t fn(builder *b, const char *name, uint32_t file, uint32_t line, const char *type) {
  char *key = ls_xasprintf("c:@F@%s", name);
  uint32_t id = sym(b, LS_SYM_FUNC, key, name);
  free(key);
  if (file) {
    ls_prog_func f = {id, file, line, type ? ls_xstrdup(type) : NULL, 0, NULL, 0};
    LS_VEC_PUSH(&b->p.funcs, f);
  }
  return id;
}

/* Parameter i of the function named `api` ("P:c:@F@api#i"). */
uint32_t param(builder *b, const char *api, int i) {
  char *key = ls_xasprintf("P:c:@F@%s#%d", api, i), *name = ls_xasprintf("%s#%d", api, i);
  uint32_t id = sym(b, LS_SYM_PARAM, key, name);
  free(key);
  free(name);
  return id;
}

uint32_t file(builder *b, const char *path) {
  ls_program *p = &b->p;
  if (p->nfiles == b->cap_files) {
    b->cap_files *= 2;
    p->file_path = ls_xrealloc(p->file_path, b->cap_files * sizeof(char *));
  }
  p->file_path[p->nfiles] = ls_xstrdup(path);
  return p->nfiles++;
}

uint32_t call(builder *b, uint32_t caller, uint32_t callee, uint32_t f, uint32_t line) {
  ls_prog_call c = {0};
  c.caller = caller;
  c.callee = callee;
  c.via_kind = LS_VIA_DIRECT;
  c.file = f;
  c.line = c.end_line = line;
  c.col = 3;
  c.end_col = 10;
  c.first_arg = (uint32_t)b->p.args.len;
  LS_VEC_PUSH(&b->p.calls, c);
  return (uint32_t)b->p.calls.len - 1;
}

void icall(builder *b, uint32_t caller, ls_via_kind via_kind, uint32_t via,
                  const char *fntype, uint32_t f, uint32_t line) {
  uint32_t i = call(b, caller, 0, f, line);
  b->p.calls.items[i].via_kind = via_kind;
  b->p.calls.items[i].via = via;
  b->p.calls.items[i].fntype = ls_xstrdup(fntype);
}

void flow(builder *b, uint32_t src, uint32_t dst, uint32_t func, uint32_t f,
                 uint32_t line) {
  ls_prog_flow fl = {src, dst, func, f, line, 5, 0};
  LS_VEC_PUSH(&b->p.flows, fl);
}

/* ---- the catalogue: one small pack in the documented format -------------- */

const char graph_test_pack[] =
    "pack: graph-test\n"
    "description: registrations and one blocker for the graph tests\n"
    "registrations:\n"
    "  - {function: loop_start, arg: 1, context: loop}\n"
    "  - {function: loop_every, arg: 1, context: loop}\n"
    "  - {function: pool_run, arg: 1, context: worker}\n"
    "blocking:\n"
    "  - {function: sleep, rule: sleep, what: sleeps, duration: for seconds}\n";

/* The catalogue of `text`, a pack. */
int catalogue_of(ls_catalogue *c, const char *text) {
  char path[] = "/tmp/lagscan-graph-pack-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  size_t len = strlen(text);
  if (write(fd, text, len) != (ssize_t)len) {
    close(fd);
    return -1;
  }
  close(fd);
  memset(c, 0, sizeof *c);
  char *err = NULL;
  int r = ls_catalogue_load_file(c, path, &err);
  if (r) fprintf(stderr, "pack: %s\n", err);
  free(err);
  unlink(path);
  return r;
}

int catalogue(ls_catalogue *c) { return catalogue_of(c, graph_test_pack); }

/* The first function of the graph named `name`, or 0. */
uint32_t named(const ls_graph *g, const char *name) {
  for (uint32_t i = 1; i < g->nsyms; i++)
    if (g->sym_kind[i] == LS_SYM_FUNC && !strcmp(g->sym_name[i], name)) return i;
  return 0;
}
