/* test_html.c: `--format html`. The page must be self-contained and escape
 * everything; it has an index by rule and by file, an anchor for every
 * finding and every hop, links that all land on an anchor of the page, the
 * rules' help rendered from markdown, and one inline SVG picture per
 * finding drawn by the writer itself (no Graphviz). When /usr/bin/chromium
 * exists the page is loaded headless and the findings must be in its DOM
 * (tests/html loads a real scan's page and checks the console). */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
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
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3>Per loop callback</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "Synchronous key derivation or hashing on the loop"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>/elsewhere/broken.c</code></td><td>not analyzed: libclang crashed"));
  /* each finding, its hops in order, root first */
  CU_ASSERT_EQUAL(count(html, "<article class=\"finding\""), 2);
  const char *reg = strstr(html, "<li class=\"registration\" id=\"finding-1-hop-1\">");
  const char *call = strstr(html, "<li class=\"call\" id=\"finding-1-hop-2\">");
  const char *blk = strstr(html, "<li class=\"blocking\" id=\"finding-1-hop-3\">");
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
  /* the index: by rule and by file, with counts and links to the findings */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3 id=\"by-rule\">By rule</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3 id=\"by-file\">By file</h3>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr><td><a href=\"#rule-sync-crypto\"><code>sync-crypto</code></a>"
                                      "</td><td>Synchronous key derivation or hashing on the loop</td>"
                                      "<td class=\"n\">1</td><td class=\"links\"><a href=\"#finding-1\">"
                                      "#1</a></td></tr>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr><td><code>src/timer.c</code></td><td class=\"n\">1</td>"
                                      "<td class=\"links\"><a href=\"#finding-2\">#2</a></td></tr>"));
  /* anchors: every finding, every hop; hops link to themselves */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<article class=\"finding\" id=\"finding-1\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<article class=\"finding\" id=\"finding-2\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li class=\"registration\" id=\"finding-1-hop-1\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li class=\"call\" id=\"finding-1-hop-2\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li class=\"blocking\" id=\"finding-1-hop-3\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li class=\"blocking\" id=\"finding-2-hop-2\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a class=\"hop\" href=\"#finding-1-hop-2\"><code "
                                      "class=\"loc\">src/api.c:20:12</code></a>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<li id=\"finding-1-related-1\">"));
  /* hops are formatted from the steps' fields */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>on_register</code> registered as a loop callback with "
                                      "<code>tl_http_route</code> in <code>main</code>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>on_register</code> calls <code>hash_password</code>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>hash_password</code> calls the blocking "
                                      "<code>PKCS5_PBKDF2_HMAC</code>"));
  /* the finding's rule links to its help, rendered from markdown */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a class=\"badge\" href=\"#rule-sync-crypto\">sync-crypto</a>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<section class=\"rule\" id=\"rule-sync-crypto\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<p>Run key derivation on a worker:</p>\n<pre class=\"md\"><code "
                                      "class=\"language-c\">tl_pbkdf2(loop, pw, salt, 100000, on_key);\n"
                                      "</code></pre>"));
  CU_ASSERT_PTR_NULL(strstr(html, "id=\"rule-sync-fs\"")); /* only rules that fired */
  /* one picture per finding, drawn here, no Graphviz */
  CU_ASSERT_EQUAL(count(html, "<svg class=\"path\""), 2);
  CU_ASSERT_EQUAL(count(html, "<svg"), 2);
  const char *pic = strstr(html, "<svg class=\"path\"");
  CU_ASSERT_PTR_NOT_NULL_FATAL(pic);
  CU_ASSERT(pic > strstr(html, "id=\"finding-1\"") && pic < strstr(html, "id=\"finding-2\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(pic, ">PKCS5_PBKDF2_HMAC [sync-crypto]</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(pic, "<a href=\"#finding-1-hop-2\">"));
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
  /* a rule no pack describes, with markup in its id: an anchor by index */
  f = rt_finding(r, "<s>\"x", "y.c", 3, 1, "m", "<em>cb", "f<q>", "g");
  rt_step(f, LS_STEP_BLOCKING, "y.c", 3, 1, "f<q>", "m");
  /* markup in the catalogue's help */
  r->rules[1].help_markdown = "**<b>bold</b>** `<i>x</i>` <u>\n\n- <li>\n\n```<x> y\n</pre><script>\n```\n";
  char *html = write_html(r, NULL);
  assert_self_contained(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a class=\"badge\" href=\"#rule-3\">&lt;s&gt;&quot;x</a>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<section class=\"rule\" id=\"rule-3\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "No rule pack describes this rule."));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, ">&lt;em&gt;cb [&lt;s&gt;&quot;x]</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<p><strong>&lt;b&gt;bold&lt;/b&gt;</strong> <code>&lt;i&gt;x&lt;/i&gt;"
                                      "</code> &lt;u&gt;</p>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<ul>\n<li>&lt;li&gt;</li>\n</ul>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<pre class=\"md\"><code>&lt;/pre&gt;&lt;script&gt;\n</code></pre>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<em>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<q>"));
  CU_ASSERT_PTR_NULL(strstr(html, "<s>"));
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

