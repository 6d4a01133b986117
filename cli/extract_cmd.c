/* extract_cmd.c: `lagscan extract` and `lagscan merge`, extraction spread
 * over machines (src/store/include/store.h, src/scan/include/scan.h, docs/performance.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "scan.h"

/* Ids of the options of extract and merge (what cli_next returns). */
enum { OPT_BUILD_DIR = 1, OPT_DB, OPT_SHARD, OPT_JOBS, OPT_TIMEOUT, OPT_PROGRESS,
       OPT_NO_PROGRESS, OPT_VERBOSE };
enum { OPT_ROOT = 100 };

static const cli_option extract_options[] = {
    {NULL, 'p', "BUILD_DIR", "read BUILD_DIR/compile_commands.json (required)", OPT_BUILD_DIR},
    {"db", 0, "PATH", "fact database (default .lagscan/lagscan.db under the project root); "
     "TUs stored unchanged are not parsed again", OPT_DB},
    {"root", 0, "DIR", "the project root (default: found as by 'lagscan scan': the nearest "
     "directory upward with a .lagscan.yml, else the git top level, else the current "
     "directory)", OPT_ROOT},
    {"shard", 0, "K/N", "parse only shard K of N (1 <= K <= N; default 1/1, all)", OPT_SHARD},
    {"jobs", 'j', "N", "parse N translation units at once (default: cores)", OPT_JOBS},
    {"tu-timeout", 0, "SEC", "give up on a translation unit after SEC seconds (default 300)",
     OPT_TIMEOUT},
    {"progress", 0, NULL, "show progress on stderr (default when stderr is a terminal)",
     OPT_PROGRESS},
    {"no-progress", 0, NULL, "never show progress", OPT_NO_PROGRESS},
    {"verbose", 'v', NULL, "print a summary of the work done on stderr", OPT_VERBOSE},
    CLI_OPTIONS_END,
};

static const cli_group extract_groups[] = {
    {"options:", NULL, extract_options},
    CLI_GROUPS_END,
};

static const char *const extract_synopsis[] = {
    "extract -p BUILD_DIR [--root DIR] [--db PATH] [--shard K/N] [-j N] [--tu-timeout SEC] [-v]",
    NULL,
};

const cli_command extract_command = {
    "extract",
    extract_synopsis,
    "Parses the translation units of BUILD_DIR/compile_commands.json into the fact database "
    "and stops there: no call graph, no findings. With --shard K/N only the K-th of N shards "
    "is parsed, a deterministic 1/N of the TUs (by a hash of each compile command), so N "
    "machines can parse a program at once; 'lagscan merge' then combines their databases and "
    "'lagscan scan -p BUILD_DIR --db OUT' finds every TU unchanged and runs only the graph "
    "phase. The shards, the merge and the scan must see the sources at the same paths "
    "(docs/performance.md).",
    extract_groups,
    "example (a CI matrix of 3 jobs, then one job that needs them all):\n"
    "  lagscan extract -p build --shard 2/3 --db shard-2.db\n"
    "  lagscan merge --db facts.db shard-1.db shard-2.db shard-3.db\n"
    "  lagscan scan -p build --db facts.db --format sarif -o lagscan.sarif\n"
    "\n"
    "exit status: 0 every TU of the shard analyzed, 2 error (usage, unreadable\n"
    "input, or a translation unit that could not be analyzed)\n",
    0,
};

static const cli_option merge_options[] = {
    {"db", 0, "OUT", "the merged database (required; not one of the inputs)", OPT_DB},
    {"verbose", 'v', NULL, "print a summary on stderr", OPT_VERBOSE},
    CLI_OPTIONS_END,
};

static const cli_group merge_groups[] = {
    {"options:", NULL, merge_options},
    CLI_GROUPS_END,
};

static const char *const merge_synopsis[] = {"merge --db OUT [-v] SHARD_DB...", NULL};

const cli_command merge_command = {
    "merge",
    merge_synopsis,
    "Combines fact databases written by 'lagscan extract --shard K/N' (or by any lagscan run) "
    "into OUT, created if needed: symbols are matched by name across databases, ids "
    "renumbered, every fact and file digest kept. A translation unit in several inputs keeps "
    "the copy of the last one. Afterwards 'lagscan scan -p BUILD_DIR --db OUT' parses nothing "
    "that the shards parsed.",
    merge_groups,
    "exit status: 0 merged, 2 error (usage, a missing or unreadable input, a file\n"
    "that is not a lagscan fact database)\n",
    0,
};

static int parse_count(const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 1 || v > 1000000) return -1;
  *out = (int)v;
  return 0;
}

