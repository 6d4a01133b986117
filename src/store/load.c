/* load.c: a scan's TUs read back as one program (store.h,
 * ls_store_load_program; facts.h, ls_program).
 *
 * Symbols and files are read whole (their ids are shared by all TUs); the
 * fact tables only for the scan's TUs, through a temporary table of their
 * ids. Rows come in the order the queries give them, which is the order the
 * graph's choices among equals were defined on: a function's first stored
 * definition wins, calls and their arguments by call id. Rows that name an
 * id outside the tables (a database edited by hand) are dropped, so every
 * id in the program is in range.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t max_id(ls_sql *q, const char *sql) {
  sqlite3_stmt *st = ls_sql_prepare(q, sql);
  int64_t v = ls_sql_step(q, st) == 1 ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return v > 0 && v < UINT32_MAX - 1 ? (uint32_t)v : 0;
}

static void mark_scan(ls_sql *q, const int64_t *ids, size_t n) {
  ls_sql_exec(q, "CREATE TEMP TABLE IF NOT EXISTS scan_tu(id INTEGER PRIMARY KEY);"
                 "DELETE FROM scan_tu;");
  ls_sql_exec(q, "BEGIN");
  sqlite3_stmt *st = ls_sql_prepare(q, "INSERT OR IGNORE INTO scan_tu(id) VALUES(?)");
  for (size_t i = 0; i < n && !q->failed; i++) {
    ls_sql_int(q, st, 1, ids[i]);
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);
  ls_sql_exec(q, "COMMIT");
}

static void load_syms_and_files(ls_sql *q, ls_program *p) {
  p->nsyms = max_id(q, "SELECT coalesce(max(id), 0) FROM sym") + 1;
  p->sym_key = ls_xcalloc(p->nsyms, sizeof(char *));
  p->sym_name = ls_xcalloc(p->nsyms, sizeof(char *));
  p->sym_qname = ls_xcalloc(p->nsyms, sizeof(char *));
  p->sym_kind = ls_xcalloc(p->nsyms, 1);
  p->sym_fn_kind = ls_xcalloc(p->nsyms, 1);
  sqlite3_stmt *st = ls_sql_prepare(q, "SELECT id, key, name, kind, qname, fn_kind FROM sym");
  while (ls_sql_step(q, st) == 1) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id <= 0 || id >= p->nsyms) continue;
    p->sym_key[id] = ls_sql_col_text(st, 1);
    p->sym_name[id] = ls_sql_col_text(st, 2);
    p->sym_kind[id] = (uint8_t)sqlite3_column_int(st, 3);
    p->sym_qname[id] = ls_sql_col_text(st, 4);
    p->sym_fn_kind[id] = (uint8_t)sqlite3_column_int(st, 5);
  }
  sqlite3_finalize(st);
  p->nfiles = max_id(q, "SELECT coalesce(max(id), 0) FROM file") + 1;
  p->file_path = ls_xcalloc(p->nfiles, sizeof(char *));
  st = ls_sql_prepare(q, "SELECT id, path FROM file");
  while (ls_sql_step(q, st) == 1) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id <= 0 || id >= p->nfiles || !sqlite3_column_text(st, 1)) continue;
    p->file_path[id] = ls_sql_col_text(st, 1);
  }
  sqlite3_finalize(st);
}

static int sym_ok(const ls_program *p, int64_t id) { return id >= 0 && id < p->nsyms; }
static int file_ok(const ls_program *p, int64_t id) { return id >= 0 && id < p->nfiles; }

/* The scan's TUs by id, for the index of each fact's TU. */
typedef struct tu_index {
  int64_t id;
  uint32_t index;
} tu_index;

static int cmp_tu_index(const void *a, const void *b) {
  int64_t x = ((const tu_index *)a)->id, y = ((const tu_index *)b)->id;
  return x < y ? -1 : x > y;
}

static uint32_t tu_of(const tu_index *by_id, size_t ntus, int64_t id) {
  tu_index key = {id, 0};
  const tu_index *t = bsearch(&key, by_id, ntus, sizeof *by_id, cmp_tu_index);
  return t ? t->index : 0;
}

