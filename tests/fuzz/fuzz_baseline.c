/* fuzz_baseline.c: libFuzzer target for the baseline reader
 * (ls_baseline_apply in src/findings/baseline.c), against a report with two
 * findings, in both modes. */
#include <string.h>

#include "findings.h"
#include "fuzz_common.h"
#include "common.h"

static void fill(ls_report *r) {
  memset(r, 0, sizeof *r);
  r->nfindings = 2;
  r->findings = ls_xcalloc(2, sizeof(ls_finding));
  for (int i = 0; i < 2; i++) {
    ls_finding *f = &r->findings[i];
    f->rule_id = ls_xstrdup(i ? "sleep" : "sync-fs");
    f->loc.path = ls_xstrdup("a.c");
    f->loc.line = 3 + (unsigned)i;
    f->message = ls_xstrdup("m");
    f->callee = ls_xstrdup(i ? "sleep" : "fopen");
    f->function = ls_xstrdup("on_tick");
    f->root = ls_xstrdup("on_tick");
    memset(f->fingerprint, i ? 'b' : 'a', 64);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file(data, size);
  for (int new_only = 0; new_only < 2; new_only++) {
    ls_report r;
    fill(&r);
    char *err = NULL;
    if (ls_baseline_apply(&r, path, new_only, &err) == 0) {
      for (size_t i = 0; i < r.nfindings; i++)
        if (r.findings[i].baseline == LS_BASELINE_NONE) abort(); /* every state decided */
    } else if (!err || !strstr(err, path)) {
      abort();
    }
    free(err);
    ls_report_free(&r);
  }
  return 0;
}
