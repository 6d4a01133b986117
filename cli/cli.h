/* cli.h: the subcommands of the `lagscan` executable. This file is private
 * to cli/. Each subcommand is one file with one signature, and only
 * these functions turn errors into exit statuses. */
#ifndef LAGSCAN_CLI_H
#define LAGSCAN_CLI_H

/* Exit statuses (docs/contracts.md): */
#define LS_EXIT_CLEAN 0    /* no findings (or none new with --new-only) */
#define LS_EXIT_FINDINGS 1 /* findings */
#define LS_EXIT_ERROR 2    /* usage error, unreadable input, a TU not analyzed */

int cmd_scan(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_extract(int argc, char **argv); /* extract_cmd.c */
int cmd_merge(int argc, char **argv);   /* extract_cmd.c */
int cmd_history(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_why(int argc, char **argv); /* why_cmd.c */

/* Each command's options (options.h), declared once in its file: the
 * parser, --help, the man page and the bash completion (docgen.c) are all
 * made from them. */
struct cli_command;
extern const struct cli_command scan_command, baseline_command; /* scan_cmd.c */
extern const struct cli_command rules_command, explain_command; /* rules.c */
extern const struct cli_command extract_command, merge_command; /* extract_cmd.c */
extern const struct cli_command history_command;                /* history_cmd.c */
extern const struct cli_command hook_command;                   /* hook_cmd.c */
extern const struct cli_command why_command;                    /* why_cmd.c */

/* What -p names as the build directory (a directory, or the path of its
 * compile_commands.json: clang-tidy takes either); NULL after printing an
 * error for anything else. The string lives until the process ends. */
const char *cli_build_dir(const char *arg);

/* Prints "lagscan: error: <msg>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "lagscan: warning: <msg>" to stderr. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* LAGSCAN_CLI_H */
