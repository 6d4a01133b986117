/* put.c: writing one TU's facts (store.h, ls_store_put_tu) in one
 * transaction, and looking TUs up by key or id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* The id of a file path in the file table, creating the row if needed; 0
 * (with q failed) when the database cannot say. */
static int64_t file_row_id(ls_sql *q, const char *path) {
  ls_store *s = q->s;
  int64_t *cached = ls_strmap_get(&s->file_ids, path);
  if (cached) return *cached;
  if (q->failed) return 0;
  int64_t id = 0;
  if (!s->file_id_query) s->file_id_query = ls_sql_prepare(q, "SELECT id FROM file WHERE path=?");
  ls_sql_text(q, s->file_id_query, 1, path);
  if (ls_sql_step(q, s->file_id_query) == 1) id = sqlite3_column_int64(s->file_id_query, 0);
  ls_sql_reset(q, s->file_id_query);
  if (id) {
    ls_strmap_put(&s->file_ids, path, id, NULL);
    return id;
  }
  sqlite3_stmt *st = ls_sql_prepare(q, "INSERT INTO file(path) VALUES(?)");
  ls_sql_text(q, st, 1, path);
  if (ls_sql_step(q, st) == 0) id = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  return id;
}

int ls_store_tu_lookup(ls_store *s, const char *key, int64_t *id, int *status, char **message,
                       char **err) {
  *id = 0;
  *status = LS_TU_FAILED;
  if (message) *message = NULL;
  ls_sql q = ls_sql_on(s);
  sqlite3_stmt *st = ls_sql_prepare(&q, "SELECT id, status, message FROM tu WHERE key=?");
  ls_sql_text(&q, st, 1, key);
  if (ls_sql_step(&q, st) == 1) {
    *id = sqlite3_column_int64(st, 0);
    *status = sqlite3_column_int(st, 1);
    if (message) *message = ls_sql_col_text(st, 2);
  }
  sqlite3_finalize(st);
  return ls_sql_done(&q, "cannot read facts from", err);
}

int ls_store_tu_message(ls_store *s, int64_t id, char **message, char **err) {
  *message = NULL;
  ls_sql q = ls_sql_on(s);
  sqlite3_stmt *st = ls_sql_prepare(&q, "SELECT message FROM tu WHERE id=?");
  ls_sql_int(&q, st, 1, id);
  if (ls_sql_step(&q, st) == 1) *message = ls_sql_col_text(st, 0);
  sqlite3_finalize(st);
  return ls_sql_done(&q, "cannot read facts from", err);
}

/* ---- writing one TU ----------------------------------------------------- */

typedef struct writer {
  ls_sql *q;
  int64_t tu;
  int64_t *sym_ids;   /* fact sym index -> sym.id */
  int64_t *file_ids;  /* fact str index -> file.id (0 = not yet) */
  sqlite3_stmt *sym_get, *sym_put;
} writer;

#define NONE UINT32_MAX /* facts.h: no symbol, no string */

static const char *str_or_null(const ls_facts *f, uint32_t str) {
  return str == NONE ? NULL : f->strs.items[str];
}

static int64_t sym_id(writer *w, const ls_facts *f, uint32_t i) {
  if (i == NONE) return 0;
  if (w->sym_ids[i]) return w->sym_ids[i];
  const ls_fact_sym *fs = &f->syms.items[i];
  const char *key = f->strs.items[fs->key];
  int64_t id = 0;
  ls_sql_text(w->q, w->sym_get, 1, key);
  if (ls_sql_step(w->q, w->sym_get) == 1) id = sqlite3_column_int64(w->sym_get, 0);
  ls_sql_reset(w->q, w->sym_get);
  if (!id) {
    ls_sql_text(w->q, w->sym_put, 1, key);
    ls_sql_text(w->q, w->sym_put, 2, f->strs.items[fs->name]);
    ls_sql_int(w->q, w->sym_put, 3, fs->kind);
    ls_sql_text(w->q, w->sym_put, 4, str_or_null(f, fs->qname));
    ls_sql_int(w->q, w->sym_put, 5, fs->fn_kind);
    if (ls_sql_step(w->q, w->sym_put) == 0) id = sqlite3_last_insert_rowid(w->q->s->db);
    ls_sql_reset(w->q, w->sym_put);
  }
  return w->sym_ids[i] = id;
}

