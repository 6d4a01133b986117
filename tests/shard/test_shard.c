/* test_shard.c: `lagscan extract --shard K/N` and `lagscan merge`, through
 * the real binary. For a small multi-TU program (tests/shard/prog: callbacks,
 * wrappers, struct fields, same-named static helpers and a next-tick cycle
 * spread over six TUs) and for testdata/multi_tu_bad: three shards
 * extracted and merged, then scanned, give byte for byte the text report of
 * one full run, and the scan parses nothing. Also: every TU is in exactly one
 * shard, a missing shard is only parsed later, the errors users make, and
 * (tests/shard/ties) that reports are the same whatever the order of the
 * compile commands or of the workers.
 *
 * usage: test_shard LAGSCAN SOURCE_DIR */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *lagscan;
static const char *srcdir;
static char tmp[] = "/tmp/lagscan-shard-XXXXXX";

typedef struct result {
  int status;
  char *out, *err;
} result;

static char *slurp(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return strdup("");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  int c;
  while ((c = fgetc(f)) != EOF) {
    if (n + 2 > cap) buf = realloc(buf, cap = cap ? cap * 2 : 4096);
    buf[n++] = (char)c;
  }
  fclose(f);
  if (!buf) return strdup("");
  buf[n] = '\0';
  return buf;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s;
  if (vasprintf(&s, fmt, ap) < 0) abort();
  va_end(ap);
  return s;
}

/* Runs `lagscan ARGS` in directory `dir` through the shell. */
static result run(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static result run(const char *dir, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *args;
  if (vasprintf(&args, fmt, ap) < 0) abort();
  va_end(ap);
  char *cmd = xasprintf("cd '%s' && '%s' %s > '%s/.out' 2> '%s/.err' < /dev/null", dir, lagscan,
                        args, tmp, tmp);
  int st = system(cmd);
  result r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128, NULL, NULL};
  char *p = xasprintf("%s/.out", tmp);
  r.out = slurp(p);
  free(p);
  p = xasprintf("%s/.err", tmp);
  r.err = slurp(p);
  free(p);
  free(cmd);
  free(args);
  return r;
}

static void done(result *r) {
  free(r->out);
  free(r->err);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes BUILD/compile_commands.json for every .c file of `src` (absolute),
 * compiled from BUILD with the fixture include paths, in name order or
 * (reversed) the other way round. Returns the number of TUs. */
static int write_compdb_ordered(const char *build, const char *src, int reversed) {
  mkdir(build, 0777);
  DIR *d = opendir(src);
  if (!d) return 0;
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    size_t len = strlen(e->d_name);
    if (len > 2 && !strcmp(e->d_name + len - 2, ".c")) names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp_str);
  char *path = xasprintf("%s/compile_commands.json", build);
  FILE *f = fopen(path, "w");
  fputs("[\n", f);
  for (int k = 0; k < n; k++) {
    int i = reversed ? n - 1 - k : k;
    fprintf(f,
            "  {\"directory\": \"%s\", \"file\": \"%s/%s\",\n"
            "   \"arguments\": [\"clang\", \"-I%s/include\", \"-I%s/runtime/include\", \"-c\", "
            "\"%s/%s\"]}%s\n",
            build, src, names[i], srcdir, srcdir, src, names[i], k + 1 < n ? "," : "");
  }
  for (int i = 0; i < n; i++) free(names[i]);
  fputs("]\n", f);
  fclose(f);
  free(path);
  return n;
}

static int write_compdb(const char *build, const char *src) {
  return write_compdb_ordered(build, src, 0);
}

/* The report without its summary lines (which count parsed TUs). */
static char *findings_only(const char *report) {
  char *out = calloc(strlen(report) + 1, 1);
  size_t n = 0;
  for (const char *p = report; *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) + 1 : strlen(p);
    if (!memmem(p, len, "translation units", 17)) {
      memcpy(out + n, p, len);
      n += len;
    }
    p += len;
  }
  return out;
}

/* "shard K/N: S of T translation units (...)" -> S */
static int selected_of(const char *err) {
  const char *p = strstr(err, "shard ");
  int k, n, s = -1, t;
  if (p && sscanf(p, "shard %d/%d: %d of %d", &k, &n, &s, &t) == 4) return s;
  return -1;
}

