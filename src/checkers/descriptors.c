/* descriptors.c: which descriptors are non-blocking (args.h, ls_fd_modes),
 * from the extractor's neutral facts and the packs' `descriptors:` data.
 *
 * A descriptor is named by its identity (facts.h, LS_ARG_INT_VAR). Locals
 * and statics are named within their TU; a parameter ("P:" and its
 * function's key), a struct field (its declaration's USR, "...@FI@fd") and
 * an externally linked variable ("c:@name") are one object in the whole
 * program, so what makes one non-blocking in any file counts in every file.
 * A descriptor is non-blocking when
 *   - a call given a non-blocking flag (socket(..., SOCK_NONBLOCK),
 *     accept4(..., SOCK_NONBLOCK), open(p, O_NONBLOCK)) stores its value in
 *     it (the call's `result`);
 *   - a setter makes it so (fcntl(fd, F_SETFL, flags | O_NONBLOCK),
 *     ioctl(fd, FIONBIO, &on)), the mode written in the call or in an
 *     assignment of the variable it passes (`mode |= O_NONBLOCK; fcntl(fd,
 *     F_SETFL, mode)`);
 *   - it is passed to a helper a pack names (`descriptors: helpers:`), or
 *     to a function whose summary says it makes that parameter non-blocking;
 *   - it is a copy of one that is (`c->fd = fd`, `int fd = w->fd`); or
 *   - it is the value of a call of a function that returns one that is
 *     (`sfd = new_socket(ai)`: facts.h, ls_fact_func.ret); or
 *   - it is a parameter, and every call of its function passes one that is
 *     (the function's address is never taken, so no caller is unseen); or
 *   - it is the ready descriptor of a loop callback (a registration's
 *     ready_fd with its fd_arg: libevent's `event_assign(ev, base, fd,
 *     events, cb, arg)`), and every registration of the callback passes
 *     one that is (see registered_parameters).
 *
 * Summaries: a function makes its parameter i non-blocking under a
 * condition on its other parameters, a conjunction of `param OP constant`
 * read from the guards of the call or assignment that does it (`if
 * (!state) mode |= O_NONBLOCK` gives `state == 0`; `ioctl(fd, FIONBIO,
 * &set)` gives `set != 0`). A call satisfies a condition when its
 * arguments are constants that satisfy it; an argument that is its own
 * caller's parameter carries the condition on to the caller's summary
 * (helpers of helpers, in any TU); anything else satisfies nothing. Each
 * round of the fixed point re-reads every call and copy, linear in them;
 * summaries only grow and are bounded (MAX_CONDS per parameter, MAX_LITS
 * per condition: a longer one is dropped, which only reports more), so it
 * ends. Guards that test anything but a parameter are ignored, as the mode
 * analysis is flow-insensitive: made non-blocking anywhere counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

#define MAX_LITS 4  /* literals of one condition */
#define MAX_CONDS 8 /* conditions of one parameter's summary */

enum { OP_EQ, OP_NE, OP_LT, OP_GE, OP_GT, OP_LE };

/* `param OP value`, a literal of a condition on a function's parameters. */
typedef struct lit {
  uint32_t param;
  int op;
  int64_t value;
} lit;

/* A conjunction of literals; none: always. */
typedef struct cond {
  int n;
  lit l[MAX_LITS];
} cond;

/* One summary entry: the function makes parameter `param` non-blocking
 * when `c` holds. */
typedef struct summary {
  uint32_t func;
  uint32_t param;
  cond c;
  uint32_t next; /* the function's next entry + 1, or 0 */
} summary;

typedef struct builder {
  const ls_graph *g;
  ls_fd_modes *m;
  LS_VEC(summary) sums;
  uint32_t *sum_head;  /* by function sym id: its latest entry + 1, or 0 */
  uint8_t *returns_nb; /* by function sym id: it returns a non-blocking
                          descriptor (every return but those of non-zero
                          constants returns one variable, which is) */
  ls_strmap sum_index; /* "func\tparam" -> how many entries it has */
  ls_strmap sum_seen;  /* the entries, as text, each once */
  int changed;
} builder;

static int global_identity(const char *id) {
  if (!strncmp(id, "P:", 2) || strstr(id, "@FI@")) return 1;
  return !strncmp(id, "c:@", 3) && !strchr(id + 3, '@');
}

