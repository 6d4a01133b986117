/* test_help.c: every subcommand's --help against what it parses (the
 * "help" suite). The help is generated from the same option tables as the
 * getopt_long arrays (cli/options.c); these tests hold that promise from the
 * outside, through the real binary: each command's help lists exactly the
 * long options written down here (so a dropped option fails), every option
 * row of the help names an option the command accepts, -h and --help print
 * it on stdout with status 0, and an unknown option prints it on stderr with
 * status 2. */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clirun.h"

#define MAX_NAMES 32

typedef struct command_case {
  const char *cmd;    /* as typed after "lagscan " */
  const char *run_as; /* the command that parses the options its help lists */
  const char *tail;   /* appended when trying an option, so the command stops
                         with status 2 after parsing and before doing work */
  const char *longs[MAX_NAMES];  /* every long option of the help, NULL-ended */
  const char *shorts[MAX_NAMES]; /* the short ones ("-p"), NULL-ended */
} command_case;

#define SCAN_LONGS                                                                            \
  "db", "rules", "config", "jobs", "tu-timeout", "format", "output", "baseline", "new-only",  \
      "progress", "no-progress", "verbose", "help", "root", "disable", "program",  \
      "report-unused-suppressions"
#define HOOK_LONGS "baseline", "db", "force", "help", "root"

/* `hook`, `hook install` and `hook uninstall` share one help, whose options
 * are install's; uninstall takes only --help (checked on its own below). */
static const command_case cases[] = {
    {"scan", "scan", "", {SCAN_LONGS, "quiet", "color", NULL},
     {"-p", "-j", "-o", "-v", "-q", "-h", NULL}},
    {"baseline", "baseline", "", {SCAN_LONGS, "quiet", NULL},
     {"-p", "-j", "-o", "-v", "-q", "-h", NULL}},
    {"extract",
     "extract",
     "",
     {"db", "shard", "jobs", "tu-timeout", "progress", "no-progress", "verbose", "help", "root",
      NULL},
     {"-p", "-j", "-v", "-h", NULL}},
    {"merge", "merge", "", {"db", "verbose", "help", NULL}, {"-v", "-h", NULL}},
    {"history",
     "history",
     "extra",
     {"db", "runs", "open", "fixed", "new", "all", "format", "help", "root", NULL},
     {"-n", "-h", NULL}},
    {"hook", "hook install", "extra", {HOOK_LONGS, NULL}, {"-p", "-h", NULL}},
    {"hook install", "hook install", "extra", {HOOK_LONGS, NULL}, {"-p", "-h", NULL}},
    {"hook uninstall", "hook install", "extra", {HOOK_LONGS, NULL}, {"-p", "-h", NULL}},
    {"rules", "rules", "extra", {"rules", "help", "root", "config", "verbose", NULL},
     {"-v", "-h", NULL}},
    {"explain", "explain", "", {"rules", "help", NULL}, {"-h", NULL}},
    {"why", "why", "", {"db", "root", "rules", "config", "jobs", "help", NULL},
     {"-p", "-j", "-h", NULL}},
};

/* An option row of a help: "  -j, --jobs N   help..." (or the label alone
 * on its line). Its label runs up to two spaces. */
typedef struct row {
  char label[64];
  char name[32];  /* the long name, "" if none */
  int takes_arg;  /* the label names an argument after the option */
} row;

/* The option rows of `help`, at most `max`; returns how many. */
static size_t option_rows(const char *help, row *rows, size_t max) {
  size_t n = 0;
  for (const char *line = help; *line && n < max;) {
    const char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    if (len > 3 && !strncmp(line, "  -", 3)) {
      const char *lab = line + 2, *end = strstr(lab, "  ");
      size_t ll = end && end < line + len ? (size_t)(end - lab) : len - 2;
      row *r = &rows[n++];
      memset(r, 0, sizeof *r);
      snprintf(r->label, sizeof r->label, "%.*s", (int)ll, lab);
      const char *dd = strstr(r->label, "--");
      if (dd) {
        size_t nn = strcspn(dd + 2, " =");
        snprintf(r->name, sizeof r->name, "%.*s", (int)nn, dd + 2);
        r->takes_arg = dd[2 + nn] == ' ';
      } else {
        r->takes_arg = strchr(r->label, ' ') != NULL; /* "-p BUILD_DIR" */
      }
    }
    line += len + (nl ? 1 : 0);
  }
  return n;
}

static int listed(const char *const *names, const char *name) {
  for (size_t i = 0; names[i]; i++)
    if (!strcmp(names[i], name)) return 1;
  return 0;
}

/* The messages getopt_long prints for an option it does not know. */
static int getopt_refused(const char *err) {
  return strstr(err, "unrecognized option") || strstr(err, "invalid option") ||
         strstr(err, "ambiguous");
}

