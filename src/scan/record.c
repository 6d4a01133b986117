/* record.c: what a run is, for the history (scan.h, ls_scan_record): its
 * program, its scope and whether it was complete. The store keeps the books
 * (store.h, ls_history_record).
 *
 * A finding belongs to a program: the compilation database a run read
 * (-p BUILD_DIR), or the set of files it parsed (FILE... -- FLAGS). A run
 * speaks for the whole program, or, narrowed with FILE... under -p, for
 * those files only; a run in which a TU failed proves nothing about what it
 * did not see, so it fixes nothing.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scan.h"

#define LABEL_FILES 3 /* files named in a program's label */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `files` made absolute, sorted and without duplicates (heap strings). */
static char **absolute_set(char *const *files, int nfiles, const char *cwd, size_t *n) {
  char **v = ls_xcalloc((size_t)nfiles + 1, sizeof(char *));
  for (int i = 0; i < nfiles; i++) v[i] = ls_path_absolute(files[i], cwd);
  qsort(v, (size_t)nfiles, sizeof(char *), cmp_str);
  size_t out = 0;
  for (int i = 0; i < nfiles; i++) {
    if (out && strcmp(v[out - 1], v[i]) == 0) {
      free(v[i]);
      continue;
    }
    v[out++] = v[i];
  }
  *n = out;
  return v;
}


/* What a run scanned: with -p, the compilation database's directory; else
 * the set of files parsed, whatever the flags. Sets the key and a label. */
static void program_of(const ls_scan_options *opt, const char *cwd, char **key, char **label) {
  if (opt->build_dir) {
    char *dir = ls_path_absolute(opt->build_dir, cwd);
    *key = ls_xasprintf("compdb:%s", dir);
    *label = ls_xasprintf("%s/compile_commands.json", dir);
    free(dir);
    return;
  }
  size_t n = 0;
  char **files = absolute_set(opt->files, opt->nfiles, cwd, &n);
  char *all = ls_join(files, n, "\n");
  char digest[65];
  ls_sha256_hex(all, strlen(all), digest);
  *key = ls_xasprintf("files:%s", digest);
  char *named = ls_join(files, n < LABEL_FILES ? n : LABEL_FILES, ", ");
  if (n > LABEL_FILES)
    *label = ls_xasprintf("%s and %zu more", named, n - LABEL_FILES);
  else
    *label = ls_xstrdup(named);
  free(named);
  free(all);
  ls_free_strings(files, n);
}

/* The same for a run whose report does not carry it: the TUs read again. */
static int inputs_hash(ls_store *s, const ls_scan_options *opt, char out[65], char **err) {
  ls_tu_list tus = {0};
  int r = opt->build_dir
              ? ls_inputs_from_compdb(opt->build_dir, &tus, err)
              : ls_inputs_from_files(opt->files, opt->nfiles, opt->flags, opt->nflags, &tus, err);
  if (r == 0) r = ls_store_inputs_hash(s, &tus, out, err);
  ls_tu_list_free(&tus);
  return r;
}

int ls_scan_record(const ls_scan_options *opt, const ls_report *report, int64_t *run_id,
                   char **err) {
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    return -1;
  }
  /* The database of the scan (ls_scan_locate), whatever the directory. */
  char *root = NULL, *db_abs = NULL;
  if (ls_scan_locate(opt->root, opt->db_path, &root, &db_abs, err) != 0) return -1;
  free(root);
  ls_store *store = NULL;
  char *e = NULL;
  if (ls_store_open(db_abs, &store, &e) != 0) {
    *err = e;
    free(db_abs);
    return -1;
  }
  char hash[65];
  if (report->inputs_hash[0]) {
    memcpy(hash, report->inputs_hash, sizeof hash);
  } else if (inputs_hash(store, opt, hash, &e) != 0) {
    *err = ls_xasprintf("cannot record the run in '%s': %s", db_abs, e);
    free(e);
    ls_store_close(store);
    free(db_abs);
    return -1;
  }
  ls_history_entry entry = {0};
  char *program, *label;
  program_of(opt, cwd, &program, &label);
  entry.program = program;
  entry.program_label = label;
  /* FILE... under -p narrows the report, so the run speaks for those files
   * only: it reports every finding whose blocking call is in them (and more:
   * those whose path or registration is), so a finding with its blocking
   * call there that it did not see is gone; one elsewhere may only have
   * lost its path through them, and the scope (the blocking call's file,
   * history.c) leaves it open. */
  char **scope = NULL;
  size_t nscope = 0;
  if (opt->build_dir && opt->nfiles > 0) scope = absolute_set(opt->files, opt->nfiles, cwd, &nscope);
  entry.scope = scope;
  entry.nscope = nscope;
  /* A run of one program of the build (--program) did not look at the
   * others: it fixes nothing. */
  entry.complete = report->tus_failed == 0 && !opt->program;
  for (size_t i = 0; i < report->nnotes; i++)
    if (report->notes[i].fatal) entry.complete = 0;
  entry.started_at = report->start_time;
  entry.ended_at = report->end_time;
  entry.command_line = report->command_line;
  entry.inputs_hash = hash;
  entry.tus_total = (int64_t)report->tus_total;
  entry.tus_parsed = (int64_t)report->tus_parsed;
  entry.tus_cached = (int64_t)report->tus_cached;
  entry.tus_failed = (int64_t)report->tus_failed;
  ls_history_seen *seen = ls_xcalloc(report->nfindings + 1, sizeof *seen);
  char **abspaths = ls_xcalloc(report->nfindings + 1, sizeof *abspaths);
  size_t nseen = 0;
  for (size_t i = 0; i < report->nfindings; i++) {
    const ls_finding *f = &report->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    const char *path = f->loc.path ? f->loc.path : "";
    abspaths[nseen] = ls_path_join(report->srcroot, path);
    seen[nseen] = (ls_history_seen){f->fingerprint, f->rule_id, path,      abspaths[nseen],
                                    f->function,    f->callee,  f->root,   f->message,
                                    f->loc.line};
    nseen++;
  }
  entry.seen = seen;
  entry.nseen = nseen;
  int rc = ls_history_record(store, &entry, run_id, err);
  ls_free_strings(abspaths, nseen);
  free(seen);
  ls_free_strings(scope, nscope);
  free(program);
  free(label);
  ls_store_close(store);
  free(db_abs);
  return rc;
}

int ls_scan_run(const ls_scan_request *req, ls_scan_outcome *out, char **err) {
  memset(out, 0, sizeof *out);
  if (ls_scan(&req->scan, &out->report, err) != 0) return -1;
  ls_report *r = &out->report;
  for (size_t i = 0; i < r->nnotes; i++)
    if (r->notes[i].fatal) out->fatal = 1;
  int64_t run = 0;
  if (ls_scan_record(&req->scan, r, &run, &out->history_error) != 0 && !out->history_error)
    out->history_error = ls_xstrdup("cannot record the run");
  if (req->baseline && ls_baseline_apply(r, req->baseline, req->new_only, &out->baseline_error) != 0)
    out->fatal = 1;
  for (size_t i = 0; i < r->nfindings; i++)
    if (r->findings[i].baseline != LS_BASELINE_ABSENT &&
        (!req->new_only || r->findings[i].baseline == LS_BASELINE_NEW))
      out->counted++;
  return 0;
}

void ls_scan_outcome_free(ls_scan_outcome *out) {
  ls_report_free(&out->report);
  free(out->history_error);
  free(out->baseline_error);
  memset(out, 0, sizeof *out);
}
