/* test_output.c: ls_format_parse() and ls_report_write(): standard output,
 * the temporary file renamed into place, and failures that leave nothing
 * behind. */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reports.h"
#include "rtest.h"

static void format_names(void) {
  ls_format f = (ls_format)-1;
  CU_ASSERT_EQUAL(ls_format_parse("text", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_TEXT);
  CU_ASSERT_EQUAL(ls_format_parse("sarif", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_SARIF);
  CU_ASSERT_EQUAL(ls_format_parse("json", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_JSON);
  CU_ASSERT_EQUAL(ls_format_parse("html", &f), 0);
  CU_ASSERT_EQUAL(f, LS_FORMAT_HTML);
  CU_ASSERT_EQUAL(ls_format_parse("xml", &f), -1);
  CU_ASSERT_EQUAL(ls_format_parse("SARIF", &f), -1);
  CU_ASSERT_EQUAL(ls_format_parse("", &f), -1);
  CU_ASSERT_EQUAL(ls_format_parse(NULL, &f), -1);
}

static char *text_of(const ls_report *r) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ls_report_write_text(r, f);
  fclose(f);
  return buf;
}

/* A file in an existing directory: written whole, nothing else left there,
 * the usual mode, and an existing file replaced. */
static void to_file(void) {
  const char *dir = rt_tmpdir();
  char *path;
  if (asprintf(&path, "%s/report.txt", dir) < 0) abort();
  free(rt_write_file(dir, "report.txt", "old contents\n"));
  ls_report *r = rt_sample();
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_TEXT, path, &err), 0);
  CU_ASSERT_PTR_NULL(err);
  char *got = rt_read_file(path), *want = text_of(r);
  CU_ASSERT_STRING_EQUAL(got, want);
  CU_ASSERT_EQUAL(rt_count_entries(dir), 1);
  mode_t mask = umask(0);
  umask(mask);
  struct stat st;
  CU_ASSERT_EQUAL(stat(path, &st), 0);
  CU_ASSERT_EQUAL(st.st_mode & 0777, 0666 & ~mask);
  free(got);
  free(want);
  free(path);
  rt_report_free(r);
}

/* A relative path (no directory part) goes to the current directory. */
static void relative_path(void) {
  const char *dir = rt_tmpdir();
  char old[4096];
  CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(old, sizeof old));
  CU_ASSERT_EQUAL_FATAL(chdir(dir), 0);
  ls_report *r = rt_report_new("/src");
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_JSON, "out.jsonl", &err), 0);
  free(err);
  CU_ASSERT_EQUAL(rt_count_entries("."), 1);
  CU_ASSERT_EQUAL(access("out.jsonl", F_OK), 0);
  CU_ASSERT_EQUAL(chdir(old), 0);
  rt_report_free(r);
}

static void missing_directory(void) {
  const char *dir = rt_tmpdir();
  char *path, *want;
  if (asprintf(&path, "%s/no/such/dir/out.sarif", dir) < 0 ||
      asprintf(&want, "cannot write '%s': No such file or directory", path) < 0)
    abort();
  ls_report *r = rt_sample();
  char *err = NULL;
  for (int fmt = LS_FORMAT_TEXT; fmt <= LS_FORMAT_HTML; fmt++) {
    CU_ASSERT_EQUAL(ls_report_write(r, (ls_format)fmt, path, &err), -ENOENT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_STRING_EQUAL(err, want);
    free(err);
    err = NULL;
  }
  CU_ASSERT_EQUAL(rt_count_entries(dir), 0);
  free(path);
  free(want);
  rt_report_free(r);
}

static void destination_is_directory(void) {
  const char *dir = rt_tmpdir();
  char *sub;
  if (asprintf(&sub, "%s/sub", dir) < 0) abort();
  CU_ASSERT_EQUAL(mkdir(sub, 0700), 0);
  ls_report *r = rt_sample();
  char *err = NULL;
  int rc = ls_report_write(r, LS_FORMAT_SARIF, sub, &err);
  CU_ASSERT(rc < 0);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "cannot write '"));
  free(err);
  CU_ASSERT_EQUAL(rt_count_entries(dir), 1); /* only sub itself */
  CU_ASSERT_EQUAL(rt_count_entries(sub), 0);
  free(sub);
  rt_report_free(r);
}

