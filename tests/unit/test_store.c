/* test_store.c: schema creation, version refusal, corrupt databases, and
 * input hashes that change exactly when an input changes. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "unit.h"

static void creates_schema(void) {
  char *path = ls_xasprintf("%s/new/dir/facts.db", unit_tmpdir());
  ls_store *s;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_open(path, &s, &err), 0);
  int version = 0;
  CU_ASSERT_EQUAL(ls_store_version(s, &version, &err), 0);
  CU_ASSERT_EQUAL(version, LS_SCHEMA_VERSION);
  /* Every table of the schema is there (an unknown one is an error). */
  int64_t n = -1;
  CU_ASSERT_EQUAL(ls_store_count(s, "finding_history", &n, &err), 0);
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_EQUAL(ls_store_count(s, "no_such_table", &n, &err), -1);
  CU_ASSERT_PTR_NOT_NULL(err);
  free(err);
  err = NULL;
  ls_store_close(s);
  /* Opening again keeps it. */
  CU_ASSERT_EQUAL(ls_store_open(path, &s, &err), 0);
  ls_store_close(s);
  free(path);
}

static void refuses_newer(void) {
  char *path = ls_xasprintf("%s/newer.db", unit_tmpdir());
  ls_store *s;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_open(path, &s, &err), 0);
  ls_store_close(s); /* the last connection: the write-ahead log is folded in */
  /* user_version is the big-endian integer at offset 60 of the header. */
  int fd = open(path, O_WRONLY);
  CU_ASSERT_FATAL(fd >= 0);
  const unsigned char v99[4] = {0, 0, 0, 99};
  CU_ASSERT_EQUAL(pwrite(fd, v99, 4, 60), 4);
  close(fd);
  CU_ASSERT_EQUAL(ls_store_open(path, &s, &err), -1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_PTR_NOT_NULL(strstr(err, "newer"));
  CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
  free(err);
  free(path);
}

static void rebuilds_corrupt(void) {
  char *dir = ls_xasprintf("%s", unit_tmpdir());
  char *path = unit_write_file(dir, "junk.db", "this is not an SQLite database, just junk text....."
                                               "................................................");
  ls_store *s;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_open(path, &s, &err), 0);
  ls_store_close(s);
  char *aside = ls_xasprintf("%s.corrupt", path);
  struct stat st;
  CU_ASSERT_EQUAL(stat(aside, &st), 0);
  free(aside);
  free(path);
  free(dir);
}

static void input_hash_tracks_inputs(void) {
  const char *dir = unit_tmpdir();
  char *hdr = unit_write_file(dir, "h.h", "int a;\n");
  char *src = unit_write_file(dir, "hs.c", "#include \"h.h\"\n");
  char *dbp = ls_xasprintf("%s/hash.db", dir);
  ls_store *s;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_open(dbp, &s, &err), 0);
  char *argv[] = {"clang", "-DX", src};
  ls_tu_input in = {src, (char *)dir, argv, 3, "k"};
  char *incs[] = {hdr};
  char h1[65], h2[65], h3[65], h4[65];
  ls_store_input_hash(s, &in, incs, 1, h1);
  ls_store_input_hash(s, &in, incs, 1, h2);
  CU_ASSERT_STRING_EQUAL(h1, h2);
  ls_store_close(s); /* a new process: the in-memory cache is gone */
  CU_ASSERT_EQUAL_FATAL(ls_store_open(dbp, &s, &err), 0);
  sleep(0);
  FILE *f = fopen(hdr, "a");
  fputs("int b;\n", f); /* size changes, so the stat check sees it */
  fclose(f);
  ls_store_input_hash(s, &in, incs, 1, h3);
  CU_ASSERT_STRING_NOT_EQUAL(h1, h3);
  char *argv2[] = {"clang", "-DY", src};
  in.argv = argv2;
  ls_store_input_hash(s, &in, incs, 1, h4);
  CU_ASSERT_STRING_NOT_EQUAL(h3, h4);
  ls_store_close(s);
  free(hdr);
  free(src);
  free(dbp);
}

