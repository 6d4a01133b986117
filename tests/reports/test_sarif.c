/* test_sarif.c: the SARIF 2.1.0 writer. Every log written here is validated
 * against the SARIF 2.1.0 JSON schema with /usr/bin/python3 -m jsonschema
 * and with the SARIF Multitool (scripts/sarif-tools.sh installs it from npm
 * into LAGSCAN_SARIF_TOOLS), under GitHub's ingestion rules (--rule-kind Gh)
 * and the default SARIF rules, where an error or a warning fails the test
 * (notes are style advice). The schema is LAGSCAN_SARIF_SCHEMA when that
 * file exists, else the one the Multitool's package ships. When a checker
 * is missing the test says it skipped, except under CI=true, where a missing
 * checker fails. The content is also checked field by field in C. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"
#include "reports.h"
#include "rtest.h"
#include "writers.h"

#ifndef LAGSCAN_SARIF_SCHEMA
#define LAGSCAN_SARIF_SCHEMA ""
#endif
#ifndef LAGSCAN_SARIF_TOOLS
#define LAGSCAN_SARIF_TOOLS ""
#endif

static int in_ci(void) {
  const char *ci = getenv("CI");
  return ci && strcmp(ci, "true") == 0;
}

/* A checker that is not there: skipped, or a failure (0) under CI=true. */
static int cannot_check(const char *what) {
  if (in_ci()) {
    fprintf(stderr, "\n    CI=true and no %s: failing\n", what);
    return 0;
  }
  rt_skip(what);
  return -1;
}

static int readable(const char *path) {
  FILE *f = *path ? fopen(path, "r") : NULL;
  if (f) fclose(f);
  return f != NULL;
}

/* The schema file: LAGSCAN_SARIF_SCHEMA, else the Multitool package's. */
static const char *schema_path(void) {
  static char *path;
  if (!path) {
    if (readable(LAGSCAN_SARIF_SCHEMA)) path = strdup(LAGSCAN_SARIF_SCHEMA);
    else if (asprintf(&path, "%s/sarif-schema-2.1.0.json", LAGSCAN_SARIF_TOOLS) < 0) abort();
  }
  return path;
}

/* 1: valid, 0: invalid, -1: could not check (said on stderr). */
static int json_schema_valid(const char *path) {
  static int can = -2;
  if (can == -2) {
    char *probe[] = {"/usr/bin/python3", "-c", "import jsonschema", NULL};
    can = rt_have("/usr/bin/python3") && rt_run(probe, NULL, NULL, 60) == 0 &&
          readable(schema_path());
  }
  if (!can)
    return cannot_check("SARIF schema check (needs /usr/bin/python3 with jsonschema and the "
                        "schema at LAGSCAN_SARIF_SCHEMA=" LAGSCAN_SARIF_SCHEMA " or from "
                        "scripts/sarif-tools.sh in LAGSCAN_SARIF_TOOLS=" LAGSCAN_SARIF_TOOLS ")");
  char *err_path;
  if (asprintf(&err_path, "%s.schema-errors", path) < 0) abort();
  char *argv[] = {"/usr/bin/python3", "-m", "jsonschema", "-i", (char *)path,
                  (char *)schema_path(), NULL};
  int rc = rt_run(argv, err_path, err_path, 300);
  if (rc != 0) {
    char *errors = rt_read_file(err_path);
    fprintf(stderr, "\n    %s is not valid SARIF:\n%.4000s\n", path, errors ? errors : "");
    free(errors);
  }
  free(err_path);
  return rc == 0;
}

/* Runs the Multitool's validate on `path` with `kinds` (NULL: its default
 * SARIF rules). 1: no error or warning, 0: some (printed), -1: no tool. */
