/* test_config.c: `.lagscan.yml` (src/rules/config.c): its settings, its
 * errors, the project root it is found at, and their effect on a real scan
 * (sort_bound, exclude, rules, disable, overrides, --disable). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"
#include "rules.h"
#include "unit.h"
#include "common.h"

static void settings(void) {
  char *path = unit_write_file(unit_tmpdir(), "cfg.yml",
                               "sort_bound: 8\n"
                               "rules: [packs/ours.yml, /abs/theirs.yml]\n"
                               "exclude: [third_party/, \"*_test.c\", gen/*.c]\n");
  ls_config c;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_config_load(path, &c, &err), 0);
  CU_ASSERT_EQUAL(c.sort_bound, 8);
  CU_ASSERT_EQUAL_FATAL(c.nrules, 2);
  char *want = ls_xasprintf("%s/packs/ours.yml", unit_tmpdir());
  CU_ASSERT_STRING_EQUAL(c.rules[0], want); /* relative to the config file */
  CU_ASSERT_STRING_EQUAL(c.rules[1], "/abs/theirs.yml");
  CU_ASSERT_TRUE(ls_config_excluded(&c, "third_party/zlib/inflate.c"));
  CU_ASSERT_FALSE(ls_config_excluded(&c, "src/third_party.c"));
  CU_ASSERT_TRUE(ls_config_excluded(&c, "src/net/conn_test.c")); /* basename glob */
  CU_ASSERT_TRUE(ls_config_excluded(&c, "gen/parser.c"));
  CU_ASSERT_FALSE(ls_config_excluded(&c, "src/gen/parser.c"));
  CU_ASSERT_FALSE(ls_config_excluded(&c, "src/main.c"));
  free(want);
  ls_config_free(&c);
  free(path);
}

static void errors(void) {
  static const struct { const char *text, *expect; } cases[] = {
      {"sort_bound: lots\n", "bad.yml:1:13: 'sort_bound' must be a whole number"},
      {"sort_bound: -1\n", "bad.yml:1:13: 'sort_bound' must be a whole number"},
      {"sortbound: 8\n", "bad.yml:1:1: unknown setting 'sortbound'"},
      {"exclude: third_party\n", "bad.yml:1:10: 'exclude' must be a list of strings"},
      {"rules: [\"\"]\n", "bad.yml:1:9: 'rules' must be a list of non-empty strings"},
      {"- a\n- b\n", "bad.yml:1:1: the configuration must be a mapping"},
      {"exclude: [a\n", "bad.yml:2:1: invalid YAML"},
      {"disable: [sleeep]\n", "bad.yml:1:11: unknown rule 'sleeep' in 'disable'"},
      {"disable: sleep\n", "bad.yml:1:10: 'disable' must be a list of strings"},
      {"overrides: [a/]\n", "bad.yml:1:13: an override must be a mapping"},
      {"overrides:\n  - paths: [a/]\n    disable: [nope]\n",
       "bad.yml:3:15: unknown rule 'nope' in 'disable'"},
      {"overrides:\n  - paths: [a/]\n", "bad.yml:2:5: an override needs 'disable: [rule, ...]'"},
      {"overrides:\n  - {paths: [a/], disable: [sleep], other: 1}\n",
       "bad.yml:2:37: unknown key 'other' in an override"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *path = unit_write_file(unit_tmpdir(), "bad.yml", cases[i].text);
    ls_config c;
    char *err = NULL;
    CU_ASSERT_EQUAL(ls_config_load(path, &c, &err), -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (!strstr(err, cases[i].expect)) {
      fprintf(stderr, "\ncase %zu: got '%s'\n", i, err);
      CU_FAIL("config error message");
    }
    CU_ASSERT_EQUAL(c.sort_bound, LS_DEFAULT_SORT_BOUND); /* defaults kept */
    CU_ASSERT_EQUAL(c.nexclude, 0);
    free(err);
    free(path);
  }
  /* No file at all: defaults, not an error; a named missing file: an error. */
  ls_config c;
  char *err = NULL;
  char old[4096];
  CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(old, sizeof old));
  char *empty = ls_xasprintf("%s/nocfg", unit_tmpdir());
  CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0700), 0);
  CU_ASSERT_EQUAL_FATAL(chdir(empty), 0);
  CU_ASSERT_EQUAL(ls_config_load(NULL, &c, &err), 0);
  CU_ASSERT_PTR_NULL(c.path);
  CU_ASSERT_EQUAL(ls_config_load("missing.yml", &c, &err), -1);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "missing.yml: cannot read the configuration"));
  free(err);
  CU_ASSERT_EQUAL(chdir(old), 0);
  free(empty);
}

