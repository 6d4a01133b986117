/* options.c: from a command's option tables (options.h), the struct option[]
 * and short-option string getopt_long parses with, and the --help text. The
 * tables are the only place an option is declared: what is parsed and what
 * the help lists are generated from the same rows. */
#include "options.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 80      /* help lines end by this column (words longer than a line aside) */
#define LABEL_MAX 22  /* a longer "-j, --jobs N" label puts its help on the next line */
#define LONG_BASE 256 /* getopt_long's val for opts[i] is LONG_BASE + i: never a char */

/* Every command has it; no table declares it. */
static const cli_option help_option = {"help", 'h', NULL, "show this help", 0};

/* Writes `s` from column `col`, breaking lines before a word that would end
 * past WIDTH; lines after the first start at column `indent`. A '\n' in `s`
 * breaks the line there ("\n\n" leaves a blank line). Spaces inside [ ] do
 * not break, so a synopsis keeps "[-p BUILD_DIR]" whole. Ends the line. */
static void wrap(FILE *out, const char *s, int col, int indent) {
  int fresh = 1; /* no word on this line yet: no space before the next */
  while (*s) {
    if (*s == '\n') {
      fputc('\n', out);
      col = 0;
      fresh = 1;
      s++;
      continue;
    }
    if (*s == ' ') {
      s++;
      continue;
    }
    const char *w = s;
    int depth = 0;
    while (*s && *s != '\n' && (*s != ' ' || depth > 0)) {
      if (*s == '[') depth++;
      else if (*s == ']' && depth > 0) depth--;
      s++;
    }
    int len = (int)(s - w);
    if (!fresh && col + 1 + len > WIDTH) {
      fputc('\n', out);
      col = 0;
      fresh = 1;
    }
    if (col == 0 && indent > 0) { /* a new line's indentation, written only before a word */
      fprintf(out, "%*s", indent - col, "");
      col = indent;
    }
    if (!fresh) {
      fputc(' ', out);
      col++;
    }
    fwrite(w, 1, (size_t)len, out);
    col += len;
    fresh = 0;
  }
  fputc('\n', out);
}

/* "-j, --jobs N", "--db PATH", "-p BUILD_DIR", or an operand's label. */
static int label(const cli_option *o, char *buf, size_t size) {
  const char *arg = o->arg ? o->arg : "";
  const char *sep = o->arg ? " " : "";
  int n;
  if (o->short_name && o->long_name)
    n = snprintf(buf, size, "-%c, --%s%s%s", o->short_name, o->long_name, sep, arg);
  else if (o->long_name)
    n = snprintf(buf, size, "--%s%s%s", o->long_name, sep, arg);
  else if (o->short_name)
    n = snprintf(buf, size, "-%c%s%s", o->short_name, sep, arg);
  else
    n = snprintf(buf, size, "%s", arg);
  return n < (int)size ? n : (int)size - 1;
}

/* "  LABEL   help", the help wrapped in a column `width` wide labels fit. */
static void row(FILE *out, const cli_option *o, int width) {
  char buf[128];
  int n = label(o, buf, sizeof buf);
  int col = 2 + width + 2;
  if (n <= width) {
    fprintf(out, "  %s%*s", buf, col - 2 - n, "");
    wrap(out, o->help, col, col);
  } else {
    fprintf(out, "  %s\n", buf);
    wrap(out, o->help, 0, col);
  }
}

void cli_help(const cli_command *cmd, FILE *out) {
  int start = (int)strlen("usage: lagscan ");
  for (size_t i = 0; cmd->usage[i]; i++) {
    /* Continuation lines start under the first option or operand, after
     * the command's name ("hook install "). */
    const char *u = cmd->usage[i], *first = u;
    while (*first && !(*first == '[' || *first == '-' || (*first >= 'A' && *first <= 'Z'))) {
      first += strcspn(first, " ");
      first += strspn(first, " ");
    }
    fputs(i == 0 ? "usage: lagscan " : "       lagscan ", out);
    wrap(out, u, start, start + (int)(first - u));
  }
  if (cmd->description) {
    fputc('\n', out);
    wrap(out, cmd->description, 0, 0);
  }
  /* One label column for the whole command. */
  char buf[128];
  int width = label(&help_option, buf, sizeof buf);
  size_t ngroups = 0;
  for (const cli_group *g = cmd->groups; g && g->options; g++, ngroups++)
    for (const cli_option *o = g->options; o->help; o++) {
      int n = label(o, buf, sizeof buf);
      if (n > width && n <= LABEL_MAX) width = n;
    }
  if (ngroups == 0) fputs("\noptions:\n", out);
  for (size_t i = 0; i < ngroups; i++) {
    const cli_group *g = &cmd->groups[i];
    fputc('\n', out);
    if (g->heading) fprintf(out, "%s\n", g->heading);
    for (const cli_option *o = g->options; o->help; o++) row(out, o, width);
  }
  row(out, &help_option, width);
  if (cmd->trailer) {
    fputc('\n', out);
    fputs(cmd->trailer, out);
  }
}

