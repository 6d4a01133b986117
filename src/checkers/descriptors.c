/* descriptors.c: which descriptors are non-blocking (args.h, ls_fd_modes),
 * from the extractor's neutral facts and the packs' `descriptors:` data.
 *
 * A descriptor is named by the TU it is seen in and its identity there
 * (facts.h, LS_ARG_INT_VAR): what makes it non-blocking must be in view in
 * the same translation unit, as a reader of that file sees it. It is
 * non-blocking when
 *   - a call given a non-blocking flag (socket(..., SOCK_NONBLOCK),
 *     accept4(..., SOCK_NONBLOCK), open(p, O_NONBLOCK)) stores its value in
 *     it (the call's `result`);
 *   - a setter makes it so (fcntl(fd, F_SETFL, flags | O_NONBLOCK),
 *     ioctl(fd, FIONBIO, &on)); or
 *   - it is passed to a helper a pack names (`descriptors: helpers:`,
 *     anetNonBlock(err, fd)) as the argument the helper makes non-blocking:
 *     by name, so the helper may be defined in another file or not at all;
 *     or
 *   - it is passed to a helper whose parameter one of these makes
 *     non-blocking (set_nonblocking(fd)), to a fixed point: each round is
 *     linear in the helper calls, at most one round per helper in a chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

static void mark(ls_fd_modes *m, uint32_t tu, const char *identity, int *changed) {
  char *key = ls_xasprintf("%u\t%s", tu, identity);
  int inserted = 0;
  ls_strmap_put(&m->nonblocking, key, 1, &inserted);
  free(key);
  if (inserted && changed) *changed = 1;
}

int ls_fd_nonblocking(const ls_fd_modes *m, uint32_t tu, const char *identity) {
  if (!identity || !m->nonblocking.len) return 0;
  char *key = ls_xasprintf("%u\t%s", tu, identity);
  int found = ls_strmap_get(&m->nonblocking, key) != NULL;
  free(key);
  return found;
}

/* The written names of an argument (constant tokens or flags), or NULL. */
static const char *names_of(const ls_prog_arg *a) {
  return a && (a->kind == LS_ARG_INT || a->kind == LS_ARG_FLAGS) ? a->text : NULL;
}

static const ls_prog_arg *arg_at(const ls_program *p, const ls_prog_call *c, int idx) {
  for (uint32_t k = 0; k < c->nargs; k++)
    if ((int)p->args.items[c->first_arg + k].idx == idx) return &p->args.items[c->first_arg + k];
  return NULL;
}

/* A direct call passes descriptor `arg` to parameter `param` of a helper. */
typedef struct helper_use {
  uint32_t tu;
  const char *arg;
  char *param;
} helper_use;

void ls_fd_modes_build(const ls_graph *g, ls_fd_modes *m) {
  memset(m, 0, sizeof *m);
  const ls_program *p = g->prog;
  const ls_catalogue *cat = g->cat;
  LS_VEC(helper_use) uses = {0};
  for (size_t i = 0; i < p->calls.len; i++) {
    const ls_prog_call *c = &p->calls.items[i];
    if (c->result) {
      for (uint32_t k = 0; k < c->nargs; k++)
        if (ls_catalogue_names_nonblocking(cat, names_of(&p->args.items[c->first_arg + k]))) {
          mark(m, c->tu, c->result, NULL);
          break;
        }
    }
    if (c->via_kind != LS_VIA_DIRECT || !c->callee) continue;
    const char *callee = g->sym_name[c->callee];
    for (size_t s = 0; callee && s < cat->nfd_setters; s++) {
      const ls_fd_setter *st = &cat->fd_setters[s];
      if (strcmp(st->function, callee) != 0) continue;
      const ls_prog_arg *fd = arg_at(p, c, st->fd_arg), *flag = arg_at(p, c, st->flag_arg);
      if (!fd || fd->kind != LS_ARG_INT_VAR || !ls_names_have(names_of(flag) ? names_of(flag) : "", st->flag))
        continue;
      if (st->mode_arg >= 0 && !ls_catalogue_names_nonblocking(cat, names_of(arg_at(p, c, st->mode_arg))))
        continue;
      mark(m, c->tu, fd->text, NULL);
    }
    int helper_arg = cat->nfd_helpers ? ls_catalogue_fd_helper_arg(cat, callee) : -1;
    if (helper_arg >= 0) {
      const ls_prog_arg *fd = arg_at(p, c, helper_arg);
      if (fd && fd->kind == LS_ARG_INT_VAR && fd->text) mark(m, c->tu, fd->text, NULL);
    }
    for (uint32_t k = 0; k < c->nargs; k++) {
      const ls_prog_arg *a = &p->args.items[c->first_arg + k];
      if (a->kind != LS_ARG_INT_VAR || !a->text || !g->sym_key[c->callee]) continue;
      helper_use u = {c->tu, a->text, ls_key_param(g->sym_key[c->callee], a->idx)};
      LS_VEC_PUSH(&uses, u);
    }
  }
  for (int changed = m->nonblocking.len > 0; changed;) {
    changed = 0;
    for (size_t i = 0; i < uses.len; i++)
      if (ls_fd_nonblocking(m, uses.items[i].tu, uses.items[i].param))
        mark(m, uses.items[i].tu, uses.items[i].arg, &changed);
  }
  for (size_t i = 0; i < uses.len; i++) free(uses.items[i].param);
  LS_VEC_FREE(&uses);
}

void ls_fd_modes_free(ls_fd_modes *m) { ls_strmap_free(&m->nonblocking); }
