/* hook_cmd.c: `lagscan hook install` and `lagscan hook uninstall`: a plain
 * git pre-commit hook that runs `lagscan scan -p BUILD_DIR` narrowed to the
 * staged C files. The database keeps the whole program's facts, so the hook
 * re-parses only the translation units whose inputs changed, and the graph
 * is still the whole program (docs/pre-commit.md).
 *
 * The hook is found with `git rev-parse`, run without a shell, so
 * core.hooksPath and worktrees are honoured. A hook lagscan did not write is
 * never replaced without --force, and never removed. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "scan.h"

/* The line that marks a hook as lagscan's own. */
#define HOOK_MARKER "# lagscan pre-commit hook, installed by 'lagscan hook install'"

/* Ids of the options of hook install (what cli_next returns). */
enum { OPT_BUILD_DIR = 1, OPT_BASELINE, OPT_DB, OPT_FORCE };
enum { OPT_ROOT = 100 };

static const cli_option install_options[] = {
    {NULL, 'p', "BUILD_DIR", "directory of compile_commands.json (default build)",
     OPT_BUILD_DIR},
    {"baseline", 0, "FILE", "only findings not in this baseline stop a commit (the hook adds "
     "--baseline FILE --new-only)", OPT_BASELINE},
    {"db", 0, "PATH", "fact database (default .lagscan/lagscan.db at the top of the work "
     "tree)", OPT_DB},
    {"root", 0, "DIR", "the project root the hook's scans use (the hook adds --root DIR; "
     "default: found by each scan, see 'lagscan scan --help')", OPT_ROOT},
    {"force", 0, NULL, "replace a pre-commit hook that lagscan did not write", OPT_FORCE},
    CLI_OPTIONS_END,
};

/* `hook uninstall` parses no group: only -h, --help. */
static const cli_group hook_groups[] = {
    {"install options:", "install", install_options},
    CLI_GROUPS_END,
};

static const char *const hook_synopsis[] = {
    "hook install [--force] [-p BUILD_DIR] [--baseline FILE] [--db PATH] [--root DIR]",
    "hook uninstall",
    NULL,
};

/* One help for `hook`, `hook install` and `hook uninstall`. */
const cli_command hook_command = {
    "hook",
    hook_synopsis,
    "Installs (or removes) a git pre-commit hook in the current repository that runs "
    "'lagscan scan -p BUILD_DIR' on the staged .c and .h files: the report is narrowed to "
    "the findings whose blocking call, a call of whose path, or whose registration is in "
    "them (a staged call to an unchanged blocking helper elsewhere is reported), the call "
    "graph is still the whole program, and only the translation units whose "
    "sources, headers or flags changed are parsed again. The commit stops when the scan exits "
    "1 (findings) or 2 (error).",
    hook_groups,
    "Relative paths are taken from the current directory and written relative to\n"
    "the top of the work tree. Skip the hook once with 'git commit --no-verify'.\n"
    "For the pre-commit framework, use the hook 'lagscan' of .pre-commit-hooks.yaml.\n"
    "See docs/pre-commit.md.\n"
    "\n"
    "exit status: 0 done, 2 error (not in a git work tree, a hook that is not\n"
    "lagscan's, a file that cannot be written)\n",
    0,
};

/* Runs `git ARGS` (no shell) with stdin and stderr on /dev/null and returns
 * its standard output (heap) when it exits 0, else NULL with *missing set
 * when git itself could not be run. */
static char *git_output(char *const args[], int *missing) {
  *missing = 0;
  int fds[2];
  if (pipe(fds) != 0) return NULL;
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return NULL;
  }
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 2);
    }
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execvp("git", args);
    _exit(127);
  }
  close(fds[1]);
  size_t cap = 256, len = 0;
  char *out = malloc(cap);
  if (!out) abort();
  for (;;) {
    if (len + 128 > cap && !(out = realloc(out, cap *= 2))) abort();
    ssize_t n = read(fds[0], out + len, cap - len - 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += (size_t)n;
  }
  close(fds[0]);
  out[len] = '\0';
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *missing = WIFEXITED(status) && WEXITSTATUS(status) == 127;
    free(out);
    return NULL;
  }
  return out;
}

/* The work tree's top and the path of its pre-commit hook (absolute). */
static int find_hook(char **top, char **hook) {
  char *const args[] = {"git", "rev-parse", "--show-toplevel", "--git-path", "hooks/pre-commit",
                        NULL};
  int missing;
  char *out = git_output(args, &missing);
  if (!out) {
    if (missing) cli_error("cannot run 'git': is it installed and on PATH?");
    else cli_error("not inside a git work tree ('git rev-parse --show-toplevel' failed)");
    return -1;
  }
  char *nl = strchr(out, '\n');
  char *second = nl ? nl + 1 : NULL;
  if (!nl || !*second) {
    cli_error("unexpected output from 'git rev-parse'");
    free(out);
    return -1;
  }
  *nl = '\0';
  second[strcspn(second, "\n")] = '\0';
  *top = strdup(out);
  char cwd[PATH_MAX];
  if (second[0] == '/' || !getcwd(cwd, sizeof cwd)) {
    *hook = strdup(second);
  } else if (asprintf(hook, "%s/%s", cwd, second) < 0) {
    abort();
  }
  free(out);
  return 0;
}