/* Every href="#x" of the page names an id="x" of the page, and no id is
 * given twice. */
static void assert_links_resolve(const char *html) {
  size_t links = 0;
  for (const char *p = html; (p = strstr(p, "href=\"#")); p++) {
    const char *end = strchr(p + 7, '"');
    CU_ASSERT_PTR_NOT_NULL_FATAL(end);
    char *want;
    if (asprintf(&want, "id=\"%.*s\"", (int)(end - (p + 7)), p + 7) < 0) abort();
    size_t n = count(html, want);
    CU_ASSERT_EQUAL(n, 1);
    if (n != 1) fprintf(stderr, "\n    %zu targets for %s\n", n, want);
    free(want);
    links++;
  }
  CU_ASSERT(links > 0);
}

static void links_resolve(void) {
  ls_report *r = rt_sample();
  char *html = write_html(r, NULL);
  assert_links_resolve(html);
  /* each of the 5 hops and both findings are linked from the picture or the index */
  CU_ASSERT(count(html, "href=\"#finding-1-hop-") >= 3 * 2);
  CU_ASSERT(count(html, "href=\"#finding-2-hop-") >= 2 * 2);
  CU_ASSERT(count(html, "href=\"#finding-1\"") >= 2);
  free(html);
  /* a baseline finding no longer present has no anchor and no link */
  r->findings[0].baseline = LS_BASELINE_ABSENT;
  html = write_html(r, NULL);
  assert_links_resolve(html);
  CU_ASSERT_PTR_NULL(strstr(html, "id=\"finding-2\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<article class=\"finding\" id=\"finding-1\">"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "Baseline findings no longer present (1)"));
  free(html);
  rt_report_free(r);
}

static void md_is(const char *md, const char *want) {
  ls_buf b = {0};
  lsr_markdown_html(&b, md);
  CU_ASSERT_STRING_EQUAL(ls_buf_str(&b), want);
  if (strcmp(ls_buf_str(&b), want)) fprintf(stderr, "\n    got: %s\n    want: %s\n", ls_buf_str(&b), want);
  ls_buf_free(&b);
}

static void markdown(void) {
  md_is("one\ntwo\n\nthree", "<p>one\ntwo</p>\n<p>three</p>\n");
  md_is("**Bold.** and `a < b` & c", "<p><strong>Bold.</strong> and <code>a &lt; b</code> &amp; c</p>\n");
  md_is("**bold with `code`**", "<p><strong>bold with <code>code</code></strong></p>\n");
  md_is("an ** unclosed and a ` tick", "<p>an ** unclosed and a ` tick</p>\n");
  md_is("```c\nint a = 1 < 2;\n\n  **x**\n```\nafter",
        "<pre class=\"md\"><code class=\"language-c\">int a = 1 &lt; 2;\n\n  **x**\n</code></pre>\n"
        "<p>after</p>\n");
  md_is("```\nunclosed", "<pre class=\"md\"><code>unclosed\n</code></pre>\n");
  md_is("```c\"><script>\nx\n```", "<pre class=\"md\"><code class=\"language-c\">x\n</code></pre>\n");
  md_is("Use:\n\n- `uv_fs_open` with a callback\n  and more\n* **or** the pool\n\n1. first\n2. second\ntext",
        "<p>Use:</p>\n<ul>\n<li><code>uv_fs_open</code> with a callback\nand more</li>\n"
        "<li><strong>or</strong> the pool</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n"
        "</ol>\n<p>text</p>\n");
  md_is("a\r\nb\r\n", "<p>a\nb</p>\n");
  md_is("", "");
  md_is(NULL, "");
  md_is("\x01<'\">\xff", "<p>\xEF\xBF\xBD&lt;&#39;&quot;&gt;\xEF\xBF\xBD</p>\n");
}

