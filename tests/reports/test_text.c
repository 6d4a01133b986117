/* test_text.c: the compiler-style text report, line for line. The format is
 * a contract (editors, CI logs and tests/fixtures parse it), so these tests
 * compare exact lines, and check that nothing in the summary can be taken
 * for a diagnostic. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"
#include "rtest.h"

/* What parsers of the text format look for. */
#define DIAG_RE "^[^[:space:]]+:[0-9]+:[0-9]+: (warning|note): "

static char *text_of(const ls_report *r, int *rc) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  *rc = ls_report_write_text(r, f);
  fclose(f);
  return buf;
}

/* Asserts `text` is exactly `expected` (NULL-terminated), line by line. */
static void assert_lines(const char *text, const char *const *expected) {
  char **lines;
  size_t n = rt_lines(text, &lines), i;
  for (i = 0; expected[i]; i++) {
    if (i >= n) {
      CU_FAIL("missing lines");
      fprintf(stderr, "\n    missing line %zu: %s\n", i + 1, expected[i]);
      break;
    }
    if (strcmp(lines[i], expected[i]) != 0) {
      fprintf(stderr, "\n    line %zu\n    want: %s\n    got:  %s\n", i + 1, expected[i], lines[i]);
      CU_FAIL("line differs");
    }
  }
  CU_ASSERT_EQUAL(n, i);
  if (n != i) fprintf(stderr, "\n    %zu lines, want %zu; text:\n%s\n", n, i, text);
  rt_lines_free(lines, n);
}

/* Counts lines matching DIAG_RE from line `from` (0-based) on. */
static size_t diag_lines(const char *text, size_t from) {
  regex_t re;
  if (regcomp(&re, DIAG_RE, REG_EXTENDED | REG_NOSUB) != 0) abort();
  char **lines;
  size_t n = rt_lines(text, &lines), hits = 0;
  for (size_t i = from; i < n; i++) hits += regexec(&re, lines[i], 0, NULL, 0) == 0;
  rt_lines_free(lines, n);
  regfree(&re);
  return hits;
}

static void sample_exact(void) {
  ls_report *r = rt_sample();
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_EQUAL(rc, 0);
  const char *want[] = {
      "src/api.c:12:5: warning: " RT_MSG_CRYPTO " [sync-crypto]",
      "src/api.c:20:12: note: function 'hash_password' called here from 'on_register'",
      "src/main.c:40:3: note: 'on_register' registered here as a loop callback (tl_http_route)",
      "src/main.c:41:3: note: 'on_login' (a loop callback registered here with tl_http_route) "
      "also reaches this call",
      "src/timer.c:5:3: warning: " RT_MSG_SLEEP " [sleep]",
      "note: 'on_tick' registered here as a loop callback (timer_table)",
      "",
      "2 findings (sleep: 1, sync-crypto: 1)",
      "  per loop root: on_register: 1, on_tick: 1",
      "  top files: src/api.c: 1, src/timer.c: 1",
      "  3 translation units: 2 parsed, 0 unchanged, 1 failed",
      "lagscan: error: /elsewhere/broken.c: libclang crashed",
      NULL};
  assert_lines(text, want);
  /* 2 warnings + 3 notes with a place; the summary adds none. */
  CU_ASSERT_EQUAL(diag_lines(text, 0), 5);
  CU_ASSERT_EQUAL(diag_lines(text, 6), 0);
  free(text);
  rt_report_free(r);
}

static void no_findings(void) {
  ls_report *r = rt_report_new("/src");
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_EQUAL(rc, 0);
  CU_ASSERT_STRING_EQUAL(text, "no findings\n");
  free(text);
  rt_report_free(r);
}

static void baseline_states(void) {
  ls_report *r = rt_report_new("/src");
  ls_finding *f = rt_finding(r, "sleep", "a.c", 3, 7, "new one", "sleep", "cb", "cb");
  f->baseline = LS_BASELINE_NEW;
  f = rt_finding(r, "sleep", "b.c", 4, 1, "old one", "sleep", "cb2", "cb2");
  f->baseline = LS_BASELINE_UNCHANGED;
  f = rt_finding(r, "sync-fs", "old.c", 0, 0, "in the baseline, no longer found in read_config",
                 NULL, "read_config", NULL);
  f->baseline = LS_BASELINE_ABSENT;
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_EQUAL(rc, 0);
  const char *want[] = {
      "a.c:3:7: warning: new one [sleep]",
      "b.c:4:1: warning: old one [sleep]",
      "",
      "2 findings (sleep: 2)",
      "  against the baseline: 1 new, 1 unchanged",
      "  per loop root: cb: 1, cb2: 1",
      "  top files: a.c: 1, b.c: 1",
      "  1 baseline finding no longer present",
      "    old.c [sync-fs] in 'read_config' (fingerprint 000000000000)",
      NULL};
  assert_lines(text, want);
  free(text);

  /* Only absent ones: no findings, still listed. */
  r->findings[0].baseline = r->findings[1].baseline = LS_BASELINE_ABSENT;
  text = text_of(r, &rc);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "no findings\n  3 baseline findings no longer present\n"));
  CU_ASSERT_EQUAL(diag_lines(text, 0), 0);
  free(text);
  rt_report_free(r);
}

