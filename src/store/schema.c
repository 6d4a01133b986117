/* schema.c: the fact store's schema, declared once (internal.h).
 *
 * Each table and column says the schema version that added it. A new
 * database is created from the whole table; an older one is migrated by the
 * tables, columns and indexes added since its version; a merge copies a
 * fact table by its columns and their roles. Adding a column is one line
 * here (with the next version number and LS_SCHEMA_VERSION raised);
 * nothing else in the store lists columns of its own.
 *
 * Versions: 1 the facts; 2 the history of runs and findings (history.c);
 * 3 flags on calls (unconditional) and functions (always returns
 * non-zero), for the hot-loop checks; 4 the front-end seam's qualified
 * names and function kinds, overrides, and the variable a call's value is
 * stored in; 5 the outermost loop a call is in (the event loops found in
 * code, src/graph/loops.c), the signatures of called, undefined functions
 * (callbacks into SDKs, src/graph/sdk.c), and cost loops (loops whose trip
 * count is exponential in a variable, for cpu-loop); 6 the guards a call
 * runs under and the call its branch ends in, and what a function returns
 * (forked children and dying paths, src/graph/offloop.c); 7 integer
 * assignments that name flags or copy a variable (descriptor modes kept in
 * variables, src/checkers/descriptors.c); 8 the class of each overriding
 * method, classes' bases and the classes a TU makes objects of (rapid type
 * analysis of virtual calls, src/graph/flows.c); 9 an integer assigned a
 * call with a literal first argument (keys made from names, for dispatch
 * by key, src/graph/dispatch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define COLS(a) a, sizeof a / sizeof a[0]

static const ls_column meta_cols[] = {
    {"key", "TEXT PRIMARY KEY", 1, LS_COL_PLAIN},
    {"value", "TEXT", 1, LS_COL_PLAIN},
};

static const ls_column file_cols[] = {
    {"id", "INTEGER PRIMARY KEY", 1, LS_COL_ROWID},
    {"path", "TEXT NOT NULL UNIQUE", 1, LS_COL_PLAIN},
    {"mtime_ns", "INTEGER", 1, LS_COL_PLAIN},
    {"size", "INTEGER", 1, LS_COL_PLAIN},
    {"sha256", "TEXT", 1, LS_COL_PLAIN},
};

static const ls_column sym_cols[] = {
    {"id", "INTEGER PRIMARY KEY", 1, LS_COL_ROWID},
    {"key", "TEXT NOT NULL UNIQUE", 1, LS_COL_PLAIN},
    {"name", "TEXT NOT NULL", 1, LS_COL_PLAIN},
    {"kind", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"qname", "TEXT", 4, LS_COL_PLAIN},
    {"fn_kind", "INTEGER NOT NULL DEFAULT 0", 4, LS_COL_PLAIN},
};

static const ls_column tu_cols[] = {
    {"id", "INTEGER PRIMARY KEY", 1, LS_COL_ROWID},
    {"key", "TEXT NOT NULL UNIQUE", 1, LS_COL_PLAIN},
    {"file_id", "INTEGER NOT NULL", 1, LS_COL_FILE},
    {"directory", "TEXT NOT NULL", 1, LS_COL_PLAIN},
    {"args", "TEXT NOT NULL", 1, LS_COL_PLAIN},
    {"input_hash", "TEXT", 1, LS_COL_PLAIN},
    {"status", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"message", "TEXT", 1, LS_COL_PLAIN},
    {"parse_ms", "INTEGER", 1, LS_COL_PLAIN},
    {"updated_at", "INTEGER", 1, LS_COL_PLAIN},
};

/* Every fact table carries tu_id, so a TU's rows go together. */
static const ls_column tu_include_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"file_id", "INTEGER NOT NULL", 1, LS_COL_FILE},
};

static const ls_column func_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"sym", "INTEGER NOT NULL", 1, LS_COL_SYM},
    {"file_id", "INTEGER NOT NULL", 1, LS_COL_FILE},
    {"line", "INTEGER", 1, LS_COL_PLAIN},
    {"col", "INTEGER", 1, LS_COL_PLAIN},
    {"type", "TEXT", 1, LS_COL_PLAIN},
    {"flags", "INTEGER NOT NULL DEFAULT 0", 3, LS_COL_PLAIN},
    {"ret", "TEXT", 6, LS_COL_PLAIN},
};

