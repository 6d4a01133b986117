/* fuzz_config.c: libFuzzer target for the `.lagscan.yml` loader
 * (src/rules/config.c) and the exclusion matcher. */
#include <string.h>

#include "rules.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ls_config cfg;
  char *err = NULL;
  if (ls_config_load(fuzz_file(data, size), &cfg, &err) == 0) {
    if (cfg.sort_bound < 0) abort();
    (void)ls_config_excluded(&cfg, "src/main.c");
    (void)ls_config_excluded(&cfg, "third_party/x/y_test.c");
    ls_config_free(&cfg);
  } else if (!err || !strstr(err, fuzz_path)) {
    abort();
  }
  free(err);
  return 0;
}
