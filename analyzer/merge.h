/* merge.h: extraction spread over machines. This file is private to
 * analyzer/.
 *
 * `lagscan extract --shard K/N` parses a deterministic 1/N of a compilation
 * database's TUs into a fact database of its own, and `lagscan merge`
 * combines such databases into one, so that `lagscan scan -p BUILD --db OUT`
 * finds every TU unchanged and runs only the graph phase. A CI matrix (or any
 * job scheduler) runs the N extractions at once, on N machines.
 *
 * A TU's shard is the FNV-1a hash of its key (file, directory and sanitized
 * arguments, inputs.h) modulo N, plus one: it depends only on the compile
 * command, so every machine agrees. Keys and input hashes hold absolute
 * paths, so the shards, the merge and the final scan must see the sources
 * and the build directory at the same paths (a CI workspace usually is).
 */
#ifndef LAGSCAN_MERGE_H
#define LAGSCAN_MERGE_H

#include <stddef.h>

#include "analyzer.h"

/* The shard (1..nshards) a TU key belongs to. */
int ls_shard_of(const char *key, int nshards);

typedef struct ls_shard_options {
  const char *build_dir;  /* BUILD_DIR/compile_commands.json */
  const char *db_path;    /* NULL: .lagscan/lagscan.db */
  int shard, nshards;     /* K of N, 1 <= K <= N; 1/1 is every TU */
  int jobs;               /* worker processes; <= 0: number of cores */
  int tu_timeout_s;       /* per-TU limit; <= 0: 300 s */
  int progress;           /* progress on stderr */
} ls_shard_options;

typedef struct ls_shard_result {
  size_t total;           /* TUs in the compilation database (distinct keys) */
  size_t selected;        /* TUs of this shard */
  size_t parsed, cached, failed;
  ls_notification *notes; /* TUs that failed (fatal) or parsed with errors */
  size_t nnotes;
} ls_shard_result;

/* Parses the shard's TUs that are not already stored unchanged into the
 * database, in worker processes (workers.h), and records "K/N" in the
 * database's meta table. No graph, no findings. Returns 0 with *res filled
 * (failed TUs in res->notes, fatal = 1), or -1 with *err set. */
int ls_extract_shard(const ls_shard_options *opt, ls_shard_result *res, char **err);
void ls_shard_result_free(ls_shard_result *res);

typedef struct ls_merge_result {
  size_t shards;          /* databases merged */
  size_t tus;             /* TUs copied */
  size_t replaced;        /* TUs that replaced a stored TU with the same key */
  char *warning;          /* e.g. "shard 2/3 is missing" (heap), or NULL */
} ls_merge_result;

/* Copies every TU of each shard database into the database at out_path
 * (created if needed): symbols are re-interned by key, file rows by path
 * (their digests kept, so unchanged files are not read again), TU, call and
 * other ids renumbered, and every fact table copied. A TU already in the
 * output, or in an earlier shard, is replaced by the later copy. Each shard
 * is merged in one transaction. Returns 0, or -1 with *err set (a missing
 * shard, a file that is not a lagscan fact database, one written by a newer
 * lagscan, the output given as an input). */
int ls_merge_stores(const char *out_path, char *const *shards, int nshards,
                    ls_merge_result *res, char **err);

#endif /* LAGSCAN_MERGE_H */