/* disable: and overrides: as read, and what they disable where. */
static void disabling(void) {
  char *path = unit_write_file(unit_tmpdir(), "dis.yml",
                               "disable: [sync-dns]\n"
                               "overrides:\n"
                               "  - paths: [tests/, \"*_test.c\"]\n"
                               "    disable: [sleep, sync-fs]\n"
                               "  - paths: [gen/*.c]\n"
                               "    disable: [unbounded-sort]\n");
  ls_config c;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_config_load(path, &c, &err), 0);
  CU_ASSERT_EQUAL_FATAL(c.ndisable, 1);
  CU_ASSERT_STRING_EQUAL(c.disable[0], "sync-dns");
  CU_ASSERT_EQUAL_FATAL(c.noverrides, 2);
  CU_ASSERT_EQUAL(c.overrides[0].npaths, 2);
  CU_ASSERT_EQUAL(c.overrides[0].ndisable, 2);
  CU_ASSERT_TRUE(ls_config_disabled(&c, "sync-dns", "src/main.c")); /* everywhere */
  CU_ASSERT_TRUE(ls_config_disabled(&c, "sync-dns", NULL));
  CU_ASSERT_TRUE(ls_config_disabled(&c, "sleep", "tests/unit/a.c"));
  CU_ASSERT_TRUE(ls_config_disabled(&c, "sync-fs", "src/net/conn_test.c"));
  CU_ASSERT_FALSE(ls_config_disabled(&c, "sleep", "src/main.c"));
  CU_ASSERT_FALSE(ls_config_disabled(&c, "sleep", NULL)); /* only in some paths */
  CU_ASSERT_FALSE(ls_config_disabled(&c, "sync-net", "tests/a.c"));
  CU_ASSERT_TRUE(ls_config_disabled(&c, "unbounded-sort", "gen/x.c"));
  CU_ASSERT_FALSE(ls_config_disabled(&c, "unbounded-sort", "src/gen/x.c"));
  CU_ASSERT_TRUE(ls_config_disabled_somewhere(&c, "sleep"));
  CU_ASSERT_FALSE(ls_config_disabled_somewhere(&c, "sync-net"));
  ls_config_free(&c);
  CU_ASSERT_EQUAL(c.noverrides, 0);
  free(path);
}

/* The project root: the nearest .lagscan.yml upward, else the nearest
 * .git, else the current directory; --root must be a directory. */
static void project_root(void) {
  char old[4096], real[4096];
  CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(old, sizeof old));
  char *top = ls_xasprintf("%s/proj", unit_tmpdir());
  char *deep = ls_xasprintf("%s/src/net", top);
  char *cfgdir = ls_xasprintf("%s/src", top);
  CU_ASSERT_EQUAL_FATAL(mkdir(top, 0700), 0);
  CU_ASSERT_EQUAL_FATAL(mkdir(cfgdir, 0700), 0);
  CU_ASSERT_EQUAL_FATAL(mkdir(deep, 0700), 0);
  char *git = ls_xasprintf("%s/.git", top);
  CU_ASSERT_EQUAL_FATAL(mkdir(git, 0700), 0);
  CU_ASSERT_EQUAL_FATAL(chdir(deep), 0);
  char *root = NULL, *err = NULL;
  /* No configuration: the git top level. */
  CU_ASSERT_EQUAL(ls_project_root(NULL, &root, &err), 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(top, real));
  CU_ASSERT_STRING_EQUAL(root, real);
  free(root);
  /* A .lagscan.yml on the way up wins over the git top level. */
  free(unit_write_file(cfgdir, ".lagscan.yml", "disable: [sleep]\n"));
  CU_ASSERT_EQUAL(ls_project_root(NULL, &root, &err), 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(cfgdir, real));
  CU_ASSERT_STRING_EQUAL(root, real);
  ls_config c;
  CU_ASSERT_EQUAL(ls_config_load_root(NULL, root, &c, &err), 0);
  CU_ASSERT_EQUAL(c.ndisable, 1); /* read from the root, not the cwd */
  ls_config_free(&c);
  free(root);
  /* --root: taken as given (made real); not a directory is an error. */
  CU_ASSERT_EQUAL(ls_project_root("..", &root, &err), 0);
  CU_ASSERT_STRING_EQUAL(root, real);
  free(root);
  CU_ASSERT_EQUAL(ls_project_root("../.lagscan.yml", &root, &err), -1);
  CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "../.lagscan.yml: cannot be the project root"));
  free(err);
  CU_ASSERT_EQUAL(chdir(old), 0);
  free(git);
  free(cfgdir);
  free(deep);
  free(top);
}

/* Runs ls_scan on `file` in `dir` and returns the number of findings. */
static size_t scan_with(const char *dir, const char *file, const char *config, char *const *disable,
                        int ndisable);
static size_t scan(const char *dir, const char *file, const char *config) {
  return scan_with(dir, file, config, NULL, 0);
}