static const ls_column call_cols[] = {
    {"id", "INTEGER PRIMARY KEY", 1, LS_COL_CALL},
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"caller", "INTEGER NOT NULL", 1, LS_COL_SYM},
    {"callee", "INTEGER", 1, LS_COL_SYM},
    {"via_kind", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"via", "INTEGER", 1, LS_COL_SYM},
    {"fntype", "TEXT", 1, LS_COL_PLAIN},
    {"file_id", "INTEGER NOT NULL", 1, LS_COL_FILE},
    {"line", "INTEGER", 1, LS_COL_PLAIN},
    {"col", "INTEGER", 1, LS_COL_PLAIN},
    {"end_line", "INTEGER", 1, LS_COL_PLAIN},
    {"end_col", "INTEGER", 1, LS_COL_PLAIN},
    {"nargs", "INTEGER", 1, LS_COL_PLAIN},
    {"flags", "INTEGER NOT NULL DEFAULT 0", 3, LS_COL_PLAIN},
    {"result", "TEXT", 4, LS_COL_PLAIN},
    {"loop", "INTEGER NOT NULL DEFAULT 0", 5, LS_COL_PLAIN},
    {"guards", "TEXT", 6, LS_COL_PLAIN},
    {"ends_in", "INTEGER", 6, LS_COL_SYM},
    {"ends_in2", "INTEGER", 6, LS_COL_SYM},
};

static const ls_column arg_cols[] = {
    {"call_id", "INTEGER NOT NULL", 1, LS_COL_CALL},
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"idx", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"kind", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"sym", "INTEGER", 1, LS_COL_SYM},
    {"ival", "INTEGER", 1, LS_COL_PLAIN},
    {"text", "TEXT", 1, LS_COL_PLAIN},
};

static const ls_column flow_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"src", "INTEGER NOT NULL", 1, LS_COL_SYM},
    {"dst", "INTEGER", 1, LS_COL_SYM},
    {"func", "INTEGER", 1, LS_COL_SYM},
    {"file_id", "INTEGER NOT NULL", 1, LS_COL_FILE},
    {"line", "INTEGER", 1, LS_COL_PLAIN},
    {"col", "INTEGER", 1, LS_COL_PLAIN},
};

static const ls_column annot_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 1, LS_COL_TU},
    {"sym", "INTEGER NOT NULL", 1, LS_COL_SYM},
    {"kind", "INTEGER NOT NULL", 1, LS_COL_PLAIN},
    {"arg", "TEXT", 1, LS_COL_PLAIN},
};

static const ls_column override_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 4, LS_COL_TU},
    {"method", "INTEGER NOT NULL", 4, LS_COL_SYM},
    {"base", "INTEGER NOT NULL", 4, LS_COL_SYM},
    {"cls", "INTEGER", 8, LS_COL_SYM},
};

/* Version 8: the classes of the program and what its virtual calls are
 * narrowed by (facts.h, ls_fact_class_base; rapid type analysis). */
static const ls_column class_base_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 8, LS_COL_TU},
    {"cls", "INTEGER NOT NULL", 8, LS_COL_SYM},
    {"base", "INTEGER NOT NULL", 8, LS_COL_SYM},
};

static const ls_column constructed_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 8, LS_COL_TU},
    {"cls", "INTEGER NOT NULL", 8, LS_COL_SYM},
};

/* Version 5: what the declarations of called, undefined functions take
 * (facts.h, ls_fact_sig), for callbacks into SDKs. */
static const ls_column sig_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 5, LS_COL_TU},
    {"sym", "INTEGER NOT NULL", 5, LS_COL_SYM},
    {"idx", "INTEGER NOT NULL", 5, LS_COL_PLAIN},
    {"kind", "INTEGER NOT NULL", 5, LS_COL_PLAIN},
    {"type", "TEXT", 5, LS_COL_PLAIN},
};

/* Version 5: loops whose trip count is exponential in a variable (facts.h,
 * ls_fact_cost_loop): where, in which function, and the exponent as
 * written. */
