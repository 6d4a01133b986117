/* scan.c: runs the pipeline for `lagscan scan` and `lagscan baseline`
 * (scan.h, ls_scan): inputs -> cached or extracted TUs -> the program's
 * facts -> graph -> findings. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "scan.h"

#include "programs.h"
#include "workers.h"

static int cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

static void add_note(ls_report *r, const char *path, const char *msg, int fatal) {
  r->notes = ls_xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
  r->notes[r->nnotes++] = (ls_notification){ls_xstrdup(path), ls_xstrdup(msg), fatal};
}

int ls_scan_locate(const char *root_opt, const char *db_opt, char **root, char **db,
                   char **err) {
  *db = NULL;
  if (ls_project_root(root_opt, root, err) != 0) return -1;
  if (!db_opt) {
    *db = ls_path_join(*root, LS_DEFAULT_DB);
    return 0;
  }
  char cwd[PATH_MAX];
  if (db_opt[0] != '/' && !getcwd(cwd, sizeof cwd)) {
    *err = ls_xasprintf("cannot get the current directory: %s", strerror(errno));
    free(*root);
    *root = NULL;
    return -1;
  }
  *db = ls_path_join(db_opt[0] == '/' ? NULL : cwd, db_opt);
  return 0;
}

/* Whether findings of `rule_id` at `path` are disabled (--disable, or the
 * configuration's disable: and overrides:). */
static int disabled(const ls_scan_options *opt, const ls_config *cfg, const char *rule_id,
                    const char *path) {
  for (int i = 0; i < opt->ndisable; i++)
    if (strcmp(opt->disable[i], rule_id) == 0) return 1;
  return ls_config_disabled(cfg, rule_id, path);
}

/* Drops the findings of disabled rules, after they are built (the report
 * model is the findings stage's; this only removes whole findings). Paths
 * are as reported: relative to the root when under it, as exclude: sees
 * them. */
static void drop_disabled(const ls_scan_options *opt, const ls_config *cfg, ls_report *r) {
  size_t keep = 0;
  for (size_t i = 0; i < r->nfindings; i++) {
    ls_finding *f = &r->findings[i];
    if (!disabled(opt, cfg, f->rule_id, f->loc.path)) {
      r->findings[keep++] = *f;
      continue;
    }
    /* A report of this one finding, moved to its own allocation, frees
     * exactly what the finding owns. */
    ls_report one = {0};
    one.findings = ls_xmalloc(sizeof *f);
    *one.findings = *f;
    one.nfindings = 1;
    ls_report_free(&one);
  }
  r->nfindings = keep;
}

/* A FILE of a narrowed run that no TU compiles or includes narrows the
 * report to nothing: it is named as not analyzed (exit status 2). The
 * program's file table holds every TU's main file and every file a TU
 * included. */
static void unknown_files(ls_report *r, const ls_tu_list *tus, const ls_program *prog,
                          char *const *only, size_t nonly) {
  if (!nonly) return;
  ls_strmap known = {0};
  for (size_t i = 0; i < tus->len; i++) ls_strmap_put(&known, tus->items[i].file, 0, NULL);
  for (uint32_t i = 0; i < prog->nfiles; i++)
    if (prog->file_path[i]) ls_strmap_put(&known, prog->file_path[i], 0, NULL);
  for (size_t i = 0; i < nonly; i++)
    if (!ls_strmap_get(&known, only[i]))
      add_note(r, only[i],
               "not in the compilation database: no translation unit compiles or includes it, "
               "so nothing in it was analyzed",
               1);
  ls_strmap_free(&known);
}

/* An entry of one's own packs that matches nothing, while they are gathered. */
typedef struct unmatched {
  const ls_pack_site *site;
  const char *name;
  size_t order; /* the catalogue's: names on one line stay as written */
} unmatched;
typedef LS_VEC(unmatched) unmatched_list;

static void add_unmatched(void *ctx, const ls_pack_site *site, const char *name) {
  unmatched_list *v = ctx;
  unmatched u = {site, name, v->len};
  LS_VEC_PUSH(v, u);
}

static int cmp_unmatched(const void *a, const void *b) {
  const unmatched *x = a, *y = b;
  int r = strcmp(x->site->file, y->site->file);
  if (!r) r = (x->site->line > y->site->line) - (x->site->line < y->site->line);
  if (!r) r = (x->order > y->order) - (x->order < y->order);
  return r;
}

static int same_warning(const unmatched *x, const unmatched *y) {
  return !strcmp(x->site->file, y->site->file) && x->site->line == y->site->line &&
         !strcmp(x->name, y->name);
}

