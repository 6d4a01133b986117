/* fuzz_rulepack.c: libFuzzer target for the rule-pack loader
 * (src/rules/rulepack.c): any bytes must load or fail with a message, never
 * crash, leak or read out of bounds; a loaded catalogue must answer lookups
 * for every function it holds. */
#include <string.h>

#include "fuzz_common.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ls_catalogue cat = {0};
  char *err = NULL;
  if (ls_catalogue_load_file(&cat, fuzz_file(data, size), &err) == 0) {
    for (size_t i = 0; i < cat.nblockers; i++) {
      if (cat.blockers[i].is_pattern) continue; /* a pattern need not match itself */
      size_t n = 0;
      const ls_blocker *const *b = ls_catalogue_blockers(&cat, cat.blockers[i].function, &n);
      if (n == 0 || !b) abort(); /* every blocker must be found by its name */
    }
    for (size_t i = 0; i < cat.nrules; i++)
      if (ls_catalogue_rule(&cat, cat.rules[i].id) != &cat.rules[i]) abort();
  } else if (!err || !strstr(err, fuzz_path)) {
    abort(); /* an error must name the file */
  }
  free(err);
  ls_catalogue_free(&cat);
  return 0;
}