/* Reads a small file; NULL if it cannot be read. */
static char *read_small(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  if (!buf) abort();
  size_t n;
  while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 == cap && !(buf = realloc(buf, cap *= 2))) abort();
  }
  fclose(f);
  buf[len] = '\0';
  return buf;
}

/* 1 if the hook at `path` is lagscan's, 0 if it is another, -1 if none. */
static int hook_owner(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return -1;
  char *text = S_ISREG(st.st_mode) ? read_small(path) : NULL;
  int ours = text && strstr(text, HOOK_MARKER) != NULL;
  free(text);
  return ours;
}

/* `path` (relative to the current directory) as the hook will use it: relative
 * to the top of the work tree when it lies inside it, else absolute. */
static char *from_top(const char *path, const char *top) {
  char buf[PATH_MAX], cwd[PATH_MAX], *abs;
  char *dir = strdup(path), *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  if (realpath(path, buf)) {
    abs = strdup(buf);
  } else if (realpath(slash ? (slash == dir ? "/" : dir) : ".", buf)) {
    /* A file that does not exist yet (a baseline): its directory resolved. */
    if (asprintf(&abs, "%s/%s", strcmp(buf, "/") ? buf : "", slash ? slash + 1 : path) < 0)
      abort();
  } else if (path[0] == '/' || !getcwd(cwd, sizeof cwd)) {
    abs = strdup(path);
  } else if (asprintf(&abs, "%s/%s", cwd, path) < 0) {
    abort();
  }
  free(dir);
  size_t n = strlen(top);
  char *out;
  if (!strcmp(abs, top)) out = strdup(".");
  else if (!strncmp(abs, top, n) && abs[n] == '/') out = strdup(abs + n + 1);
  else out = strdup(abs);
  free(abs);
  return out;
}

/* Appends s to the script in single quotes (safe for any byte but NUL). */
static void put_quoted(FILE *f, const char *s) {
  putc('\'', f);
  for (; *s; s++) {
    if (*s == '\'') fputs("'\\''", f);
    else putc(*s, f);
  }
  putc('\'', f);
}

static void write_script(FILE *f, const char *lagscan, const char *build, const char *baseline,
                         const char *db, const char *root) {
  fputs("#!/bin/sh\n" HOOK_MARKER "\n"
        "# ('lagscan hook uninstall' removes it). See docs/pre-commit.md.\n"
        "#\n"
        "# Checks the staged .c and .h files for calls that block the event loop. The\n"
        "# database keeps the whole program's facts, so only translation units whose\n"
        "# sources, headers or flags changed are parsed again; the report is narrowed\n"
        "# to the findings whose path touches the staged files. The work tree is what\n"
        "# gets analyzed. Skip the hook once with 'git commit --no-verify'.\n"
        "lagscan=",
        f);
  put_quoted(f, lagscan);
  fputs("\n"
        "[ -x \"$lagscan\" ] || lagscan=lagscan\n"
        "top=$(git rev-parse --show-toplevel) || exit 2\n"
        "cd \"$top\" || exit 2\n"
        "set --\n"
        "while IFS= read -r f; do\n"
        "  case $f in\n"
        "  *.c | *.h) set -- \"$@\" \"./$f\" ;;\n"
        "  esac\n"
        "done <<EOF\n"
        "$(git -c core.quotePath=false diff --cached --name-only --diff-filter=ACMR)\n"
        "EOF\n"
        "[ $# -gt 0 ] || exit 0\n"
        "\"$lagscan\" scan -p ",
        f);
  put_quoted(f, build);
  if (root) {
    fputs(" --root ", f);
    put_quoted(f, root);
  }
  if (db) {
    fputs(" --db ", f);
    put_quoted(f, db);
  }
  if (baseline) {
    fputs(" --baseline ", f);
    put_quoted(f, baseline);
    fputs(" --new-only", f);
  }
  fputs(" \"$@\"\n"
        "status=$?\n"
        "if [ \"$status\" -eq 1 ]; then\n"
        "  echo \"lagscan: commit stopped: the staged files call functions that block the "
        "event loop\" >&2\n"
        "  echo \"lagscan: fix them, suppress one with // NOLAGSCAN(rule): reason, or commit "
        "with --no-verify\" >&2\n"
        "fi\n"
        "exit \"$status\"\n",
        f);
}

/* Creates the hooks directory if core.hooksPath names one that is missing. */
static int make_parent(const char *path) {
  char *dir = strdup(path);
  char *slash = strrchr(dir, '/');
  int rc = 0;
  if (slash && slash != dir) {
    *slash = '\0';
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) rc = -1;
  }
  free(dir);
  return rc;
}

