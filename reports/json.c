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

#include "writers.h"

static void place(ls_json *j, const ls_location *loc) {
  ls_json_kstr(j, "path", loc->path && *loc->path ? loc->path : NULL);
  ls_json_key(j, "line");
  if (loc->line) ls_json_uint(j, loc->line);
  else ls_json_null(j);
  ls_json_key(j, "col");
  if (loc->line && loc->col) ls_json_uint(j, loc->col);
  else ls_json_null(j);
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

static void finding(ls_json *j, const ls_finding *f) {
  ls_json_map(j);
  ls_json_kstr(j, "rule", f->rule_id);
  place(j, &f->loc);
  ls_json_key(j, "end_line");
  if (f->loc.line && f->loc.end_line) ls_json_uint(j, f->loc.end_line);
  else ls_json_null(j);
  ls_json_key(j, "end_col");
  if (f->loc.line && f->loc.end_line && f->loc.end_col) ls_json_uint(j, f->loc.end_col);
  else ls_json_null(j);
  ls_json_kstr(j, "message", f->message);
  ls_json_kstr(j, "callee", f->callee);
  ls_json_kstr(j, "function", f->function);
  ls_json_kstr(j, "root", f->root);
  ls_json_kstr(j, "fingerprint", f->fingerprint[0] ? f->fingerprint : NULL);
  ls_json_kstr(j, "baseline", baseline(f->baseline));
  ls_json_key(j, "steps");
  ls_json_array(j);
  for (size_t i = 0; i < f->nsteps; i++) {
    const ls_step *s = &f->steps[i];
    ls_json_map(j);
    ls_json_kstr(j, "kind", step_kind(s->kind));
    place(j, &s->loc);
    ls_json_kstr(j, "function", s->function);
    ls_json_kstr(j, "message", s->message);
    ls_json_end_map(j);
  }
  ls_json_end_array(j);
  ls_json_key(j, "related");
  ls_json_array(j);
  for (size_t i = 0; i < f->nrelated; i++) {
    ls_json_map(j);
    place(j, &f->related[i].loc);
    ls_json_kstr(j, "message", f->related[i].message);
    ls_json_end_map(j);
  }
  ls_json_end_array(j);
  ls_json_end_map(j);
}

int lsr_write_json(const ls_report *r, FILE *out, lsr_json_stats *stats) {
  ls_json j;
  ls_json_init(&j, out, NULL);
  for (size_t i = 0; i < r->nfindings && !j.error; i++) {
    finding(&j, &r->findings[i]);
    ls_json_next_value(&j);
  }
  int rc = ls_json_finish(&j);
  if (stats) {
    stats->max_pending = j.max_pending;
    stats->written = j.written;
  }
  if (!rc && (fflush(out) != 0 || ferror(out))) rc = -(errno ? errno : EIO);
  return rc;
}