static int64_t file_id(writer *w, const ls_facts *f, uint32_t str) {
  if (!w->file_ids[str]) w->file_ids[str] = file_row_id(w->q, f->strs.items[str]);
  return w->file_ids[str];
}

static void write_facts(writer *w, const ls_facts *f) {
  ls_sql *q = w->q;
  sqlite3_stmt *st = ls_sql_prepare(q, "INSERT INTO func(tu_id, sym, file_id, line, col, type,"
                                       " flags, ret) VALUES(?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < f->funcs.len && !q->failed; i++) {
    const ls_fact_func *fn = &f->funcs.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, fn->sym));
    ls_sql_int(q, st, 3, file_id(w, f, fn->loc.file));
    ls_sql_int(q, st, 4, fn->loc.line);
    ls_sql_int(q, st, 5, fn->loc.col);
    ls_sql_text(q, st, 6, str_or_null(f, fn->type));
    ls_sql_int(q, st, 7, fn->flags);
    ls_sql_text(q, st, 8, str_or_null(f, fn->ret));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO call(tu_id, caller, callee, via_kind, via, fntype, "
                         "file_id, line, col, end_line, end_col, nargs, flags, result, loop, guards, "
                         "ends_in, ends_in2) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  sqlite3_stmt *ast = ls_sql_prepare(q, "INSERT INTO arg(call_id, tu_id, idx, kind, sym, ival,"
                                        " text) VALUES(?,?,?,?,?,?,?)");
  for (size_t i = 0; i < f->calls.len && !q->failed; i++) {
    const ls_fact_call *c = &f->calls.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, c->caller));
    ls_sql_id(q, st, 3, sym_id(w, f, c->callee));
    ls_sql_int(q, st, 4, c->via_kind);
    ls_sql_id(q, st, 5, sym_id(w, f, c->via));
    ls_sql_text(q, st, 6, str_or_null(f, c->fntype));
    ls_sql_int(q, st, 7, file_id(w, f, c->loc.file));
    ls_sql_int(q, st, 8, c->loc.line);
    ls_sql_int(q, st, 9, c->loc.col);
    ls_sql_int(q, st, 10, c->loc.end_line);
    ls_sql_int(q, st, 11, c->loc.end_col);
    ls_sql_int(q, st, 12, c->nargs);
    ls_sql_int(q, st, 13, c->flags);
    ls_sql_text(q, st, 14, str_or_null(f, c->result));
    ls_sql_int(q, st, 15, c->loop);
    ls_sql_text(q, st, 16, str_or_null(f, c->guards));
    ls_sql_id(q, st, 17, sym_id(w, f, c->ends_in));
    ls_sql_id(q, st, 18, sym_id(w, f, c->ends_in2));
    ls_sql_run(q, st);
    int64_t call_id = sqlite3_last_insert_rowid(q->s->db);
    for (uint32_t a = 0; a < c->nargs && !q->failed; a++) {
      const ls_fact_arg *arg = &f->args.items[c->first_arg + a];
      if (arg->kind == LS_ARG_OTHER) continue; /* only what rules and flows use */
      ls_sql_int(q, ast, 1, call_id);
      ls_sql_int(q, ast, 2, w->tu);
      ls_sql_int(q, ast, 3, a);
      ls_sql_int(q, ast, 4, arg->kind);
      ls_sql_id(q, ast, 5, sym_id(w, f, arg->sym));
      ls_sql_int(q, ast, 6, arg->ival);
      ls_sql_text(q, ast, 7, str_or_null(f, arg->text));
      ls_sql_run(q, ast);
    }
  }
  sqlite3_finalize(st);
  sqlite3_finalize(ast);

  st = ls_sql_prepare(q, "INSERT INTO flow(tu_id, src, dst, func, file_id, line, col) "
                         "VALUES(?,?,?,?,?,?,?)");
  for (size_t i = 0; i < f->flows.len && !q->failed; i++) {
    const ls_fact_flow *fl = &f->flows.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, fl->src));
    ls_sql_id(q, st, 3, sym_id(w, f, fl->dst));
    ls_sql_id(q, st, 4, sym_id(w, f, fl->func));
    ls_sql_int(q, st, 5, file_id(w, f, fl->loc.file));
    ls_sql_int(q, st, 6, fl->loc.line);
    ls_sql_int(q, st, 7, fl->loc.col);
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO annot(tu_id, sym, kind, arg) VALUES(?,?,?,?)");
  for (size_t i = 0; i < f->annots.len && !q->failed; i++) {
    const ls_fact_annot *an = &f->annots.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, an->sym));
    ls_sql_int(q, st, 3, an->kind);
    ls_sql_text(q, st, 4, str_or_null(f, an->arg));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO override(tu_id, method, base, cls) VALUES(?,?,?,?)");
  for (size_t i = 0; i < f->overrides.len && !q->failed; i++) {
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, f->overrides.items[i].method));
    ls_sql_int(q, st, 3, sym_id(w, f, f->overrides.items[i].base));
    ls_sql_id(q, st, 4, sym_id(w, f, f->overrides.items[i].cls));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO class_base(tu_id, cls, base) VALUES(?,?,?)");
  for (size_t i = 0; i < f->class_bases.len && !q->failed; i++) {
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, f->class_bases.items[i].cls));
    ls_sql_int(q, st, 3, sym_id(w, f, f->class_bases.items[i].base));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO constructed(tu_id, cls) VALUES(?,?)");
  for (size_t i = 0; i < f->constructed.len && !q->failed; i++) {
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, f->constructed.items[i]));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO signature(tu_id, sym, idx, kind, type) VALUES(?,?,?,?,?)");
  for (size_t i = 0; i < f->sigs.len && !q->failed; i++) {
    const ls_fact_sig *sg = &f->sigs.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, sg->sym));
    ls_sql_int(q, st, 3, sg->idx);
    ls_sql_int(q, st, 4, sg->kind);
    ls_sql_text(q, st, 5, str_or_null(f, sg->type));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO cost_loop(tu_id, func, file_id, line, col, end_line,"
                         " end_col, var) VALUES(?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < f->cost_loops.len && !q->failed; i++) {
    const ls_fact_cost_loop *cl = &f->cost_loops.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, sym_id(w, f, cl->func));
    ls_sql_int(q, st, 3, file_id(w, f, cl->loc.file));
    ls_sql_int(q, st, 4, cl->loc.line);
    ls_sql_int(q, st, 5, cl->loc.col);
    ls_sql_int(q, st, 6, cl->loc.end_line);
    ls_sql_int(q, st, 7, cl->loc.end_col);
    ls_sql_text(q, st, 8, str_or_null(f, cl->var));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT INTO int_assign(tu_id, func, var, names, src, guards, call,"
                         " call_text) VALUES(?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < f->assigns.len && !q->failed; i++) {
    const ls_fact_assign *as = &f->assigns.items[i];
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_id(q, st, 2, sym_id(w, f, as->func));
    ls_sql_text(q, st, 3, str_or_null(f, as->var));
    ls_sql_text(q, st, 4, str_or_null(f, as->names));
    ls_sql_text(q, st, 5, str_or_null(f, as->src));
    ls_sql_text(q, st, 6, str_or_null(f, as->guards));
    ls_sql_id(q, st, 7, as->call == UINT32_MAX ? 0 : sym_id(w, f, as->call));
    ls_sql_text(q, st, 8, str_or_null(f, as->call_text));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);

  st = ls_sql_prepare(q, "INSERT OR IGNORE INTO tu_include(tu_id, file_id) VALUES(?,?)");
  for (size_t i = 0; i < f->includes.len && !q->failed; i++) {
    ls_sql_int(q, st, 1, w->tu);
    ls_sql_int(q, st, 2, file_id(w, f, f->includes.items[i]));
    ls_sql_run(q, st);
  }
  sqlite3_finalize(st);
}

