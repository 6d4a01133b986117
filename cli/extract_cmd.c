/* extract_cmd.c: `lagscan extract` and `lagscan merge`, extraction spread
 * over machines (analyzer/merge.h, docs/performance.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "cli.h"
#include "scan.h"

static const char extract_usage[] =
    "usage: lagscan extract -p BUILD_DIR [--db PATH] [--shard K/N] [-j N]\n"
    "                       [--tu-timeout SEC] [-v]\n"
    "\n"
    "Parses the translation units of BUILD_DIR/compile_commands.json into the fact\n"
    "database and stops there: no call graph, no findings. With --shard K/N only\n"
    "the K-th of N shards is parsed, a deterministic 1/N of the TUs (by a hash of\n"
    "each compile command), so N machines can parse a program at once; 'lagscan\n"
    "merge' then combines their databases and 'lagscan scan -p BUILD_DIR --db OUT'\n"
    "finds every TU unchanged and runs only the graph phase. The shards, the\n"
    "merge and the scan must see the sources at the same paths.\n"
    "\n"
    "options:\n"
    "  -p BUILD_DIR       read BUILD_DIR/compile_commands.json (required)\n"
    "  --db PATH          fact database (default .lagscan/lagscan.db); TUs stored\n"
    "                     unchanged are not parsed again\n"
    "  --shard K/N        parse only shard K of N (1 <= K <= N; default 1/1, all)\n"
    "  -j, --jobs N       parse N translation units at once (default: cores)\n"
    "  --tu-timeout SEC   give up on a translation unit after SEC seconds (default 300)\n"
    "  --progress         show progress on stderr (default when stderr is a terminal)\n"
    "  --no-progress      never show progress\n"
    "  -v, --verbose      print a summary of the work done on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "example (a CI matrix of 3 jobs, then one job that needs them all):\n"
    "  lagscan extract -p build --shard 2/3 --db shard-2.db\n"
    "  lagscan merge --db facts.db shard-1.db shard-2.db shard-3.db\n"
    "  lagscan scan -p build --db facts.db --format sarif -o lagscan.sarif\n"
    "\n"
    "exit status: 0 every TU of the shard analyzed, 2 error (usage, unreadable\n"
    "input, or a translation unit that could not be analyzed)\n";

static const char merge_usage[] =
    "usage: lagscan merge --db OUT [-v] SHARD_DB...\n"
    "\n"
    "Combines fact databases written by 'lagscan extract --shard K/N' (or by any\n"
    "lagscan run) into OUT, created if needed: symbols are matched by name across\n"
    "databases, ids renumbered, every fact and file digest kept. A translation unit\n"
    "in several inputs keeps the copy of the last one. Afterwards 'lagscan scan\n"
    "-p BUILD_DIR --db OUT' parses nothing that the shards parsed.\n"
    "\n"
    "options:\n"
    "  --db OUT           the merged database (required; not one of the inputs)\n"
    "  -v, --verbose      print a summary on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit status: 0 merged, 2 error (usage, a missing or unreadable input, a file\n"
    "that is not a lagscan fact database)\n";

enum { OPT_DB = 256, OPT_SHARD, OPT_TIMEOUT, OPT_PROGRESS, OPT_NO_PROGRESS };

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
  static const struct option options[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"shard", required_argument, NULL, OPT_SHARD},
      {"jobs", required_argument, NULL, 'j'},
      {"tu-timeout", required_argument, NULL, OPT_TIMEOUT},
      {"progress", no_argument, NULL, OPT_PROGRESS},
      {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  ls_shard_options opt = {0};
  opt.shard = opt.nshards = 1;
  opt.progress = isatty(2);
  int verbose = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "p:j:hv", options, NULL)) != -1) {
    switch (c) {
    case 'p': opt.build_dir = optarg; break;
    case OPT_DB: opt.db_path = optarg; break;
    case OPT_SHARD:
      if (parse_shard(optarg, &opt.shard, &opt.nshards) != 0) {
        cli_error("--shard needs K/N with 1 <= K <= N, not '%s'", optarg);
        return LS_EXIT_ERROR;
      }
      break;
    case 'j':
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
    case 'v': verbose = 1; break;
    case 'h': fputs(extract_usage, stdout); return LS_EXIT_CLEAN;
    default: fputs(extract_usage, stderr); return LS_EXIT_ERROR;
    }
  }
  if (!opt.build_dir) {
    cli_error("extract needs -p BUILD_DIR");
    fputs(extract_usage, stderr);
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
  static const struct option options[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *out = NULL;
  int verbose = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "hv", options, NULL)) != -1) {
    switch (c) {
    case OPT_DB: out = optarg; break;
    case 'v': verbose = 1; break;
    case 'h': fputs(merge_usage, stdout); return LS_EXIT_CLEAN;
    default: fputs(merge_usage, stderr); return LS_EXIT_ERROR;
    }
  }
  if (!out) {
    cli_error("merge needs --db OUT");
    fputs(merge_usage, stderr);
    return LS_EXIT_ERROR;
  }
  if (optind >= argc) {
    cli_error("nothing to merge: give the shard databases");
    fputs(merge_usage, stderr);
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
