/* rules.c: `lagscan rules` and `lagscan explain RULE`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "cli.h"

static const struct option rules_options[] = {
    {"rules", required_argument, NULL, 'r'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parses the options shared by rules and explain; returns -1 on error, 1 on
 * --help, 0 otherwise. *extra collects --rules files. */
static int parse(int argc, char **argv, const char *usage_text, char ***extra, int *nextra) {
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", rules_options, NULL)) != -1) {
    switch (c) {
    case 'r':
      *extra = realloc(*extra, (size_t)(*nextra + 1) * sizeof(char *));
      (*extra)[(*nextra)++] = optarg;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return 1;
    default:
      fputs(usage_text, stderr);
      return -1;
    }
  }
  return 0;
}

static const char rules_usage[] =
    "usage: lagscan rules [--rules FILE]...\n"
    "\n"
    "Lists every rule id with a one-line description. The ids are the ones\n"
    "used in findings, SARIF ruleId and NOLAGSCAN(rule) suppressions.\n"
    "\n"
    "  --rules FILE   load another rule pack as well (repeatable)\n";

int cmd_rules(int argc, char **argv) {
  char **extra = NULL;
  int nextra = 0;
  int p = parse(argc, argv, rules_usage, &extra, &nextra);
  if (p) {
    free(extra);
    return p > 0 ? LS_EXIT_CLEAN : LS_EXIT_ERROR;
  }
  if (optind < argc) {
    cli_error("unexpected argument '%s'", argv[optind]);
    free(extra);
    return LS_EXIT_ERROR;
  }
  ls_rules *rules;
  char *err = NULL;
  if (ls_rules_load(extra, nextra, &rules, &err) != 0) {
    cli_error("%s", err);
    free(err);
    free(extra);
    return LS_EXIT_ERROR;
  }
  size_t n;
  const ls_rule_info *info = ls_rules_info(rules, &n);
  for (size_t i = 0; i < n; i++) printf("%-20s %s\n", info[i].id, info[i].short_desc);
  ls_rules_free(rules);
  free(extra);
  return LS_EXIT_CLEAN;
}

static const char explain_usage[] =
    "usage: lagscan explain [--rules FILE]... RULE\n"
    "\n"
    "Prints a rule's help: what blocks, why it matters on an event loop, and\n"
    "the asynchronous alternative. 'lagscan rules' lists the ids.\n";

/* Prints the code block of a rule's markdown help (between ``` fences),
 * indented, if it has one. */
static void print_example(const char *markdown) {
  const char *open = markdown ? strstr(markdown, "```") : NULL;
  if (!open) return;
  const char *start = strchr(open, '\n');
  const char *close = start ? strstr(start + 1, "```") : NULL;
  if (!close) return;
  printf("\nExample:\n");
  for (const char *line = start + 1; line < close;) {
    const char *nl = memchr(line, '\n', (size_t)(close - line));
    size_t len = nl ? (size_t)(nl - line) : (size_t)(close - line);
    printf("    %.*s\n", (int)len, line);
    line += len + 1;
  }
}

int cmd_explain(int argc, char **argv) {
  char **extra = NULL;
  int nextra = 0;
  int p = parse(argc, argv, explain_usage, &extra, &nextra);
  if (p) {
    free(extra);
    return p > 0 ? LS_EXIT_CLEAN : LS_EXIT_ERROR;
  }
  if (optind != argc - 1) {
    cli_error("explain takes exactly one rule id");
    fputs(explain_usage, stderr);
    free(extra);
    return LS_EXIT_ERROR;
  }
  const char *id = argv[optind];
  ls_rules *rules;
  char *err = NULL;
  if (ls_rules_load(extra, nextra, &rules, &err) != 0) {
    cli_error("%s", err);
    free(err);
    free(extra);
    return LS_EXIT_ERROR;
  }
  size_t n;
  const ls_rule_info *info = ls_rules_info(rules, &n);
  int rc = LS_EXIT_ERROR;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(info[i].id, id) != 0) continue;
    printf("%s (%s): %s\n\n%s\n\nWhat to do: %s\n", info[i].id, info[i].name, info[i].short_desc,
           info[i].full_desc, info[i].help_text);
    print_example(info[i].help_markdown);
    rc = LS_EXIT_CLEAN;
  }
  if (rc != LS_EXIT_CLEAN) cli_error("unknown rule '%s' (see 'lagscan rules')", id);
  ls_rules_free(rules);
  free(extra);
  return rc;
}
