/* scan_cmd.c: `lagscan scan` and `lagscan baseline`. Both record their run
 * and its findings in the database's history (`lagscan history`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "scan.h"
#include "reports.h"

/* Ids of the options of scan and baseline (what cli_next returns). */
enum { OPT_BUILD_DIR = 1, OPT_DB, OPT_RULES, OPT_CONFIG, OPT_JOBS, OPT_TIMEOUT, OPT_FORMAT,
       OPT_OUTPUT, OPT_BASELINE, OPT_NEW_ONLY, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_VERBOSE };

/* Ids of the CI options (what is said on stderr, and how). */
enum { OPT_QUIET = 200, OPT_COLOR };

/* Ids of the suppression options. */
enum { OPT_REPORT_UNUSED = 300 };

/* Ids of the project options (kept apart from the list above). */
enum { OPT_ROOT = 100, OPT_DISABLE, OPT_PROGRAM };

/* What both commands analyze. */
static const cli_option input_options[] = {
    {NULL, 'p', "BUILD_DIR", "read BUILD_DIR/compile_commands.json (or give that file); FILE... then only narrows "
     "the report to findings in those files (the graph is still the whole program)",
     OPT_BUILD_DIR},
    {NULL, 0, "FILE... -- FLAGS", "without -p: parse each FILE with the compiler FLAGS", 0},
    CLI_OPTIONS_END,
};

/* How both commands analyze it. */
static const cli_option analysis_options[] = {
    {"db", 0, "PATH", "fact database (default .lagscan/lagscan.db under the project root); "
     "unchanged translation units are not parsed again", OPT_DB},
    {"rules", 0, "FILE", "load another rule pack (repeatable; see docs/rule-packs.md)",
     OPT_RULES},
    {"config", 0, "FILE", "project settings (default .lagscan.yml at the project root when "
     "present: sort_bound, rules, exclude, disable, overrides; see docs/configuration.md)",
     OPT_CONFIG},
    {"root", 0, "DIR", "the project root (default: the nearest directory upward with a "
     ".lagscan.yml, else the top of the git work tree, else the current directory); the "
     "default database, the configuration, report paths and fingerprints are relative to it",
     OPT_ROOT},
    {"disable", 0, "RULE", "report no findings of RULE (repeatable; 'lagscan rules' lists the "
     "ids)", OPT_DISABLE},
    {"program", 0, "NAME", "analyze only the program NAME of the build: each file that defines "
     "main starts one, with the files it needs (the text summary lists them); default: each "
     "program on its own, their findings merged", OPT_PROGRAM},
    {"report-unused-suppressions", 0, NULL, "warn about each NOLAGSCAN comment that "
     "suppressed nothing, in the files the findings were looked for in (the exit status "
     "does not change)", OPT_REPORT_UNUSED},
    {"jobs", 'j', "N", "parse N translation units at once (default: cores)", OPT_JOBS},
    {"tu-timeout", 0, "SEC", "give up on a translation unit after SEC seconds (default 300)",
     OPT_TIMEOUT},
    {"progress", 0, NULL, "show progress on stderr (default when stderr is a terminal)",
     OPT_PROGRESS},
    {"no-progress", 0, NULL, "never show progress", OPT_NO_PROGRESS},
    {"verbose", 'v', NULL, "print a summary of the work done on stderr", OPT_VERBOSE},
    {"quiet", 'q', NULL, "say nothing on stderr but errors: no summary line ('lagscan: 3 "
     "findings, written to ...'), no warnings", OPT_QUIET},
    CLI_OPTIONS_END,
};

