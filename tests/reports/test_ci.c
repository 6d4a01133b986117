/* test_ci.c: the formats CI services read (the "ci" suite): --format github
 * (workflow commands, with GitHub's escaping of messages and properties),
 * --format gitlab (Code Quality JSON), and the text report's colours. */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"
#include "reports.h"
#include "rtest.h"
#include "writers.h"

/* Writes r in `format` to a new file and returns its contents (heap). */
static char *render(const ls_report *r, ls_format format, const ls_write_options *opt) {
  char *path, *err = NULL;
  if (asprintf(&path, "%s/out.ci", rt_tmpdir()) < 0) abort();
  CU_ASSERT_EQUAL(ls_report_write_opts(r, format, path, opt, &err), 0);
  if (err) fprintf(stderr, "\n    %s\n", err);
  free(err);
  char *text = rt_read_file(path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  free(path);
  return text;
}

static void format_names(void) {
  ls_format f;
  CU_ASSERT_EQUAL(ls_format_parse("github", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_GITHUB);
  CU_ASSERT_EQUAL(ls_format_parse("gitlab", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_GITLAB);
  CU_ASSERT_PTR_NOT_NULL(strstr(ls_format_names(), "github"));
  CU_ASSERT_PTR_NOT_NULL(strstr(ls_format_names(), "gitlab"));
}

static void github_commands(void) {
  ls_report *r = rt_sample();
  char *text = render(r, LS_FORMAT_GITHUB, NULL);
  char **lines;
  size_t n = rt_lines(text, &lines);
  /* One line per finding and per translation unit note: a message's own
   * newlines are escaped, so nothing else starts a line. */
  CU_ASSERT_EQUAL_FATAL(n, 3);
  const char *want0 = "::warning file=src/api.c,line=12,col=5,endLine=12,endColumn=69,"
                      "title=sync-crypto::'PKCS5_PBKDF2_HMAC' derives a key";
  CU_ASSERT_NSTRING_EQUAL(lines[0], want0, strlen(want0));
  /* the path, nearest caller first, registration last, then the other root */
  CU_ASSERT_PTR_NOT_NULL(strstr(lines[0], "[sync-crypto]%0Asrc/api.c:20:12: note: function "
                                          "'hash_password' called here from 'on_register'"
                                          "%0Asrc/main.c:40:3: note: 'on_register' registered"));
  CU_ASSERT_PTR_NOT_NULL(strstr(lines[0], "%0Asrc/main.c:41:3: note: 'on_login'"));
  /* sleep is an error-level rule in the test catalogue; its end is unknown */
  CU_ASSERT_STRING_EQUAL(lines[1], "::error file=src/timer.c,line=5,col=3,title=sleep::"
                                   RT_MSG_SLEEP " [sleep]%0Anote: 'on_tick' registered here "
                                   "as a loop callback (timer_table)");
  CU_ASSERT_STRING_EQUAL(lines[2], "::error file=/elsewhere/broken.c::lagscan cannot analyze "
                                   "this translation unit: libclang crashed");
  rt_lines_free(lines, n);
  free(text);
  rt_report_free(r);
}

static void github_escaping(void) {
  ls_report *r = rt_report_new(rt_tmpdir());
  rt_finding(r, "sync-fs", "odd,dir:x/100%.c", 3, 2, "50% done\r\nthen: a, b", "read", "f",
             "cb");
  char *text = render(r, LS_FORMAT_GITHUB, NULL);
  CU_ASSERT_STRING_EQUAL(text, "::warning file=odd%2Cdir%3Ax/100%25.c,line=3,col=2,"
                               "title=sync-fs::50%25 done%0D%0Athen: a, b [sync-fs]\n");
  free(text);
  rt_report_free(r);
}

static void gitlab_code_quality(void) {
  ls_report *r = rt_sample();
  ls_baseline_state states[] = {LS_BASELINE_NEW, LS_BASELINE_ABSENT};
  char *text = render(r, LS_FORMAT_GITLAB, NULL);
  yajl_val v = jt_parse(text);
  CU_ASSERT_PTR_NOT_NULL_FATAL(v);
  CU_ASSERT_TRUE(YAJL_IS_ARRAY(v));
  CU_ASSERT_EQUAL(jt_len(v, NULL), 2);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "0", "description", NULL), RT_MSG_CRYPTO);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "0", "check_name", NULL), "sync-crypto");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "0", "fingerprint", NULL), r->findings[0].fingerprint);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "0", "severity", NULL), "major");
  CU_ASSERT_STRING_EQUAL(jt_str(v, "0", "location", "path", NULL), "src/api.c");
  CU_ASSERT_EQUAL(jt_int(v, "0", "location", "lines", "begin", NULL), 12);
  CU_ASSERT_STRING_EQUAL(jt_str(v, "1", "severity", NULL), "critical"); /* level error */
  CU_ASSERT_EQUAL(jt_int(v, "1", "location", "lines", "begin", NULL), 5);
  CU_ASSERT_NOT_EQUAL(strcmp(jt_str(v, "0", "fingerprint", NULL),
                             jt_str(v, "1", "fingerprint", NULL)), 0);
  yajl_tree_free(v);
  free(text);
  /* A finding a baseline marks absent is not an issue any more. */
  for (size_t i = 0; i < 2; i++) r->findings[i].baseline = states[i];
  text = render(r, LS_FORMAT_GITLAB, NULL);
  v = jt_parse(text);
  CU_ASSERT_EQUAL(jt_len(v, NULL), 1);
  yajl_tree_free(v);
  free(text);
  /* No findings: an empty array, which GitLab reads as "no issues". */
  ls_report *empty = rt_report_new(rt_tmpdir());
  text = render(empty, LS_FORMAT_GITLAB, NULL);
  v = jt_parse(text);
  CU_ASSERT_TRUE(v && YAJL_IS_ARRAY(v) && jt_len(v, NULL) == 0);
  yajl_tree_free(v);
  free(text);
  rt_report_free(empty);
  rt_report_free(r);
}