static void load_annots_funcs_flows(ls_sql *q, ls_program *p, const tu_index *by_id,
                                    size_t ntus) {
  sqlite3_stmt *st =
      ls_sql_prepare(q, "SELECT a.sym, a.kind, a.arg FROM annot a JOIN scan_tu s ON s.id=a.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t sym = sqlite3_column_int64(st, 0);
    if (!sym_ok(p, sym)) continue;
    ls_prog_annot a = {(uint32_t)sym, (ls_annot_kind)sqlite3_column_int(st, 1),
                       ls_sql_col_text(st, 2)};
    LS_VEC_PUSH(&p->annots, a);
  }
  sqlite3_finalize(st);
  st = ls_sql_prepare(q, "SELECT f.sym, f.file_id, f.line, f.type, f.flags, f.ret, f.tu_id"
                         " FROM func f JOIN scan_tu s ON s.id=f.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t sym = sqlite3_column_int64(st, 0), file = sqlite3_column_int64(st, 1);
    if (!sym_ok(p, sym) || !file_ok(p, file)) continue;
    ls_prog_func f = {(uint32_t)sym, (uint32_t)file, (uint32_t)sqlite3_column_int(st, 2),
                      ls_sql_col_text(st, 3), (uint32_t)sqlite3_column_int(st, 4),
                      ls_sql_col_text(st, 5), tu_of(by_id, ntus, sqlite3_column_int64(st, 6))};
    LS_VEC_PUSH(&p->funcs, f);
  }
  sqlite3_finalize(st);
  st = ls_sql_prepare(q, "SELECT f.src, coalesce(f.dst, 0), coalesce(f.func, 0), f.file_id,"
                         " f.line, f.col, f.tu_id FROM flow f JOIN scan_tu s ON s.id=f.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t src = sqlite3_column_int64(st, 0), dst = sqlite3_column_int64(st, 1),
            fn = sqlite3_column_int64(st, 2), file = sqlite3_column_int64(st, 3);
    if (!sym_ok(p, src) || !sym_ok(p, dst) || !sym_ok(p, fn) || !file_ok(p, file)) continue;
    ls_prog_flow fl = {(uint32_t)src, (uint32_t)dst, (uint32_t)fn, (uint32_t)file,
                       (uint32_t)sqlite3_column_int(st, 4), (uint32_t)sqlite3_column_int(st, 5),
                       tu_of(by_id, ntus, sqlite3_column_int64(st, 6))};
    LS_VEC_PUSH(&p->flows, fl);
  }
  sqlite3_finalize(st);
}

