/* baseline.c: baseline files, the committed list of accepted findings.
 *
 * Format (version 1), written with yajl's generator and read with its tree
 * parser:
 *   {"version": 1, "tool": "lagscan",
 *    "findings": [{"fingerprint": "<64 hex>", "rule": "sync-fs",
 *                  "file": "src/a.c", "function": "on_read"}, ...]}
 * Only "fingerprint" decides identity; the rest is for people reading diffs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "findings.h"
#include "common.h"

static void gen_str(yajl_gen g, const char *s) {
  yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

typedef struct sink {
  FILE *f;
  int failed;
} sink;

static void print_cb(void *ctx, const char *str, size_t len) {
  sink *s = ctx;
  if (fwrite(str, 1, len, s->f) != len) s->failed = 1;
}

int ls_baseline_write(const ls_report *report, const char *path, char **err) {
  char *tmp = ls_xasprintf("%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    *err = ls_xasprintf("cannot write '%s': %s", path, strerror(errno));
    free(tmp);
    return -1;
  }
  sink s = {fdopen(fd, "w"), 0};
  yajl_gen g = yajl_gen_alloc(NULL);
  yajl_gen_config(g, yajl_gen_beautify, 1);
  yajl_gen_config(g, yajl_gen_validate_utf8, 0);
  yajl_gen_config(g, yajl_gen_print_callback, print_cb, &s);
  yajl_gen_map_open(g);
  gen_str(g, "version");
  yajl_gen_integer(g, 1);
  gen_str(g, "tool");
  gen_str(g, "lagscan");
  gen_str(g, "findings");
  yajl_gen_array_open(g);
  for (size_t i = 0; i < report->nfindings; i++) {
    const ls_finding *f = &report->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    yajl_gen_map_open(g);
    gen_str(g, "fingerprint");
    gen_str(g, f->fingerprint);
    gen_str(g, "rule");
    gen_str(g, f->rule_id);
    gen_str(g, "file");
    gen_str(g, f->loc.path);
    gen_str(g, "function");
    gen_str(g, f->function ? f->function : "");
    yajl_gen_map_close(g);
  }
  yajl_gen_array_close(g);
  yajl_gen_map_close(g);
  yajl_gen_free(g);
  int bad = s.failed || fflush(s.f) != 0 || fsync(fd) != 0;
  if (fclose(s.f) != 0) bad = 1;
  if (bad || rename(tmp, path) != 0) {
    *err = ls_xasprintf("cannot write '%s': %s", path, strerror(errno ? errno : EIO));
    unlink(tmp);
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

int ls_baseline_apply(ls_report *report, const char *path, int new_only, char **err) {
  char *text = NULL;
  size_t len = 0;
  int r = ls_read_file(path, &text, &len);
  if (r != 0) {
    *err = ls_xasprintf("cannot read baseline '%s': %s", path, strerror(-r));
    return -1;
  }
  char errbuf[256] = "";
  yajl_val root = yajl_tree_parse(text, errbuf, sizeof errbuf);
  free(text);
  if (!root) {
    /* yajl's message names the position ("lexical error: ... at offset N") */
    char *nl = strchr(errbuf, '\n');
    if (nl) *nl = '\0';
    *err = ls_xasprintf("cannot parse baseline '%s': %s", path, errbuf[0] ? errbuf : "invalid JSON");
    return -1;
  }
  const char *version_path[] = {"version", NULL};
  const char *findings_path[] = {"findings", NULL};
  yajl_val version = yajl_tree_get(root, version_path, yajl_t_number);
  yajl_val list = yajl_tree_get(root, findings_path, yajl_t_array);
  if (!version || !YAJL_IS_INTEGER(version) || YAJL_GET_INTEGER(version) != 1 || !list) {
    *err = ls_xasprintf("baseline '%s' is not a lagscan baseline (version 1 with a \"findings\" "
                        "array)", path);
    yajl_tree_free(root);
    return -1;
  }
  ls_strmap known = {0}; /* fingerprint -> index in list, matched = -1 */
  size_t n = YAJL_GET_ARRAY(list)->len;
  for (size_t i = 0; i < n; i++) {
    yajl_val item = YAJL_GET_ARRAY(list)->values[i];
    const char *fp_path[] = {"fingerprint", NULL};
    yajl_val fp = yajl_tree_get(item, fp_path, yajl_t_string);
    if (!fp) {
      *err = ls_xasprintf("baseline '%s': entry %zu has no \"fingerprint\" string", path, i + 1);
      ls_strmap_free(&known);
      yajl_tree_free(root);
      return -1;
    }
    ls_strmap_put(&known, YAJL_GET_STRING(fp), (int64_t)i, NULL);
  }
  size_t kept = 0;
  for (size_t i = 0; i < report->nfindings; i++) {
    ls_finding *f = &report->findings[i];
    int64_t *v = ls_strmap_get(&known, f->fingerprint);
    f->baseline = v ? LS_BASELINE_UNCHANGED : LS_BASELINE_NEW;
    if (v) *v = -1;
  }
  if (new_only) {
    /* Keep only new findings; free the rest. */
    for (size_t i = 0; i < report->nfindings; i++) {
      if (report->findings[i].baseline == LS_BASELINE_NEW) {
        report->findings[kept++] = report->findings[i];
      } else {
        /* ls_report_free releases a finding together with its array. */
        ls_report one = {0};
        one.findings = ls_xmalloc(sizeof(ls_finding));
        one.findings[0] = report->findings[i];
        one.nfindings = 1;
        ls_report_free(&one);
      }
    }
    report->nfindings = kept;
  } else {
    for (size_t i = 0; i < n; i++) {
      yajl_val item = YAJL_GET_ARRAY(list)->values[i];
      const char *fp_path[] = {"fingerprint", NULL}, *rule_path[] = {"rule", NULL},
                 *file_path[] = {"file", NULL}, *fn_path[] = {"function", NULL};
      const char *fp = YAJL_GET_STRING(yajl_tree_get(item, fp_path, yajl_t_string));
      int64_t *v = ls_strmap_get(&known, fp);
      if (!v || *v != (int64_t)i) continue; /* matched, or a duplicate entry */
      yajl_val rule = yajl_tree_get(item, rule_path, yajl_t_string);
      yajl_val file = yajl_tree_get(item, file_path, yajl_t_string);
      yajl_val fn = yajl_tree_get(item, fn_path, yajl_t_string);
      ls_finding f = {0};
      f.rule_id = ls_xstrdup(rule ? YAJL_GET_STRING(rule) : ls_rule_id(LS_RULE_DEFAULT_BLOCKING));
      f.loc.path = ls_xstrdup(file ? YAJL_GET_STRING(file) : "");
      f.function = fn ? ls_xstrdup(YAJL_GET_STRING(fn)) : NULL;
      f.message = ls_xasprintf("in the baseline, no longer found%s%s", fn ? " in " : "",
                               fn ? YAJL_GET_STRING(fn) : "");
      snprintf(f.fingerprint, sizeof f.fingerprint, "%s", fp);
      f.baseline = LS_BASELINE_ABSENT;
      report->findings = ls_xrealloc(report->findings,
                                     (report->nfindings + 1) * sizeof(ls_finding));
      report->findings[report->nfindings++] = f;
    }
  }
  ls_strmap_free(&known);
  yajl_tree_free(root);
  return 0;
}
