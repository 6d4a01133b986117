/* json.c: `--format json`, one JSON object per finding, one per line (JSON
 * Lines), for scripts:
 *
 *   {"rule":"sync-fs","path":"src/a.c","line":12,"col":5,"end_line":12,
 *    "end_col":30,"message":"...","callee":"fopen","function":"load",
 *    "root":"on_read","fingerprint":"9f...","baseline":null,
 *    "steps":[{"kind":"registration","path":...,"line":...,"col":...,
 *              "function":...,"message":...}, ...],
 *    "related":[{"path":...,"line":...,"col":...,"message":...}]}
 *
 * Every key is always present; unknown values are null. Steps run root
 * first, like the report model. Findings a baseline marks absent are written
 * too, with "baseline":"absent". Strings are repaired to valid UTF-8.
 */
#include <errno.h>

#include "jsonw.h"
#include "writers.h"

static void place(lsr_json *j, const ls_location *loc) {
  lsr_json_kstr(j, "path", loc->path && *loc->path ? loc->path : NULL);
  lsr_json_key(j, "line");
  if (loc->line) lsr_json_uint(j, loc->line);
  else lsr_json_null(j);
  lsr_json_key(j, "col");
  if (loc->line && loc->col) lsr_json_uint(j, loc->col);
  else lsr_json_null(j);
}

static const char *step_kind(ls_step_kind k) {
  switch (k) {
  case LS_STEP_REGISTRATION: return "registration";
  case LS_STEP_CALL: return "call";
  case LS_STEP_BLOCKING: return "blocking";
  }
  return "call";
}

static const char *baseline(ls_baseline_state b) {
  switch (b) {
  case LS_BASELINE_NEW: return "new";
  case LS_BASELINE_UNCHANGED: return "unchanged";
  case LS_BASELINE_ABSENT: return "absent";
  case LS_BASELINE_NONE: break;
  }
  return NULL;
}

static void finding(lsr_json *j, const ls_finding *f) {
  lsr_json_map(j);
  lsr_json_kstr(j, "rule", f->rule_id);
  place(j, &f->loc);
  lsr_json_key(j, "end_line");
  if (f->loc.line && f->loc.end_line) lsr_json_uint(j, f->loc.end_line);
  else lsr_json_null(j);
  lsr_json_key(j, "end_col");
  if (f->loc.line && f->loc.end_line && f->loc.end_col) lsr_json_uint(j, f->loc.end_col);
  else lsr_json_null(j);
  lsr_json_kstr(j, "message", f->message);
  lsr_json_kstr(j, "callee", f->callee);
  lsr_json_kstr(j, "function", f->function);
  lsr_json_kstr(j, "root", f->root);
  lsr_json_kstr(j, "fingerprint", f->fingerprint[0] ? f->fingerprint : NULL);
  lsr_json_kstr(j, "baseline", baseline(f->baseline));
  lsr_json_key(j, "steps");
  lsr_json_array(j);
  for (size_t i = 0; i < f->nsteps; i++) {
    const ls_step *s = &f->steps[i];
    lsr_json_map(j);
    lsr_json_kstr(j, "kind", step_kind(s->kind));
    place(j, &s->loc);
    lsr_json_kstr(j, "function", s->function);
    lsr_json_kstr(j, "message", s->message);
    lsr_json_end_map(j);
  }
  lsr_json_end_array(j);
  lsr_json_key(j, "related");
  lsr_json_array(j);
  for (size_t i = 0; i < f->nrelated; i++) {
    lsr_json_map(j);
    place(j, &f->related[i].loc);
    lsr_json_kstr(j, "message", f->related[i].message);
    lsr_json_end_map(j);
  }
  lsr_json_end_array(j);
  lsr_json_end_map(j);
}

int lsr_write_json(const ls_report *r, FILE *out, lsr_json_stats *stats) {
  lsr_json j;
  lsr_json_init(&j, out, 0);
  for (size_t i = 0; i < r->nfindings && !j.error; i++) {
    finding(&j, &r->findings[i]);
    lsr_json_next_value(&j);
  }
  int rc = lsr_json_finish(&j);
  if (stats) {
    stats->max_pending = j.max_pending;
    stats->written = j.written;
  }
  if (!rc && (fflush(out) != 0 || ferror(out))) rc = -(errno ? errno : EIO);
  return rc;
}