static const ls_column cost_loop_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 5, LS_COL_TU},
    {"func", "INTEGER NOT NULL", 5, LS_COL_SYM},
    {"file_id", "INTEGER NOT NULL", 5, LS_COL_FILE},
    {"line", "INTEGER", 5, LS_COL_PLAIN},
    {"col", "INTEGER", 5, LS_COL_PLAIN},
    {"end_line", "INTEGER", 5, LS_COL_PLAIN},
    {"end_col", "INTEGER", 5, LS_COL_PLAIN},
    {"var", "TEXT NOT NULL", 5, LS_COL_PLAIN},
};

/* Version 7: integer assignments (facts.h, ls_fact_assign). */
static const ls_column assign_cols[] = {
    {"tu_id", "INTEGER NOT NULL", 7, LS_COL_TU},
    {"func", "INTEGER", 7, LS_COL_SYM},
    {"var", "TEXT NOT NULL", 7, LS_COL_PLAIN},
    {"names", "TEXT", 7, LS_COL_PLAIN},
    {"src", "TEXT", 7, LS_COL_PLAIN},
    {"guards", "TEXT", 7, LS_COL_PLAIN},
    {"call", "INTEGER", 9, LS_COL_SYM},
    {"call_text", "TEXT", 9, LS_COL_PLAIN},
};

/* Version 2: the history of runs (history.c). One row per `lagscan scan` or
 * `lagscan baseline` run, and one per finding ever seen in a program, keyed
 * by its fingerprint: when it was first and last seen, the run since which
 * it has been open, and the run that no longer found it. `program` names
 * what was scanned, so scans of different programs sharing a database never
 * fix each other's findings. Times are unix seconds. */
static const ls_column run_cols[] = {
    {"id", "INTEGER PRIMARY KEY", 2, LS_COL_ROWID},
    {"program", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"program_label", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"started_at", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"ended_at", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"command_line", "TEXT", 2, LS_COL_PLAIN},
    {"inputs_hash", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"scope", "TEXT", 2, LS_COL_PLAIN},               /* NULL: whole program; else files, one a line */
    {"complete", "INTEGER NOT NULL", 2, LS_COL_PLAIN}, /* 1: every TU analyzed, so absence means fixed */
    {"tus_total", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"tus_parsed", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"tus_cached", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"tus_failed", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"nfindings", "INTEGER NOT NULL", 2, LS_COL_PLAIN}, /* findings the run saw */
    {"nnew", "INTEGER NOT NULL DEFAULT 0", 2, LS_COL_PLAIN}, /* opened: first seen or back again */
    {"nfixed", "INTEGER NOT NULL DEFAULT 0", 2, LS_COL_PLAIN},
    {"nopen", "INTEGER NOT NULL DEFAULT 0", 2, LS_COL_PLAIN},
};

static const ls_column finding_history_cols[] = {
    {"program", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"fingerprint", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"rule", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"path", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"abspath", "TEXT NOT NULL", 2, LS_COL_PLAIN},
    {"line", "INTEGER", 2, LS_COL_PLAIN},
    {"function", "TEXT", 2, LS_COL_PLAIN},
    {"callee", "TEXT", 2, LS_COL_PLAIN},
    {"root", "TEXT", 2, LS_COL_PLAIN},
    {"message", "TEXT", 2, LS_COL_PLAIN},
    {"first_run", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"first_seen", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"last_run", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"last_seen", "INTEGER NOT NULL", 2, LS_COL_PLAIN},
    {"opened_run", "INTEGER NOT NULL", 2, LS_COL_PLAIN}, /* first_run, or the run it came back in */
    {"fixed_run", "INTEGER", 2, LS_COL_PLAIN},           /* NULL while open */
    {"fixed_at", "INTEGER", 2, LS_COL_PLAIN},
};

