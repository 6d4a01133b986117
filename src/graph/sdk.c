/* sdk.c: callbacks given to an SDK built on a loop library (internal.h).
 *
 * A function the program calls but does not define, that takes a loop
 * library's handle (the packs' `loop_handles: types:`: uv_loop_t *, struct
 * event_base *, ...) or an object made from one, and a function pointer,
 * is assumed to call that function on the handle's loop: the pointer
 * parameter is a loop registration slot (`sdk_listen(loop, service,
 * on_listen)`). An object is made from a handle when such a function takes
 * the handle and returns a pointer to the object's record, or stores one
 * through a `T **` parameter (`sdk_conn_new(loop)` makes sdk_conn_t a handle
 * too); this is followed to a fixed point. Nothing is assumed of the loop
 * library's own API (`library:` patterns), of functions a pack describes, or
 * of those a pack lists in `not_on_loop:`. When the SDK's source is in the
 * program, its functions are defined and followed as any others.
 *
 * Runs after loading, before flows: it only names registration slots. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Whether f is an SDK function anything may be assumed of. */
static int candidate(const ls_graph *g, uint32_t f) {
  return f < g->nsyms && g->sym_kind[f] == LS_SYM_FUNC && !g->def_file[f] && g->sym_name[f] &&
         !ls_catalogue_assumes_nothing_of(g->cat, g->sym_name[f]);
}

static int made_has(const char *name, void *made) { return ls_strmap_get(made, name) != NULL; }

static int made_add(const char *name, void *made) {
  ls_strmap_put(made, name, 1, NULL);
  return 0;
}

/* Whether type names `t` ("a|b") are among the handles: the packs' types
 * or a made one. */
static int is_handle(const ls_graph *g, const ls_strmap *made, const char *t) {
  if (!t) return 0;
  if (ls_catalogue_is_handle_type(g->cat, t)) return 1;
  /* a made type by any of its names: `sdk_conn_t` and `struct sdk_conn` */
  return ls_each_name(t, '|', made_has, (void *)made);
}

void ls__sdk_callbacks(builder *b) {
  ls_graph *g = b->g;
  const ls_program *p = g->prog;
  if (!p->sigs.len || !g->cat->nhandle_types) return;
  /* The program's signatures grouped by function (several TUs may repeat
   * one): CSR by sym over sig indexes. */
  uint32_t n = g->nsyms;
  uint32_t *start = ls_xcalloc(n + 1, sizeof(uint32_t));
  uint32_t *items = ls_xcalloc(p->sigs.len + 1, sizeof(uint32_t));
  for (size_t i = 0; i < p->sigs.len; i++) start[p->sigs.items[i].sym + 1]++;
  for (uint32_t f = 0; f < n; f++) start[f + 1] += start[f];
  uint32_t *fill = ls_xcalloc(n + 1, sizeof(uint32_t));
  for (size_t i = 0; i < p->sigs.len; i++) {
    uint32_t f = p->sigs.items[i].sym;
    items[start[f] + fill[f]++] = (uint32_t)i;
  }
  free(fill);
  uint8_t *cand = ls_xcalloc(n + 1, 1);
  for (uint32_t f = 1; f < n; f++) cand[f] = start[f + 1] > start[f] && candidate(g, f);

  /* Handles made from handles, to a fixed point (each round adds a type or
   * ends; a program has few such types). */
  ls_strmap made = {0};
  for (int changed = 1; changed;) {
    changed = 0;
    for (uint32_t f = 1; f < n; f++) {
      if (!cand[f]) continue;
      int takes = 0;
      for (uint32_t k = start[f]; k < start[f + 1] && !takes; k++) {
        const ls_prog_sig *s = &p->sigs.items[items[k]];
        takes = s->kind == LS_SIG_HANDLE && is_handle(g, &made, s->type);
      }
      for (uint32_t k = start[f]; takes && k < start[f + 1]; k++) {
        const ls_prog_sig *s = &p->sigs.items[items[k]];
        if ((s->kind == LS_SIG_RETURNS_HANDLE || s->kind == LS_SIG_OUT_HANDLE) && s->type &&
            !is_handle(g, &made, s->type)) {
          ls_each_name(s->type, '|', made_add, &made); /* every name of a made type */
          changed = 1;
        }
      }
    }
  }

  /* The callbacks: every function-pointer parameter of a function that
   * takes a handle. */
  for (uint32_t f = 1; f < n; f++) {
    if (!cand[f]) continue;
    uint32_t handle = 0; /* sig index + 1 of the handle parameter */
    for (uint32_t k = start[f]; k < start[f + 1] && !handle; k++) {
      const ls_prog_sig *s = &p->sigs.items[items[k]];
      if (s->kind == LS_SIG_HANDLE && is_handle(g, &made, s->type)) handle = items[k] + 1;
    }
    for (uint32_t k = start[f]; handle && k < start[f + 1]; k++) {
      const ls_prog_sig *s = &p->sigs.items[items[k]];
      if (s->kind != LS_SIG_FNPTR || s->idx < 0) continue;
      uint32_t slot = ls__param_of(b, f, (uint32_t)s->idx);
      if (!slot || g->slot_context[slot]) continue;
      g->slot_context[slot] = LS_CTX_LOOP;
      g->slot_assumed[slot] = handle;
    }
  }
  ls_strmap_free(&made);
  free(cand);
  free(start);
  free(items);
}
