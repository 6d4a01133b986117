/* fuzz_suppress.c: libFuzzer target for the suppression-comment parser
 * (src/findings/suppress.c). The input is one source line, not NUL-terminated,
 * matched against both markers and a few rule ids. */
#include <string.h>

#include "fuzz_common.h"
#include "suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const rules[] = {"sync-fs", "sleep", "*", "next-tick-recursion", ""};
  /* A copy of exactly `size` bytes on the heap, so ASan sees any read past
   * the end of the line. */
  char *line = malloc(size ? size : 1);
  if (!line) abort();
  if (size) memcpy(line, data, size);
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
    int same = ls_suppression_matches(line, size, "NOLAGSCAN", rules[i]);
    int next = ls_suppression_matches(line, size, "NOLAGSCANNEXTLINE", rules[i]);
    if ((same | next) & ~1) abort(); /* a boolean */
  }
  free(line);
  return 0;
}