char *ls_identity_key(uint32_t tu, const char *identity) {
  return global_identity(identity) ? ls_xasprintf("*\t%s", identity)
                                   : ls_xasprintf("%u\t%s", tu, identity);
}

static void mark(builder *b, uint32_t tu, const char *identity) {
  char *key = ls_identity_key(tu, identity);
  int inserted = 0;
  ls_strmap_put(&b->m->nonblocking, key, 1, &inserted);
  free(key);
  if (inserted) b->changed = 1;
}

int ls_fd_nonblocking(const ls_fd_modes *m, uint32_t tu, const char *identity) {
  if (!identity || !m->nonblocking.len) return 0;
  char *key = ls_identity_key(tu, identity);
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

int ls_param_position(const ls_graph *g, uint32_t func, const char *identity) {
  const char *fkey = func ? g->sym_key[func] : NULL;
  size_t n = fkey ? strlen(fkey) : 0;
  if (!identity || !fkey || strncmp(identity, "P:", 2) || strncmp(identity + 2, fkey, n) ||
      identity[2 + n] != '#')
    return -1;
  char *end = NULL;
  long i = strtol(identity + 3 + n, &end, 10);
  return end && !*end && i >= 0 && i < 256 ? (int)i : -1;
}

static int parse_op(const char *s) {
  static const char *const ops[] = {"==", "!=", "<", ">=", ">", "<="};
  for (int i = 0; i < 6; i++)
    if (!strcmp(s, ops[i])) return i;
  return -1;
}

static int holds(int op, int64_t a, int64_t v) {
  switch (op) {
  case OP_EQ: return a == v;
  case OP_NE: return a != v;
  case OP_LT: return a < v;
  case OP_GE: return a >= v;
  case OP_GT: return a > v;
  default: return a <= v;
  }
}

static int add_lit(cond *c, lit l) {
  for (int i = 0; i < c->n; i++)
    if (c->l[i].param == l.param && c->l[i].op == l.op && c->l[i].value == l.value) return 1;
  if (c->n == MAX_LITS) return 0;
  c->l[c->n++] = l;
  return 1;
}

/* Adds to *c the guards (facts.h, ls_fact_call.guards) that test `func`'s
 * parameters; returns 0 when the code never runs (LS_GUARD_NEVER) or the
 * condition grows too long. */
static int guard_lits(const ls_graph *g, uint32_t func, const char *guards, cond *c) {
  if (!guards) return 1;
  char *copy = ls_xstrdup(guards), *save = NULL;
  int ok = 1;
  for (char *line = strtok_r(copy, "\n", &save); line && ok; line = strtok_r(NULL, "\n", &save)) {
    if (!strcmp(line, LS_GUARD_NEVER)) {
      ok = 0;
      break;
    }
    char id[512], op[4];
    long long v;
    if (sscanf(line, "%511s %3s %lld", id, op, &v) != 3) continue;
    int p = ls_param_position(g, func, id), o = parse_op(op);
    if (p >= 0 && o >= 0) ok = add_lit(c, (lit){(uint32_t)p, o, v});
  }
  free(copy);
  return ok;
}

/* Descriptor `identity` of a call or assignment in `func` (TU `tu`) is made
 * non-blocking when `c` holds: a parameter of func gains a summary entry,
 * anything else is marked when it always holds. A condition on func's
 * parameters says nothing of other descriptors, which stay unmarked. */
static void made_nonblocking(builder *b, uint32_t tu, uint32_t func, const char *identity,
                             const cond *c) {
  int p = ls_param_position(b->g, func, identity);
  if (p < 0) {
    if (!c->n) mark(b, tu, identity);
    return;
  }
  if (!c->n) mark(b, tu, identity); /* its reads in func are non-blocking too */
  char *head = ls_xasprintf("%u\t%d", func, p);
  ls_buf text = {0};
  ls_buf_puts(&text, head);
  for (int i = 0; i < c->n; i++)
    ls_buf_printf(&text, "\t%u %d %lld", c->l[i].param, c->l[i].op, (long long)c->l[i].value);
  int inserted = 0;
  int64_t *count = ls_strmap_put(&b->sum_index, head, 0, NULL);
  if (*count < MAX_CONDS) ls_strmap_put(&b->sum_seen, ls_buf_str(&text), 1, &inserted);
  if (inserted) {
    (*count)++;
    summary s = {func, (uint32_t)p, *c, b->sum_head[func]};
    LS_VEC_PUSH(&b->sums, s);
    b->sum_head[func] = (uint32_t)b->sums.len;
    b->changed = 1;
  }
  free(head);
  ls_buf_free(&text);
}

/* The condition `k` of a callee's summary, read at call `call`: 1 and the
 * caller's condition in *out when its arguments can satisfy it, else 0. */
static int at_call(const ls_graph *g, const ls_prog_call *call, const cond *k, cond *out) {
  const ls_program *p = g->prog;
  for (int i = 0; i < k->n; i++) {
    const ls_prog_arg *a = arg_at(p, call, (int)k->l[i].param);
    if (a && a->kind == LS_ARG_INT) {
      if (!holds(k->l[i].op, a->ival, k->l[i].value)) return 0;
    } else if (a && a->kind == LS_ARG_INT_VAR && a->text) {
      int cp = ls_param_position(g, call->caller, a->text);
      if (cp < 0 || !add_lit(out, (lit){(uint32_t)cp, k->l[i].op, k->l[i].value})) return 0;
    } else {
      return 0; /* a value the call does not show */
    }
  }
  return 1;
}

/* What one call makes non-blocking: its value (a non-blocking flag among
 * its arguments), a setter's descriptor, a pack helper's descriptor, and
 * the descriptors a summarized function makes non-blocking. */
static void read_call(builder *b, const ls_prog_call *c, const ls_strmap *assigns_of) {
  const ls_graph *g = b->g;
  const ls_program *p = g->prog;
  const ls_catalogue *cat = g->cat;
  cond base = {0};
  if (!guard_lits(g, c->caller, c->guards, &base)) return;
  if (c->result) {
    for (uint32_t k = 0; k < c->nargs; k++)
      if (ls_catalogue_names_nonblocking(cat, names_of(&p->args.items[c->first_arg + k]))) {
        /* a parameter assigned a new descriptor holds it: not a summary */
        if (!base.n) mark(b, c->tu, c->result);
        break;
      }
  }
  if (c->via_kind != LS_VIA_DIRECT || !c->callee) return;
  if (c->result && !base.n && b->returns_nb[c->callee]) mark(b, c->tu, c->result);
  const char *callee = g->sym_name[c->callee];
  for (size_t s = 0; callee && s < cat->nfd_setters; s++) {
    const ls_fd_setter *st = &cat->fd_setters[s];
    if (strcmp(st->function, callee) != 0) continue;
    const ls_prog_arg *fd = arg_at(p, c, st->fd_arg), *flag = arg_at(p, c, st->flag_arg);
    if (!fd || fd->kind != LS_ARG_INT_VAR || !fd->text ||
        !ls_names_have(names_of(flag) ? names_of(flag) : "", st->flag))
      continue;
    if (st->mode_arg < 0) {
      /* The mode by pointer (ioctl FIONBIO): `&set` of a parameter sets
       * non-blocking when that parameter is non-zero. */
      cond k = base;
      const ls_prog_arg *mode = arg_at(p, c, st->flag_arg + 1);
      int mp = mode && mode->kind == LS_ARG_INT_ADDR && mode->text ? ls_param_position(g, c->caller, mode->text) : -1;
      if (mp >= 0 && !add_lit(&k, (lit){(uint32_t)mp, OP_NE, 0})) continue;
      made_nonblocking(b, c->tu, c->caller, fd->text, &k);
      continue;
    }
    const ls_prog_arg *mode = arg_at(p, c, st->mode_arg);
    if (ls_catalogue_names_nonblocking(cat, names_of(mode))) {
      made_nonblocking(b, c->tu, c->caller, fd->text, &base);
    } else if (mode && mode->kind == LS_ARG_INT_VAR && mode->text) {
      /* The mode in a variable: the assignments of it in this function that
       * set a non-blocking flag, each under its own guards. */
      char *key = ls_xasprintf("%u\t%u\t%s", c->tu, c->caller, mode->text);
      const int64_t *first = ls_strmap_get(assigns_of, key);
      free(key);
      for (size_t i = first ? (size_t)*first - 1 : p->assigns.len; i < p->assigns.len; i++) {
        const ls_prog_assign *as = &p->assigns.items[i];
        if (as->tu != c->tu || as->func != c->caller || strcmp(as->var, mode->text) != 0) continue;
        if (!ls_catalogue_names_nonblocking(cat, as->names)) continue;
        cond k = base;
        if (guard_lits(g, c->caller, as->guards, &k)) made_nonblocking(b, c->tu, c->caller, fd->text, &k);
      }
    }
  }
  int helper_arg = cat->nfd_helpers ? ls_catalogue_fd_helper_arg(cat, callee) : -1;
  if (helper_arg >= 0) {
    const ls_prog_arg *fd = arg_at(p, c, helper_arg);
    if (fd && fd->kind == LS_ARG_INT_VAR && fd->text) made_nonblocking(b, c->tu, c->caller, fd->text, &base);
  }
  /* The callee's summary; entries added while reading are read next round
   * (they go in front of the list). */
  for (uint32_t s = b->sum_head[c->callee]; s; s = b->sums.items[s - 1].next) {
    const summary *sm = &b->sums.items[s - 1];
    const ls_prog_arg *fd = arg_at(p, c, (int)sm->param);
    if (!fd || fd->kind != LS_ARG_INT_VAR || !fd->text) continue;
    cond k = base;
    cond sc = sm->c; /* made_nonblocking may move the entries */
    if (at_call(g, c, &sc, &k)) made_nonblocking(b, c->tu, c->caller, fd->text, &k);
  }
}

/* Parameters that hold a non-blocking descriptor because every call of
 * their function passes one: a defined function whose address is never
 * taken (so no caller is unseen), each of whose direct calls passes, at
 * that position, a descriptor already non-blocking. `by_callee` lists the
 * direct calls of each function (CSR by callee). */
static void passed_parameters(builder *b, const uint32_t *start, const uint32_t *calls,
                              const uint8_t *addr_taken) {
  const ls_graph *g = b->g;
  const ls_program *p = g->prog;
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (start[f] == start[f + 1] || addr_taken[f] || !g->def_file[f] || !g->sym_key[f]) continue;
    const ls_prog_call *first = &p->calls.items[calls[start[f]]];
    for (uint32_t k = 0; k < first->nargs; k++) {
      const ls_prog_arg *a = &p->args.items[first->first_arg + k];
      if (a->kind != LS_ARG_INT_VAR) continue;
      int all = 1;
      for (uint32_t c = start[f]; c < start[f + 1] && all; c++) {
        const ls_prog_call *pc = &p->calls.items[calls[c]];
        const ls_prog_arg *x = arg_at(p, pc, (int)a->idx);
        all = x && x->kind == LS_ARG_INT_VAR && ls_fd_nonblocking(b->m, pc->tu, x->text);
      }
      if (!all) continue;
      char *key = ls_key_param(g->sym_key[f], a->idx);
      mark(b, 0, key); /* a parameter is named in every TU alike */
      free(key);
    }
  }
}