static int multitool_run(const char *path, const char *kinds) {
  char *tool, *out_path, *log_path;
  if (asprintf(&tool, "%s/multitool", LAGSCAN_SARIF_TOOLS) < 0 ||
      asprintf(&out_path, "%s.%s.validation.sarif", path, kinds ? kinds : "Sarif") < 0 ||
      asprintf(&log_path, "%s.%s.validation.log", path, kinds ? kinds : "Sarif") < 0)
    abort();
  int ok = -1;
  if (!*LAGSCAN_SARIF_TOOLS || !rt_have(tool)) {
    ok = cannot_check("SARIF Multitool check (scripts/sarif-tools.sh installs it into "
                      "LAGSCAN_SARIF_TOOLS=" LAGSCAN_SARIF_TOOLS ")");
    goto out;
  }
  /* The file comes before --rule-kind, which would take it as a second
   * kind; the output is a SARIF log of the Multitool's own results. */
  char *argv[] = {tool, "validate", (char *)path, "-o", out_path, "--log", "ForceOverwrite",
                  kinds ? "--rule-kind" : NULL, (char *)kinds, NULL};
  int rc = rt_run(argv, log_path, log_path, 300);
  char *text = rt_read_file(out_path);
  yajl_val v = text ? jt_parse(text) : NULL;
  if (rc != 0 || !v) {
    char *log = rt_read_file(log_path);
    fprintf(stderr, "\n    the SARIF Multitool failed on %s (status %d):\n%.2000s\n", path, rc,
            log ? log : "");
    free(log);
    ok = 0;
  } else {
    ok = 1;
    long n = jt_len(v, "runs", "0", "results", NULL);
    for (long i = 0; i < n; i++) {
      char idx[24];
      snprintf(idx, sizeof idx, "%ld", i);
      const char *level = jt_str(v, "runs", "0", "results", idx, "level", NULL);
      if (!level || (strcmp(level, "error") && strcmp(level, "warning"))) continue;
      const char *rule = jt_str(v, "runs", "0", "results", idx, "ruleId", NULL);
      const char *where = jt_str(v, "runs", "0", "results", idx, "message", "arguments", "0",
                                 NULL);
      fprintf(stderr, "\n    SARIF Multitool (%s): %s %s at %s", kinds ? kinds : "SARIF rules",
              level, rule ? rule : "?", where ? where : "?");
      ok = 0;
    }
  }
  yajl_tree_free(v);
  free(text);
out:
  free(tool);
  free(out_path);
  free(log_path);
  return ok;
}

/* 1: valid by the schema and the Multitool, 0: not, -1: could not check. */
static int schema_valid(const char *path) {
  int schema = json_schema_valid(path);
  int gh = multitool_run(path, "Gh");
  int sarif = multitool_run(path, NULL);
  if (!schema || !gh || !sarif) return 0;
  return schema < 0 || gh < 0 || sarif < 0 ? -1 : 1;
}

/* Writes r as SARIF to a new file; returns its path (heap). */
static char *write_sarif(const ls_report *r) {
  char *path, *err = NULL;
  if (asprintf(&path, "%s/out.sarif", rt_tmpdir()) < 0) abort();
  int rc = ls_report_write(r, LS_FORMAT_SARIF, path, &err);
  CU_ASSERT_EQUAL(rc, 0);
  if (rc) fprintf(stderr, "\n    %s\n", err);
  free(err);
  return path;
}

