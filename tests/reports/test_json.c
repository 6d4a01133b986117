/* test_json.c: `--format json`, one object per finding per line. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"
#include "reports.h"
#include "rtest.h"
#include "writers.h"

static char *json_of(const ls_report *r, lsr_json_stats *st) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  CU_ASSERT_EQUAL(lsr_write_json(r, f, st), 0);
  fclose(f);
  return buf;
}

static void sample_lines(void) {
  ls_report *r = rt_sample();
  char *text = json_of(r, NULL);
  char **lines;
  size_t n = rt_lines(text, &lines);
  CU_ASSERT_EQUAL_FATAL(n, 2);
  CU_ASSERT_EQUAL(text[strlen(text) - 1], '\n');

  yajl_val v = jt_parse(lines[0]);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "rule", NULL), "sync-crypto");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "path", NULL), "src/api.c");
  CU_ASSERT_EQUAL(jt_int(v, "line", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(v, "col", NULL), 5);
  CU_ASSERT_EQUAL(jt_int(v, "end_line", NULL), 12);
  CU_ASSERT_EQUAL(jt_int(v, "end_col", NULL), 70);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "message", NULL), RT_MSG_CRYPTO);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "callee", NULL), "PKCS5_PBKDF2_HMAC");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "function", NULL), "hash_password");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "root", NULL), "on_register");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "fingerprint", NULL), r->findings[0].fingerprint);
  CU_ASSERT(YAJL_IS_NULL(jt_get(v, "baseline", NULL)));
  CU_ASSERT_EQUAL(jt_len(v, "steps", NULL), 3);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "steps", "0", "kind", NULL), "registration");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "steps", "0", "path", NULL), "src/main.c");
  CU_ASSERT_EQUAL(jt_int(v, "steps", "0", "line", NULL), 40);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "steps", "0", "function", NULL), "main");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "steps", "1", "kind", NULL), "call");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "steps", "2", "kind", NULL), "blocking");
  CU_ASSERT_EQUAL(jt_len(v, "related", NULL), 1);
  CU_ASSERT_EQUAL(jt_int(v, "related", "0", "line", NULL), 41);
  CU_ASSERT_PTR_NOT_NULL(strstr(jt_str(v, "related", "0", "message", NULL), "'on_login'"));
  yajl_tree_free(v);

  /* unknown places are null, never 0 or "" */
  v = jt_parse(lines[1]);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT(YAJL_IS_NULL(jt_get(v, "steps", "0", "path", NULL)));
  CU_ASSERT(YAJL_IS_NULL(jt_get(v, "steps", "0", "line", NULL)));
  CU_ASSERT(YAJL_IS_NULL(jt_get(v, "steps", "0", "function", NULL)));
  CU_ASSERT_EQUAL(jt_len(v, "related", NULL), 0);
  yajl_tree_free(v);
  rt_lines_free(lines, n);
  free(text);
  rt_report_free(r);
}

static void baseline_and_empty(void) {
  ls_report *r = rt_report_new("/src");
  char *text = json_of(r, NULL);
  CU_ASSERT_STRING_EQUAL(text, "");
  free(text);
  rt_finding(r, "sleep", "a.c", 1, 1, "m", "sleep", "f", "f")->baseline = LS_BASELINE_NEW;
  rt_finding(r, "sync-fs", "c.c", 0, 0, "gone", NULL, "g", NULL)->baseline = LS_BASELINE_ABSENT;
  text = json_of(r, NULL);
  char **lines;
  size_t n = rt_lines(text, &lines);
  CU_ASSERT_EQUAL_FATAL(n, 2);
  yajl_val a = jt_parse(lines[0]), b = jt_parse(lines[1]);
  CU_ASSERT_STRING_EQUAL(jt_str(a, "baseline", NULL), "new");
  CU_ASSERT_STRING_EQUAL(jt_str(b, "baseline", NULL), "absent");
  CU_ASSERT(YAJL_IS_NULL(jt_get(b, "line", NULL)));
  CU_ASSERT(YAJL_IS_NULL(jt_get(b, "callee", NULL)));
  yajl_tree_free(a);
  yajl_tree_free(b);
  rt_lines_free(lines, n);
  free(text);
  rt_report_free(r);
}

/* Odd bytes and newlines inside strings never split or break a line. */
static void non_utf8(void) {
  ls_report *r = rt_report_new("/src");
  rt_finding(r, "sleep", "caf\xff\n\".c", 1, 1, "line\nbreak \xc3 and \x01", "sleep", "f\xfe", "r");
  rt_finding(r, "sleep", "ok.c", 2, 1, "fine", "sleep", "f", "r");
  char *path;
  if (asprintf(&path, "%s/out.jsonl", rt_tmpdir()) < 0) abort();
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_JSON, path, &err), 0);
  free(err);
  char *text = rt_read_file(path);
  char **lines;
  size_t n = rt_lines(text, &lines);
  CU_ASSERT_EQUAL(n, 2);
  CU_ASSERT_NOT_EQUAL(rt_python_json_valid(path, 1), 0);
  yajl_val v = jt_parse(lines[0]);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "path", NULL), "caf\xEF\xBF\xBD\n\".c");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "message", NULL), "line\nbreak \xEF\xBF\xBD and \x01");
  yajl_tree_free(v);
  rt_lines_free(lines, n);
  free(text);
  free(path);
  rt_report_free(r);
}

static void streaming(void) {
  ls_report *r = rt_report_new("/src");
  for (int i = 0; i < 5000; i++) {
    ls_finding *f = rt_finding(r, "sleep", "a.c", (unsigned)i + 1, 1, "m", "sleep", "f", "r");
    rt_step(f, LS_STEP_BLOCKING, "a.c", (unsigned)i + 1, 1, "f", "m");
  }
  lsr_json_stats st = {0};
  char *text = json_of(r, &st);
  CU_ASSERT(st.max_pending < 2048);
  CU_ASSERT_EQUAL(st.written, strlen(text));
  free(text);
  rt_report_free(r);
}

void register_json_tests(void) {
  CU_pSuite s = CU_add_suite("json", NULL, NULL);
  CU_add_test(s, "one object per finding per line", sample_lines);
  CU_add_test(s, "baseline states, empty report", baseline_and_empty);
  CU_add_test(s, "bytes that are not UTF-8 stay valid JSON Lines", non_utf8);
  CU_add_test(s, "written streaming", streaming);
}