static const cli_option report_options[] = {
    {"format", 0, "FORMAT", "text (default), sarif, json, html, github (GitHub Actions "
     "annotations) or gitlab (GitLab Code Quality); see docs/output-formats.md", OPT_FORMAT},
    {"output", 'o', "FILE", "write the report to FILE instead of stdout (a regular file is "
     "replaced atomically; /dev/null, a FIFO or '-' is written in place; a symlink is "
     "followed)", OPT_OUTPUT},
    {"color", 0, "WHEN", "colour the text report as clang does: auto (default: when stdout "
     "is a terminal and -o is not given), always or never", OPT_COLOR},
    {"baseline", 0, "FILE", "mark findings new or unchanged against a baseline file",
     OPT_BASELINE},
    {"new-only", 0, NULL, "report only findings not in the baseline", OPT_NEW_ONLY},
    CLI_OPTIONS_END,
};

/* The same ids as report_options: baseline parses what scan parses. */
static const cli_option baseline_output_options[] = {
    {"output", 'o', "FILE", "write the fingerprints to FILE (required)", OPT_OUTPUT},
    {"format", 0, "FORMAT", "accepted as by 'lagscan scan' and not used: the baseline file is "
     "always JSON", OPT_FORMAT},
    {"baseline", 0, "FILE", "accepted as by 'lagscan scan' and not used", OPT_BASELINE},
    {"new-only", 0, NULL, "accepted with --baseline, as by 'lagscan scan', and not used",
     OPT_NEW_ONLY},
    CLI_OPTIONS_END,
};

static const char *const scan_synopsis[] = {
    "scan [-p BUILD_DIR] [--root DIR] [--db PATH] [--rules FILE]... [--disable RULE]... "
    "[--program NAME] [-j N] "
    "[--format text|sarif|html|json|github|gitlab] [-o FILE] [--baseline FILE] [--new-only] "
    "[--color WHEN] [-q] [FILE...] "
    "[-- COMPILER_FLAGS...]",
    NULL,
};

static const cli_group scan_groups[] = {
    {"inputs:", NULL, input_options},
    {"report options:", NULL, report_options},
    {"options:", NULL, analysis_options},
    CLI_GROUPS_END,
};

const cli_command scan_command = {
    "scan",
    scan_synopsis,
    "Parses the program with libclang, builds its whole-program call graph from the callbacks "
    "registered with an event loop, and reports every reachable call that blocks the loop "
    "thread, with the path from the registration.",
    scan_groups,
    "Every run is recorded in the database's history ('lagscan history').\n"
    "\n"
    "exit status: 0 no findings, 1 findings, 2 error (usage, unreadable input, or a\n"
    "translation unit that could not be analyzed; the report is still written)\n",
    1,
};

static const char *const baseline_synopsis[] = {
    "baseline -o FILE [-p BUILD_DIR] [--root DIR] [--db PATH] [--rules FILE]... "
    "[--disable RULE]... [--program NAME] [-j N] [FILE...] "
    "[-- COMPILER_FLAGS...]",
    NULL,
};

static const cli_group baseline_groups[] = {
    {"inputs:", NULL, input_options},
    {"output options:", NULL, baseline_output_options},
    {"options:", NULL, analysis_options},
    CLI_GROUPS_END,
};

const cli_command baseline_command = {
    "baseline",
    baseline_synopsis,
    "Scans like 'lagscan scan' and writes the findings' fingerprints to FILE, a small JSON "
    "file meant to be committed. 'lagscan scan --baseline FILE' then marks each finding new "
    "or unchanged; with --new-only only new ones count.",
    baseline_groups,
    "Every run is recorded in the database's history ('lagscan history').\n"
    "\n"
    "exit status: 0 fingerprints written, 2 error (usage, unreadable input, a\n"
    "translation unit that could not be analyzed, a file that cannot be written)\n",
    1,
};

typedef struct scan_args {
  ls_scan_options scan;
  const char *format;
  const char *output;
  const char *baseline;
  int new_only;
  int verbose;
  int quiet;          /* --quiet: errors only on stderr */
  const char *color;  /* --color: "auto", "always" or "never" */
  char **rules;
  int nrules;
  char **disable;
  int ndisable;
  char **files;
  int nfiles;
} scan_args;

static int parse_int(const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 0 || v > 1000000) return -1;
  *out = (int)v;
  return 0;
}