/* Calls by id, then their arguments merged in by call id. */
static void load_calls(ls_sql *q, ls_program *p, const tu_index *by_id, size_t ntus) {
  LS_VEC(int64_t) ids = {0};
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT c.id, c.caller, coalesce(c.callee, 0), c.via_kind, coalesce(c.via, 0),"
         " c.fntype, c.file_id, c.line, c.col, c.end_line, c.end_col, c.flags, c.tu_id, c.result,"
         " c.loop, c.guards, coalesce(c.ends_in, 0), coalesce(c.ends_in2, 0), c.nargs"
         " FROM call c JOIN scan_tu s ON s.id=c.tu_id ORDER BY c.id");
  while (ls_sql_step(q, st) == 1) {
    int64_t caller = sqlite3_column_int64(st, 1), callee = sqlite3_column_int64(st, 2),
            via = sqlite3_column_int64(st, 4), file = sqlite3_column_int64(st, 6);
    if (!sym_ok(p, caller) || !sym_ok(p, callee) || !sym_ok(p, via) || !file_ok(p, file))
      continue;
    ls_prog_call c = {0};
    c.caller = (uint32_t)caller;
    c.callee = (uint32_t)callee;
    c.via_kind = (ls_via_kind)sqlite3_column_int(st, 3);
    c.via = (uint32_t)via;
    c.fntype = ls_sql_col_text(st, 5);
    c.file = (uint32_t)file;
    c.line = (uint32_t)sqlite3_column_int(st, 7);
    c.col = (uint32_t)sqlite3_column_int(st, 8);
    c.end_line = (uint32_t)sqlite3_column_int(st, 9);
    c.end_col = (uint32_t)sqlite3_column_int(st, 10);
    c.flags = (uint32_t)sqlite3_column_int(st, 11);
    c.tu = tu_of(by_id, ntus, sqlite3_column_int64(st, 12));
    c.result = ls_sql_col_text(st, 13);
    c.loop = (uint32_t)sqlite3_column_int(st, 14);
    c.guards = ls_sql_col_text(st, 15);
    int64_t ends = sqlite3_column_int64(st, 16);
    c.ends_in = sym_ok(p, ends) ? (uint32_t)ends : 0;
    int64_t ends2 = sqlite3_column_int64(st, 17);
    c.ends_in2 = sym_ok(p, ends2) ? (uint32_t)ends2 : 0;
    c.arity = (uint32_t)sqlite3_column_int(st, 18);
    LS_VEC_PUSH(&p->calls, c);
    LS_VEC_PUSH(&ids, sqlite3_column_int64(st, 0));
  }
  sqlite3_finalize(st);
  st = ls_sql_prepare(q, "SELECT a.call_id, a.idx, a.kind, coalesce(a.sym, 0), a.ival, a.text"
                         " FROM arg a JOIN scan_tu s ON s.id=a.tu_id ORDER BY a.call_id, a.idx");
  size_t ci = 0;
  while (ls_sql_step(q, st) == 1) {
    int64_t call_id = sqlite3_column_int64(st, 0), sym = sqlite3_column_int64(st, 3);
    while (ci < ids.len && ids.items[ci] < call_id) ci++;
    if (ci == ids.len) break;
    if (ids.items[ci] != call_id || !sym_ok(p, sym)) continue;
    ls_prog_call *c = &p->calls.items[ci];
    if (!c->nargs) c->first_arg = (uint32_t)p->args.len;
    ls_prog_arg a = {(uint32_t)sqlite3_column_int(st, 1), (ls_arg_kind)sqlite3_column_int(st, 2),
                     (uint32_t)sym, sqlite3_column_int64(st, 4), ls_sql_col_text(st, 5)};
    LS_VEC_PUSH(&p->args, a);
    c->nargs++;
  }
  sqlite3_finalize(st);
  LS_VEC_FREE(&ids);
}

static void load_overrides(ls_sql *q, ls_program *p) {
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT o.method, o.base, o.cls FROM override o JOIN scan_tu s ON s.id=o.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t m = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1),
            c = sqlite3_column_int64(st, 2);
    if (!sym_ok(p, m) || !sym_ok(p, b)) continue;
    ls_prog_override o = {(uint32_t)m, (uint32_t)b, sym_ok(p, c) ? (uint32_t)c : 0};
    LS_VEC_PUSH(&p->overrides, o);
  }
  sqlite3_finalize(st);
}

/* The classes: bases, and those the program makes objects of. */
static void load_classes(ls_sql *q, ls_program *p) {
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT c.cls, c.base FROM class_base c JOIN scan_tu s ON s.id=c.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t c = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1);
    if (!sym_ok(p, c) || !sym_ok(p, b)) continue;
    ls_prog_class_base cb = {(uint32_t)c, (uint32_t)b};
    LS_VEC_PUSH(&p->class_bases, cb);
  }
  sqlite3_finalize(st);
  st = ls_sql_prepare(q, "SELECT c.cls FROM constructed c JOIN scan_tu s ON s.id=c.tu_id");
  while (ls_sql_step(q, st) == 1) {
    int64_t c = sqlite3_column_int64(st, 0);
    if (sym_ok(p, c)) LS_VEC_PUSH(&p->constructed, (uint32_t)c);
  }
  sqlite3_finalize(st);
}

