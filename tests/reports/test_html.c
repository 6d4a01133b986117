/* test_html.c: `--format html`. The page must be self-contained and escape
 * everything; with Graphviz it holds an inline SVG, without it it says the
 * picture is unavailable. When /usr/bin/chromium exists the page is loaded
 * headless and the findings must be in its DOM. */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"
#include "rtest.h"
#include "writers.h"

#define CHROMIUM "/usr/bin/chromium"

static char *write_html(const ls_report *r, char **path_out) {
  char *path, *err = NULL;
  if (asprintf(&path, "%s/report.html", rt_tmpdir()) < 0) abort();
  int rc = ls_report_write(r, LS_FORMAT_HTML, path, &err);
  CU_ASSERT_EQUAL(rc, 0);
  if (rc) fprintf(stderr, "\n    %s\n", err);
  free(err);
  char *text = rt_read_file(path);
  if (path_out) *path_out = path;
  else free(path);
  return text ? text : strdup("");
}

static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (const char *p = text; (p = strstr(p, what)); p += strlen(what)) n++;
  return n;
}

/* Nothing that would make a browser fetch or run anything. */
static void assert_self_contained(const char *html) {
  CU_ASSERT_PTR_NULL(strstr(html, "<script"));
  CU_ASSERT_PTR_NULL(strstr(html, "<link"));
  CU_ASSERT_PTR_NULL(strstr(html, "<img"));
  CU_ASSERT_PTR_NULL(strstr(html, "<iframe"));
  CU_ASSERT_PTR_NULL(strstr(html, "@import"));
  CU_ASSERT_PTR_NULL(strstr(html, "url("));
  CU_ASSERT_PTR_NULL(strstr(html, "src=\""));
  CU_ASSERT_PTR_NULL(strstr(html, "href=\"http"));
  CU_ASSERT_PTR_NULL(strstr(html, "<?xml"));
  CU_ASSERT_PTR_NULL(strstr(html, "<!DOCTYPE svg"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "Content-Security-Policy"));
  CU_ASSERT_EQUAL(strncmp(html, "<!DOCTYPE html>\n", 16), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "</html>\n"));
}

static void sample_page(void) {
  ls_report *r = rt_sample();
  char *html = write_html(r, NULL);
  assert_self_contained(html);
  /* summary */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "2 findings in 2 files, reached from 2 loop callbacks."));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3>Per rule</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3>Per loop callback</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3>Top files</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "Synchronous key derivation or hashing on the loop"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>/elsewhere/broken.c</code></td><td>not analyzed: libclang crashed"));
  /* each finding, its hops in order, root first */
  CU_ASSERT_EQUAL(count(html, "<article class=\"finding\""), 2);
  const char *reg = strstr(html, "registered here as a loop callback (tl_http_route)</p>");
  const char *call = strstr(html, "function &#39;hash_password&#39; called here from &#39;on_register&#39;");
  const char *blk = strstr(html, "<li class=\"blocking\">");
  CU_ASSERT(reg && call && blk && reg < call && call < blk);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&#39;PKCS5_PBKDF2_HMAC&#39; derives a key with 100000 iterations"));
  /* snippets: read from disk, escaped, the call marked, line numbers */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span class=\"ln\">   12 </span>    <mark>PKCS5_PBKDF2_HMAC(pw, "
                                      "(int)n, salt, 16, iterations, md, 32, out);</mark>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "/* &amp; &lt; &gt; in source must be escaped */"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "tl_http_route(loop, &quot;/register&quot;, on_register);"));
  /* src/timer.c is not on disk */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "source not available: <code>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "src/timer.c</code> (No such file or directory)"));
  /* the related root */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "Other loop callbacks that reach this call"));
  /* the picture: inline SVG with Graphviz, a clear note without it */
  if (rt_have("/usr/bin/dot") && !getenv("LAGSCAN_DOT")) {
    CU_ASSERT_EQUAL(count(html, "<svg"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "on_register"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, ">PKCS5_PBKDF2_HMAC [sync&#45;crypto]</text>") ||
                           strstr(html, ">PKCS5_PBKDF2_HMAC [sync-crypto]</text>"));
    CU_ASSERT_PTR_NULL(strstr(html, "picture-unavailable"));
  } else {
    rt_skip("the SVG picture (Graphviz's /usr/bin/dot is not installed)");
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "picture-unavailable"));
  }
  free(html);
  rt_report_free(r);
}

