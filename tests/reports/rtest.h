/* rtest.h: shared helpers of the report-writer tests: reports built by hand
 * (no libclang involved), temporary directories, files, child processes. */
#ifndef LAGSCAN_RTEST_H
#define LAGSCAN_RTEST_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include "findings.h"

void register_text_tests(void);
void register_sarif_tests(void);
void register_json_tests(void);
void register_html_tests(void);
void register_output_tests(void);
void register_source_tests(void);
void register_ci_tests(void);

/* ---- building reports ---------------------------------------------------- */

/* An empty report with srcroot = `srcroot` (copied; may be NULL), the test
 * rule catalogue, and fixed times. Free with rt_report_free(). */
ls_report *rt_report_new(const char *srcroot);
void rt_report_free(ls_report *r);

ls_finding *rt_finding(ls_report *r, const char *rule, const char *path, unsigned line,
                       unsigned col, const char *message, const char *callee,
                       const char *function, const char *root);
/* Steps are appended in order (root first, blocking last). path may be NULL. */
void rt_step(ls_finding *f, ls_step_kind kind, const char *path, unsigned line, unsigned col,
             const char *function, const char *message);
/* A registration step, with its structured fields (the root, the API). */
void rt_registration(ls_finding *f, const char *path, unsigned line, unsigned col,
                     const char *function, const char *root, const char *api,
                     const char *message);
void rt_related(ls_finding *f, const char *path, unsigned line, unsigned col, const char *root,
                const char *message);
void rt_note(ls_report *r, const char *path, const char *message, int fatal);

/* The sample scan used by most tests, with its sources written under a new
 * temporary directory (the report's srcroot):
 *   1. sync-crypto in src/api.c:12:5, from on_register (registered in
 *      src/main.c:40:3 via tl_http_route), one call hop, one related root;
 *   2. sleep in src/timer.c:5:3 from on_tick, registered at an unknown place
 *      (no path), and src/timer.c does not exist on disk;
 * plus a fatal notification for /elsewhere/broken.c. */
ls_report *rt_sample(void);

#define RT_MSG_CRYPTO                                                                    \
  "'PKCS5_PBKDF2_HMAC' derives a key with 100000 iterations on the loop thread, "        \
  "tens to hundreds of ms per call"
#define RT_MSG_SLEEP "'sleep' blocks the loop for 1 s"

/* ---- files and processes -------------------------------------------------- */

/* A new temporary directory (removed at exit). */
const char *rt_tmpdir(void);
/* Writes text to dir/name (creating parent directories) and returns the
 * path (heap). */
char *rt_write_file(const char *dir, const char *name, const char *text);
/* The whole file (heap, NUL-terminated), or NULL. */
char *rt_read_file(const char *path);
/* Number of entries in a directory other than . and .., or -1. */
int rt_count_entries(const char *dir);
/* Runs argv (no shell) with stdout to out_path (NULL: /dev/null) and stderr
 * to err_path (NULL: /dev/null), killing it after timeout_s seconds. Returns
 * its exit status, 128+signal, or -1 when it could not be started. */
int rt_run(char *const argv[], const char *out_path, const char *err_path, int timeout_s);
/* Whether `path` is executable. */
int rt_have(const char *path);

/* Splits text into lines (without '\n'); returns the count; *lines is a
 * heap array of heap strings, freed with rt_lines_free. */
size_t rt_lines(const char *text, char ***lines);
void rt_lines_free(char **lines, size_t n);

/* Validates JSON (one document, or one per line when lines != 0) with
 * /usr/bin/python3. Returns 1 valid, 0 invalid, -1 python3 unavailable. */
int rt_python_json_valid(const char *path, int lines);

/* Prints a visible "skipped" note on stderr. */
void rt_skip(const char *what);

#endif