static size_t scan_with(const char *dir, const char *file, const char *config, char *const *disable,
                        int ndisable) {
  char old[4096];
  if (!getcwd(old, sizeof old) || chdir(dir) != 0) return (size_t)-1;
  char *files[] = {(char *)file};
  char *inc = ls_xasprintf("-I%s", LAGSCAN_TEST_INCLUDE_DIR);
  char *flags[] = {inc};
  ls_scan_options o = {0};
  o.files = files;
  o.nfiles = 1;
  o.flags = flags;
  o.nflags = 1;
  o.db_path = "db";
  o.jobs = 1;
  o.config_path = config;
  o.disable = disable;
  o.ndisable = ndisable;
  ls_report r;
  char *err = NULL;
  size_t n = (size_t)-1;
  if (ls_scan(&o, &r, &err) == 0) {
    n = r.nfindings;
    ls_report_free(&r);
  } else {
    fprintf(stderr, "\nscan: %s\n", err);
    free(err);
  }
  free(inc);
  if (chdir(old) != 0) abort();
  return n;
}

static void in_a_scan(void) {
  char *dir = ls_xasprintf("%s/cfgscan", unit_tmpdir());
  CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
  char *sub = ls_xasprintf("%s/vendor", dir);
  CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
  free(unit_write_file(dir, "sort.c",
                       "#include <stdlib.h>\n#include <lagscan.h>\n"
                       "static int cmp(const void *a, const void *b) { (void)a; (void)b; return 0; }\n"
                       "static void on_tick(void *arg) { qsort(arg, 32, 4, cmp); }\n"
                       "void every(void (*cb)(void *) LAGSCAN_LOOP_CALLBACK);\n"
                       "void go(void) { every(on_tick); }\n"));
  free(unit_write_file(sub, "nap.c",
                       "#include <unistd.h>\n#include <lagscan.h>\n"
                       "static void on_tick(void *arg) { (void)arg; sleep(1); }\n"
                       "void every(void (*cb)(void *) LAGSCAN_LOOP_CALLBACK);\n"
                       "void go2(void) { every(on_tick); }\n"));
  /* 32 elements: fine under the default bound of 64, reported under 16. */
  CU_ASSERT_EQUAL(scan(dir, "sort.c", NULL), 0);
  free(unit_write_file(dir, ".lagscan.yml", "sort_bound: 16\n"));
  CU_ASSERT_EQUAL(scan(dir, "sort.c", NULL), 1);
  /* Excluded directory: the finding in vendor/ goes away. */
  CU_ASSERT_EQUAL(scan(dir, "vendor/nap.c", NULL), 1);
  free(unit_write_file(dir, ".lagscan.yml", "exclude: [vendor/]\n"));
  CU_ASSERT_EQUAL(scan(dir, "vendor/nap.c", NULL), 0);
  /* A pack named by the configuration is loaded; a broken one stops the scan. */
  free(unit_write_file(dir, "pack.yml",
                       "pack: ours\nblocking: [{function: qsort, rule: sync-fs, what: sorts on disk}]\n"));
  char *cfg = unit_write_file(dir, "other.yml", "rules: [pack.yml]\n");
  CU_ASSERT_EQUAL(scan(dir, "sort.c", cfg), 1);
  free(unit_write_file(dir, "pack.yml", "pack: ours\nblocking: [{function: qsort}]\n"));
  CU_ASSERT_EQUAL(scan(dir, "sort.c", cfg), (size_t)-1);
  free(cfg);
  /* Disabled rules report nothing: by disable:, by an override of the
   * file's path, by --disable; an override elsewhere changes nothing. */
  free(unit_write_file(dir, ".lagscan.yml", "disable: [sleep]\n"));
  CU_ASSERT_EQUAL(scan(dir, "vendor/nap.c", NULL), 0);
  free(unit_write_file(dir, ".lagscan.yml",
                       "overrides:\n  - paths: [tests/]\n    disable: [sleep]\n"));
  CU_ASSERT_EQUAL(scan(dir, "vendor/nap.c", NULL), 1);
  free(unit_write_file(dir, ".lagscan.yml",
                       "overrides:\n  - paths: [tests/, \"nap.c\"]\n    disable: [sleep]\n"));
  CU_ASSERT_EQUAL(scan(dir, "vendor/nap.c", NULL), 0);
  free(unit_write_file(dir, ".lagscan.yml", "sort_bound: 16\n"));
  char *off[] = {"sync-fs", "sleep"};
  CU_ASSERT_EQUAL(scan_with(dir, "vendor/nap.c", NULL, off, 2), 0);
  CU_ASSERT_EQUAL(scan_with(dir, "sort.c", NULL, off, 2), 1); /* unbounded-sort still on */
  free(sub);
  free(dir);
}

void register_config_tests(void) {
  CU_pSuite s = CU_add_suite("config", NULL, NULL);
  CU_add_test(s, "settings", settings);
  CU_add_test(s, "errors name file, line and column", errors);
  CU_add_test(s, "sort_bound, exclude and rules in a scan", in_a_scan);
  CU_add_test(s, "disable and overrides", disabling);
  CU_add_test(s, "the project root", project_root);
}
