/* order.c: the graph's canonical order (internal.h). Choices among equals
 * are made by what the program says, never by ids: symbol, call and file
 * ids are handed out in the order TUs reach the store (with -j2, the order
 * workers finish; after a merge, the order of the shards), so comparing
 * them would make reports depend on how the TUs were parsed. */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct file_row {
  uint32_t id;
  char *path;
} file_row;

static int cmp_file_row(const void *a, const void *b) {
  return strcmp(((const file_row *)a)->path, ((const file_row *)b)->path);
}

static uint32_t file_rank_of(const ls_graph *g, uint32_t file) {
  return file < g->nfiles && g->file_rank ? g->file_rank[file] : UINT32_MAX;
}

static int cmp_u32(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }

/* Source order of two places: file path, line, column. */
int ls__cmp_site(const ls_graph *g, uint32_t fa, uint32_t la, uint32_t ca, uint32_t fb,
                    uint32_t lb, uint32_t cb) {
  int r = cmp_u32(file_rank_of(g, fa), file_rank_of(g, fb));
  if (!r) r = cmp_u32(la, lb);
  if (!r) r = cmp_u32(ca, cb);
  return r;
}

int ls__cmp_key(const ls_graph *g, uint32_t a, uint32_t b) {
  const char *ka = a < g->nsyms && g->sym_key[a] ? g->sym_key[a] : "";
  const char *kb = b < g->nsyms && g->sym_key[b] ? g->sym_key[b] : "";
  return strcmp(ka, kb);
}

/* Whether call a comes before call b: by site, then by caller (the same
 * header's inline function seen from two TUs has one site), then by extent.
 * Calls equal in all of these read the same in a report. */
int ls__call_before(const ls_graph *g, uint32_t a, uint32_t b) {
  const ls_gcall *x = &g->calls.items[a], *y = &g->calls.items[b];
  int r = ls__cmp_site(g, x->file, x->line, x->col, y->file, y->line, y->col);
  if (!r) r = ls__cmp_key(g, x->caller, y->caller);
  if (!r) r = cmp_u32(x->end_line, y->end_line);
  if (!r) r = cmp_u32(x->end_col, y->end_col);
  return r < 0;
}

int ls__cmp_flow(const void *a, const void *b, void *gp) {
  const ls_graph *g = gp;
  const ls_gflow *x = a, *y = b;
  int r = ls__cmp_site(g, x->file, x->line, x->col, y->file, y->line, y->col);
  if (!r) r = ls__cmp_key(g, x->src, y->src);
  if (!r) r = ls__cmp_key(g, x->dst, y->dst);
  if (!r) r = ls__cmp_key(g, x->func, y->func);
  return r;
}

/* Every file's rank among all paths in byte order. */
void ls__rank_files(ls_graph *g) {
  LS_VEC(file_row) rows = {0};
  for (uint32_t id = 1; id < g->nfiles; id++) {
    if (!g->file_path[id]) continue;
    file_row row = {id, g->file_path[id]};
    LS_VEC_PUSH(&rows, row);
  }
  if (rows.len) qsort(rows.items, rows.len, sizeof *rows.items, cmp_file_row);
  g->file_rank = ls_xmalloc((g->nfiles + 1) * sizeof(uint32_t));
  memset(g->file_rank, 0xff, (g->nfiles + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < rows.len; i++) g->file_rank[rows.items[i].id] = (uint32_t)i;
  LS_VEC_FREE(&rows);
}

