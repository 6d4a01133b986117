/* test_programs.c: the programs of a build read from its own metadata
 * (src/inputs/targets*.c): CMake's File API reply, meson's introspection
 * with its build.ninja, bear's events. Each test writes the metadata as the
 * tool would, for one project where the metadata and the inference from
 * the code disagree: src/app/server.c's loop callback calls report(),
 * defined twice, in src/app/report_debug.c (it sleeps) and in
 * src/lib/report.c (it does not). The inference takes the definition
 * nearer the server's main file, the debug one; the build links the
 * library's. So with metadata there is no finding, and without it one. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clirun.h"

static const char server_c[] =
    "#include <uv.h>\n"
    "void report(void);\n"
    "static void on_tick(uv_timer_t *t) { (void)t; report(); }\n"
    "int main(void) { uv_timer_t t; uv_timer_init(uv_default_loop(), &t);\n"
    "  uv_timer_start(&t, on_tick, 1, 1); return uv_run(uv_default_loop(), UV_RUN_DEFAULT); }\n";
static const char tool_c[] = "void report(void);\nint main(void) { report(); return 0; }\n";
static const char debug_c[] = "#include <unistd.h>\nvoid report(void) { usleep(10); }\n";
static const char lib_c[] = "void report(void) { }\n";

/* tmp/NAME with the four sources (five with a plugin, src/plugin/plugin.c)
 * and build/compile_commands.json. */
static char *make_project(const char *name, int plugin) {
  char *d = make_dir(name);
  result m = sh(d, "mkdir -p src/app src/tool src/lib src/plugin build/.cmake/api/v1/reply build/meson-info");
  CU_ASSERT_EQUAL(m.status, 0);
  done(&m);
  write_file(d, "src/app/server.c", server_c);
  write_file(d, "src/app/report_debug.c", debug_c);
  write_file(d, "src/tool/tool.c", tool_c);
  write_file(d, "src/lib/report.c", lib_c);
  write_file(d, "src/plugin/plugin.c", "int plugin_init(void) { return 0; }\n");
  const char *files[] = {"app/server.c", "app/report_debug.c", "tool/tool.c", "lib/report.c",
                         "plugin/plugin.c"};
  char buf[4096] = "[";
  for (int i = 0; i < 4 + plugin; i++) {
    char one[1024];
    snprintf(one, sizeof one, "%s{\"directory\": \"%s/build\", \"file\": \"%s/src/%s\","
             " \"arguments\": [\"cc\", \"-c\", \"%s/src/%s\"]}", i ? ",\n" : "", d, d, files[i], d, files[i]);
    strcat(buf, one);
  }
  strcat(buf, "]\n");
  write_file(d, "build/compile_commands.json", buf);
  return d;
}

/* Scans tmp/d's build; checks the programs line and the finding's presence. */
static void check_scan(const char *d, const char *programs_line, int finding) {
  result r = run(d, "scan --db l.db -p build");
  CU_ASSERT_EQUAL(r.status, finding ? 1 : 0);
  CU_ASSERT_EQUAL(strstr(r.out, "[sleep]") != NULL, finding);
  if (!strstr(r.out, programs_line)) fprintf(stderr, "\nwanted '%s' in:\n%s%s", programs_line, r.out, r.err);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, programs_line));
  done(&r);
}

/* Without metadata: inferred, the debug report is nearer the server. */
static void inferred_without_metadata(void) {
  char *d = make_project("inferred", 0);
  check_scan(d, "programs: server (2 TUs), tool (2 TUs)\n", 1);
  free(d);
}

/* With a module (a plugin loaded at run time) that runs in each executable
 * that defines none of its functions. */