/* "K/N" with 1 <= K <= N. */
static int parse_shard(const char *s, int *k, int *n) {
  const char *slash = strchr(s, '/');
  if (!slash || slash == s) return -1;
  char *head = strndup(s, (size_t)(slash - s));
  int r = parse_count(head, k) || parse_count(slash + 1, n) || *k > *n ? -1 : 0;
  free(head);
  return r;
}

int cmd_extract(int argc, char **argv) {
  ls_shard_options opt = {0};
  opt.shard = opt.nshards = 1;
  opt.progress = isatty(2);
  int verbose = 0;
  cli_parser p;
  cli_parser_init(&p, &extract_command, NULL, argc, argv);
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_BUILD_DIR:
      if (!(opt.build_dir = cli_build_dir(optarg))) return LS_EXIT_ERROR;
      break;
    case OPT_DB: opt.db_path = optarg; break;
    case OPT_ROOT: opt.root = optarg; break;
    case OPT_SHARD:
      if (parse_shard(optarg, &opt.shard, &opt.nshards) != 0) {
        cli_error("--shard needs K/N with 1 <= K <= N, not '%s'", optarg);
        return LS_EXIT_ERROR;
      }
      break;
    case OPT_JOBS:
      if (parse_count(optarg, &opt.jobs) != 0) {
        cli_error("-j needs a positive number, not '%s'", optarg);
        return LS_EXIT_ERROR;
      }
      break;
    case OPT_TIMEOUT:
      if (parse_count(optarg, &opt.tu_timeout_s) != 0) {
        cli_error("--tu-timeout needs a positive number of seconds, not '%s'", optarg);
        return LS_EXIT_ERROR;
      }
      break;
    case OPT_PROGRESS: opt.progress = 1; break;
    case OPT_NO_PROGRESS: opt.progress = 0; break;
    case OPT_VERBOSE: verbose = 1; break;
    case CLI_HELPED: return LS_EXIT_CLEAN;
    default: return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
    }
  }
  if (!opt.build_dir) {
    cli_error("extract needs -p BUILD_DIR");
    cli_help(&extract_command, stderr);
    return LS_EXIT_ERROR;
  }
  if (optind < argc) {
    cli_error("unexpected argument '%s' (extract reads the compilation database only)",
              argv[optind]);
    return LS_EXIT_ERROR;
  }
  ls_shard_result res;
  char *err = NULL;
  if (ls_extract_shard(&opt, &res, &err) != 0) {
    cli_error("%s", err);
    free(err);
    ls_shard_result_free(&res);
    return LS_EXIT_ERROR;
  }
  int fatal = 0;
  for (size_t i = 0; i < res.nnotes; i++) {
    const ls_notification *n = &res.notes[i];
    if (n->fatal) {
      fprintf(stderr, "lagscan: error: cannot analyze '%s': %s\n", n->path, n->message);
      fatal = 1;
    } else {
      fprintf(stderr, "lagscan: warning: '%s' has errors; analyzed what parsed: %s\n", n->path,
              n->message);
    }
  }
  if (verbose || opt.progress)
    fprintf(stderr,
            "lagscan: shard %d/%d: %zu of %zu translation units (%zu parsed, %zu unchanged, "
            "%zu failed)\n",
            opt.shard, opt.nshards, res.selected, res.total, res.parsed, res.cached, res.failed);
  ls_shard_result_free(&res);
  return fatal ? LS_EXIT_ERROR : LS_EXIT_CLEAN;
}

int cmd_merge(int argc, char **argv) {
  const char *out = NULL;
  int verbose = 0;
  cli_parser p;
  cli_parser_init(&p, &merge_command, NULL, argc, argv);
  for (int c; (c = cli_next(&p)) != CLI_DONE;) {
    switch (c) {
    case OPT_DB: out = optarg; break;
    case OPT_VERBOSE: verbose = 1; break;
    case CLI_HELPED: return LS_EXIT_CLEAN;
    default: return LS_EXIT_ERROR; /* CLI_BAD: the usage is on stderr */
    }
  }
  if (!out) {
    cli_error("merge needs --db OUT");
    cli_help(&merge_command, stderr);
    return LS_EXIT_ERROR;
  }
  if (optind >= argc) {
    cli_error("nothing to merge: give the shard databases");
    cli_help(&merge_command, stderr);
    return LS_EXIT_ERROR;
  }
  ls_merge_result res;
  char *err = NULL;
  if (ls_merge_stores(out, argv + optind, argc - optind, &res, &err) != 0) {
    cli_error("%s", err);
    free(err);
    return LS_EXIT_ERROR;
  }
  if (res.warning) fprintf(stderr, "lagscan: warning: %s\n", res.warning);
  if (verbose)
    fprintf(stderr,
            "lagscan: merged %zu database%s (%zu translation units, %zu replaced) into '%s'\n",
            res.shards, res.shards == 1 ? "" : "s", res.tus, res.replaced, out);
  free(res.warning);
  return LS_EXIT_CLEAN;
}
