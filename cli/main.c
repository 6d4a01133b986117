/* main.c: the `lagscan` command: dispatches to a subcommand (git style). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "cli.h"
#include "options.h"

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"scan", cmd_scan, "analyze a program and report calls that block its event loop"},
    {"baseline", cmd_baseline, "write the current findings' fingerprints to a baseline file"},
    {"rules", cmd_rules, "list the rules with one-line descriptions"},
    {"explain", cmd_explain, "show a rule's help: what blocks, why, the async alternative"},
    {"extract", cmd_extract, "parse a program (or one shard of it) into the fact database only"},
    {"merge", cmd_merge, "combine shard fact databases so one scan runs only the graph phase"},
    {"history", cmd_history, "show findings over past runs: new, fixed, still open"},
    {"hook", cmd_hook, "install or remove a git pre-commit hook that checks staged files"},
    {"why", cmd_why, "show how a function is reached from a loop callback, or that it is not"},
};

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("lagscan: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

const char *cli_build_dir(const char *arg) {
  /* Kept for the process's life: the options point at it until exit. */
  static LS_VEC(char *) dirs;
  char *err = NULL, *dir = ls_compdb_dir(arg, &err);
  if (!dir) {
    cli_error("%s", err);
    free(err);
    return NULL;
  }
  LS_VEC_PUSH(&dirs, dir);
  return dir;
}

void cli_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("lagscan: warning: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

/* The option tables of the commands, for the man page and the completion
 * (a command without one here is documented by its summary alone). */
static const cli_command *const tables[] = {
    &scan_command,    &baseline_command, &rules_command,   &explain_command,
    &extract_command, &merge_command,    &history_command, &hook_command,
    &why_command,
};

/* `lagscan help --man` and `lagscan help --bash-completion` (not in the
 * usage: the build runs them to make lagscan.1 and the completion). */
static int generate(const char *what) {
  enum { N = sizeof commands / sizeof commands[0] };
  cli_doc docs[N];
  for (size_t i = 0; i < N; i++) {
    docs[i] = (cli_doc){commands[i].name, commands[i].summary, NULL};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
      if (!strcmp(tables[t]->name, commands[i].name)) docs[i].cmd = tables[t];
  }
  if (!strcmp(what, "--man")) cli_man(docs, N, stdout);
  else if (!strcmp(what, "--bash-completion")) cli_bash_completion(docs, N, stdout);
  else {
    cli_error("help: unknown option '%s'", what);
    return LS_EXIT_ERROR;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    cli_error("cannot write to standard output");
    return LS_EXIT_ERROR;
  }
  return LS_EXIT_CLEAN;
}

static void usage(FILE *out) {
  fprintf(out,
          "usage: lagscan <command> [options]\n"
          "\n"
          "lagscan finds the calls that block an event loop (libuv, libevent, libev, GLib,\n"
          "Node-API, tickloop) and shows the path from the registered callback to the call.\n"
          "\n"
          "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\n"
          "Run 'lagscan <command> --help' for a command's options.\n"
          "Exit status: 0 no findings, 1 findings, 2 error (usage, unreadable input,\n"
          "or a translation unit that could not be analyzed).\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return LS_EXIT_ERROR;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "help") && argc > 2 && argv[2][0] == '-') return generate(argv[2]);
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage(stdout);
    return LS_EXIT_CLEAN;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("lagscan %s\n", LAGSCAN_VERSION);
    return LS_EXIT_CLEAN;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(cmd, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  cli_error("unknown command '%s'", cmd);
  usage(stderr);
  return LS_EXIT_ERROR;
}