static yajl_val load(const char *path) {
  char *text = rt_read_file(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  yajl_val v = jt_parse(text);
  free(text);
  return v;
}

static void sample_valid(void) {
  ls_report *r = rt_sample();
  char *path = write_sarif(r);
  CU_ASSERT_NOT_EQUAL(schema_valid(path), 0);
  CU_ASSERT_NOT_EQUAL(rt_python_json_valid(path, 0), 0);
  free(path);
  rt_report_free(r);
}

static void sample_content(void) {
  ls_report *r = rt_sample();
  char *path = write_sarif(r);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val run = jt_get(v, "runs", "0", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "version", NULL), "2.1.0");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "$schema", NULL), "https://json.schemastore.org/sarif-2.1.0.json");
  CU_ASSERT_EQUAL(jt_len(v, "runs", NULL), 1);

  /* tool.driver and every rule of the catalogue, fired or not */
  yajl_val driver = jt_get(run, "tool", "driver", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(driver, "name", NULL), "lagscan");
  CU_ASSERT_STRING_EQUAL(jt_str(driver, "version", NULL), LAGSCAN_VERSION);
  CU_ASSERT_STRING_EQUAL(jt_str(driver, "semanticVersion", NULL), LAGSCAN_VERSION);
  CU_ASSERT_STRING_EQUAL(jt_str(driver, "informationUri", NULL), LAGSCAN_INFORMATION_URI);
  CU_ASSERT_EQUAL(jt_len(driver, "rules", NULL), (long)r->nrules);
  for (size_t i = 0; i < r->nrules; i++) {
    char idx[24];
    snprintf(idx, sizeof idx, "%zu", i);
    yajl_val rule = jt_get(driver, "rules", idx, NULL);
    const ls_rule_info *ri = &r->rules[i];
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "id", NULL), ri->id);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "name", NULL), ri->name);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "shortDescription", "text", NULL), ri->short_desc);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "fullDescription", "text", NULL), ri->full_desc);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "help", "text", NULL), ri->help_text);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "help", "markdown", NULL), ri->help_markdown);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "defaultConfiguration", "level", NULL), ri->level);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "properties", "precision", NULL), ri->precision);
    CU_ASSERT_STRING_EQUAL(jt_str(rule, "properties", "problem.severity", NULL), ri->severity);
    CU_ASSERT_EQUAL(jt_len(rule, "properties", "tags", NULL), ri->ntags ? (long)ri->ntags : -1);
  }
  CU_ASSERT_STRING_EQUAL(jt_str(driver, "rules", "0", "properties", "tags", "2", NULL), "crypto");

  /* run-level fields */
  CU_ASSERT_STRING_EQUAL(jt_str(run, "automationDetails", "id", NULL), "lagscan/");
  CU_ASSERT_STRING_EQUAL(jt_str(run, "columnKind", NULL), "unicodeCodePoints");
  char *root_uri;
  if (asprintf(&root_uri, "file://%s/", r->srcroot) < 0) abort();
  CU_ASSERT_STRING_EQUAL(jt_str(run, "originalUriBaseIds", "%SRCROOT%", "uri", NULL), root_uri);
  free(root_uri);

  /* invocation: the fatal notification makes it unsuccessful */
  yajl_val inv = jt_get(run, "invocations", "0", NULL);
  CU_ASSERT(YAJL_IS_FALSE(jt_get(inv, "executionSuccessful", NULL)));
  CU_ASSERT_STRING_EQUAL(jt_str(inv, "commandLine", NULL), "lagscan scan -p build --format sarif");
  CU_ASSERT_STRING_EQUAL(jt_str(inv, "startTimeUtc", NULL), "2024-05-01T12:00:00Z");
  CU_ASSERT_STRING_EQUAL(jt_str(inv, "endTimeUtc", NULL), "2024-05-01T12:00:03Z");
  CU_ASSERT_EQUAL(jt_len(inv, "toolExecutionNotifications", NULL), 1);
  yajl_val note = jt_get(inv, "toolExecutionNotifications", "0", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(note, "level", NULL), "error");
  CU_ASSERT_PTR_NOT_NULL(strstr(jt_str(note, "message", "text", NULL), "libclang crashed"));
  CU_ASSERT_STRING_EQUAL(
      jt_str(note, "locations", "0", "physicalLocation", "artifactLocation", "uri", NULL),
      "file:///elsewhere/broken.c");
  CU_ASSERT_EQUAL(jt_int(inv, "properties", "translationUnits", "failed", NULL), 1);

  /* the first result: location, rule, code flow, related roots, fingerprint */
  CU_ASSERT_EQUAL(jt_len(run, "results", NULL), 2);
  yajl_val res = jt_get(run, "results", "0", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "ruleId", NULL), "sync-crypto");
  CU_ASSERT_EQUAL(jt_int(res, "ruleIndex", NULL), 0);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "level", NULL), "warning");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "message", "text", NULL),
                         RT_MSG_CRYPTO ". Also reached from loop callback [on_login](1).");
  yajl_val loc = jt_get(res, "locations", "0", NULL);
  yajl_val phys = jt_get(loc, "physicalLocation", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(phys, "artifactLocation", "uri", NULL), "src/api.c");
  CU_ASSERT_STRING_EQUAL(jt_str(phys, "artifactLocation", "uriBaseId", NULL), "%SRCROOT%");
  CU_ASSERT_EQUAL(jt_int(phys, "region", "startLine", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(phys, "region", "startColumn", NULL), 5);
  CU_ASSERT_EQUAL(jt_int(phys, "region", "endLine", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(phys, "region", "endColumn", NULL), 70);
  CU_ASSERT_STRING_EQUAL(jt_str(loc, "logicalLocations", "0", "name", NULL), "hash_password");
  CU_ASSERT_STRING_EQUAL(jt_str(loc, "logicalLocations", "0", "kind", NULL), "function");

  CU_ASSERT_EQUAL(jt_len(res, "codeFlows", NULL), 1);
  yajl_val tfl = jt_get(res, "codeFlows", "0", "threadFlows", "0", "locations", NULL);
  CU_ASSERT_EQUAL(jt_len(tfl, NULL), 3);
  CU_ASSERT_STRING_EQUAL(jt_str(tfl, "0", "kinds", "0", NULL), "handler");
  CU_ASSERT_STRING_EQUAL(jt_str(tfl, "0", "location", "message", "text", NULL),
                         "'on_register' registered here as a loop callback (tl_http_route)");
  CU_ASSERT_STRING_EQUAL(jt_str(tfl, "0", "location", "physicalLocation", "artifactLocation",
                                "uri", NULL),
                         "src/main.c");
  CU_ASSERT_EQUAL(jt_int(tfl, "0", "location", "physicalLocation", "region", "startLine", NULL), 40);
  CU_ASSERT_STRING_EQUAL(jt_str(tfl, "1", "kinds", "0", NULL), "call");
  CU_ASSERT_EQUAL(jt_int(tfl, "1", "location", "physicalLocation", "region", "startLine", NULL), 20);
  CU_ASSERT_STRING_EQUAL(jt_str(tfl, "2", "kinds", "1", NULL), "danger");
  CU_ASSERT_EQUAL(jt_int(tfl, "2", "location", "physicalLocation", "region", "startLine", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(tfl, "0", "executionOrder", NULL), 1);
  CU_ASSERT_EQUAL(jt_int(tfl, "2", "nestingLevel", NULL), 1);

  CU_ASSERT_EQUAL(jt_len(res, "relatedLocations", NULL), 1);
  CU_ASSERT_EQUAL(jt_int(res, "relatedLocations", "0", "id", NULL), 1);
  CU_ASSERT_EQUAL(jt_int(res, "relatedLocations", "0", "physicalLocation", "region", "startLine",
                         NULL),
                  41);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "partialFingerprints", "lagscan/v1", NULL),
                         r->findings[0].fingerprint);
  CU_ASSERT_PTR_NULL(jt_get(res, "baselineState", NULL)); /* no baseline given */

  /* the second: a registration with no place is a location with only a message */
  res = jt_get(run, "results", "1", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "ruleId", NULL), "sleep");
  CU_ASSERT_EQUAL(jt_int(res, "ruleIndex", NULL), 1);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "level", NULL), "error");
  tfl = jt_get(res, "codeFlows", "0", "threadFlows", "0", "locations", NULL);
  CU_ASSERT_EQUAL(jt_len(tfl, NULL), 2);
  CU_ASSERT_PTR_NULL(jt_get(tfl, "0", "location", "physicalLocation", NULL));
  CU_ASSERT_PTR_NOT_NULL(jt_str(tfl, "0", "location", "message", "text", NULL));
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