/* Full run vs. three shards merged, for the program in `src`. */
static void shards_match_full_run(const char *name, const char *src) {
  char *work = xasprintf("%s/%s", tmp, name);
  mkdir(work, 0777);
  char *build = xasprintf("%s/build", work);
  int ntus = write_compdb(build, src);
  CU_ASSERT_FATAL(ntus > 1);

  result full = run(work, "scan -p build --db full.db --no-progress");
  CU_ASSERT_EQUAL(full.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(full.out, "warning:"));
  result again = run(work, "scan -p build --db full.db --no-progress");
  CU_ASSERT_EQUAL(again.status, 1);

  int total = 0;
  for (int k = 1; k <= 3; k++) {
    result x = run(work, "extract -p build --shard %d/3 --db shard-%d.db -v --no-progress", k, k);
    CU_ASSERT_EQUAL(x.status, 0);
    int s = selected_of(x.err);
    CU_ASSERT(s >= 0);
    total += s;
    done(&x);
  }
  /* Every TU is in exactly one shard. */
  CU_ASSERT_EQUAL(total, ntus);

  result m = run(work, "merge --db merged.db -v shard-1.db shard-2.db shard-3.db");
  CU_ASSERT_EQUAL(m.status, 0);
  CU_ASSERT_PTR_NULL(strstr(m.err, "warning"));
  char *want = xasprintf("(%d translation units, 0 replaced)", ntus);
  CU_ASSERT_PTR_NOT_NULL(strstr(m.err, want));
  free(want);
  done(&m);

  result scan = run(work, "scan -p build --db merged.db -v --no-progress");
  CU_ASSERT_EQUAL(scan.status, 1);
  char *summary = xasprintf("%d translation units (0 parsed, %d unchanged, 0 failed)", ntus, ntus);
  CU_ASSERT_PTR_NOT_NULL(strstr(scan.err, summary));
  free(summary);
  /* Byte for byte the report of a full database rescanned ... */
  CU_ASSERT_STRING_EQUAL(scan.out, again.out);
  /* ... and the findings of the first full run. */
  char *a = findings_only(full.out), *b = findings_only(scan.out);
  CU_ASSERT_STRING_EQUAL(a, b);
  if (strcmp(a, b) != 0) fprintf(stderr, "\n--- full run\n%s--- merged\n%s", a, b);
  free(a);
  free(b);

  /* The same with SARIF (paths, fingerprints, code flows). */
  result fs = run(work, "scan -p build --db full.db --no-progress --format sarif -o full.sarif");
  result ms = run(work, "scan -p build --db merged.db --no-progress --format sarif -o merged.sarif");
  CU_ASSERT_EQUAL(fs.status, 1);
  CU_ASSERT_EQUAL(ms.status, 1);
  char *p1 = xasprintf("%s/full.sarif", work), *p2 = xasprintf("%s/merged.sarif", work);
  char *s1 = slurp(p1), *s2 = slurp(p2);
  /* Timestamps aside, equal: compare from the first result on. */
  const char *r1 = strstr(s1, "\"results\""), *r2 = strstr(s2, "\"results\"");
  CU_ASSERT(r1 && r2 && strcmp(r1, r2) == 0);
  free(s1);
  free(s2);
  free(p1);
  free(p2);
  done(&fs);
  done(&ms);

  /* Extracting a shard again parses nothing. */
  result x = run(work, "extract -p build --shard 1/3 --db shard-1.db -v --no-progress");
  CU_ASSERT_EQUAL(x.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(x.err, "(0 parsed,"));
  done(&x);

  /* A missing shard: a warning, and the scan parses its TUs itself. */
  result pm = run(work, "merge --db partial.db shard-1.db shard-2.db");
  CU_ASSERT_EQUAL(pm.status, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(pm.err, "warning: shard 3/3 is missing"));
  done(&pm);
  result ps = run(work, "scan -p build --db partial.db -v --no-progress");
  CU_ASSERT_EQUAL(ps.status, 1);
  a = findings_only(full.out);
  b = findings_only(ps.out);
  CU_ASSERT_STRING_EQUAL(a, b);
  free(a);
  free(b);
  done(&ps);

  /* Merging into a database that has the TUs already replaces them. */
  result rm = run(work, "merge --db merged.db -v shard-3.db shard-1.db shard-2.db");
  CU_ASSERT_EQUAL(rm.status, 0);
  want = xasprintf("(%d translation units, %d replaced)", ntus, ntus);
  CU_ASSERT_PTR_NOT_NULL(strstr(rm.err, want));
  free(want);
  done(&rm);
  result rs = run(work, "scan -p build --db merged.db --no-progress");
  CU_ASSERT_STRING_EQUAL(rs.out, again.out);
  done(&rs);

  done(&full);
  done(&again);
  done(&scan);
  free(build);
  free(work);
}

static void small_program(void) {
  char *src = xasprintf("%s/tests/shard/prog", srcdir);
  shards_match_full_run("prog", src);
  free(src);
}

static void multi_tu_fixture(void) {
  char *src = xasprintf("%s/testdata/multi_tu_bad", srcdir);
  shards_match_full_run("multi_tu_bad", src);
  free(src);
}

/* Ids are handed out in the order TUs reach the store, which the order of
 * the compile commands and of the workers decide. Reports must not depend
 * on it: among equally short paths the one first in the source is shown,
 * and a callback registered twice shows its first registration. */