const ls_table ls__tables[] = {
    {"meta", 1, COLS(meta_cols), "", "", NULL, 0},
    {"file", 1, COLS(file_cols), "", "", NULL, 0},
    {"sym", 1, COLS(sym_cols), "", "", NULL, 0},
    {"tu", 1, COLS(tu_cols), "", "", NULL, 0},
    {"tu_include", 1, COLS(tu_include_cols), ", PRIMARY KEY(tu_id, file_id)", " WITHOUT ROWID",
     NULL, 1},
    {"func", 1, COLS(func_cols), "", "", "x.rowid", 0},
    {"call", 1, COLS(call_cols), "", "", "x.id", 0},
    {"arg", 1, COLS(arg_cols), ", PRIMARY KEY(call_id, idx)", " WITHOUT ROWID",
     "x.call_id, x.idx", 0},
    {"flow", 1, COLS(flow_cols), "", "", "x.rowid", 0},
    {"annot", 1, COLS(annot_cols), "", "", "x.rowid", 0},
    {"override", 4, COLS(override_cols), "", "", "x.rowid", 0},
    {"signature", 5, COLS(sig_cols), "", "", "x.rowid", 0},
    {"cost_loop", 5, COLS(cost_loop_cols), "", "", "x.rowid", 0},
    {"int_assign", 7, COLS(assign_cols), "", "", "x.rowid", 0},
    {"class_base", 8, COLS(class_base_cols), "", "", "x.rowid", 0},
    {"constructed", 8, COLS(constructed_cols), "", "", "x.rowid", 0},
    {"run", 2, COLS(run_cols), "", "", NULL, 0},
    {"finding_history", 2, COLS(finding_history_cols), ", PRIMARY KEY(program, fingerprint)",
     " WITHOUT ROWID", NULL, 0},
};
const size_t ls__ntables = sizeof ls__tables / sizeof ls__tables[0];

const ls_index ls__indexes[] = {
    {"tu_include_file", "tu_include", "file_id", 1},
    {"func_tu", "func", "tu_id", 1},
    {"call_tu", "call", "tu_id", 1},
    {"arg_tu", "arg", "tu_id", 1},
    {"flow_tu", "flow", "tu_id", 1},
    {"annot_tu", "annot", "tu_id", 1},
    {"override_tu", "override", "tu_id", 4},
    {"signature_tu", "signature", "tu_id", 5},
    {"cost_loop_tu", "cost_loop", "tu_id", 5},
    {"int_assign_tu", "int_assign", "tu_id", 7},
    {"class_base_tu", "class_base", "tu_id", 8},
    {"constructed_tu", "constructed", "tu_id", 8},
    {"run_program", "run", "program, id", 2},
    {"finding_history_abspath", "finding_history", "program, abspath", 2},
};
const size_t ls__nindexes = sizeof ls__indexes / sizeof ls__indexes[0];

const ls_table *ls__table(const char *name) {
  for (size_t i = 0; i < ls__ntables; i++)
    if (!strcmp(ls__tables[i].name, name)) return &ls__tables[i];
  return NULL;
}

int ls__is_fact_table(const ls_table *t) {
  for (size_t c = 0; c < t->ncolumns; c++)
    if (t->columns[c].role == LS_COL_TU) return 1;
  return 0;
}

char *ls__migration_sql(int from) {
  ls_buf b = {0};
  ls_buf_puts(&b, "");
  for (size_t i = 0; i < ls__ntables; i++) {
    const ls_table *t = &ls__tables[i];
    if (t->since > from) {
      ls_buf_puts(&b, "CREATE TABLE ");
      ls_buf_puts(&b, t->name);
      ls_buf_puts(&b, "(");
      for (size_t c = 0; c < t->ncolumns; c++) {
        if (c) ls_buf_puts(&b, ", ");
        ls_buf_puts(&b, t->columns[c].name);
        ls_buf_puts(&b, " ");
        ls_buf_puts(&b, t->columns[c].decl);
      }
      ls_buf_puts(&b, t->constraints);
      ls_buf_puts(&b, ")");
      ls_buf_puts(&b, t->options);
      ls_buf_puts(&b, ";");
      continue;
    }
    for (size_t c = 0; c < t->ncolumns; c++) {
      if (t->columns[c].since <= from) continue;
      ls_buf_printf(&b, "ALTER TABLE %s ADD COLUMN %s %s;", t->name, t->columns[c].name,
                    t->columns[c].decl);
    }
  }
  for (size_t i = 0; i < ls__nindexes; i++) {
    if (ls__indexes[i].since <= from) continue;
    ls_buf_printf(&b, "CREATE INDEX %s ON %s(%s);", ls__indexes[i].name, ls__indexes[i].table,
                  ls__indexes[i].columns);
  }
  ls_buf_printf(&b, "PRAGMA user_version=%d;", LS_SCHEMA_VERSION);
  return b.data; /* the caller frees it */
}