static void one_command(const command_case *c) {
  result help = run(tmp, "%s --help", c->cmd);
  CU_ASSERT_EQUAL(help.status, 0);
  CU_ASSERT_STRING_EQUAL(help.err, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(help.out, "usage: lagscan "));
  CU_ASSERT_PTR_NOT_NULL(strstr(help.out, "exit status:"));
  result h = run(tmp, "%s -h", c->cmd);
  CU_ASSERT_EQUAL(h.status, 0);
  CU_ASSERT_STRING_EQUAL(h.out, help.out);
  done(&h);

  /* The help lists every option written down above, and no other. */
  row rows[MAX_NAMES];
  size_t nrows = option_rows(help.out, rows, MAX_NAMES);
  size_t nlongs = 0;
  for (size_t i = 0; c->longs[i]; i++, nlongs++) {
    int found = 0;
    for (size_t j = 0; j < nrows; j++) found |= !strcmp(rows[j].name, c->longs[i]);
    if (!found) fprintf(stderr, "\n'%s --help' lacks --%s", c->cmd, c->longs[i]);
    CU_ASSERT_TRUE(found);
  }
  size_t nnamed = 0;
  for (size_t j = 0; j < nrows; j++) {
    if (!rows[j].name[0]) continue;
    nnamed++;
    if (!listed(c->longs, rows[j].name))
      fprintf(stderr, "\n'%s --help' lists --%s, not in the test's list", c->cmd, rows[j].name);
    CU_ASSERT_TRUE(listed(c->longs, rows[j].name));
  }
  CU_ASSERT_EQUAL(nnamed, nlongs);
  for (size_t i = 0; c->shorts[i]; i++) {
    int found = 0;
    for (size_t j = 0; j < nrows; j++) found |= !strncmp(rows[j].label, c->shorts[i], 2);
    CU_ASSERT_TRUE(found);
  }

  /* Every option row of the help names an option the command parses, in
   * its long form and its short one. */
  for (size_t j = 0; j < nrows; j++) {
    const row *rw = &rows[j];
    if (!strcmp(rw->name, "help")) continue;
    const char *arg = rw->takes_arg ? " x" : "";
    if (rw->name[0]) {
      result r = run(tmp, "%s --%s%s %s", c->run_as, rw->name, arg, c->tail);
      if (getopt_refused(r.err))
        fprintf(stderr, "\n'%s' refuses --%s: %s", c->run_as, rw->name, r.err);
      CU_ASSERT_FALSE(getopt_refused(r.err));
      CU_ASSERT_EQUAL(r.status, 2);
      done(&r);
    }
    if (rw->label[0] == '-' && rw->label[1] != '-') {
      result r = run(tmp, "%s -%c%s %s", c->run_as, rw->label[1], arg, c->tail);
      CU_ASSERT_FALSE(getopt_refused(r.err));
      CU_ASSERT_EQUAL(r.status, 2);
      done(&r);
    }
  }
  done(&help);

  /* Unknown options: the usage on stderr, status 2. */
  const char *unknown[] = {"--no-such-option", "-Z"};
  for (size_t i = 0; i < 2; i++) {
    result r = run(tmp, "%s %s %s", c->cmd, unknown[i], c->tail);
    CU_ASSERT_EQUAL(r.status, 2);
    CU_ASSERT_STRING_EQUAL(r.out, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "usage: lagscan "));
    if (strcmp(c->cmd, "hook") != 0) /* hook reads a subcommand there, not options */
      CU_ASSERT_TRUE(getopt_refused(r.err));
    done(&r);
  }
}

static void every_command(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) one_command(&cases[i]);
}

/* What the shared help lists for install, uninstall does not take. */
static void uninstall_takes_only_help(void) {
  const char *opts[] = {"--force", "--db x", "--baseline x", "-p x"};
  for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
    result r = run(tmp, "hook uninstall %s", opts[i]);
    CU_ASSERT_EQUAL(r.status, 2);
    CU_ASSERT_TRUE(getopt_refused(r.err));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "usage: lagscan "));
    done(&r);
  }
}

/* scan and baseline: what follows the first "--" is compiler flags, never
 * options, however much it looks like one. */
static void compiler_flags_are_not_options(void) {
  result r = run(tmp, "scan --db dd.db missing.c -- --no-such-option -Z --help");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_FALSE(getopt_refused(r.err));
  CU_ASSERT_PTR_NULL(strstr(r.out, "usage: lagscan "));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "missing.c"));
  done(&r);
  r = run(tmp, "baseline missing.c -- --no-such-option --help");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_FALSE(getopt_refused(r.err));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "baseline needs -o FILE"));
  done(&r);
}

void add_help_tests(void) {
  CU_pSuite s = CU_add_suite("help", NULL, NULL);
  CU_add_test(s, "every command's help lists what it parses", every_command);
  CU_add_test(s, "hook uninstall takes only --help", uninstall_takes_only_help);
  CU_add_test(s, "flags after -- are not options", compiler_flags_are_not_options);
}
