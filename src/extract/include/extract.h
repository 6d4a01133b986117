/* extract.h: the public interface of the extract stage, the C front end:
 * one translation unit read with libclang into the facts of facts.h. It
 * knows nothing of other TUs, of the store or of rules.
 */
#ifndef LAGSCAN_EXTRACT_H
#define LAGSCAN_EXTRACT_H

#include "facts.h"

/* Parses one TU and fills `facts`. argv is the full compiler command line
 * (argv[0] the compiler) with the source file in it; the caller has already
 * chdir'ed to the compile command's directory. Returns 0, or -1 with *err set
 * when libclang produced no translation unit at all, or one with a fatal
 * error (a header not found): *err is then the first fatal diagnostic,
 * "file:line:col: fatal error: ...". Other errors only count in facts. */
int ls_extract_tu(const char *source, const char *const *argv, int argc,
                  ls_facts *facts, char **err);

#endif /* LAGSCAN_EXTRACT_H */
