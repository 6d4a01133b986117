/* shard.c: `lagscan extract --shard K/N` (scan.h): extraction of one shard
 * of a compilation database into a fact database of its own, for `lagscan
 * merge` (store.h) to combine. */
#include "scan.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "workers.h"

/* The first 8 bytes of the key's SHA-256, big-endian, modulo N. Every bit of
 * a SHA-256 depends on every byte of the key, so the residues are even for
 * any N, where FNV-1a's low bit is the same for every key of one shape
 * (CMake's commands name the source twice, as itself and in -o). The digest
 * is the same on every machine, so every machine agrees on a TU's shard. */
int ls_shard_of(const char *key, int nshards) {
  if (nshards <= 1) return 1;
  char hex[65];
  ls_sha256_hex(key, strlen(key), hex);
  uint64_t h = 0;
  for (int i = 0; i < 16; i++) {
    char c = hex[i];
    h = (h << 4) | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return (int)(h % (uint64_t)nshards) + 1;
}

/* ---- extract ------------------------------------------------------------ */

static void add_note(ls_shard_result *r, const char *path, const char *msg, int fatal) {
  r->notes = ls_xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
  r->notes[r->nnotes++] = (ls_notification){ls_xstrdup(path), ls_xstrdup(msg), fatal};
}

static int cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

int ls_extract_shard(const ls_shard_options *opt, ls_shard_result *res, char **err) {
  memset(res, 0, sizeof *res);
  if (opt->nshards < 1 || opt->shard < 1 || opt->shard > opt->nshards) {
    *err = ls_xasprintf("shard %d/%d does not exist (K/N needs 1 <= K <= N)", opt->shard,
                        opt->nshards);
    return -1;
  }
  char *root = NULL, *db_abs = NULL;
  if (ls_scan_locate(opt->root, opt->db_path, &root, &db_abs, err) != 0) return -1;
  free(root);
  ls_tu_list tus = {0};
  ls_store *store = NULL;
  ls_extract_job *jobs = NULL;
  size_t njobs = 0;
  int rc = -1;
  if (ls_inputs_from_compdb(opt->build_dir, &tus, err) != 0) {
    free(db_abs);
    goto out;
  }
  /* Workers chdir to each TU's directory: they need the database's absolute path. */
  int opened = ls_store_open(db_abs, &store, err);
  free(db_abs);
  if (opened != 0) goto out;

  jobs = ls_xcalloc(tus.len + 1, sizeof *jobs);
  /* The inputs hold one TU per key (inputs.c drops repeated compile
   * commands), and the test for reuse is the scan's, so a TU stored here
   * is one `lagscan scan` reuses. */
  const ls_tu_input **mine = ls_xcalloc(tus.len + 1, sizeof *mine);
  size_t nmine = 0;
  for (size_t i = 0; i < tus.len; i++) {
    res->total++;
    if (ls_shard_of(tus.items[i].key, opt->nshards) == opt->shard) mine[nmine++] = &tus.items[i];
  }
  res->selected = nmine;
  ls_tu_reuse *reuse = ls_xcalloc(nmine + 1, sizeof *reuse);
  int checked = ls_store_unchanged_all(store, mine, nmine, reuse, err);
  for (size_t i = 0; checked == 0 && i < nmine; i++) {
    if (reuse[i].unchanged)
      res->cached++;
    else
      jobs[njobs++].input = mine[i];
  }
  free(reuse);
  free(mine);
  if (checked != 0) goto out;
  char shard[32];
  snprintf(shard, sizeof shard, "%d/%d", opt->shard, opt->nshards);
  if (ls_store_set_meta(store, "shard", shard, err) != 0) goto out;

  ls_extract_options xo = {.db_path = ls_store_path(store),
                           .jobs = opt->jobs > 0 ? opt->jobs : cores(),
                           .timeout_s = opt->tu_timeout_s > 0 ? opt->tu_timeout_s : 300,
                           .progress = opt->progress,
                           .done_before = res->cached,
                           .total = res->selected};
  if (njobs && ls_extract_all(jobs, njobs, &xo, err) != 0) goto out;
  for (size_t i = 0; i < njobs; i++) {
    ls_extract_job *j = &jobs[i];
    if (j->status == LS_TU_FAILED || !j->tu_id) {
      res->failed++;
      add_note(res, j->input->file, j->message ? j->message : "could not be analyzed", 1);
      continue;
    }
    res->parsed++;
    if (j->status == LS_TU_ERRORS)
      add_note(res, j->input->file, j->message ? j->message : "parsed with errors", 0);
  }
  rc = 0;
out:
  for (size_t i = 0; i < njobs; i++) free(jobs[i].message);
  free(jobs);
  ls_store_close(store);
  ls_tu_list_free(&tus);
  return rc;
}

void ls_shard_result_free(ls_shard_result *res) {
  for (size_t i = 0; i < res->nnotes; i++) {
    free((char *)res->notes[i].path);
    free((char *)res->notes[i].message);
  }
  free(res->notes);
  memset(res, 0, sizeof *res);
}