/* The registrations that say which of their arguments is the descriptor
 * (fd_arg), and the callbacks they can register: call by call, once. */
typedef struct fd_registration {
  uint32_t call;
  const ls_registration *reg;
} fd_registration;

typedef struct registered {
  LS_VEC(fd_registration) calls;
  uint8_t *elsewhere;  /* by sym id: the function is also in a slot of
                          another registration, or a call through a pointer
                          in the program may reach it: callers unseen */
  uint8_t *state;      /* scratch, by sym id: 0 unseen, 1 every fd
                          non-blocking so far, 2 not */
  uint8_t *param;      /* scratch, by sym id: the ready_fd parameter + 1 */
} registered;

static const ls_registration *fd_registration_of(const ls_graph *g, uint32_t callee) {
  const char *name = callee && callee < g->nsyms ? g->sym_name[callee] : NULL;
  for (size_t i = 0; name && i < g->cat->nregs; i++)
    if (g->cat->regs[i].fd_arg >= 0 && g->cat->regs[i].ready_fd < 255 && !strcmp(g->cat->regs[i].function, name)) return &g->cat->regs[i];
  return NULL;
}

static void registered_build(const ls_graph *g, registered *r) {
  const ls_program *p = g->prog;
  memset(r, 0, sizeof *r);
  int any = 0;
  for (size_t i = 0; i < g->cat->nregs && !any; i++) any = g->cat->regs[i].fd_arg >= 0;
  if (!any) return;
  for (size_t i = 0; i < p->calls.len; i++) {
    const ls_prog_call *c = &p->calls.items[i];
    const ls_registration *reg = c->via_kind == LS_VIA_DIRECT ? fd_registration_of(g, c->callee) : NULL;
    if (reg) {
      fd_registration fr = {(uint32_t)i, reg};
      LS_VEC_PUSH(&r->calls, fr);
    }
  }
  if (!r->calls.len) return;
  r->elsewhere = ls_xcalloc(g->nsyms + 1, 1);
  r->state = ls_xcalloc(g->nsyms + 1, 1);
  r->param = ls_xcalloc(g->nsyms + 1, 1);
  for (uint32_t s = 1; s < g->nsyms; s++) {
    if (!g->slot_context[s]) continue;
    int fd_slot = 0;
    for (size_t i = 0; i < g->cat->nregs && !fd_slot; i++)
      fd_slot = g->cat->regs[i].fd_arg >= 0 && ls_registration_names_slot(g, &g->cat->regs[i], s);
    if (fd_slot) continue;
    for (uint32_t q = g->pts_head[s]; q; q = g->pts[q - 1].next) r->elsewhere[g->pts[q - 1].func] = 1;
  }
  for (size_t i = 0; i < g->calls.len; i++) {
    if (p->calls.items[i].via_kind == LS_VIA_DIRECT) continue;
    const ls_gcall *c = &g->calls.items[i];
    for (uint32_t t = 0; t < c->ntargets; t++) r->elsewhere[g->targets.items[c->first_target + t]] = 1;
  }
}