/* "lagscan scan ARGS...": argv[0] is the subcommand's name. */
static char *join_command_line(int argc, char **argv) {
  size_t n = 8;
  for (int i = 0; i < argc; i++) n += strlen(argv[i]) + 1;
  char *s = malloc(n + 8), *p = s;
  p = stpcpy(p, "lagscan");
  for (int i = 0; i < argc; i++) {
    *p++ = ' ';
    p = stpcpy(p, argv[i]);
  }
  return s;
}

/* Returns -1 on a usage error, 1 after --help, 0 to go on. */
static int parse(int argc, char **argv, const cli_command *cmd, scan_args *a) {
  memset(a, 0, sizeof *a);
  a->scan.progress = isatty(2);
  a->format = "text";
  a->color = "auto";
  /* stop_at_dashdash: everything after the first "--" is compiler flags,
   * never options; p.end is its index (argc without one). */
  cli_parser p;
  cli_parser_init(&p, cmd, NULL, argc, argv);
  int dashdash = p.end;
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_BUILD_DIR:
      if (!(a->scan.build_dir = cli_build_dir(optarg))) return -1;
      break;
    case OPT_DB: a->scan.db_path = optarg; break;
    case OPT_CONFIG: a->scan.config_path = optarg; break;
    case OPT_RULES:
      a->rules = realloc(a->rules, (size_t)(a->nrules + 1) * sizeof(char *));
      a->rules[a->nrules++] = optarg;
      break;
    case OPT_ROOT: a->scan.root = optarg; break;
    case OPT_PROGRAM: a->scan.program = optarg; break;
    case OPT_DISABLE:
      if (!ls_rule_id_known(optarg)) {
        cli_error("--disable: unknown rule '%s' (see 'lagscan rules')", optarg);
        return -1;
      }
      a->disable = realloc(a->disable, (size_t)(a->ndisable + 1) * sizeof(char *));
      a->disable[a->ndisable++] = optarg;
      break;
    case OPT_JOBS:
      if (parse_int(optarg, &a->scan.jobs) || a->scan.jobs < 1) {
        cli_error("-j needs a positive number, not '%s'", optarg);
        return -1;
      }
      break;
    case OPT_TIMEOUT:
      if (parse_int(optarg, &a->scan.tu_timeout_s) || a->scan.tu_timeout_s < 1) {
        cli_error("--tu-timeout needs a positive number of seconds, not '%s'", optarg);
        return -1;
      }
      break;
    case OPT_FORMAT: a->format = optarg; break;
    case OPT_OUTPUT: a->output = optarg; break;
    case OPT_BASELINE: a->baseline = optarg; break;
    case OPT_NEW_ONLY: a->new_only = 1; break;
    case OPT_PROGRESS: a->scan.progress = 1; break;
    case OPT_NO_PROGRESS: a->scan.progress = 0; break;
    case OPT_VERBOSE: a->verbose = 1; break;
    case OPT_REPORT_UNUSED: a->scan.report_unused_suppressions = 1; break;
    case OPT_QUIET: a->quiet = 1; break;
    case OPT_COLOR:
      if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never")) {
        cli_error("--color takes auto, always or never, not '%s'", optarg);
        return -1;
      }
      a->color = optarg;
      break;
    case CLI_HELPED: return 1;
    default: return -1; /* CLI_BAD: the usage is on stderr */
    }
  }
  if (a->quiet) a->scan.progress = 0; /* --quiet wins over --progress */
  a->files = argv + optind;
  a->nfiles = dashdash - optind;
  a->scan.files = a->files;
  a->scan.nfiles = a->nfiles;
  a->scan.flags = dashdash < argc ? argv + dashdash + 1 : NULL;
  a->scan.nflags = dashdash < argc ? argc - dashdash - 1 : 0;
  a->scan.rule_files = a->rules;
  a->scan.nrule_files = a->nrules;
  a->scan.disable = a->disable;
  a->scan.ndisable = a->ndisable;
  if (!a->scan.build_dir && a->nfiles == 0) {
    cli_error("nothing to analyze: give -p BUILD_DIR or FILE... [-- FLAGS]");
    cli_help(cmd, stderr);
    return -1;
  }
  if (a->scan.build_dir && a->scan.nflags) {
    cli_error("compiler flags after '--' are not used with -p (the compilation database has them)");
    return -1;
  }
  if (a->new_only && !a->baseline) {
    cli_error("--new-only needs --baseline FILE");
    return -1;
  }
  return 0;
}