static void put_and_lookup(void) {
  const char *dir = unit_tmpdir();
  char *src = unit_write_file(dir, "put.c", "void f(void) {}\n");
  char *dbp = ls_xasprintf("%s/put.db", dir);
  ls_store *s;
  char *err = NULL;
  CU_ASSERT_EQUAL_FATAL(ls_store_open(dbp, &s, &err), 0);
  char *argv[] = {"clang", src};
  ls_tu_input in = {src, (char *)dir, argv, 2, "put-key"};
  ls_facts facts = {0};
  uint32_t fsym = ls_facts_sym(&facts, "c:@F@f", "f", LS_SYM_FUNC);
  ls_fact_func fn = {fsym, {ls_facts_str(&facts, src), 1, 6, 1, 7}, 1, ls_facts_str(&facts, "void (void)"), 0,
                     UINT32_MAX};
  LS_VEC_PUSH(&facts.funcs, fn);
  ls_fact_cost_loop cl = {fsym, {ls_facts_str(&facts, src), 1, 14, 1, 30}, ls_facts_str(&facts, "ctx->cost")};
  LS_VEC_PUSH(&facts.cost_loops, cl);
  int64_t id = 0;
  CU_ASSERT_EQUAL_FATAL(ls_store_put_tu(s, &in, &facts, LS_TU_OK, NULL, 5, &id, &err), 0);
  CU_ASSERT_TRUE(id > 0);
  /* Replacing keeps one row of each fact. */
  int64_t id2 = 0;
  CU_ASSERT_EQUAL_FATAL(ls_store_put_tu(s, &in, &facts, LS_TU_OK, NULL, 5, &id2, &err), 0);
  CU_ASSERT_EQUAL(id, id2);
  int64_t nfunc = 0;
  CU_ASSERT_EQUAL(ls_store_count(s, "func", &nfunc, &err), 0);
  CU_ASSERT_EQUAL(nfunc, 1);
  int status;
  int64_t found;
  char *message = NULL;
  CU_ASSERT_EQUAL(ls_store_tu_lookup(s, "put-key", &found, &status, &message, &err), 0);
  CU_ASSERT_EQUAL(found, id);
  CU_ASSERT_EQUAL(status, LS_TU_OK);
  CU_ASSERT_PTR_NULL(message);
  ls_facts_free(&facts);
  ls_store_close(s);
  /* A new connection finds it unchanged: the stored hash is the inputs'. */
  CU_ASSERT_EQUAL_FATAL(ls_store_open(dbp, &s, &err), 0);
  int64_t uid = 0;
  int ustatus = -1;
  CU_ASSERT_EQUAL(ls_store_unchanged(s, &in, &uid, &ustatus), 1);
  CU_ASSERT_EQUAL(uid, id);
  CU_ASSERT_EQUAL(ustatus, LS_TU_OK);
  /* The program holds exactly what was put. */
  ls_program prog;
  CU_ASSERT_EQUAL_FATAL(ls_store_load_program(s, &id, 1, &prog, &err), 0);
  CU_ASSERT_EQUAL(prog.funcs.len, 1);
  CU_ASSERT_STRING_EQUAL(prog.sym_name[prog.funcs.items[0].sym], "f");
  CU_ASSERT_STRING_EQUAL(prog.file_path[prog.funcs.items[0].file], src);
  CU_ASSERT_STRING_EQUAL(prog.funcs.items[0].type, "void (void)");
  CU_ASSERT_EQUAL_FATAL(prog.cost_loops.len, 1);
  const ls_prog_cost_loop *pl = &prog.cost_loops.items[0];
  CU_ASSERT_EQUAL(pl->func, prog.funcs.items[0].sym);
  CU_ASSERT_STRING_EQUAL(prog.file_path[pl->file], src);
  CU_ASSERT_EQUAL(pl->line, 1);
  CU_ASSERT_EQUAL(pl->col, 14);
  CU_ASSERT_EQUAL(pl->end_col, 30);
  CU_ASSERT_STRING_EQUAL(pl->var, "ctx->cost");
  ls_program_free(&prog);
  ls_store_close(s);
  free(src);
  free(dbp);
}

void register_store_tests(void) {
  CU_pSuite s = CU_add_suite("store", NULL, NULL);
  CU_add_test(s, "creates the schema", creates_schema);
  CU_add_test(s, "refuses a newer schema", refuses_newer);
  CU_add_test(s, "rebuilds a corrupt database", rebuilds_corrupt);
  CU_add_test(s, "input hash tracks inputs", input_hash_tracks_inputs);
  CU_add_test(s, "put and look up a TU", put_and_lookup);
}