static int install(int argc, char **argv) {
  const char *build = "build", *baseline = NULL, *db = NULL, *root = NULL;
  int force = 0;
  cli_parser p;
  cli_parser_init(&p, &hook_command, "install", argc, argv);
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_BUILD_DIR:
      if (!(build = cli_build_dir(optarg))) return LS_EXIT_ERROR;
      break;
    case OPT_BASELINE: baseline = optarg; break;
    case OPT_DB: db = optarg; break;
    case OPT_ROOT: root = optarg; break;
    case OPT_FORCE: force = 1; break;
    case CLI_HELPED: return LS_EXIT_CLEAN;
    default: return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
    }
  }
  if (optind < argc) {
    cli_error("hook install takes no arguments ('%s')", argv[optind]);
    return LS_EXIT_ERROR;
  }
  char *top = NULL, *hook = NULL;
  if (find_hook(&top, &hook) != 0) return LS_EXIT_ERROR;
  int rc = LS_EXIT_ERROR;
  char *build_rel = from_top(build, top);
  char *baseline_rel = baseline ? from_top(baseline, top) : NULL;
  char *db_rel = db ? from_top(db, top) : NULL;
  char *root_rel = root ? from_top(root, top) : NULL;
  int owner = hook_owner(hook);
  if (owner == 0 && !force) {
    cli_error("'%s' exists and was not written by lagscan; use --force to replace it", hook);
    goto out;
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) snprintf(exe, sizeof exe, "lagscan");
  else exe[n] = '\0';
  if (make_parent(hook) != 0) {
    cli_error("cannot create the hooks directory of '%s': %s", hook, strerror(errno));
    goto out;
  }
  /* Written beside the hook and renamed over it (common.h, ls_atomic_open):
   * never half a hook; executable, 0777 less the umask. */
  ls_atomic out_file;
  int wrc = ls_atomic_open(&out_file, hook, LS_ATOMIC_EXEC);
  if (!wrc) {
    write_script(out_file.f, exe, build_rel, baseline_rel, db_rel, root_rel);
    wrc = ls_atomic_commit(&out_file, 0);
  }
  if (wrc) {
    cli_error("cannot write '%s': %s", hook, strerror(-wrc));
    goto out;
  }
  printf("lagscan: %s pre-commit hook '%s' (lagscan scan -p %s%s%s%s%s on the staged files)\n",
         owner == 1 ? "updated the" : owner == 0 ? "replaced the existing" : "installed the",
         hook, build_rel, db_rel ? " --db " : "", db_rel ? db_rel : "",
         baseline_rel ? " --new-only --baseline " : "", baseline_rel ? baseline_rel : "");
  char *cdb;
  if (build_rel[0] == '/') {
    if (asprintf(&cdb, "%s/compile_commands.json", build_rel) < 0) abort();
  } else if (asprintf(&cdb, "%s/%s/compile_commands.json", top, build_rel) < 0) {
    abort();
  }
  struct stat st;
  if (stat(cdb, &st) != 0)
    cli_warning("'%s' does not exist yet; the hook needs it (CMake: "
                "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)", cdb);
  free(cdb);
  if (baseline && stat(baseline, &st) != 0)
    cli_warning("baseline '%s' does not exist yet; write it with 'lagscan baseline -o %s'",
                baseline, baseline);
  rc = LS_EXIT_CLEAN;
out:
  free(build_rel);
  free(baseline_rel);
  free(db_rel);
  free(root_rel);
  free(top);
  free(hook);
  return rc;
}

static int uninstall(int argc, char **argv) {
  cli_parser p;
  cli_parser_init(&p, &hook_command, "uninstall", argc, argv);
  int c = cli_next(&p); /* no options but -h, --help */
  if (c == CLI_HELPED) return LS_EXIT_CLEAN;
  if (c != CLI_DONE) return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
  if (optind < argc) {
    cli_error("hook uninstall takes no arguments ('%s')", argv[optind]);
    return LS_EXIT_ERROR;
  }
  char *top = NULL, *hook = NULL;
  if (find_hook(&top, &hook) != 0) return LS_EXIT_ERROR;
  int rc = LS_EXIT_CLEAN;
  int owner = hook_owner(hook);
  if (owner < 0) {
    printf("lagscan: no pre-commit hook at '%s'; nothing to remove\n", hook);
  } else if (owner == 0) {
    cli_error("'%s' was not written by lagscan; leaving it alone", hook);
    rc = LS_EXIT_ERROR;
  } else if (unlink(hook) != 0) {
    cli_error("cannot remove '%s': %s", hook, strerror(errno));
    rc = LS_EXIT_ERROR;
  } else {
    printf("lagscan: removed the pre-commit hook '%s'\n", hook);
  }
  free(top);
  free(hook);
  return rc;
}

int cmd_hook(int argc, char **argv) {
  if (argc < 2) {
    cli_error("hook needs a subcommand: install or uninstall");
    cli_help(&hook_command, stderr);
    return LS_EXIT_ERROR;
  }
  const char *sub = argv[1];
  if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
    cli_help(&hook_command, stdout);
    return LS_EXIT_CLEAN;
  }
  if (!strcmp(sub, "install")) return install(argc - 1, argv + 1);
  if (!strcmp(sub, "uninstall")) return uninstall(argc - 1, argv + 1);
  cli_error("unknown hook subcommand '%s' (install or uninstall)", sub);
  cli_help(&hook_command, stderr);
  return LS_EXIT_ERROR;
}