/* Tells the user about TUs that failed, and about a run the history could
 * not record (which costs the history of this run, never the report or the
 * exit status). With quiet, only the errors. */
static void report_notes(const ls_scan_outcome *o, int quiet) {
  const ls_report *r = &o->report;
  for (size_t i = 0; i < r->nnotes; i++) {
    const ls_notification *n = &r->notes[i];
    if (n->fatal) {
      fprintf(stderr, "lagscan: error: cannot analyze '%s': %s\n", n->path, n->message);
    } else if (!quiet) {
      fprintf(stderr, "lagscan: warning: '%s' has errors; analyzed what parsed: %s\n", n->path,
              n->message);
    }
  }
  /* Remarks on suppression comments: warnings that never change the exit
   * status; the unused ones were asked for, so --quiet keeps them. */
  for (size_t i = 0; i < r->nremarks; i++) {
    const ls_remark *m = &r->remarks[i];
    if (quiet && m->kind != LS_REMARK_UNUSED_SUPPRESSION) continue;
    cli_warning("%s:%u:%u: %s", m->loc.path, m->loc.line, m->loc.col, m->message);
  }
  /* Entries of one's own rule packs that match nothing: warnings, the
   * report and the exit status are unchanged. */
  for (size_t i = 0; !quiet && i < r->npack_warnings; i++) cli_warning("%s", r->pack_warnings[i]);
  if (o->history_error && !quiet)
    cli_warning("%s; the report is not affected", o->history_error);
  if (o->baseline_error) cli_error("%s", o->baseline_error);
}

/* The one line every scan and baseline ends with on stderr, for CI logs:
 * "lagscan: 12 findings, 3 new, written to lagscan.sarif" ("N new" only
 * against a baseline; "standard output" without -o or with "-"). Findings
 * a baseline marks absent are not counted. */
static void summary_line(const ls_report *r, int against_baseline, const char *output) {
  size_t present = 0, fresh = 0;
  for (size_t i = 0; i < r->nfindings; i++) {
    if (r->findings[i].baseline == LS_BASELINE_ABSENT) continue;
    present++;
    fresh += r->findings[i].baseline == LS_BASELINE_NEW;
  }
  fprintf(stderr, "lagscan: %zu finding%s", present, present == 1 ? "" : "s");
  if (against_baseline) fprintf(stderr, ", %zu new", fresh);
  if (!output || strcmp(output, "-") == 0) fputs(", written to standard output\n", stderr);
  else fprintf(stderr, ", written to %s\n", output);
}

/* -v: every event loop found in the code, with the slots it calls through:
 * "lagscan: event loop process_events at ae.c:62 waits in epoll_wait,
 * through 'poll_api'; calls through file_event.rproc, event_loop.before_sleep" */
static void print_loops(const ls_report *r) {
  for (size_t i = 0; i < r->nloops; i++) {
    const ls_loop_found *l = &r->loops[i];
    fprintf(stderr, "lagscan: event loop %s%s at %s:%u waits in %s", l->function,
            l->named ? " (named by a rule pack)" : "", l->loc.path, l->loc.line, l->wait);
    for (size_t k = 0; k < l->nslots; k++)
      fprintf(stderr, "%s%s", k ? ", " : "; calls through ", l->slots[k]);
    fputc('\n', stderr);
  }
}