static void read_only_directory(void) {
  if (geteuid() == 0) {
    rt_skip("read-only directory (running as root, whom permissions do not stop)");
    return;
  }
  const char *dir = rt_tmpdir();
  CU_ASSERT_EQUAL_FATAL(chmod(dir, 0500), 0);
  char *path;
  if (asprintf(&path, "%s/out.sarif", dir) < 0) abort();
  ls_report *r = rt_sample();
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_SARIF, path, &err), -EACCES);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, path) && strstr(err, "Permission denied"));
  free(err);
  chmod(dir, 0700);
  CU_ASSERT_EQUAL(rt_count_entries(dir), 0);
  free(path);
  rt_report_free(r);
}

/* A write that fails half way (here: the file size limit, which stops root
 * too, standing in for a full disk) removes the temporary file and leaves
 * the old report untouched. Runs in a child, which alone gets the limit. */
static void write_fails_half_way(void) {
  const char *dir = rt_tmpdir();
  char *path;
  if (asprintf(&path, "%s/out.html", dir) < 0) abort();
  free(rt_write_file(dir, "out.html", "previous report\n"));
  ls_report *r = rt_sample();
  fflush(NULL);
  pid_t pid = fork();
  CU_ASSERT_FATAL(pid >= 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {100, 100};
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) _exit(3);
    char *err = NULL;
    int rc = ls_report_write(r, LS_FORMAT_HTML, path, &err);
    int ok = rc == -EFBIG && err && strstr(err, path) && strstr(err, "File too large");
    if (!ok) fprintf(stderr, "\n    rc %d, err %s\n", rc, err ? err : "(null)");
    free(err);
    _exit(ok ? 0 : 1);
  }
  int st;
  CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
  CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CU_ASSERT_EQUAL(rt_count_entries(dir), 1);
  char *got = rt_read_file(path);
  CU_ASSERT_STRING_EQUAL(got, "previous report\n");
  free(got);
  free(path);
  rt_report_free(r);
}

/* NULL and "-" write to standard output. */
static void to_stdout(void) {
  const char *dir = rt_tmpdir();
  char *path;
  if (asprintf(&path, "%s/stdout.txt", dir) < 0) abort();
  ls_report *r = rt_sample();
  for (int dash = 0; dash < 2; dash++) {
    fflush(stdout);
    int saved = dup(1);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CU_ASSERT_FATAL(saved >= 0 && fd >= 0);
    dup2(fd, 1);
    close(fd);
    char *err = NULL;
    int rc = ls_report_write(r, LS_FORMAT_TEXT, dash ? "-" : NULL, &err);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NULL(err);
    free(err);
    char *got = rt_read_file(path), *want = text_of(r);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
    free(want);
  }
  free(path);
  rt_report_free(r);
}

/* A character device (a node with /dev/null's numbers, made here; where
 * mknod is not allowed, /dev/null itself) is written in place, never
 * replaced by a regular file, and no temporary file is left beside it. */
static void to_device(void) {
  const char *dir = rt_tmpdir();
  char *node;
  if (asprintf(&node, "%s/null", dir) < 0) abort();
  if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) != 0) {
    CU_ASSERT_EQUAL(errno, EPERM);
    rt_skip("mknod (not allowed here): checking /dev/null itself");
    free(node);
    node = strdup("/dev/null");
  }
  ls_report *r = rt_sample();
  for (int fmt = LS_FORMAT_TEXT; fmt <= LS_FORMAT_GITLAB; fmt++) {
    char *err = NULL;
    CU_ASSERT_EQUAL(ls_report_write(r, (ls_format)fmt, node, &err), 0);
    CU_ASSERT_PTR_NULL(err);
    free(err);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(lstat(node, &st), 0);
    CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
    CU_ASSERT_EQUAL(st.st_rdev, makedev(1, 3));
  }
  /* the node when it was made here, and nothing else */
  CU_ASSERT_EQUAL(rt_count_entries(dir), strcmp(node, "/dev/null") ? 1 : 0);
  free(node);
  rt_report_free(r);
}

/* A FIFO is written in place: it stays a FIFO and its reader gets the
 * whole report. */