static void bad_table(const cli_command *cmd, const char *what, const cli_option *o) {
  fprintf(stderr, "lagscan: internal error: the options of '%s': %s (--%s, -%c, id %d)\n",
          cmd->name, what, o->long_name ? o->long_name : "", o->short_name ? o->short_name : ' ',
          o->id);
  abort();
}

/* Adds `o` to the generated tables, refusing what getopt_long could not
 * tell apart. */
static void add(cli_parser *p, const cli_option *o, size_t *nlong, size_t *nshort) {
  if (p->nopts > CLI_MAX_OPTIONS) bad_table(p->cmd, "more than CLI_MAX_OPTIONS", o);
  if (o != &help_option && o->id <= 0) bad_table(p->cmd, "an id that is not positive", o);
  if (o->short_name && (!isalnum(o->short_name) || o->short_name == 'W'))
    bad_table(p->cmd, "a short name getopt cannot take", o);
  for (int i = 0; i < p->nopts; i++) {
    const cli_option *q = p->opts[i];
    if ((o->long_name && q->long_name && !strcmp(o->long_name, q->long_name)) ||
        (o->short_name && o->short_name == q->short_name) || (q->id && o->id == q->id))
      bad_table(p->cmd, "declared twice", o);
  }
  int idx = p->nopts++;
  p->opts[idx] = o;
  if (o->long_name)
    p->longopts[(*nlong)++] =
        (struct option){o->long_name, o->arg ? required_argument : no_argument, NULL,
                        LONG_BASE + idx};
  if (o->short_name) {
    p->shortopts[(*nshort)++] = (char)o->short_name;
    if (o->arg) p->shortopts[(*nshort)++] = ':';
  }
}

void cli_parser_init(cli_parser *p, const cli_command *cmd, const char *sub, int argc,
                     char **argv) {
  memset(p, 0, sizeof *p);
  p->cmd = cmd;
  p->argc = argc;
  p->argv = argv;
  p->end = argc;
  if (cmd->stop_at_dashdash)
    for (int i = 1; i < argc; i++)
      if (!strcmp(argv[i], "--")) {
        p->end = i;
        break;
      }
  size_t nlong = 0, nshort = 0;
  for (const cli_group *g = cmd->groups; g && g->options; g++) {
    if (sub && g->sub && strcmp(sub, g->sub) != 0) continue;
    for (const cli_option *o = g->options; o->help; o++)
      if (o->long_name || o->short_name) add(p, o, &nlong, &nshort);
  }
  add(p, &help_option, &nlong, &nshort);
  /* memset left the terminating {NULL, 0, NULL, 0} and the string's NUL. */
  optind = 1;
}

int cli_next(cli_parser *p) {
  int c = getopt_long(p->end, p->argv, p->shortopts, p->longopts, NULL);
  if (c == -1) return CLI_DONE;
  const cli_option *o = NULL;
  if (c >= LONG_BASE && c < LONG_BASE + p->nopts) {
    o = p->opts[c - LONG_BASE];
  } else {
    for (int i = 0; i < p->nopts && !o; i++)
      if (p->opts[i]->short_name == c) o = p->opts[i];
  }
  if (!o) { /* '?': getopt_long has printed what was wrong */
    cli_help(p->cmd, stderr);
    return CLI_BAD;
  }
  if (o == &help_option) {
    cli_help(p->cmd, stdout);
    return CLI_HELPED;
  }
  return o->id;
}