static void registered_free(registered *r) {
  LS_VEC_FREE(&r->calls);
  free(r->elsewhere);
  free(r->state);
  free(r->param);
}

/* One registration of callback f, passing a non-blocking descriptor (ok)
 * or not. */
static void registered_note(const ls_graph *g, registered *r, uint32_t f, const ls_registration *reg,
                            int ok) {
  if (!f || f >= g->nsyms) return;
  if (!r->state[f]) r->param[f] = (uint8_t)(reg->ready_fd + 1);
  r->state[f] = ok && r->state[f] != 2 && r->param[f] == reg->ready_fd + 1 ? 1 : 2;
}

/* The ready descriptor parameter of a callback holds the descriptor its
 * registrations pass: it is non-blocking when every registration of the
 * callback (the function, or the functions a slot given there holds)
 * passes a non-blocking one, the callback is in no other registration's
 * slot and no call through a pointer in the program may reach it, and
 * each direct call of it passes a non-blocking one there too. */
static void registered_parameters(builder *b, registered *r, const uint32_t *start,
                                  const uint32_t *calls) {
  const ls_graph *g = b->g;
  const ls_program *p = g->prog;
  if (!r->calls.len) return;
  memset(r->state, 0, g->nsyms + 1);
  for (size_t i = 0; i < r->calls.len; i++) {
    const ls_prog_call *pc = &p->calls.items[r->calls.items[i].call];
    const ls_registration *reg = r->calls.items[i].reg;
    const ls_prog_arg *cb = arg_at(p, pc, reg->arg), *fd = arg_at(p, pc, reg->fd_arg);
    int ok = fd && fd->kind == LS_ARG_INT_VAR && ls_fd_nonblocking(b->m, pc->tu, fd->text);
    if (cb && cb->kind == LS_ARG_FUNC) {
      registered_note(g, r, cb->sym, reg, ok);
    } else if (cb && cb->kind == LS_ARG_SLOT && cb->sym < g->nsyms) {
      for (uint32_t q = g->pts_head[cb->sym]; q; q = g->pts[q - 1].next)
        registered_note(g, r, g->pts[q - 1].func, reg, ok);
    }
  }
  for (uint32_t f = 1; f < g->nsyms; f++) {
    if (r->state[f] != 1 || r->elsewhere[f] || !g->sym_key[f]) continue;
    int pos = r->param[f] - 1, all = 1;
    for (uint32_t c = start[f]; c < start[f + 1] && all; c++) {
      const ls_prog_call *pc = &p->calls.items[calls[c]];
      const ls_prog_arg *x = arg_at(p, pc, pos);
      all = x && x->kind == LS_ARG_INT_VAR && ls_fd_nonblocking(b->m, pc->tu, x->text);
    }
    if (!all) continue;
    char *key = ls_key_param(g->sym_key[f], (unsigned)pos);
    mark(b, 0, key);
    free(key);
  }
}

