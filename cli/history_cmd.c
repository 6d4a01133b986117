/* history_cmd.c: `lagscan history`: the runs recorded in the database, with
 * how many findings each one opened and fixed and how many stayed open, and
 * the findings themselves (open, fixed, new) with when they were first and
 * last seen. Text for people, JSON (common.h, ls_json) for scripts. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "options.h"
#include "scan.h"

#define DEFAULT_RUNS 10 /* runs shown without -n */

/* Ids of the options (what cli_next returns). */
enum { OPT_DB = 1, OPT_RUNS, OPT_OPEN, OPT_FIXED, OPT_NEW, OPT_ALL, OPT_FORMAT };
enum { OPT_ROOT = 100 };

static const cli_option history_options[] = {
    {"db", 0, "PATH", "the database (default .lagscan/lagscan.db under the project root)",
     OPT_DB},
    {"root", 0, "DIR", "the project root (default: found as by 'lagscan scan': the nearest "
     "directory upward with a .lagscan.yml, else the git top level, else the current "
     "directory)", OPT_ROOT},
    {"runs", 'n', "N", "show the last N runs (default 10; 0: all)", OPT_RUNS},
    {"open", 0, NULL, "list the findings open now", OPT_OPEN},
    {"fixed", 0, NULL, "list the findings fixed by the runs shown", OPT_FIXED},
    {"new", 0, NULL, "list the findings opened by the runs shown", OPT_NEW},
    {"all", 0, NULL, "every program in the database (default: the program of the latest run: "
     "its compilation database or files)", OPT_ALL},
    {"format", 0, "FORMAT", "text (default) or json", OPT_FORMAT},
    CLI_OPTIONS_END,
};

static const cli_group history_groups[] = {
    {"options:", NULL, history_options},
    CLI_GROUPS_END,
};

static const char *const history_synopsis[] = {
    "history [--db PATH] [--root DIR] [-n N] [--open] [--fixed] [--new] [--all] [--format text|json]",
    NULL,
};

const cli_command history_command = {
    "history",
    history_synopsis,
    "Shows the last runs of 'lagscan scan' and 'lagscan baseline' recorded in the database, "
    "oldest first: when each ran, what it analyzed, how many findings it saw, opened (new) and "
    "fixed, and how many were open after it. A finding is fixed when a run that analyzed "
    "every translation unit no longer finds it; a run narrowed with FILE... under -p only "
    "fixes findings in those files.",
    history_groups,
    "Dates are UTC. exit status: 0, or 2 on a usage error or an unreadable database\n",
    0,
};

/* "2024-06-01 12:00:00" (UTC), or with `iso` "2024-06-01T12:00:00Z". */
static const char *date(int64_t t, int iso, char buf[32]) {
  time_t tt = (time_t)t;
  struct tm tm;
  if (!t || !gmtime_r(&tt, &tm)) return iso ? "" : "-";
  strftime(buf, 32, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

/* Writes s with control characters escaped, as the text report does. */
static void put_clean(const char *s) {
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f) printf("\\x%02x", *p);
    else putchar(*p);
  }
}

/* ---- text ----------------------------------------------------------------- */

static void text_runs(const ls_history *h, int all) {
  if (all)
    printf("history of every program in '%s' (%zu run%s shown)\n\n", h->db_path, h->nruns,
           h->nruns == 1 ? "" : "s");
  else {
    fputs("history of ", stdout);
    put_clean(h->program_label);
    printf(" in '%s' (%zu run%s shown)\n\n", h->db_path, h->nruns, h->nruns == 1 ? "" : "s");
  }
  printf("%5s  %-19s  %6s  %6s  %6s  %8s  %5s  %5s  %5s\n", "run", "finished (UTC)", "TUs",
         "parsed", "failed", "findings", "new", "fixed", "open");
  for (size_t i = 0; i < h->nruns; i++) {
    const ls_history_run *r = &h->runs[i];
    char buf[32];
    printf("%5lld  %-19s  %6lld  %6lld  %6lld  %8lld  %5lld  %5lld  %5lld",
           (long long)r->id, date(r->ended_at, 0, buf), (long long)r->tus_total,
           (long long)r->tus_parsed, (long long)r->tus_failed, (long long)r->nfindings,
           (long long)r->nnew, (long long)r->nfixed, (long long)r->nopen);
    if (r->scope) {
      if (r->nscope == 1) {
        fputs("  narrowed to ", stdout);
        put_clean(r->scope[0]);
      } else {
        printf("  narrowed to %zu files", r->nscope);
      }
    }
    if (!r->complete) fputs("  (TUs failed: nothing marked fixed)", stdout);
    if (all) {
      fputs("  ", stdout);
      put_clean(r->program_label);
    }
    putchar('\n');
  }
}

