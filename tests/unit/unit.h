/* unit.h: shared declarations of the analyzer unit-test suites. */
#ifndef LAGSCAN_UNIT_H
#define LAGSCAN_UNIT_H

#include <CUnit/CUnit.h>

void register_util_tests(void);
void register_suppress_tests(void);
void register_inputs_tests(void);
void register_store_tests(void);
void register_extract_tests(void);
void register_extract_cxx_tests(void);
void register_graph_tests(void);
void register_rulepack_tests(void);
void register_config_tests(void);

/* A fresh temporary directory for one test (removed at exit). */
const char *unit_tmpdir(void);
/* Writes `text` to dir/name and returns the path (heap). */
char *unit_write_file(const char *dir, const char *name, const char *text);

#endif