/* Warnings for the entries of one's own packs (--rules, the configuration's
 * rules:) that match nothing in the program, by file and line, each once. */
static void pack_warnings(ls_report *r, const ls_graph *g) {
  unmatched_list v = {0};
  ls_graph_unmatched(g, add_unmatched, &v);
  if (v.len) qsort(v.items, v.len, sizeof *v.items, cmp_unmatched);
  r->pack_warnings = ls_xcalloc(v.len + 1, sizeof(char *));
  for (size_t i = 0; i < v.len; i++) {
    if (i && same_warning(&v.items[i - 1], &v.items[i])) continue;
    r->pack_warnings[r->npack_warnings++] =
        ls_xasprintf("%s:%u: '%s' matches nothing in the program", v.items[i].site->file,
                     v.items[i].site->line, v.items[i].name);
  }
  LS_VEC_FREE(&v);
}

typedef struct tu_at {
  int64_t id;
  char *path;
  size_t index; /* in the scan's inputs */
} tu_at;

static int cmp_tu_at(const void *a, const void *b) {
  size_t x = ((const tu_at *)a)->index, y = ((const tu_at *)b)->index;
  return x < y ? -1 : x > y;
}

/* Orders ids and their paths by the inputs' order (order[i]: the index in
 * the scan's inputs of id i's TU). */
static void sort_by_input(int64_t *ids, char **paths, size_t n, const size_t *order) {
  tu_at *v = ls_xcalloc(n + 1, sizeof *v);
  for (size_t i = 0; i < n; i++) v[i] = (tu_at){ids[i], paths[i], order[i]};
  qsort(v, n, sizeof *v, cmp_tu_at);
  for (size_t i = 0; i < n; i++) ids[i] = v[i].id, paths[i] = v[i].path;
  free(v);
}

/* One program's graph and findings, into `report`; with `warn`, also the
 * warnings for one's own packs' entries that match nothing in it. */
static int analyze(const ls_scan_options *opt, const ls_program *prog, const ls_catalogue *cat,
                   const ls_findings_options *fo, ls_report *report, int warn, char **err) {
  ls_graph g;
  if (ls_graph_build(&g, prog, cat, err) != 0) return -1;
  if (warn) pack_warnings(report, &g);
  if (opt->graph_visitor) opt->graph_visitor(opt->graph_visitor_ctx, &g, fo);
  int fr = ls_findings_build(&g, fo, report, err);
  ls_graph_free(&g);
  return fr;
}

/* Each program of the build on its own (or only --program's), their
 * reports merged: a file two programs share reports its findings once.
 * The report lists the programs. */
static int analyze_programs(const ls_scan_options *opt, ls_store *store,
                            const ls_build_programs *programs, const int64_t *ids,
                            const ls_catalogue *cat, const ls_findings_options *fo,
                            ls_report *report, char **err) {
  const ls_build_program *only = NULL;
  if (opt->program) {
    for (size_t i = 0; i < programs->len && !only; i++)
      if (!strcmp(programs->items[i].name, opt->program)) only = &programs->items[i];
    if (!only) {
      ls_buf names = {0};
      for (size_t i = 0; i < programs->len; i++)
        ls_buf_printf(&names, "%s%s", i ? ", " : "", programs->items[i].name);
      *err = ls_xasprintf("no program named '%s' in this build; its programs: %s", opt->program,
                          ls_buf_str(&names));
      ls_buf_free(&names);
      return -1;
    }
  }
  report->programs = ls_xcalloc(programs->len + 1, sizeof *report->programs);
  int merged = 0;
  for (size_t i = 0; i < programs->len; i++) {
    const ls_build_program *bp = &programs->items[i];
    report->programs[report->nprograms++] = (ls_program_info){ls_xstrdup(bp->name), bp->ntus};
    if (only && bp != only) continue;
    int64_t *sub = ls_xcalloc(bp->ntus + 1, sizeof *sub);
    for (size_t k = 0; k < bp->ntus; k++) sub[k] = ids[bp->tus[k]];
    ls_program prog;
    int rc = ls_store_load_program(store, sub, bp->ntus, &prog, err);
    free(sub);
    if (rc != 0) return -1;
    ls_report one = {0};
    rc = analyze(opt, &prog, cat, fo, &one, 0, err);
    ls_program_free(&prog);
    if (rc != 0) {
      ls_report_free(&one);
      return -1;
    }
    ls_report_merge(report, &one, !merged++);
    ls_report_free(&one);
  }
  ls_report_sort(report);
  return 0;
}