/* Bytes that are not UTF-8, control characters, quotes and backslashes in
 * paths, messages and names: still valid JSON, still valid SARIF. */
static void non_utf8(void) {
  const char *dir = rt_tmpdir();
  char root[512];
  snprintf(root, sizeof root, "%s/w\xffird dir", dir);
  ls_report *r = rt_report_new(root);
  free((char *)r->command_line);
  r->command_line = strdup("lagscan scan \xff\xfe \"q\"");
  const char *bad_path = "src/caf\xff\"q\x01\\.c";
  const char *bad_msg = "bad \xc3\x28 byte, \x01 control, \"quotes\", \\ backslash, [brackets] \xed\xa0\x80";
  ls_finding *f = rt_finding(r, "sleep", bad_path, 3, 4, bad_msg, "sl\xff" "ep", "f\xfe", "r\xc0\xaf");
  rt_registration(f, "/out\xff/side.c", 1, 1, "m\xff", "r\xff", "x", "'r\xff' registered here (x)");
  rt_step(f, LS_STEP_BLOCKING, bad_path, 3, 4, "f\xfe", bad_msg);
  rt_related(f, "src/\xf0\x9f\x98\x80.c", 2, 2, "\xff", "'\xff' also reaches this call");
  rt_note(r, "/tu/\xff.c", "error: \xff\x01", 0);
  char *path = write_sarif(r);
  CU_ASSERT_NOT_EQUAL(rt_python_json_valid(path, 0), 0);
  CU_ASSERT_NOT_EQUAL(schema_valid(path), 0);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val run = jt_get(v, "runs", "0", NULL);
  yajl_val res = jt_get(run, "results", "0", NULL);
  CU_ASSERT_STRING_EQUAL(
      jt_str(res, "locations", "0", "physicalLocation", "artifactLocation", "uri", NULL),
      "src/caf%FF%22q%01%5C.c");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "codeFlows", "0", "threadFlows", "0", "locations", "0",
                                "location", "physicalLocation", "artifactLocation", "uri", NULL),
                         "file:///out%FF/side.c");
  CU_ASSERT_STRING_EQUAL(
      jt_str(res, "relatedLocations", "0", "physicalLocation", "artifactLocation", "uri", NULL),
      "src/%F0%9F%98%80.c");
  const char *msg = jt_str(res, "message", "text", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(msg);
  CU_ASSERT_PTR_NOT_NULL(strstr(msg, "bad \xEF\xBF\xBD( byte, \x01 control, \"quotes\", \\\\ "
                                     "backslash, \\[brackets\\] \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
  CU_ASSERT_PTR_NOT_NULL(strstr(msg, "[\xEF\xBF\xBD](1)"));
  CU_ASSERT_STRING_EQUAL(jt_str(res, "locations", "0", "logicalLocations", "0", "name", NULL),
                         "f\xEF\xBF\xBD");
  char *want_root;
  if (asprintf(&want_root, "file://%s/w%%FFird%%20dir/", dir) < 0) abort();
  CU_ASSERT_STRING_EQUAL(jt_str(run, "originalUriBaseIds", "%SRCROOT%", "uri", NULL), want_root);
  free(want_root);
  CU_ASSERT(YAJL_IS_TRUE(jt_get(run, "invocations", "0", "executionSuccessful", NULL)));
  CU_ASSERT_STRING_EQUAL(jt_str(run, "invocations", "0", "toolExecutionNotifications", "0",
                                "level", NULL),
                         "warning");
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

/* 25,000 results: the JSON held in memory never exceeds one result's worth,
 * because the writer hands yajl's buffer to the stream after each. */
static void streaming(void) {
  ls_report *r = rt_report_new("/src");
  char file[32], msg[128];
  for (int i = 0; i < 25000; i++) {
    snprintf(file, sizeof file, "dir%d/file%d.c", i % 97, i % 1000);
    snprintf(msg, sizeof msg, "'sleep' blocks the loop for %d s", i);
    ls_finding *f = rt_finding(r, i % 2 ? "sleep" : "sync-fs", file, 10 + (unsigned)i, 3, msg,
                               "sleep", "handler", "on_timer");
    rt_step(f, LS_STEP_REGISTRATION, "main.c", 5, 3, "main",
            "'on_timer' registered here as a loop callback (uv_timer_start)");
    rt_step(f, LS_STEP_CALL, file, 4, 3, "on_timer", "function 'handler' called here from 'on_timer'");
    rt_step(f, LS_STEP_BLOCKING, file, 10 + (unsigned)i, 3, "handler", msg);
  }
  char *path;
  if (asprintf(&path, "%s/big.sarif", rt_tmpdir()) < 0) abort();
  FILE *out = fopen(path, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(out);
  lsr_json_stats st = {0};
  CU_ASSERT_EQUAL(lsr_write_sarif(r, out, &st), 0);
  CU_ASSERT_EQUAL(fclose(out), 0);
  CU_ASSERT(st.written > 25000u * 1000u);
  CU_ASSERT(st.max_pending < 16384);
  if (st.max_pending >= 16384) fprintf(stderr, "\n    held %zu bytes at once\n", st.max_pending);
  CU_ASSERT_NOT_EQUAL(rt_python_json_valid(path, 0), 0);
  free(path);
  rt_report_free(r);
}

/* Columns are counted in code points, as columnKind says, when the line
 * can be read: "é" is 2 bytes, "😀" is 4, each one code point. */
static void code_point_columns(void) {
  const char *dir = rt_tmpdir();
  free(rt_write_file(dir, "u.c", "void f(void) {\n  /* \xc3\xa9\xf0\x9f\x98\x80 */ sleep(1);\n}\n"));
  ls_report *r = rt_report_new(dir);
  /* bytes: 2 spaces, the comment opener and a space (3), 6 bytes, the closer and
   * spaces (4): 15 bytes before the call, column 16 */
  ls_finding *f = rt_finding(r, "sleep", "u.c", 2, 16, "m", "sleep", "f", "f");
  f->loc.end_col = 24;
  rt_finding(r, "sleep", "missing.c", 2, 16, "m", "sleep", "f", "f");
  char *path = write_sarif(r);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val res = jt_get(v, "runs", "0", "results", NULL);
  CU_ASSERT_EQUAL(jt_int(res, "0", "locations", "0", "physicalLocation", "region", "startColumn", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(res, "0", "locations", "0", "physicalLocation", "region", "endColumn", NULL), 20);
  /* unreadable source: the column stays as the analyzer gave it */
  CU_ASSERT_EQUAL(jt_int(res, "1", "locations", "0", "physicalLocation", "region", "startColumn", NULL), 16);
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

static void baseline_states(void) {
  ls_report *r = rt_report_new("/src");
  rt_finding(r, "sleep", "a.c", 1, 1, "m", "sleep", "f", "f")->baseline = LS_BASELINE_NEW;
  rt_finding(r, "sleep", "b.c", 1, 1, "m", "sleep", "f", "f")->baseline = LS_BASELINE_UNCHANGED;
  rt_finding(r, "sync-fs", "c.c", 0, 0, "in the baseline, no longer found in g", NULL, "g", NULL)
      ->baseline = LS_BASELINE_ABSENT;
  char *path = write_sarif(r);
  CU_ASSERT_NOT_EQUAL(schema_valid(path), 0);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val res = jt_get(v, "runs", "0", "results", NULL);
  CU_ASSERT_STRING_EQUAL(jt_str(res, "0", "baselineState", NULL), "new");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "1", "baselineState", NULL), "unchanged");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "2", "baselineState", NULL), "absent");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "2", "kind", NULL), "pass");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "2", "level", NULL), "none");
  CU_ASSERT_STRING_EQUAL(jt_str(res, "2", "locations", "0", "physicalLocation", "artifactLocation", "uri", NULL), "c.c");
  CU_ASSERT_PTR_NULL(jt_get(res, "2", "locations", "0", "physicalLocation", "region", NULL));
  CU_ASSERT_PTR_NULL(jt_get(res, "2", "codeFlows", NULL));
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