static char *joined_args(const ls_tu_input *in) {
  size_t n = 1;
  for (int i = 0; i < in->argc; i++) n += strlen(in->argv[i]) + 1;
  char *s = ls_xmalloc(n), *p = s;
  for (int i = 0; i < in->argc; i++) {
    if (i) *p++ = ' ';
    p = stpcpy(p, in->argv[i]);
  }
  *p = '\0';
  return s;
}

/* The TU's row: updated when its key is stored, inserted otherwise; the
 * old facts of an updated TU are deleted. Returns its id. */
static int64_t tu_row(ls_sql *q, const ls_tu_input *in, const char *hash, ls_tu_status status,
                      const char *message, int64_t parse_ms) {
  int64_t id = 0;
  sqlite3_stmt *st = ls_sql_prepare(q, "SELECT id FROM tu WHERE key=?");
  ls_sql_text(q, st, 1, in->key);
  if (ls_sql_step(q, st) == 1) id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  char *args = joined_args(in);
  if (id) {
    for (size_t t = 0; t < ls__ntables; t++) {
      if (!ls__is_fact_table(&ls__tables[t])) continue;
      char *sql = ls_xasprintf("DELETE FROM \"%s\" WHERE tu_id=?", ls__tables[t].name);
      st = ls_sql_prepare(q, sql);
      free(sql);
      ls_sql_int(q, st, 1, id);
      ls_sql_run(q, st);
      sqlite3_finalize(st);
    }
    st = ls_sql_prepare(q, "UPDATE tu SET input_hash=?, status=?, message=?, parse_ms=?,"
                           " updated_at=?, args=? WHERE id=?");
    ls_sql_text(q, st, 1, hash);
    ls_sql_int(q, st, 2, status);
    ls_sql_text(q, st, 3, message);
    ls_sql_int(q, st, 4, parse_ms);
    ls_sql_int(q, st, 5, (int64_t)time(NULL));
    ls_sql_text(q, st, 6, args);
    ls_sql_int(q, st, 7, id);
    ls_sql_run(q, st);
    sqlite3_finalize(st);
  } else {
    int64_t fid = file_row_id(q, in->file);
    st = ls_sql_prepare(q, "INSERT INTO tu(key, file_id, directory, args, input_hash, status,"
                           " message, parse_ms, updated_at) VALUES(?,?,?,?,?,?,?,?,?)");
    ls_sql_text(q, st, 1, in->key);
    ls_sql_int(q, st, 2, fid);
    ls_sql_text(q, st, 3, in->directory);
    ls_sql_text(q, st, 4, args);
    ls_sql_text(q, st, 5, hash);
    ls_sql_int(q, st, 6, status);
    ls_sql_text(q, st, 7, message);
    ls_sql_int(q, st, 8, parse_ms);
    ls_sql_int(q, st, 9, (int64_t)time(NULL));
    if (ls_sql_step(q, st) == 0) id = sqlite3_last_insert_rowid(q->s->db);
    sqlite3_finalize(st);
  }
  free(args);
  return id;
}

