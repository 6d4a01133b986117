/* options.h: each subcommand's options declared once. A command is one
 * cli_command: its usage synopses, a description, a trailer (the exit status
 * lines), and tables of cli_option. From those alone, at run time, come the
 * struct option[] and the short-option string that getopt_long parses with,
 * and the --help text, so the help cannot drift from what is parsed (what
 * git's parse_options does, on top of getopt_long). Private to cli/.
 *
 * A command's loop:
 *
 *   cli_parser p;
 *   cli_parser_init(&p, &scan_command, NULL, argc, argv);
 *   for (int c; (c = cli_next(&p)) != CLI_DONE;)
 *     switch (c) {
 *     case OPT_JOBS: ... optarg ...; break;
 *     case CLI_HELPED: return LS_EXIT_CLEAN; // help is on stdout
 *     default: return LS_EXIT_ERROR;         // CLI_BAD: usage is on stderr
 *     }
 *   // argv[optind .. p.end) are the operands
 */
#ifndef LAGSCAN_CLI_OPTIONS_H
#define LAGSCAN_CLI_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

/* One option of a command. Every option has a long name, a short name or
 * both; their getopt_long spellings are generated, so "-j, --jobs N" accepts
 * -j N, -jN, --jobs N and --jobs=N. A row with neither name documents an
 * operand (arg is its label, such as "FILE... -- FLAGS") and is never parsed.
 * A repeatable option says so in its help; the command collects it. */
typedef struct cli_option {
  const char *long_name; /* "jobs", or NULL: short only */
  int short_name;        /* 'j', or 0: long only */
  const char *arg;       /* the argument's name, "N": it takes one; NULL: a flag */
  const char *help;      /* what it does; wrapped by the help generator; NULL ends a table */
  int id;                /* what cli_next returns for it: > 0, unique in its command */
} cli_option;

#define CLI_OPTIONS_END {NULL, 0, NULL, NULL, 0}

/* A titled table of options. `sub` names the subcommand that parses them
 * ("install" of `lagscan hook`), NULL for every form of the command; the
 * help always shows every group. */
typedef struct cli_group {
  const char *heading;       /* "options:", or NULL: none */
  const char *sub;           /* NULL: every subcommand */
  const cli_option *options; /* ended by CLI_OPTIONS_END */
} cli_group;

#define CLI_GROUPS_END {NULL, NULL, NULL}

typedef struct cli_command {
  const char *name;          /* "scan", as after "lagscan " */
  const char *const *usage;  /* synopses after "lagscan ", NULL-ended; wrapped */
  const char *description;   /* a paragraph (or a few, split by "\n\n"); wrapped */
  const cli_group *groups;   /* ended by CLI_GROUPS_END; "-h, --help" follows the last */
  const char *trailer;       /* printed as is, after a blank line; NULL: none */
  int stop_at_dashdash;      /* the first "--" ends the options; what follows it
                                is never parsed or reordered (compiler flags) */
} cli_command;

/* cli_next's answers besides an option's id. */
enum {
  CLI_DONE = -1,   /* no more options: argv[optind .. end) are the operands */
  CLI_HELPED = -2, /* -h or --help: the help is printed on stdout */
  CLI_BAD = -3,    /* an unknown option or a missing argument: getopt_long
                      said so and the help is printed on stderr */
};

/* The most options one command parses (-h, --help aside). */
#define CLI_MAX_OPTIONS 32

/* The generated getopt_long tables of one command. Holds no heap memory:
 * a command may return at any point of its loop. */
typedef struct cli_parser {
  const cli_command *cmd;
  int argc;
  char **argv;
  int end; /* the index of the first "--" with stop_at_dashdash, else argc */
  int nopts;
  const cli_option *opts[CLI_MAX_OPTIONS + 1]; /* parsed ones, the help last */
  struct option longopts[CLI_MAX_OPTIONS + 2]; /* val = 256 + index in opts */
  char shortopts[2 * CLI_MAX_OPTIONS + 4];     /* "p:j:o:vh" */
} cli_parser;

/* Generates the tables for `cmd` (the options of its groups for subcommand
 * `sub`, or every group when sub is NULL) and resets getopt (optind = 1).
 * argv[0] is the command's own name, as getopt_long's messages use it. A
 * malformed table (a duplicate name or id, too many options) is a
 * programming error: it is reported and the process aborts. */
void cli_parser_init(cli_parser *p, const cli_command *cmd, const char *sub, int argc,
                     char **argv);

/* The id of the next option (its argument in optarg), or CLI_DONE,
 * CLI_HELPED or CLI_BAD. */
int cli_next(cli_parser *p);

/* Writes the --help text of `cmd`: usage, description, every group's
 * options aligned and wrapped, "-h, --help", then the trailer. */
void cli_help(const cli_command *cmd, FILE *out);

/* ---- the same tables as a man page and a bash completion (docgen.c) ---- */

/* One command of `lagscan`: its name, the one line `lagscan --help` gives
 * it, and its tables (NULL: a command with no table to document). */
typedef struct cli_doc {
  const char *name;
  const char *summary;
  const cli_command *cmd;
} cli_doc;

/* Writes lagscan(1) in roff (man(7) macros): every command's synopses,
 * description, option groups and trailer, from the tables. */
void cli_man(const cli_doc *docs, size_t n, FILE *out);

/* Writes a bash completion script: the commands, each one's options, the
 * subcommands its synopses name (hook install|uninstall), directories after
 * an option whose argument ends in DIR, rule ids after one taking RULE. */
void cli_bash_completion(const cli_doc *docs, size_t n, FILE *out);

#endif /* LAGSCAN_CLI_OPTIONS_H */