static void load_signatures(ls_sql *q, ls_program *p) {
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT g.sym, g.idx, g.kind, g.type FROM signature g JOIN scan_tu s ON s.id=g.tu_id"
         " ORDER BY g.rowid");
  while (ls_sql_step(q, st) == 1) {
    int64_t sym = sqlite3_column_int64(st, 0);
    if (!sym_ok(p, sym)) continue;
    ls_prog_sig g = {(uint32_t)sym, sqlite3_column_int(st, 1),
                     (ls_sig_kind)sqlite3_column_int(st, 2), ls_sql_col_text(st, 3)};
    LS_VEC_PUSH(&p->sigs, g);
  }
  sqlite3_finalize(st);
}

/* Cost loops by row, in the order they were stored. */
static void load_cost_loops(ls_sql *q, ls_program *p) {
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT l.func, l.file_id, l.line, l.col, l.end_line, l.end_col, l.var"
         " FROM cost_loop l JOIN scan_tu s ON s.id=l.tu_id ORDER BY l.rowid");
  while (ls_sql_step(q, st) == 1) {
    int64_t fn = sqlite3_column_int64(st, 0), file = sqlite3_column_int64(st, 1);
    if (!fn || !sym_ok(p, fn) || !file_ok(p, file) || !sqlite3_column_text(st, 6)) continue;
    ls_prog_cost_loop l = {(uint32_t)fn,
                           (uint32_t)file,
                           (uint32_t)sqlite3_column_int(st, 2),
                           (uint32_t)sqlite3_column_int(st, 3),
                           (uint32_t)sqlite3_column_int(st, 4),
                           (uint32_t)sqlite3_column_int(st, 5),
                           ls_sql_col_text(st, 6)};
    LS_VEC_PUSH(&p->cost_loops, l);
  }
  sqlite3_finalize(st);
}

/* Integer assignments by row, in the order they were stored, with their
 * TU's position among the scan's. */
static void load_assigns(ls_sql *q, ls_program *p, const tu_index *by_id, size_t n) {
  sqlite3_stmt *st = ls_sql_prepare(
      q, "SELECT a.tu_id, coalesce(a.func, 0), a.var, a.names, a.src, a.guards,"
         " coalesce(a.call, 0), a.call_text"
         " FROM int_assign a JOIN scan_tu s ON s.id=a.tu_id ORDER BY a.rowid");
  while (ls_sql_step(q, st) == 1) {
    int64_t fn = sqlite3_column_int64(st, 1), call = sqlite3_column_int64(st, 6);
    if (!sym_ok(p, fn) || !sqlite3_column_text(st, 2)) continue;
    ls_prog_assign a = {(uint32_t)fn, tu_of(by_id, n, sqlite3_column_int64(st, 0)),
                        ls_sql_col_text(st, 2), ls_sql_col_text(st, 3), ls_sql_col_text(st, 4),
                        ls_sql_col_text(st, 5), sym_ok(p, call) ? (uint32_t)call : 0,
                        ls_sql_col_text(st, 7)};
    LS_VEC_PUSH(&p->assigns, a);
  }
  sqlite3_finalize(st);
}

int ls_store_load_program(ls_store *s, const int64_t *ids, size_t n, ls_program *out,
                          char **err) {
  memset(out, 0, sizeof *out);
  ls_sql q = ls_sql_on(s);
  mark_scan(&q, ids, n);
  load_syms_and_files(&q, out);
  tu_index *by_id = ls_xcalloc(n + 1, sizeof *by_id);
  for (size_t i = 0; i < n; i++) by_id[i] = (tu_index){ids[i], (uint32_t)i};
  qsort(by_id, n, sizeof *by_id, cmp_tu_index);
  load_annots_funcs_flows(&q, out, by_id, n);
  load_calls(&q, out, by_id, n);
  load_assigns(&q, out, by_id, n);
  free(by_id);
  load_overrides(&q, out);
  load_classes(&q, out);
  load_signatures(&q, out);
  load_cost_loops(&q, out);
  out->ntus = (uint32_t)n;
  if (ls_sql_done(&q, "cannot read facts from", err) != 0) {
    ls_program_free(out);
    return -1;
  }
  return 0;
}