int ls_store_put_tu(ls_store *s, const ls_tu_input *in, const ls_facts *facts,
                    ls_tu_status status, const char *message, int64_t parse_ms,
                    int64_t *tu_id, char **err) {
  ls__snapshot_free(s); /* the tables it copies are about to change */
  /* Hash outside the write transaction: it may read many headers. */
  char hash[65] = "";
  if (facts) {
    char **incs = ls_xmalloc((facts->includes.len + 1) * sizeof(char *));
    for (size_t i = 0; i < facts->includes.len; i++)
      incs[i] = facts->strs.items[facts->includes.items[i]];
    ls_store_input_hash(s, in, incs, facts->includes.len, hash);
    free(incs);
  }
  if (ls__begin(s) != 0) {
    *err = ls_xasprintf("database '%s' is busy: %s", s->path, sqlite3_errmsg(s->db));
    return -1;
  }
  ls_sql q = ls_sql_on(s);
  int64_t id = tu_row(&q, in, hash, status, message, parse_ms);
  if (facts && !q.failed) {
    writer w = {&q, id, ls_xcalloc(facts->syms.len + 1, sizeof(int64_t)),
                ls_xcalloc(facts->strs.len + 1, sizeof(int64_t)), NULL, NULL};
    w.sym_get = ls_sql_prepare(&q, "SELECT id FROM sym WHERE key=?");
    w.sym_put = ls_sql_prepare(&q, "INSERT INTO sym(key, name, kind, qname, fn_kind) VALUES(?,?,?,?,?)");
    write_facts(&w, facts);
    sqlite3_finalize(w.sym_get);
    sqlite3_finalize(w.sym_put);
    free(w.sym_ids);
    free(w.file_ids);
  }
  if (!q.failed && ls__commit(s) != 0) ls_sql_fail(&q, sqlite3_errcode(s->db));
  if (q.failed) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    /* Ids cached during the failed transaction may name rows that are gone. */
    ls_strmap_free(&s->file_ids);
    char *why = NULL;
    ls_sql_done(&q, "", &why);
    *err = ls_xasprintf("cannot store facts of '%s' in%s", in->file, why);
    free(why);
    return -1;
  }
  ls_sql_done(&q, "", NULL);
  *tu_id = id;
  return 0;
}