static void cmake_file_api(void) {
  char *d = make_project("cmake", 1);
  char buf[2048];
  snprintf(buf, sizeof buf,
           "{\"kind\": \"codemodel\", \"version\": {\"major\": 2, \"minor\": 4},"
           " \"paths\": {\"source\": \"%s\", \"build\": \"%s/build\"},"
           " \"configurations\": [{\"name\": \"\", \"targets\": ["
           "{\"name\": \"server\", \"id\": \"server::@1\", \"jsonFile\": \"target-server.json\"},"
           "{\"name\": \"tool\", \"id\": \"tool::@1\", \"jsonFile\": \"target-tool.json\"},"
           "{\"name\": \"report\", \"id\": \"report::@1\", \"jsonFile\": \"target-report.json\"},"
           "{\"name\": \"debug\", \"id\": \"debug::@1\", \"jsonFile\": \"target-debug.json\"},"
           "{\"name\": \"docs\", \"id\": \"docs::@1\", \"jsonFile\": \"target-docs.json\"},"
           "{\"name\": \"plugin\", \"id\": \"plugin::@1\", \"jsonFile\": \"target-plugin.json\"}]}]}\n",
           d, d);
  write_file(d, "build/.cmake/api/v1/reply/codemodel-v2-1.json", buf);
  write_file(d, "build/.cmake/api/v1/reply/index-2026-01-01T00-00-00-0000.json",
             "{\"objects\": [{\"kind\": \"codemodel\", \"version\": {\"major\": 2, \"minor\": 4},"
             " \"jsonFile\": \"codemodel-v2-1.json\"}]}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-server.json",
             "{\"name\": \"server\", \"id\": \"server::@1\", \"type\": \"EXECUTABLE\","
             " \"sources\": [{\"path\": \"src/app/server.c\", \"compileGroupIndex\": 0},"
             " {\"path\": \"src/app/report.h\"}], \"dependencies\": [{\"id\": \"report::@1\"}]}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-tool.json",
             "{\"name\": \"tool\", \"id\": \"tool::@1\", \"type\": \"EXECUTABLE\","
             " \"sources\": [{\"path\": \"src/tool/tool.c\", \"compileGroupIndex\": 0}],"
             " \"dependencies\": [{\"id\": \"debug::@1\"}]}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-report.json",
             "{\"name\": \"report\", \"id\": \"report::@1\", \"type\": \"STATIC_LIBRARY\","
             " \"sources\": [{\"path\": \"src/lib/report.c\", \"compileGroupIndex\": 0}]}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-debug.json",
             "{\"name\": \"debug\", \"id\": \"debug::@1\", \"type\": \"OBJECT_LIBRARY\","
             " \"sources\": [{\"path\": \"src/app/report_debug.c\", \"compileGroupIndex\": 0}]}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-docs.json",
             "{\"name\": \"docs\", \"id\": \"docs::@1\", \"type\": \"UTILITY\", \"sources\": []}\n");
  write_file(d, "build/.cmake/api/v1/reply/target-plugin.json",
             "{\"name\": \"plugin\", \"id\": \"plugin::@1\", \"type\": \"MODULE_LIBRARY\","
             " \"sources\": [{\"path\": \"src/plugin/plugin.c\", \"compileGroupIndex\": 0}]}\n");
  check_scan(d, "programs: server (3 TUs), tool (3 TUs); read from the CMake File API reply\n", 0);
  /* --program narrows to one, by the target's name */
  result r = run(d, "scan --db l.db -p build --program tool");
  CU_ASSERT_EQUAL(r.status, 0);
  done(&r);
  /* a reply that is not JSON: noted, and the programs are inferred */
  write_file(d, "build/.cmake/api/v1/reply/target-tool.json", "{\"name\": \n");
  r = run(d, "scan --db l.db -p build");
  CU_ASSERT_EQUAL(r.status, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "programs: server (3 TUs), tool (3 TUs)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "target-tool.json' is not valid JSON"));
  CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "the programs are inferred from the code instead"));
  done(&r);
  free(d);
}