void ls_fd_modes_build(const ls_graph *g, ls_fd_modes *m) {
  memset(m, 0, sizeof *m);
  const ls_program *p = g->prog;
  builder b = {g, m, {0}, ls_xcalloc(g->nsyms + 1, sizeof(uint32_t)), ls_xcalloc(g->nsyms + 1, 1),
               {0}, {0}, 0};
  /* The first assignment of each variable in each function (the map keeps
   * the first value put), where a setter's mode variable is looked up. */
  ls_strmap assigns_of = {0};
  for (size_t i = 0; i < p->assigns.len; i++) {
    const ls_prog_assign *as = &p->assigns.items[i];
    char *key = ls_xasprintf("%u\t%u\t%s", as->tu, as->func, as->var);
    ls_strmap_put(&assigns_of, key, (int64_t)i + 1, NULL);
    free(key);
  }
  /* The direct calls of each defined function, and the functions whose
   * address is taken (they have callers no call names). */
  uint32_t *start = ls_xcalloc(g->nsyms + 2, sizeof(uint32_t));
  uint32_t *calls = ls_xcalloc(p->calls.len + 1, sizeof(uint32_t));
  uint8_t *addr_taken = ls_xcalloc(g->nsyms + 1, 1);
  for (size_t i = 0; i < p->flows.len; i++)
    if (p->flows.items[i].src < g->nsyms && g->sym_kind[p->flows.items[i].src] == LS_SYM_FUNC)
      addr_taken[p->flows.items[i].src] = 1;
  for (size_t i = 0; i < p->calls.len; i++)
    if (p->calls.items[i].via_kind == LS_VIA_DIRECT && p->calls.items[i].callee)
      start[p->calls.items[i].callee + 1]++;
  for (uint32_t f = 0; f < g->nsyms; f++) start[f + 1] += start[f];
  uint32_t *fill = ls_xcalloc(g->nsyms + 1, sizeof(uint32_t));
  for (size_t i = 0; i < p->calls.len; i++)
    if (p->calls.items[i].via_kind == LS_VIA_DIRECT && p->calls.items[i].callee) {
      uint32_t f = p->calls.items[i].callee;
      calls[start[f] + fill[f]++] = (uint32_t)i;
    }
  free(fill);
  registered regd;
  registered_build(g, &regd);
  do {
    b.changed = 0;
    passed_parameters(&b, start, calls, addr_taken);
    registered_parameters(&b, &regd, start, calls);
    for (size_t i = 0; i < p->funcs.len; i++) {
      const ls_prog_func *fn = &p->funcs.items[i];
      if (fn->ret && !b.returns_nb[fn->sym] && ls_fd_nonblocking(m, fn->tu, fn->ret)) {
        b.returns_nb[fn->sym] = 1;
        b.changed = 1;
      }
    }
    for (size_t i = 0; i < p->calls.len; i++) read_call(&b, &p->calls.items[i], &assigns_of);
    /* Copies: `c->fd = fd` of a non-blocking fd, never into a parameter
     * (that would say the function makes its caller's descriptor so). */
    for (size_t i = 0; i < p->assigns.len; i++) {
      const ls_prog_assign *as = &p->assigns.items[i];
      if (as->src && strncmp(as->var, "P:", 2) && ls_fd_nonblocking(m, as->tu, as->src))
        mark(&b, as->tu, as->var);
    }
  } while (b.changed);
  registered_free(&regd);
  free(start);
  free(calls);
  free(addr_taken);
  ls_strmap_free(&assigns_of);
  ls_strmap_free(&b.sum_index);
  ls_strmap_free(&b.sum_seen);
  LS_VEC_FREE(&b.sums);
  free(b.sum_head);
  free(b.returns_nb);
}

void ls_fd_modes_free(ls_fd_modes *m) { ls_strmap_free(&m->nonblocking); }