/* The programs the build directory's own metadata says the build links
 * (CMake's File API, meson's introspection, bear's events); 0 when there
 * is none, or it names none of the scan's TUs: then they are inferred. A
 * broken metadata file is a note in the report, and the programs are
 * inferred: nothing else is lost. */
static int programs_of_build(const ls_scan_options *opt, ls_report *report, const ls_program *all,
                             char *const *tu_paths, size_t ntus, ls_build_programs *out) {
  if (!opt->build_dir) return 0;
  char buf[PATH_MAX], *err = NULL;
  const char *dir = realpath(opt->build_dir, buf) ? buf : opt->build_dir;
  ls_build_targets targets;
  if (ls_build_targets_read(dir, &targets, &err) != 0) {
    char *why = ls_xasprintf("%s; the programs are inferred from the code instead", err);
    add_note(report, dir, why, 0);
    free(why);
    free(err);
    return 0;
  }
  int found = targets.len && ls_programs_from_targets(&targets, all, tu_paths, ntus, out);
  if (found) report->programs_from = ls_xstrdup(targets.source);
  ls_build_targets_free(&targets);
  return found;
}

int ls_scan(const ls_scan_options *opt, ls_report *report, char **err) {
  memset(report, 0, sizeof *report);
  report->tool_version = LAGSCAN_VERSION;
  report->start_time = (int64_t)time(NULL);
  report->command_line = opt->command_line ? ls_xstrdup(opt->command_line) : NULL;
  char *root = NULL, *db_abs = NULL;
  if (ls_scan_locate(opt->root, opt->db_path, &root, &db_abs, err) != 0) {
    ls_report_free(report);
    return -1;
  }
  report->srcroot = root;

  ls_tu_list tus = {0};
  char **only = NULL;
  size_t nonly = 0;
  int rc = -1;
  ls_catalogue *cat = NULL;
  ls_store *store = NULL;
  ls_program prog = {0};
  const ls_tu_input **readable = NULL;
  ls_tu_reuse *reuse = NULL;
  ls_extract_job *jobs = NULL;
  ls_config config = {0};
  int64_t *ids = NULL;
  char **tu_paths = NULL; /* the main file of the TU of each id, borrowed */
  size_t *tu_order = NULL; /* the index in tus of the TU of each id */
  ls_build_programs programs = {0};
  size_t njobs = 0, nids = 0;

  if (opt->build_dir) {
    if (ls_inputs_from_compdb(opt->build_dir, &tus, err) != 0) goto out;
    only = ls_xcalloc((size_t)opt->nfiles + 1, sizeof(char *));
    for (int i = 0; i < opt->nfiles; i++) {
      char buf[PATH_MAX];
      only[nonly++] = ls_xstrdup(realpath(opt->files[i], buf) ? buf : opt->files[i]);
    }
  } else if (ls_inputs_from_files(opt->files, opt->nfiles, opt->flags, opt->nflags, &tus, err) !=
             0) {
    goto out;
  }
  if (!tus.len) {
    /* Nothing would be analyzed: an error, not a clean report. */
    *err = opt->build_dir ? ls_xasprintf("nothing to scan: '%s/compile_commands.json' has no "
                                         "translation units", opt->build_dir)
                          : ls_xstrdup("nothing to scan: none of the files is a C translation "
                                       "unit");
    goto out;
  }
  if (ls_config_load_root(opt->config_path, report->srcroot, &config, err) != 0) goto out;
  {
    /* Packs named by the configuration, then by --rules. */
    size_t nextra = config.nrules + (size_t)opt->nrule_files;
    char **extra = ls_xcalloc(nextra + 1, sizeof(char *));
    for (size_t i = 0; i < config.nrules; i++) extra[i] = config.rules[i];
    for (int i = 0; i < opt->nrule_files; i++) extra[config.nrules + (size_t)i] = opt->rule_files[i];
    int lr = ls_rules_load(extra, (int)nextra, &cat, err);
    free(extra);
    if (lr != 0) goto out;
  }
  ls_config_apply(&config, cat);
  /* Workers chdir to each TU's directory: they need the database's absolute path. */
  if (ls_store_open(db_abs, &store, err) != 0) goto out;

  /* Which TUs can be reused? */
  jobs = ls_xcalloc(tus.len + 1, sizeof *jobs);
  ids = ls_xcalloc(tus.len + 1, sizeof *ids);
  tu_paths = ls_xcalloc(tus.len + 1, sizeof *tu_paths);
  tu_order = ls_xcalloc(tus.len + 1, sizeof *tu_order);
  readable = ls_xcalloc(tus.len + 1, sizeof *readable);
  size_t nreadable = 0;
  for (size_t i = 0; i < tus.len; i++) {
    if (access(tus.items[i].file, R_OK) != 0) {
      /* Missing or unreadable: reported, not parsed, and the rest goes on. */
      char *why = ls_xasprintf("cannot read the source: %s", strerror(errno));
      add_note(report, tus.items[i].file, why, 1);
      free(why);
      report->tus_failed++;
      continue;
    }
    readable[nreadable++] = &tus.items[i];
  }
  reuse = ls_xcalloc(nreadable + 1, sizeof *reuse);
  if (ls_store_unchanged_all(store, readable, nreadable, reuse, err) != 0) goto out;
  for (size_t i = 0; i < nreadable; i++) {
    if (!reuse[i].unchanged) {
      jobs[njobs++].input = readable[i];
      continue;
    }
    tu_paths[nids] = readable[i]->file;
    tu_order[nids] = (size_t)(readable[i] - tus.items);
    ids[nids++] = reuse[i].id;
    report->tus_cached++;
    if (reuse[i].status == LS_TU_ERRORS) {
      char *m = NULL;
      if (ls_store_tu_message(store, reuse[i].id, &m, err) != 0) goto out;
      add_note(report, readable[i]->file, m ? m : "parsed with errors", 0);
      free(m);
    }
  }
  report->tus_total = tus.len;

  ls_extract_options xo = {ls_store_path(store), opt->jobs > 0 ? opt->jobs : cores(),
                           opt->tu_timeout_s > 0 ? opt->tu_timeout_s : 300, opt->progress,
                           report->tus_cached, tus.len};
  if (njobs && ls_extract_all(jobs, njobs, &xo, err) != 0) goto out;
  for (size_t i = 0; i < njobs; i++) {
    ls_extract_job *j = &jobs[i];
    if (j->status == LS_TU_FAILED || !j->tu_id) {
      report->tus_failed++;
      add_note(report, j->input->file, j->message ? j->message : "could not be analyzed", 1);
      continue;
    }
    report->tus_parsed++;
    tu_paths[nids] = j->input->file;
    tu_order[nids] = (size_t)(j->input - tus.items);
    ids[nids++] = j->tu_id;
    if (j->status == LS_TU_ERRORS)
      add_note(report, j->input->file, j->message ? j->message : "parsed with errors", 0);
  }

  /* The TUs in the compilation database's order, whichever were parsed
   * again: the programs' names (NAME-2 for a main compiled twice) follow it. */
  sort_by_input(ids, tu_paths, nids, tu_order);

  /* The run's identity for the history (record.c), from the TUs at hand. */
  if (ls_store_inputs_hash(store, &tus, report->inputs_hash, err) != 0) goto out;
  if (ls_store_load_program(store, ids, nids, &prog, err) != 0) goto out;
  unknown_files(report, &tus, &prog, only, nonly);
  if (!programs_of_build(opt, report, &prog, tu_paths, nids, &programs))
    ls_programs_infer(&prog, tu_paths, report->srcroot, &programs);
  if (programs.len > 1 && (opt->nrule_files || config.nrules)) {
    /* one's own packs are checked against the whole build */
    ls_graph whole;
    if (ls_graph_build(&whole, &prog, cat, err) != 0) goto out;
    pack_warnings(report, &whole);
    ls_graph_free(&whole);
  }
  ls_findings_options fo = {report->srcroot, only, nonly, &config,
                            opt->report_unused_suppressions};
  if (programs.len == 1 && !opt->program) {
    if (analyze(opt, &prog, cat, &fo, report, 1, err) != 0) goto out;
  } else if (analyze_programs(opt, store, &programs, ids, cat, &fo, report, err) != 0) {
    goto out;
  }
  drop_disabled(opt, &config, report);

  report->rules = ls_xcalloc(cat->nrules + 1, sizeof(ls_rule_info));
  memcpy(report->rules, cat->rules, cat->nrules * sizeof(ls_rule_info));
  report->nrules = cat->nrules;
  report->catalogue = cat;
  cat = NULL;
  report->end_time = (int64_t)time(NULL);
  rc = 0;
out:
  if (rc != 0) ls_report_free(report); /* nothing half-built is handed back */
  for (size_t i = 0; i < njobs; i++) free(jobs[i].message);
  free(jobs);
  free(ids);
  free(tu_paths);
  free(tu_order);
  ls_build_programs_free(&programs);
  ls_store_close(store);
  ls_program_free(&prog);
  free(readable);
  free(reuse);
  free(db_abs);
  if (cat) ls_rules_free(cat);
  ls_config_free(&config);
  ls_free_strings(only, nonly);
  ls_tu_list_free(&tus);
  return rc;
}