/* A rule the catalogue does not describe still gets a descriptor, so every
 * ruleIndex points at its rule; without a srcroot, paths are file:// URIs
 * and relative ones stay relative. */
static void unknown_rule_no_root(void) {
  ls_report *r = rt_report_new(NULL);
  free(r->rules);
  r->rules = NULL;
  r->nrules = 0;
  rt_finding(r, "sync-dns", "/abs/x y.c", 7, 2, "resolves a name", "getaddrinfo", "f", "f");
  rt_finding(r, "sleep", "rel.c", 3, 1, "sleeps", "sleep", "g", "g");
  rt_finding(r, "sync-dns", "rel.c", 4, 1, "resolves a name", "getaddrinfo", "g", "g");
  char *path = write_sarif(r);
  CU_ASSERT_NOT_EQUAL(schema_valid(path), 0);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val run = jt_get(v, "runs", "0", NULL);
  CU_ASSERT_EQUAL(jt_len(run, "tool", "driver", "rules", NULL), 2);
  CU_ASSERT_STRING_EQUAL(jt_str(run, "tool", "driver", "rules", "1", "id", NULL), "sleep");
  CU_ASSERT_STRING_EQUAL(jt_str(run, "tool", "driver", "rules", "1", "shortDescription", "text", NULL), "sleep");
  CU_ASSERT_EQUAL(jt_int(run, "results", "2", "ruleIndex", NULL), 0);
  CU_ASSERT_EQUAL(jt_int(run, "results", "1", "ruleIndex", NULL), 1);
  CU_ASSERT_STRING_EQUAL(jt_str(run, "results", "0", "locations", "0", "physicalLocation",
                                "artifactLocation", "uri", NULL),
                         "file:///abs/x%20y.c");
  CU_ASSERT_STRING_EQUAL(jt_str(run, "results", "1", "locations", "0", "physicalLocation",
                                "artifactLocation", "uri", NULL),
                         "rel.c");
  CU_ASSERT_PTR_NULL(jt_get(run, "results", "1", "locations", "0", "physicalLocation",
                            "artifactLocation", "uriBaseId", NULL));
  CU_ASSERT_PTR_NULL(jt_get(run, "originalUriBaseIds", NULL));
  CU_ASSERT(YAJL_IS_TRUE(jt_get(run, "invocations", "0", "executionSuccessful", NULL)));
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

/* An empty scan is still a complete, valid log. */
static void empty(void) {
  ls_report *r = rt_report_new("/src");
  char *path = write_sarif(r);
  CU_ASSERT_NOT_EQUAL(schema_valid(path), 0);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT_EQUAL(jt_len(v, "runs", "0", "results", NULL), 0);
  CU_ASSERT_EQUAL(jt_len(v, "runs", "0", "tool", "driver", "rules", NULL), 3);
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

static void write_error(void) {
  FILE *f = fopen("/dev/full", "w");
  if (!f) {
    rt_skip("/dev/full is not available");
    return;
  }
  ls_report *r = rt_sample();
  CU_ASSERT_EQUAL(lsr_write_sarif(r, f, NULL), -ENOSPC);
  fclose(f);
  rt_report_free(r);
}

/* Every rule of the table links its page in the repository's docs
 * (docs/rules/<id>.md, which the rule_docs test keeps in step with
 * rules/rules.yml), and every rule has the fullDescription and help that
 * GitHub's ingestion requires, described or not. */
static void rule_help_links(void) {
  ls_report *r = rt_sample();
  rt_finding(r, "sync-dns", "src/api.c", 3, 1, "resolves a name", "getaddrinfo", "f", "f");
  char *path = write_sarif(r);
  yajl_val v = load(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  yajl_val rules = jt_get(v, "runs", "0", "tool", "driver", "rules", NULL);
  long n = jt_len(rules, NULL);
  CU_ASSERT_EQUAL(n, 4); /* the three of the test catalogue, and sync-dns */
  for (long i = 0; i < n; i++) {
    char idx[24], *want;
    snprintf(idx, sizeof idx, "%ld", i);
    const char *id = jt_str(rules, idx, "id", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(id);
    if (asprintf(&want, "%s/blob/main/docs/rules/%s.md", LAGSCAN_INFORMATION_URI, id) < 0)
      abort();
    CU_ASSERT_STRING_EQUAL(jt_str(rules, idx, "helpUri", NULL), want);
    CU_ASSERT_PTR_NOT_NULL(jt_str(rules, idx, "fullDescription", "text", NULL));
    CU_ASSERT_PTR_NOT_NULL(jt_str(rules, idx, "help", "text", NULL));
    free(want);
  }
  CU_ASSERT_STRING_EQUAL(jt_str(rules, "3", "help", "text", NULL),
                         "'lagscan explain sync-dns' describes this rule.");
  yajl_tree_free(v);
  free(path);
  rt_report_free(r);
}

void register_sarif_tests(void) {
  CU_pSuite s = CU_add_suite("sarif", NULL, NULL);
  CU_add_test(s, "sample log is valid SARIF 2.1.0", sample_valid);
  CU_add_test(s, "sample log content", sample_content);
  CU_add_test(s, "bytes that are not UTF-8 stay valid JSON", non_utf8);
  CU_add_test(s, "25,000 results stream with flat memory", streaming);
  CU_add_test(s, "columns in code points", code_point_columns);
  CU_add_test(s, "baseline states", baseline_states);
  CU_add_test(s, "rules not in the catalogue, no srcroot", unknown_rule_no_root);
  CU_add_test(s, "rules link their page in docs/rules", rule_help_links);
  CU_add_test(s, "empty scan", empty);
  CU_add_test(s, "write error on a full disk", write_error);
}
