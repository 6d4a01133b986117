/* baseline.c: baseline files, the committed list of accepted findings.
 *
 * Format (version 1), written with common's JSON emitter (valid UTF-8, four
 * spaces of indentation) and replaced atomically (0666 less the umask: a
 * baseline is meant to be committed), and read with yajl's tree parser:
 *   {"version": 1, "tool": "lagscan",
 *    "findings": [{"fingerprint": "<64 hex>", "rule": "sync-fs",
 *                  "file": "src/a.c", "function": "on_read", "callee": "read",
 *                  "line": 12}, ...]}
 * Only "fingerprint" decides identity; the rest is for people reading diffs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "findings.h"
#include "common.h"

int ls_baseline_write(const ls_report *report, const char *path, char **err) {
  ls_atomic out;
  int rc = ls_atomic_open(&out, path, 0);
  if (rc) {
    *err = ls_xasprintf("cannot write '%s': %s", path, strerror(-rc));
    return -1;
  }
  ls_json j;
  ls_json_init(&j, out.f, "    ");
  ls_json_map(&j);
  ls_json_key(&j, "version");
  ls_json_uint(&j, 1);
  ls_json_kstr(&j, "tool", "lagscan");
  ls_json_key(&j, "findings");
  ls_json_array(&j);
  for (size_t i = 0; i < report->nfindings; i++) {
    const ls_finding *f = &report->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    ls_json_map(&j);
    ls_json_kstr(&j, "fingerprint", f->fingerprint);
    ls_json_kstr(&j, "rule", f->rule_id);
    ls_json_kstr(&j, "file", f->loc.path);
    ls_json_kstr(&j, "function", f->function ? f->function : "");
    /* For people reading the file: which call, and where it was. */
    ls_json_kstr(&j, "callee", f->callee ? f->callee : "");
    ls_json_key(&j, "line");
    ls_json_uint(&j, f->loc.line);
    ls_json_end_map(&j);
  }
  ls_json_end_array(&j);
  ls_json_end_map(&j);
  rc = ls_atomic_commit(&out, ls_json_finish(&j));
  if (rc) {
    *err = ls_xasprintf("cannot write '%s': %s", path, strerror(-rc));
    return -1;
  }
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