/* Paths and messages cannot forge lines: control characters are escaped,
 * and hostile names in the summary never look like diagnostics. */
static void hostile_strings(void) {
  ls_report *r = rt_report_new("/src");
  ls_finding *f = rt_finding(r, "sleep", "evil\nx.c:1:1: warning: forged [sleep]", 2, 3,
                             "multi\nline\rmessage\twith tab", "sleep", "f",
                             "x.c:9:9: note: root");
  rt_step(f, LS_STEP_REGISTRATION, "reg.c", 1, 1, "main", "registered\nx.c:2:2: note: forged");
  rt_note(r, "t.c:1:1: warning: tu", "bad\nthing", 0);
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_EQUAL(rc, 0);
  const char *want[] = {
      "evil\\x0ax.c:1:1: warning: forged [sleep]:2:3: warning: multi\\x0aline\\x0dmessage\twith "
      "tab [sleep]",
      "reg.c:1:1: note: registered\\x0ax.c:2:2: note: forged",
      "",
      "1 finding (sleep: 1)",
      "  per loop root: x.c:9:9: note: root: 1",
      "  top files: evil\\x0ax.c:1:1: warning: forged [sleep]: 1",
      "lagscan: warning: t.c:1:1: warning: tu: bad\\x0athing",
      NULL};
  assert_lines(text, want);
  CU_ASSERT_EQUAL(diag_lines(text, 2), 0);
  free(text);
  rt_report_free(r);
}

/* Steps with no place, a related location with line 0, and a finding
 * without steps. */
static void unknown_places(void) {
  ls_report *r = rt_report_new(NULL);
  ls_finding *f = rt_finding(r, "sync-fs", "/abs/a.c", 10, 2, "reads a file", "fread", "g", "cb");
  rt_step(f, LS_STEP_REGISTRATION, "/abs/a.c", 0, 0, NULL, "'cb' registered somewhere");
  rt_step(f, LS_STEP_CALL, NULL, 5, 1, "cb", "function 'g' called here from 'cb'");
  rt_step(f, LS_STEP_BLOCKING, "/abs/a.c", 10, 2, "g", "reads a file");
  rt_related(f, "/abs/b.c", 0, 0, "other", "'other' also reaches this call");
  rt_finding(r, "sync-fs", "/abs/c.c", 1, 1, "no path known", "fread", "h", "h");
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_EQUAL(rc, 0);
  const char *want[] = {
      "/abs/a.c:10:2: warning: reads a file [sync-fs]",
      "note: function 'g' called here from 'cb'",
      "note: 'cb' registered somewhere",
      "note: 'other' also reaches this call",
      "/abs/c.c:1:1: warning: no path known [sync-fs]",
      "",
      "2 findings (sync-fs: 2)",
      "  per loop root: cb: 1, h: 1",
      "  top files: /abs/a.c: 1, /abs/c.c: 1",
      NULL};
  assert_lines(text, want);
  free(text);
  rt_report_free(r);
}

/* Many roots and files: the summary names the most frequent ones. */
static void summary_limits(void) {
  ls_report *r = rt_report_new("/src");
  char path[32], root[32];
  for (int i = 0; i < 30; i++) {
    snprintf(path, sizeof path, "f%02d.c", i);
    snprintf(root, sizeof root, "cb%02d", i);
    for (int k = 0; k <= (i == 7 ? 2 : 0); k++)
      rt_finding(r, "sleep", path, 1 + (unsigned)k, 1, "m", "sleep", root, root);
  }
  int rc;
  char *text = text_of(r, &rc);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n32 findings (sleep: 32)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "  per loop root: cb07: 3, cb00: 1, cb01: 1, "));
  CU_ASSERT_PTR_NOT_NULL(strstr(text, ", and 20 more\n  top files: f07.c: 3, f00.c: 1, f01.c: 1, "
                                      "f02.c: 1, f03.c: 1, and 25 more\n"));
  free(text);
  rt_report_free(r);
}

/* A full disk shows as an error from the writer, not as a short report. */
static void write_error(void) {
  FILE *f = fopen("/dev/full", "w");
  if (!f) {
    rt_skip("/dev/full is not available");
    return;
  }
  ls_report *r = rt_sample();
  CU_ASSERT_EQUAL(ls_report_write_text(r, f), -ENOSPC);
  fclose(f);
  rt_report_free(r);
}

void register_text_tests(void) {
  CU_pSuite s = CU_add_suite("text", NULL, NULL);
  CU_add_test(s, "sample report, exact lines", sample_exact);
  CU_add_test(s, "no findings", no_findings);
  CU_add_test(s, "baseline states", baseline_states);
  CU_add_test(s, "control characters cannot forge lines", hostile_strings);
  CU_add_test(s, "notes without a place", unknown_places);
  CU_add_test(s, "summary names the top roots and files", summary_limits);
  CU_add_test(s, "write error on a full disk", write_error);
}
