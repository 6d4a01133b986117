/* why_cmd.c: `lagscan why FUNC`: how a function is reached from a loop
 * root. The scan driver runs the scan up to the graph (scan.h,
 * ls_scan_why, not recorded in the history); this prints, for each function
 * named FUNC, the shortest path from a loop root in the notes of a finding,
 * nearest call first and the registration last, or says that no loop root
 * reaches it and lists the worker roots that do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "scan.h"

/* Ids of the options of why (what cli_next returns). */
enum { OPT_BUILD_DIR = 1, OPT_DB, OPT_ROOT, OPT_RULES, OPT_CONFIG, OPT_JOBS };

static const cli_option why_options[] = {
    {NULL, 'p', "BUILD_DIR", "read BUILD_DIR/compile_commands.json (the whole program)",
     OPT_BUILD_DIR},
    {NULL, 0, "FUNC", "the function asked about, by its bare name", 0},
    {NULL, 0, "FILE... -- FLAGS", "without -p: parse each FILE with the compiler FLAGS", 0},
    {"db", 0, "PATH", "fact database (default .lagscan/lagscan.db under the project root); "
     "unchanged translation units are not parsed again", OPT_DB},
    {"root", 0, "DIR", "the project root (as for 'lagscan scan')", OPT_ROOT},
    {"rules", 0, "FILE", "load another rule pack (repeatable)", OPT_RULES},
    {"config", 0, "FILE", "project settings (as for 'lagscan scan')", OPT_CONFIG},
    {"jobs", 'j', "N", "parse N translation units at once (default: cores)", OPT_JOBS},
    CLI_OPTIONS_END,
};

static const cli_group why_groups[] = {
    {"options:", NULL, why_options},
    CLI_GROUPS_END,
};

static const char *const why_synopsis[] = {
    "why [-p BUILD_DIR] [--db PATH] [--root DIR] [--rules FILE]... FUNC [FILE... -- "
    "COMPILER_FLAGS...]",
    NULL,
};

const cli_command why_command = {
    "why",
    why_synopsis,
    "Explains how FUNC is reached from a callback registered with an event loop: the "
    "shortest path from a loop root, printed as a finding's notes (each call, nearest first, "
    "then the registration). When no loop root reaches FUNC, says so and lists the worker "
    "callbacks (thread pool, threads) that do. The graph is the one 'lagscan scan' builds; "
    "the run is not recorded in the history.",
    why_groups,
    "exit status: 0 a loop root reaches FUNC, 1 none does, 2 error (usage, no function\n"
    "named FUNC, unreadable input, or a translation unit that could not be analyzed)\n",
    1,
};

static void print_step(const ls_step *s) {
  printf("%s:%u:%u: note: %s\n", s->loc.path, s->loc.line, s->loc.col, s->message);
}

/* Returns 1 when a loop root reaches the function. */
static int print_answer(const ls_why_answer *a) {
  const char *where = a->defined ? a->defined : "no definition in the program";
  if (a->root) {
    size_t calls = 0;
    for (size_t i = 0; i < a->nsteps; i++) calls += a->steps[i].kind == LS_STEP_CALL;
    if (calls)
      printf("'%s' (%s) runs on the loop thread: loop root '%s' reaches it in %zu call%s\n",
             a->function, where, a->root, calls, calls == 1 ? "" : "s");
    else
      printf("'%s' (%s) runs on the loop thread: it is a loop root\n", a->function, where);
    for (size_t i = a->nsteps; i-- > 0;) print_step(&a->steps[i]);
    return 1;
  }
  printf("'%s' (%s) is not reachable from any loop root", a->function, where);
  if (!a->nworkers) {
    printf("\n");
    return 0;
  }
  printf("; worker roots that reach it:\n");
  for (size_t i = 0; i < a->nworkers; i++) print_step(&a->workers[i]);
  return 0;
}

int cmd_why(int argc, char **argv) {
  ls_scan_options o = {0};
  o.progress = 0;
  char **rules = NULL;
  int nrules = 0, rc = LS_EXIT_ERROR;
  cli_parser p;
  cli_parser_init(&p, &why_command, NULL, argc, argv);
  int dashdash = p.end;
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_BUILD_DIR:
      if (!(o.build_dir = cli_build_dir(optarg))) {
        free(rules);
        return LS_EXIT_ERROR;
      }
      break;
    case OPT_DB: o.db_path = optarg; break;
    case OPT_ROOT: o.root = optarg; break;
    case OPT_CONFIG: o.config_path = optarg; break;
    case OPT_RULES:
      rules = realloc(rules, (size_t)(nrules + 1) * sizeof(char *));
      if (!rules) abort();
      rules[nrules++] = optarg;
      break;
    case OPT_JOBS:
      o.jobs = atoi(optarg);
      if (o.jobs < 1) {
        cli_error("-j needs a positive number, not '%s'", optarg);
        free(rules);
        return LS_EXIT_ERROR;
      }
      break;
    case CLI_HELPED: free(rules); return LS_EXIT_CLEAN;
    default: free(rules); return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
    }
  }
  int noperands = dashdash - optind;
  if (noperands < 1) {
    cli_error("which function? give FUNC");
    cli_help(&why_command, stderr);
    free(rules);
    return LS_EXIT_ERROR;
  }
  const char *func = argv[optind];
  o.files = argv + optind + 1;
  o.nfiles = noperands - 1;
  o.flags = dashdash < argc ? argv + dashdash + 1 : NULL;
  o.nflags = dashdash < argc ? argc - dashdash - 1 : 0;
  o.rule_files = rules;
  o.nrule_files = nrules;
  if (o.build_dir && (o.nfiles || o.nflags)) {
    cli_error("with -p, the compilation database is the program: give FUNC alone");
    free(rules);
    return LS_EXIT_ERROR;
  }
  if (!o.build_dir && !o.nfiles) {
    cli_error("nothing to analyze: give -p BUILD_DIR or FILE... [-- FLAGS] after FUNC");
    free(rules);
    return LS_EXIT_ERROR;
  }
  ls_why why;
  ls_report report;
  char *err = NULL;
  if (ls_scan_why(&o, func, &why, &report, &err) != 0) {
    cli_error("%s", err);
    free(err);
    free(rules);
    return LS_EXIT_ERROR;
  }
  int fatal = 0;
  for (size_t i = 0; i < report.nnotes; i++) {
    const ls_notification *n = &report.notes[i];
    if (!n->fatal) continue;
    fatal = 1;
    cli_error("cannot analyze '%s': %s", n->path, n->message);
  }
  for (size_t i = 0; i < report.npack_warnings; i++) cli_warning("%s", report.pack_warnings[i]);
  if (!why.nanswers) {
    cli_error("no function named '%s' in the program", func);
  } else {
    int reached = 0;
    for (size_t i = 0; i < why.nanswers; i++) reached |= print_answer(&why.answers[i]);
    rc = fatal ? LS_EXIT_ERROR : reached ? LS_EXIT_CLEAN : LS_EXIT_FINDINGS;
  }
  ls_why_free(&why);
  ls_report_free(&report);
  free(rules);
  return rc;
}