static void text_finding(const ls_history_finding *f) {
  char b1[32], b2[32], b3[32];
  fputs("  ", stdout);
  put_clean(f->path);
  printf(":%lld: [", (long long)f->line);
  put_clean(f->rule);
  fputs("] ", stdout);
  put_clean(f->message);
  fputs("\n    ", stdout);
  if (f->function) {
    fputs("in '", stdout);
    put_clean(f->function);
    fputs("', ", stdout);
  }
  printf("first seen %s (run %lld), last seen %s (run %lld)", date(f->first_seen, 0, b1),
         (long long)f->first_run, date(f->last_seen, 0, b2), (long long)f->last_run);
  if (f->fixed_run)
    printf(", fixed %s (run %lld)", date(f->fixed_at, 0, b3), (long long)f->fixed_run);
  else if (f->opened_run != f->first_run)
    printf(", open again since run %lld", (long long)f->opened_run);
  printf(" [%.12s]\n", f->fingerprint ? f->fingerprint : "");
}

/* One section of findings: those `pick` accepts. */
static void text_section(const ls_history *h, const char *title,
                         int (*pick)(const ls_history *, const ls_history_finding *)) {
  size_t n = 0;
  for (size_t i = 0; i < h->nfindings; i++) n += pick(h, &h->findings[i]);
  printf("\n%s findings (%zu):\n", title, n);
  for (size_t i = 0; i < h->nfindings; i++)
    if (pick(h, &h->findings[i])) text_finding(&h->findings[i]);
}

static int is_open(const ls_history *h, const ls_history_finding *f) {
  (void)h;
  return f->fixed_run == 0;
}
static int is_fixed(const ls_history *h, const ls_history_finding *f) {
  return f->fixed_run && f->fixed_run >= h->runs[0].id;
}
static int is_new(const ls_history *h, const ls_history_finding *f) {
  return f->opened_run >= h->runs[0].id;
}

static void write_text(const ls_history *h, const ls_history_query *q) {
  if (!h->nruns) {
    printf("no runs recorded in '%s' yet\n", h->db_path);
    return;
  }
  text_runs(h, q->all_programs);
  if (q->select & LS_HISTORY_OPEN) text_section(h, "open", is_open);
  if (q->select & LS_HISTORY_FIXED) text_section(h, "fixed", is_fixed);
  if (q->select & LS_HISTORY_NEW) text_section(h, "new", is_new);
  if (!q->all_programs && h->nprograms > 1)
    printf("\n%zu other program%s in this database: --all shows every one\n", h->nprograms - 1,
           h->nprograms == 2 ? "" : "s");
}

/* ---- json ----------------------------------------------------------------- */

static void gen_int(ls_json *g, const char *k, int64_t v) {
  ls_json_key(g, k);
  ls_json_int(g, (long long)v);
}

/* {"run": N, "time": "..."} */
static void gen_when(ls_json *g, const char *k, int64_t run, int64_t t) {
  char buf[32];
  ls_json_key(g, k);
  ls_json_map(g);
  gen_int(g, "run", run);
  ls_json_key(g, "time");
  ls_json_str(g, date(t, 1, buf));
  ls_json_end_map(g);
}

static void json_run(ls_json *g, const ls_history_run *r) {
  char buf[32];
  ls_json_map(g);
  gen_int(g, "id", r->id);
  ls_json_key(g, "program");
  ls_json_str(g, r->program_label);
  ls_json_key(g, "started_at");
  ls_json_str(g, date(r->started_at, 1, buf));
  ls_json_key(g, "ended_at");
  ls_json_str(g, date(r->ended_at, 1, buf));
  ls_json_key(g, "command_line");
  ls_json_str(g, r->command_line);
  ls_json_key(g, "inputs_hash");
  ls_json_str(g, r->inputs_hash);
  ls_json_key(g, "scope");
  if (r->scope) {
    ls_json_array(g);
    for (size_t i = 0; i < r->nscope; i++) ls_json_str(g, r->scope[i]);
    ls_json_end_array(g);
  } else {
    ls_json_null(g);
  }
  ls_json_key(g, "complete");
  ls_json_bool(g, r->complete);
  ls_json_key(g, "translation_units");
  ls_json_map(g);
  gen_int(g, "total", r->tus_total);
  gen_int(g, "parsed", r->tus_parsed);
  gen_int(g, "unchanged", r->tus_cached);
  gen_int(g, "failed", r->tus_failed);
  ls_json_end_map(g);
  gen_int(g, "findings", r->nfindings);
  gen_int(g, "new", r->nnew);
  gen_int(g, "fixed", r->nfixed);
  gen_int(g, "open", r->nopen);
  ls_json_end_map(g);
}