static void without_dot(void) {
  ls_report *r = rt_sample();
  char *old = getenv("LAGSCAN_DOT") ? strdup(getenv("LAGSCAN_DOT")) : NULL;
  setenv("LAGSCAN_DOT", "/nonexistent/dot", 1);
  char *html = write_html(r, NULL);
  if (old) setenv("LAGSCAN_DOT", old, 1);
  else unsetenv("LAGSCAN_DOT");
  free(old);
  assert_self_contained(html);
  CU_ASSERT_PTR_NULL(strstr(html, "<svg"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "The picture of the call paths is unavailable: cannot run "
                                      "&#39;/nonexistent/dot&#39;: No such file or directory."));
  /* the rest of the page is all there */
  CU_ASSERT_EQUAL(count(html, "<article class=\"finding\""), 2);
  free(html);

  /* a dot that fails */
  setenv("LAGSCAN_DOT", "/bin/false", 1);
  html = write_html(r, NULL);
  unsetenv("LAGSCAN_DOT");
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&#39;/bin/false&#39; failed (exit status 1)"));
  free(html);
  rt_report_free(r);
}

/* Markup in messages, names and paths is text, never markup. */
static void escaping(void) {
  ls_report *r = rt_report_new("/nonexistent");
  ls_finding *f = rt_finding(r, "sleep", "<b>x.c", 1, 1, "<script>alert(1)</script> & \"q\" 'a' \xff",
                             "sleep", "<img src=x>", "on_<i>");
  rt_step(f, LS_STEP_REGISTRATION, "r\"c.c", 2, 1, "main", "'on_<i>' registered </p><p>");
  rt_step(f, LS_STEP_BLOCKING, "<b>x.c", 1, 1, "<img src=x>", "m");
  rt_note(r, "<u>.c", "</table>", 1);
  char *html = write_html(r, NULL);
  assert_self_contained(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
                                      "&#39;a&#39; \xEF\xBF\xBD"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;img src=x&gt;"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;/table&gt;"));
  CU_ASSERT_PTR_NULL(strstr(html, "<b>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<i>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<u>"));
  free(html);
  rt_report_free(r);
}

static void no_findings(void) {
  ls_report *r = rt_report_new("/src");
  char *html = write_html(r, NULL);
  assert_self_contained(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "No findings"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "No call paths to draw."));
  free(html);
  rt_report_free(r);
}

/* Escapes text as a DOM serializer writes text nodes. */
static char *dom_text(const char *s) {
  size_t n = 0;
  char *out = malloc(strlen(s) * 5 + 1);
  if (!out) abort();
  for (; *s; s++) {
    const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
    if (e) {
      memcpy(out + n, e, strlen(e));
      n += strlen(e);
    } else {
      out[n++] = *s;
    }
  }
  out[n] = '\0';
  return out;
}

static void chromium(void) {
  if (!rt_have(CHROMIUM)) {
    rt_skip("headless Chromium check (" CHROMIUM " is not installed; the structure checks ran)");
    return;
  }
  ls_report *r = rt_sample();
  char *path;
  free(write_html(r, &path));
  char *url, *dom_path, *err_path, *profile;
  const char *dir = rt_tmpdir();
  if (asprintf(&url, "file://%s", path) < 0 || asprintf(&dom_path, "%s/dom.html", dir) < 0 ||
      asprintf(&err_path, "%s/chromium.log", dir) < 0 ||
      asprintf(&profile, "--user-data-dir=%s/profile", dir) < 0)
    abort();
  char *argv[] = {CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-dev-shm-usage", "--no-first-run", profile, "--dump-dom", url, NULL};
  int rc = rt_run(argv, dom_path, err_path, 120);
  char *dom = rt_read_file(dom_path);
  CU_ASSERT_EQUAL(rc, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
  if (rc != 0 || !strstr(dom, "</html>")) {
    char *log = rt_read_file(err_path);
    fprintf(stderr, "\n    chromium exit %d; log:\n%.3000s\n", rc, log ? log : "");
    free(log);
  }
  for (size_t i = 0; i < r->nfindings; i++) {
    char *want = dom_text(r->findings[i].message);
    CU_ASSERT_PTR_NOT_NULL(strstr(dom, want));
    if (!strstr(dom, want)) fprintf(stderr, "\n    not in the DOM: %s\n", want);
    free(want);
  }
  CU_ASSERT_PTR_NOT_NULL(strstr(dom, "id=\"summary\""));
  CU_ASSERT_EQUAL(count(dom, "class=\"finding\""), 2);
  if (rt_have("/usr/bin/dot")) CU_ASSERT_PTR_NOT_NULL(strstr(dom, "<svg"));
  /* a Content-Security-Policy violation would mean the page tried to load something */
  char *log = rt_read_file(err_path);
  CU_ASSERT(!log || !strstr(log, "Content Security Policy"));
  free(log);
  free(dom);
  free(url);
  free(dom_path);
  free(err_path);
  free(profile);
  free(path);
  rt_report_free(r);
}

void register_html_tests(void) {
  CU_pSuite s = CU_add_suite("html", NULL, NULL);
  CU_add_test(s, "sample page: summary, paths, snippets, picture", sample_page);
  CU_add_test(s, "without Graphviz the page says so", without_dot);
  CU_add_test(s, "everything is escaped", escaping);
  CU_add_test(s, "no findings", no_findings);
  CU_add_test(s, "loads in headless Chromium", chromium);
}
