/* rules.c: `lagscan rules` and `lagscan explain RULE`: the rule ids with
 * their descriptions, and one rule's help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "scan.h"

/* Ids of the options (what cli_next returns). */
enum { OPT_RULES = 1, OPT_ROOT, OPT_CONFIG, OPT_VERBOSE };

/* What rules and explain both take. */
static const cli_option rules_options[] = {
    {"rules", 0, "FILE", "load another rule pack as well (repeatable; see docs/rule-packs.md)",
     OPT_RULES},
    CLI_OPTIONS_END,
};

static const cli_group rules_groups[] = {
    {"options:", NULL, rules_options},
    CLI_GROUPS_END,
};

/* What only rules takes: the project whose configuration marks rules
 * disabled. */
static const cli_option listing_options[] = {
    {"root", 0, "DIR", "the project root whose .lagscan.yml marks disabled rules (default: "
     "found as by 'lagscan scan')", OPT_ROOT},
    {"config", 0, "FILE", "read this configuration instead of ROOT/.lagscan.yml", OPT_CONFIG},
    {"verbose", 'v', NULL, "also print the directory the default rule packs are read from and "
     "the configuration read", OPT_VERBOSE},
    CLI_OPTIONS_END,
};

static const cli_group listing_groups[] = {
    {"options:", NULL, rules_options},
    {NULL, NULL, listing_options},
    CLI_GROUPS_END,
};

static const char *const rules_synopsis[] = {
    "rules [--rules FILE]... [--root DIR] [--config FILE] [-v]", NULL};

const cli_command rules_command = {
    "rules",
    rules_synopsis,
    "Lists every rule id with a one-line description. The ids are the ones used in findings, "
    "SARIF ruleId and NOLAGSCAN(rule) suppressions. A rule the project's .lagscan.yml "
    "disables is marked [disabled], one it disables in some paths (overrides:) [disabled in "
    "some paths].",
    listing_groups,
    "exit status: 0, or 2 on a usage error or a rule pack that cannot be loaded\n",
    0,
};

static const char *const explain_synopsis[] = {"explain [--rules FILE]... RULE", NULL};

const cli_command explain_command = {
    "explain",
    explain_synopsis,
    "Prints a rule's help: what blocks, why it matters on an event loop, and the asynchronous "
    "alternative. 'lagscan rules' lists the ids.",
    rules_groups,
    "exit status: 0, or 2 on a usage error, an unknown rule or a rule pack that\n"
    "cannot be loaded\n",
    0,
};

/* Parses the options shared by rules and explain; returns -1 on error, 1 on
 * --help, 0 otherwise. *extra collects --rules files. */
typedef struct listing {
  const char *root, *config;
  int verbose;
} listing;

static int parse(int argc, char **argv, const cli_command *cmd, char ***extra, int *nextra,
                 listing *l) {
  cli_parser p;
  cli_parser_init(&p, cmd, NULL, argc, argv);
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_RULES:
      *extra = realloc(*extra, (size_t)(*nextra + 1) * sizeof(char *));
      (*extra)[(*nextra)++] = optarg;
      break;
    case OPT_ROOT: l->root = optarg; break;
    case OPT_CONFIG: l->config = optarg; break;
    case OPT_VERBOSE: l->verbose = 1; break;
    case CLI_HELPED: return 1;
    default: return -1; /* CLI_BAD: the usage is on stderr */
    }
  }
  return 0;
}

int cmd_rules(int argc, char **argv) {
  char **extra = NULL;
  int nextra = 0;
  listing l = {0};
  int p = parse(argc, argv, &rules_command, &extra, &nextra, &l);
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
  ls_config cfg;
  char *err = NULL, *root = NULL;
  if (ls_project_root(l.root, &root, &err) != 0 ||
      ls_config_load_root(l.config, root, &cfg, &err) != 0) {
    cli_error("%s", err);
    free(err);
    free(root);
    free(extra);
    return LS_EXIT_ERROR;
  }
  free(root);
  if (ls_rules_load(extra, nextra, &rules, &err) != 0) {
    cli_error("%s", err);
    free(err);
    ls_config_free(&cfg);
    free(extra);
    return LS_EXIT_ERROR;
  }
  size_t n;
  const ls_rule_info *info = ls_rules_info(rules, &n);
  for (size_t i = 0; i < n; i++) {
    const char *mark = ls_config_disabled(&cfg, info[i].id, NULL)       ? " [disabled]"
                       : ls_config_disabled_somewhere(&cfg, info[i].id) ? " [disabled in some paths]"
                                                                        : "";
    printf("%-20s %s%s\n", info[i].id, info[i].short_desc, mark);
  }
  if (l.verbose) {
    printf("\nrule packs: %s\n", ls_rules_dir());
    printf("configuration: %s\n", cfg.path ? cfg.path : "none");
  }
  ls_config_free(&cfg);
  ls_rules_free(rules);
  free(extra);
  return LS_EXIT_CLEAN;
}

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
  listing l = {0};
  int p = parse(argc, argv, &explain_command, &extra, &nextra, &l);
  if (p) {
    free(extra);
    return p > 0 ? LS_EXIT_CLEAN : LS_EXIT_ERROR;
  }
  if (optind != argc - 1) {
    cli_error("explain takes exactly one rule id");
    cli_help(&explain_command, stderr);
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