static void text_colors(void) {
  ls_report *r = rt_sample();
  ls_write_options color = {.color = 1};
  char *plain = render(r, LS_FORMAT_TEXT, NULL), *colored = render(r, LS_FORMAT_TEXT, &color);
  CU_ASSERT_PTR_NULL(strchr(plain, '\033'));
  CU_ASSERT_PTR_NOT_NULL(strstr(colored, "\033[1msrc/api.c:12:5: \033[0;1;35mwarning: "
                                         "\033[0m\033[1m'PKCS5_PBKDF2_HMAC'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(colored, " [sync-crypto]\033[0m\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(colored, "\033[1msrc/main.c:40:3: \033[0;1;30mnote: \033[0m'"));
  /* A note with no place still gets its colour; the summary gets none. */
  CU_ASSERT_PTR_NOT_NULL(strstr(colored, "\n\033[0;1;30mnote: \033[0m'on_tick'"));
  const char *summary = strstr(colored, "\n2 findings");
  CU_ASSERT_PTR_NOT_NULL_FATAL(summary);
  CU_ASSERT_PTR_NULL(strchr(summary, '\033'));
  /* Without the escapes, the coloured report is the plain one. */
  char *stripped = strdup(colored), *w = stripped;
  for (const char *p = colored; *p;) {
    if (*p == '\033') {
      p = strchr(p, 'm') + 1;
      continue;
    }
    *w++ = *p++;
  }
  *w = 0;
  CU_ASSERT_STRING_EQUAL(stripped, plain);
  free(stripped);
  free(plain);
  free(colored);
  rt_report_free(r);
}

void register_ci_tests(void) {
  CU_pSuite s = CU_add_suite("ci", NULL, NULL);
  CU_add_test(s, "format names", format_names);
  CU_add_test(s, "github: one workflow command per finding", github_commands);
  CU_add_test(s, "github: escaping of messages and properties", github_escaping);
  CU_add_test(s, "gitlab: Code Quality issues", gitlab_code_quality);
  CU_add_test(s, "text: clang's colours", text_colors);
}