static void meson_introspection(void) {
  char *d = make_project("meson", 0);
  char buf[4096];
  snprintf(buf, sizeof buf,
           "[{\"name\": \"report\", \"id\": \"report@sta\", \"type\": \"static library\","
           " \"filename\": [\"%s/build/src/lib/libreport.a\"],"
           " \"target_sources\": [{\"language\": \"c\", \"sources\": [\"%s/src/lib/report.c\"]}]},"
           " {\"name\": \"debug\", \"id\": \"debug@sta\", \"type\": \"static library\","
           " \"filename\": [\"%s/build/src/app/libdebug.a\"],"
           " \"target_sources\": [{\"language\": \"c\", \"sources\": [\"%s/src/app/report_debug.c\"]}]},"
           " {\"name\": \"server\", \"id\": \"server@exe\", \"type\": \"executable\","
           " \"filename\": [\"%s/build/src/app/server\"],"
           " \"target_sources\": [{\"language\": \"c\", \"sources\": [\"%s/src/app/server.c\"]}]},"
           " {\"name\": \"tool\", \"id\": \"tool@exe\", \"type\": \"executable\","
           " \"filename\": [\"%s/build/src/tool/tool\"],"
           " \"target_sources\": [{\"language\": \"c\", \"sources\": [\"%s/src/tool/tool.c\"]}]}]\n",
           d, d, d, d, d, d, d, d);
  write_file(d, "build/meson-info/intro-targets.json", buf);
  write_file(d, "build/build.ninja",
             "build src/app/server: c_LINKER src/app/server.p/server.c.o | src/lib/libreport.a\n"
             " LINK_ARGS = -Wl,--start-group src/lib/libreport.a -Wl,--end-group\n"
             "build src/tool/tool: c_LINKER src/tool/tool.p/tool.c.o | src/app/libdebug.a\n");
  check_scan(d, "programs: server (2 TUs), tool (2 TUs); read from meson's introspection\n", 0);
  free(d);
}

static void bear_events(void) {
  char *d = make_project("bear", 0);
  char buf[4096];
  snprintf(buf, sizeof buf,
           "{\"rid\": \"1\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/make\","
           " \"arguments\": [\"make\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"2\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/cc\","
           " \"arguments\": [\"cc\", \"-c\", \"-o\", \"server.o\", \"../src/app/server.c\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"2\", \"terminated\": {\"status\": \"0\"}}\n"
           "{\"rid\": \"3\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/x86_64-linux-gnu-gcc-12\","
           " \"arguments\": [\"gcc\", \"-O2\", \"-c\", \"../src/lib/report.c\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"4\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/ar\","
           " \"arguments\": [\"ar\", \"rcs\", \"libreport.a\", \"report.o\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"5\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/cc\","
           " \"arguments\": [\"cc\", \"-o\", \"server\", \"server.o\", \"-L.\", \"-lreport\", \"-luv\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"6\", \"started\": {\"execution\": {\"executable\": \"/usr/bin/cc\","
           " \"arguments\": [\"cc\", \"-o\", \"tool\", \"../src/tool/tool.c\", \"../src/app/report_debug.c\"], \"working_dir\": \"%s/build\"}}}\n"
           "{\"rid\": \"7\", \"started\": {\"execution\": {\"executable\": \"/usr/lib/gcc/x86_64-linux-gnu/12/cc1\","
           " \"arguments\": [\"cc1\", \"-quiet\", \"x.c\"], \"working_dir\": \"%s/build\"}}}\n",
           d, d, d, d, d, d, d);
  write_file(d, "build/events.json", buf);
  check_scan(d, "programs: server (2 TUs), tool (2 TUs); read from bear's events (events.json)\n", 0);
  free(d);
}

void add_programs_tests(void) {
  CU_pSuite s = CU_add_suite("programs", NULL, NULL);
  CU_add_test(s, "inferred from the code without build metadata", inferred_without_metadata);
  CU_add_test(s, "read from CMake's File API reply; a broken one is noted", cmake_file_api);
  CU_add_test(s, "read from meson's introspection and build.ninja", meson_introspection);
  CU_add_test(s, "read from bear's events", bear_events);
}