/* --color: auto is on when stdout is a terminal and the report goes there. */
static int want_color(const char *when, const char *output) {
  if (strcmp(when, "always") == 0) return 1;
  if (strcmp(when, "never") == 0) return 0;
  return (!output || strcmp(output, "-") == 0) && isatty(STDOUT_FILENO);
}

int cmd_scan(int argc, char **argv) {
  scan_args a;
  int p = parse(argc, argv, &scan_command, &a);
  if (p) {
    free(a.rules);
    free(a.disable);
    return p > 0 ? LS_EXIT_CLEAN : LS_EXIT_ERROR;
  }
  ls_format format;
  if (ls_format_parse(a.format, &format) != 0) {
    cli_error("unknown format '%s' (%s)", a.format, ls_format_names());
    free(a.rules);
    free(a.disable);
    return LS_EXIT_ERROR;
  }
  char *cmdline = join_command_line(argc, argv);
  a.scan.command_line = cmdline;
  ls_scan_request req = {a.scan, a.baseline, a.new_only};
  ls_scan_outcome o;
  char *err = NULL;
  if (ls_scan_run(&req, &o, &err) != 0) {
    cli_error("%s", err);
    free(err);
    ls_scan_outcome_free(&o);
    free(cmdline);
    free(a.rules);
    free(a.disable);
    return LS_EXIT_ERROR;
  }
  report_notes(&o, a.quiet);
  int fatal = o.fatal;
  ls_write_options wopt = {.color = want_color(a.color, a.output)};
  if (ls_report_write_opts(&o.report, format, a.output, &wopt, &err) != 0) {
    cli_error("%s", err);
    free(err);
    fatal = 1;
  } else if (!a.quiet) {
    summary_line(&o.report, a.baseline != NULL, a.output);
  }
  int rc = fatal ? LS_EXIT_ERROR : o.counted ? LS_EXIT_FINDINGS : LS_EXIT_CLEAN;
  if (!a.quiet && (a.verbose || a.scan.progress))
    fprintf(stderr,
            "lagscan: %zu translation units (%zu parsed, %zu unchanged, %zu failed), "
            "%zu findings, %lld s\n",
            o.report.tus_total, o.report.tus_parsed, o.report.tus_cached, o.report.tus_failed,
            o.counted, (long long)(o.report.end_time - o.report.start_time));
  if (!a.quiet && a.verbose) print_loops(&o.report);
  ls_scan_outcome_free(&o);
  free(cmdline);
  free(a.rules);
  free(a.disable);
  return rc;
}

int cmd_baseline(int argc, char **argv) {
  scan_args a;
  int p = parse(argc, argv, &baseline_command, &a);
  if (p) {
    free(a.rules);
    free(a.disable);
    return p > 0 ? LS_EXIT_CLEAN : LS_EXIT_ERROR;
  }
  if (!a.output) {
    cli_error("baseline needs -o FILE");
    free(a.rules);
    free(a.disable);
    return LS_EXIT_ERROR;
  }
  char *cmdline = join_command_line(argc, argv);
  a.scan.command_line = cmdline;
  ls_scan_request req = {a.scan, NULL, 0};
  ls_scan_outcome o;
  char *err = NULL;
  if (ls_scan_run(&req, &o, &err) != 0) {
    cli_error("%s", err);
    free(err);
    ls_scan_outcome_free(&o);
    free(cmdline);
    free(a.rules);
    free(a.disable);
    return LS_EXIT_ERROR;
  }
  report_notes(&o, a.quiet);
  int fatal = o.fatal;
  if (ls_baseline_write(&o.report, a.output, &err) != 0) {
    cli_error("%s", err);
    free(err);
    fatal = 1;
  } else if (!a.quiet) {
    summary_line(&o.report, 0, a.output);
  }
  ls_scan_outcome_free(&o);
  free(cmdline);
  free(a.rules);
  free(a.disable);
  return fatal ? LS_EXIT_ERROR : LS_EXIT_CLEAN;
}