static void order_does_not_matter(void) {
  char *src = xasprintf("%s/tests/shard/ties", srcdir);
  char *work = xasprintf("%s/ties", tmp);
  mkdir(work, 0777);
  char *fwd = xasprintf("%s/fwd", work), *rev = xasprintf("%s/rev", work);
  CU_ASSERT_FATAL(write_compdb_ordered(fwd, src, 0) == 6);
  CU_ASSERT_FATAL(write_compdb_ordered(rev, src, 1) == 6);
  result runs[4] = {
      run(work, "scan -p fwd --db f1.db -j1 --no-progress"),
      run(work, "scan -p fwd --db f2.db -j2 --no-progress"),
      run(work, "scan -p rev --db r1.db -j1 --no-progress"),
      run(work, "scan -p rev --db r2.db -j2 --no-progress"),
  };
  char *first = findings_only(runs[0].out);
  CU_ASSERT_EQUAL(runs[0].status, 1);
  /* The path through a_path.c (before b_path.c), the registration in reg_a.c. */
  CU_ASSERT_PTR_NOT_NULL(strstr(first, "a_path.c:4:20: note: function 'save' called here from 'via_a'"));
  CU_ASSERT_PTR_NULL(strstr(first, "from 'via_b'"));
  CU_ASSERT_PTR_NOT_NULL(strstr(first, "reg_a.c:4:52: note: 'on_two'"));
  CU_ASSERT_PTR_NULL(strstr(first, "reg_z.c"));
  for (int i = 1; i < 4; i++) {
    CU_ASSERT_EQUAL(runs[i].status, 1);
    char *other = findings_only(runs[i].out);
    CU_ASSERT_STRING_EQUAL(first, other);
    if (strcmp(first, other) != 0) fprintf(stderr, "\n--- forward -j1\n%s--- run %d\n%s", first, i, other);
    free(other);
  }
  for (int i = 0; i < 4; i++) done(&runs[i]);
  free(first);
  free(fwd);
  free(rev);
  free(work);
  free(src);
}

static void usage_and_errors(void) {
  const char *cmds[] = {"extract", "merge"};
  for (size_t i = 0; i < 2; i++) {
    result r = run(tmp, "%s --help", cmds[i]);
    CU_ASSERT_EQUAL(r.status, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usage: lagscan "));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.out, cmds[i]));
    done(&r);
  }
  result r = run(tmp, "--help");
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "extract"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "merge"));
  done(&r);

  r = run(tmp, "extract --db x.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "extract needs -p BUILD_DIR"));
  done(&r);
  const char *bad[] = {"0/3", "4/3", "x", "1/", "/3", "2/1", "1/3x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = run(tmp, "extract -p . --shard '%s'", bad[i]);
    CU_ASSERT_EQUAL(r.status, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--shard needs K/N"));
    done(&r);
  }
  r = run(tmp, "extract -p no-such-dir --shard 1/2 --db x.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no-such-dir/compile_commands.json"));
  done(&r);

  r = run(tmp, "merge a.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "merge needs --db OUT"));
  done(&r);
  r = run(tmp, "merge --db out.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "nothing to merge"));
  done(&r);
  r = run(tmp, "merge --db out.db missing.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "cannot read 'missing.db'"));
  done(&r);
  char *text = xasprintf("%s/not-a-db.db", tmp);
  FILE *f = fopen(text, "w");
  fputs("this is not a database, but it is long enough to have a header of sorts...........\n"
        "................................................................................\n",
        f);
  fclose(f);
  free(text);
  r = run(tmp, "merge --db out.db not-a-db.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'not-a-db.db' is not a lagscan fact database"));
  done(&r);
  /* An SQLite database that is not lagscan's. */
  char *cmd = xasprintf("cd '%s' && python3 -c \"import sqlite3; "
                        "sqlite3.connect('foreign.db').execute('create table t(x)')\" 2>/dev/null",
                        tmp);
  if (system(cmd) == 0) {
    r = run(tmp, "merge --db out.db foreign.db");
    CU_ASSERT_EQUAL(r.status, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'foreign.db' is not a lagscan fact database"));
    done(&r);
  }
  free(cmd);
  char *empty = xasprintf("%s/out.db", tmp);
  fclose(fopen(empty, "w"));
  free(empty);
  r = run(tmp, "merge --db out.db out.db");
  CU_ASSERT_EQUAL(r.status, 2);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'out.db' is both the output and an input"));
  done(&r);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: test_shard LAGSCAN SOURCE_DIR\n");
    return 2;
  }
  lagscan = argv[1];
  srcdir = argv[2];
  if (!mkdtemp(tmp)) return 2;
  if (CU_initialize_registry() != CUE_SUCCESS) return 2;
  CU_pSuite s = CU_add_suite("shard", NULL, NULL);
  CU_add_test(s, "extract and merge: usage and errors", usage_and_errors);
  CU_add_test(s, "3 shards merged = one full run (small program)", small_program);
  CU_add_test(s, "3 shards merged = one full run (testdata/multi_tu_bad)", multi_tu_fixture);
  CU_add_test(s, "reports do not depend on the order of TUs", order_does_not_matter);
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures();
  CU_cleanup_registry();
  if (!failed) {
    char *cmd = xasprintf("rm -rf '%s'", tmp);
    if (system(cmd) != 0) fprintf(stderr, "warning: could not remove %s\n", tmp);
    free(cmd);
  }
  return failed ? 1 : 0;
}