static void to_fifo(void) {
  const char *dir = rt_tmpdir();
  char *fifo, *got;
  if (asprintf(&fifo, "%s/pipe", dir) < 0 || asprintf(&got, "%s/got.txt", dir) < 0) abort();
  CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
  ls_report *r = rt_sample();
  char *want = text_of(r);
  fflush(NULL);
  pid_t pid = fork();
  CU_ASSERT_FATAL(pid >= 0);
  if (pid == 0) { /* the reader: copies the pipe to got.txt */
    alarm(60);
    int in = open(fifo, O_RDONLY), out = open(got, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char buf[4096];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
      if (write(out, buf, (size_t)n) != n) _exit(1);
    _exit(in >= 0 && out >= 0 ? 0 : 1);
  }
  char *err = NULL;
  CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_TEXT, fifo, &err), 0);
  free(err);
  int status = -1;
  CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
  CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  struct stat st;
  CU_ASSERT_EQUAL_FATAL(lstat(fifo, &st), 0);
  CU_ASSERT_TRUE(S_ISFIFO(st.st_mode));
  char *text = rt_read_file(got);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT_STRING_EQUAL(text, want);
  free(text);
  free(want);
  free(got);
  free(fifo);
  rt_report_free(r);
}

/* A symbolic link is followed, as compilers do with -o: it stays a link,
 * its target gets the report (replaced atomically in the target's
 * directory), and a dangling link's target is created. */
static void through_symlink(void) {
  const char *dir = rt_tmpdir();
  char *sub, *target, *link, *dangling, *created;
  if (asprintf(&sub, "%s/real", dir) < 0 || asprintf(&target, "%s/real/report.txt", dir) < 0 ||
      asprintf(&link, "%s/link.txt", dir) < 0 || asprintf(&dangling, "%s/dangling", dir) < 0 ||
      asprintf(&created, "%s/real/new.txt", dir) < 0)
    abort();
  CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
  free(rt_write_file(dir, "real/report.txt", "old"));
  CU_ASSERT_EQUAL_FATAL(symlink("real/report.txt", link), 0);
  CU_ASSERT_EQUAL_FATAL(symlink("real/new.txt", dangling), 0);
  ls_report *r = rt_sample();
  char *want = text_of(r), *err = NULL;
  const char *links[] = {link, dangling}, *targets[] = {target, created};
  for (int i = 0; i < 2; i++) {
    CU_ASSERT_EQUAL(ls_report_write(r, LS_FORMAT_TEXT, links[i], &err), 0);
    free(err);
    err = NULL;
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(lstat(links[i], &st), 0);
    CU_ASSERT_TRUE(S_ISLNK(st.st_mode));
    CU_ASSERT_EQUAL_FATAL(lstat(targets[i], &st), 0);
    CU_ASSERT_TRUE(S_ISREG(st.st_mode));
    char *text = rt_read_file(targets[i]);
    CU_ASSERT_STRING_EQUAL(text ? text : "", want);
    free(text);
  }
  /* no temporary file left in either directory: real/ holds the two
   * targets; dir real/ and the two links */
  CU_ASSERT_EQUAL(rt_count_entries(sub), 2);
  CU_ASSERT_EQUAL(rt_count_entries(dir), 3);
  free(want);
  free(sub);
  free(target);
  free(link);
  free(dangling);
  free(created);
  rt_report_free(r);
}

void register_output_tests(void) {
  CU_pSuite s = CU_add_suite("output", NULL, NULL);
  CU_add_test(s, "format names", format_names);
  CU_add_test(s, "to a file, replacing the old one", to_file);
  CU_add_test(s, "relative path", relative_path);
  CU_add_test(s, "missing directory: error, nothing created", missing_directory);
  CU_add_test(s, "destination is a directory", destination_is_directory);
  CU_add_test(s, "read-only directory", read_only_directory);
  CU_add_test(s, "write failing half way leaves the old file", write_fails_half_way);
  CU_add_test(s, "to standard output", to_stdout);
  CU_add_test(s, "a character device is written in place", to_device);
  CU_add_test(s, "a FIFO is written in place", to_fifo);
  CU_add_test(s, "a symbolic link is followed", through_symlink);
}