static void json_finding(ls_json *g, const ls_history *h, const ls_history_finding *f) {
  ls_json_map(g);
  ls_json_key(g, "fingerprint");
  ls_json_str(g, f->fingerprint);
  ls_json_key(g, "rule");
  ls_json_str(g, f->rule);
  ls_json_key(g, "path");
  ls_json_str(g, f->path);
  gen_int(g, "line", f->line);
  ls_json_key(g, "function");
  ls_json_str(g, f->function);
  ls_json_key(g, "callee");
  ls_json_str(g, f->callee);
  ls_json_key(g, "loop_callback");
  ls_json_str(g, f->root);
  ls_json_key(g, "message");
  ls_json_str(g, f->message);
  ls_json_key(g, "state");
  ls_json_str(g, f->fixed_run ? "fixed" : "open");
  ls_json_key(g, "new");
  ls_json_bool(g, is_new(h, f));
  gen_when(g, "first_seen", f->first_run, f->first_seen);
  gen_when(g, "last_seen", f->last_run, f->last_seen);
  gen_int(g, "open_since_run", f->opened_run);
  if (f->fixed_run) {
    gen_when(g, "fixed", f->fixed_run, f->fixed_at);
  } else {
    ls_json_key(g, "fixed");
    ls_json_null(g);
  }
  ls_json_end_map(g);
}

/* {"version": 1, "database", "program", "runs": [...], "findings": [...]} */
static int write_json(const ls_history *h) {
  ls_json json;
  ls_json *g = &json;
  ls_json_init(g, stdout, "    ");
  ls_json_map(g);
  gen_int(g, "version", 1);
  ls_json_key(g, "database");
  ls_json_str(g, h->db_path);
  ls_json_key(g, "program");
  ls_json_str(g, h->program_label);
  ls_json_key(g, "runs");
  ls_json_array(g);
  for (size_t i = 0; i < h->nruns; i++) json_run(g, &h->runs[i]);
  ls_json_end_array(g);
  ls_json_key(g, "findings");
  ls_json_array(g);
  for (size_t i = 0; i < h->nfindings; i++) json_finding(g, h, &h->findings[i]);
  ls_json_end_array(g);
  ls_json_end_map(g);
  int rc = ls_json_finish(g);
  putchar('\n');
  return rc ? -1 : 0;
}

int cmd_history(int argc, char **argv) {
  ls_history_query q = {NULL, 0, DEFAULT_RUNS, 0};
  const char *format = "text", *root_opt = NULL;
  cli_parser p;
  cli_parser_init(&p, &history_command, NULL, argc, argv);
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_DB: q.db_path = optarg; break;
    case OPT_ROOT: root_opt = optarg; break;
    case OPT_RUNS: {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (!*optarg || *end || v < 0) {
        cli_error("-n needs a number of runs (0 for all), not '%s'", optarg);
        return LS_EXIT_ERROR;
      }
      q.max_runs = (size_t)v;
      break;
    }
    case OPT_OPEN: q.select |= LS_HISTORY_OPEN; break;
    case OPT_FIXED: q.select |= LS_HISTORY_FIXED; break;
    case OPT_NEW: q.select |= LS_HISTORY_NEW; break;
    case OPT_ALL: q.all_programs = 1; break;
    case OPT_FORMAT: format = optarg; break;
    case CLI_HELPED: return LS_EXIT_CLEAN;
    default: return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
    }
  }
  if (optind < argc) {
    cli_error("history takes no arguments ('%s')", argv[optind]);
    return LS_EXIT_ERROR;
  }
  int json = !strcmp(format, "json");
  if (!json && strcmp(format, "text") != 0) {
    cli_error("unknown format '%s' (text or json)", format);
    return LS_EXIT_ERROR;
  }
  char *err = NULL, *root = NULL, *db = NULL, cwd[PATH_MAX];
  if (!q.db_path) {
    /* The scans' database (ls_scan_locate), named from here when under here. */
    if (ls_scan_locate(root_opt, NULL, &root, &db, &err) != 0) {
      cli_error("%s", err);
      free(err);
      return LS_EXIT_ERROR;
    }
    const char *rel = getcwd(cwd, sizeof cwd) ? ls_path_under(db, cwd) : NULL;
    q.db_path = rel ? rel : db;
  }
  ls_history h;
  int loaded = ls_history_load(&q, &h, &err);
  free(root);
  if (loaded != 0) {
    free(db);
    cli_error("%s", err);
    free(err);
    ls_history_free(&h);
    return LS_EXIT_ERROR;
  }
  int bad = json ? write_json(&h) != 0 : 0;
  if (!json) write_text(&h, &q);
  ls_history_free(&h);
  free(db);
  if (bad || fflush(stdout) != 0 || ferror(stdout)) {
    cli_error("cannot write the history to standard output");
    return LS_EXIT_ERROR;
  }
  return LS_EXIT_CLEAN;
}