static void picture(void) {
  ls_report *r = rt_sample();
  ls_buf b = {0};
  lsr_html_path_svg(&b, &r->findings[0], 7);
  const char *svg = ls_buf_str(&b);
  CU_ASSERT_EQUAL(strncmp(svg, "<svg class=\"path\" role=\"img\"", 28), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, "</svg>\n"));
  CU_ASSERT_PTR_NULL(strstr(svg, "url("));
  CU_ASSERT_PTR_NULL(strstr(svg, "<script"));
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<title>path of finding 7: main -&gt; on_register -&gt; "
                                     "hash_password -&gt; PKCS5_PBKDF2_HMAC [sync-crypto]</title>"));
  /* four boxes, registration to blocking call, in order, three arrows */
  CU_ASSERT_EQUAL(count(svg, "<rect "), 4);
  CU_ASSERT_EQUAL(count(svg, "<polygon "), 3);
  const char *a = strstr(svg, ">main</text>"), *b2 = strstr(svg, ">on_register</text>"),
             *c = strstr(svg, ">hash_password</text>"), *d = strstr(svg, ">PKCS5_PBKDF2_HMAC [sync-crypto]</text>");
  CU_ASSERT(a && b2 && c && d && a < b2 && b2 < c && c < d);
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">registration</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">loop callback</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">blocking call</text>"));
  /* arrows say where the call is; boxes and arrows link to their hops */
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">registers (tl_http_route)</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">api.c:20</text>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">api.c:12</text>"));
  CU_ASSERT(count(svg, "<a href=\"#finding-7-hop-1\">") >= 2);
  CU_ASSERT(count(svg, "<a href=\"#finding-7-hop-2\">") >= 2);
  CU_ASSERT(count(svg, "<a href=\"#finding-7-hop-3\">") >= 2);
  CU_ASSERT_EQUAL(count(svg, "<a "), count(svg, "</a>"));
  ls_buf_reset(&b);

  /* long names are cut in the box, whole in its title */
  char longname[200];
  memset(longname, 'n', 120);
  longname[120] = '\0';
  ls_finding *f = rt_finding(r, "sleep", "z.c", 1, 1, "m", "sleep", longname, longname);
  rt_step(f, LS_STEP_BLOCKING, "z.c", 1, 1, longname, "m");
  lsr_html_path_svg(&b, f, 3);
  svg = ls_buf_str(&b);
  CU_ASSERT_EQUAL(count(svg, "<rect "), 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, "nnnn\xE2\x80\xA6</text>"));
  char *title;
  if (asprintf(&title, "<title>%s</title>", longname) < 0) abort();
  CU_ASSERT_PTR_NOT_NULL(strstr(svg, title));
  free(title);
  ls_buf_free(&b);
  rt_report_free(r);
}

static void no_findings(void) {
  ls_report *r = rt_report_new("/src");
  char *html = write_html(r, NULL);
  assert_self_contained(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "No findings"));
  CU_ASSERT_PTR_NULL(strstr(html, "<svg"));
  CU_ASSERT_PTR_NULL(strstr(html, "id=\"rules\""));
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
  CU_ASSERT_EQUAL(count(dom, "<svg class=\"path\""), 2);
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
  CU_add_test(s, "sample page: index, anchors, paths, snippets, help, pictures", sample_page);
  CU_add_test(s, "every link lands on an anchor of the page", links_resolve);
  CU_add_test(s, "the help's markdown subset", markdown);
  CU_add_test(s, "the picture of a path", picture);
  CU_add_test(s, "everything is escaped", escaping);
  CU_add_test(s, "no findings", no_findings);
  CU_add_test(s, "loads in headless Chromium", chromium);
}
