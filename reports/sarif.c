/* sarif.c: the SARIF 2.1.0 writer, in the shape GitHub code scanning and
 * other code-review tools take (docs/output-formats.md lists every field).
 *
 * The log is streamed: yajl's buffer goes to the stream after every rule and
 * every result, so memory does not grow with the number of results. Paths
 * under the report's srcroot become URIs relative to %SRCROOT%, which
 * originalUriBaseIds defines; other paths become absolute file:// URIs. URIs
 * are percent-encoded byte by byte, and every other string is repaired to
 * valid UTF-8 (common.h, ls_json), so odd file names never break the JSON.
 *
 * Columns: the analyzer counts bytes; SARIF says which unit it uses
 * (run.columnKind), and lagscan says "unicodeCodePoints" and converts each
 * column by reading the source line when it can (for ASCII lines both agree).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rutil.h"
#include "writers.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "lagscan/v1" /* partialFingerprints key; see docs */
/* A rule's helpUri: its page in the repository's docs, + "<id>.md". */
#define LAGSCAN_RULE_HELP_URI LAGSCAN_INFORMATION_URI "/blob/main/docs/rules/"

typedef struct sarif {
  ls_json j;
  const ls_report *r;
  ls_source_cache src;
  ls_buf tmp;
  /* Rule descriptors in ruleIndex order: the report's rules, then any rule
   * id that findings use but the report does not describe. */
  const char **rule_ids;
  const ls_rule_info **rule_info; /* NULL for the extra ones */
  size_t nrule_ids;
} sarif;

static const char *valid_level(const char *level) {
  static const char *const levels[] = {"none", "note", "warning", "error"};
  for (size_t i = 0; i < 4; i++)
    if (level && strcmp(level, levels[i]) == 0) return levels[i];
  return "warning";
}

static long rule_index(const sarif *s, const char *id) {
  for (size_t i = 0; id && i < s->nrule_ids; i++)
    if (strcmp(s->rule_ids[i], id) == 0) return (long)i;
  return -1;
}

static void collect_rules(sarif *s) {
  const ls_report *r = s->r;
  size_t cap = r->nrules + 8;
  s->rule_ids = ls_xcalloc(cap, sizeof *s->rule_ids);
  s->rule_info = ls_xcalloc(cap, sizeof *s->rule_info);
  for (size_t i = 0; i < r->nrules; i++) {
    if (!r->rules[i].id || rule_index(s, r->rules[i].id) >= 0) continue;
    s->rule_ids[s->nrule_ids] = r->rules[i].id;
    s->rule_info[s->nrule_ids++] = &r->rules[i];
  }
  for (size_t i = 0; i < r->nfindings; i++) {
    const char *id = r->findings[i].rule_id;
    if (!id || rule_index(s, id) >= 0) continue;
    if (s->nrule_ids == cap) {
      cap *= 2;
      s->rule_ids = ls_xrealloc(s->rule_ids, cap * sizeof *s->rule_ids);
      s->rule_info = ls_xrealloc(s->rule_info, cap * sizeof *s->rule_info);
    }
    s->rule_ids[s->nrule_ids] = id;
    s->rule_info[s->nrule_ids++] = NULL;
  }
}

/* ---- locations ----------------------------------------------------------- */

/* "artifactLocation": {"uri": ..., "uriBaseId": "%SRCROOT%"} */
static void artifact_location(sarif *s, const char *path) {
  ls_json *j = &s->j;
  const char *rel = ls_path_under(path, s->r->srcroot);
  ls_buf_reset(&s->tmp);
  if (rel) {
    lsr_uri_append_path(&s->tmp, rel);
  } else {
    ls_buf_puts(&s->tmp, "file://");
    lsr_uri_append_path(&s->tmp, path);
  }
  ls_json_key(j, "artifactLocation");
  ls_json_map(j);
  ls_json_kstr(j, "uri", ls_buf_str(&s->tmp));
  if (rel && s->r->srcroot && *s->r->srcroot) ls_json_kstr(j, "uriBaseId", "%SRCROOT%");
  ls_json_end_map(j);
}

static void region(sarif *s, const ls_location *loc) {
  ls_json *j = &s->j;
  if (!loc->line) return;
  ls_json_key(j, "region");
  ls_json_map(j);
  ls_json_kuint(j, "startLine", loc->line);
  if (loc->col) ls_json_kuint(j, "startColumn", ls_source_codepoint_col(&s->src, loc->path, loc->line, loc->col));
  if (loc->end_line >= loc->line) {
    unsigned end_col = loc->end_col;
    if (loc->end_line == loc->line && loc->end_col <= loc->col) end_col = 0;
    ls_json_kuint(j, "endLine", loc->end_line);
    if (end_col)
      ls_json_kuint(j, "endColumn",
                     ls_source_codepoint_col(&s->src, loc->path, loc->end_line, end_col));
  }
  ls_json_end_map(j);
}

static int has_place(const ls_location *loc) { return loc->path && *loc->path; }

/* A location object: physical place, the function as a logical location, and
 * a message. id < 0: no id. */
static void location(sarif *s, const ls_location *loc, const char *function, const char *message,
                     long id) {
  ls_json *j = &s->j;
  ls_json_map(j);
  if (id >= 0) ls_json_kuint(j, "id", (unsigned long long)id);
  if (has_place(loc)) {
    ls_json_key(j, "physicalLocation");
    ls_json_map(j);
    artifact_location(s, loc->path);
    region(s, loc);
    ls_json_end_map(j);
  }
  if (function && *function) {
    ls_json_key(j, "logicalLocations");
    ls_json_array(j);
    ls_json_map(j);
    /* C++: "Store::flush" is named flush, fully qualified Store::flush */
    const char *last = ls_last_name_component(function);
    ls_json_kstr(j, "name", last);
    if (last != function) ls_json_kstr(j, "fullyQualifiedName", function);
    ls_json_kstr(j, "kind", "function");
    ls_json_end_map(j);
    ls_json_end_array(j);
  }
  if (message) ls_json_ktext(j, "message", message);
  ls_json_end_map(j);
}

/* ---- rules ------------------------------------------------------------- */

static void rule(sarif *s, const char *id, const ls_rule_info *ri) {
  ls_json *j = &s->j;
  ls_json_map(j);
  ls_json_kstr(j, "id", id);
  if (ri && ri->name) ls_json_kstr(j, "name", ri->name);
  ls_json_ktext(j, "shortDescription", ri && ri->short_desc ? ri->short_desc : id);
  /* GitHub's ingestion requires fullDescription and help on every rule
   * (Multitool rule GH2012): a rule the report does not describe gets its
   * short description and a pointer to `lagscan explain`. */
  ls_json_ktext(j, "fullDescription", ri && ri->full_desc    ? ri->full_desc
                                      : ri && ri->short_desc ? ri->short_desc
                                                             : id);
  ls_json_key(j, "help");
  ls_json_map(j);
  if (ri && (ri->help_text || ri->help_markdown)) {
    ls_json_kstr(j, "text", ri->help_text ? ri->help_text : ri->help_markdown);
    if (ri->help_markdown) ls_json_kstr(j, "markdown", ri->help_markdown);
  } else {
    char *text = ls_xasprintf("'lagscan explain %s' describes this rule.", id);
    ls_json_kstr(j, "text", text);
    free(text);
  }
  ls_json_end_map(j);
  if (ls_rule_id_known(id)) {
    /* docs/rules/<id>.md exists for every id of the table (made from
     * rules/rules.yml by scripts/gen-rule-docs.py; the rule_docs test). */
    ls_buf_reset(&s->tmp);
    ls_buf_puts(&s->tmp, LAGSCAN_RULE_HELP_URI);
    lsr_uri_append_path(&s->tmp, id);
    ls_buf_puts(&s->tmp, ".md");
    ls_json_kstr(j, "helpUri", ls_buf_str(&s->tmp));
  }
  ls_json_key(j, "defaultConfiguration");
  ls_json_map(j);
  ls_json_kstr(j, "level", valid_level(ri ? ri->level : NULL));
  ls_json_end_map(j);
  if (ri && (ri->ntags || ri->precision || ri->severity)) {
    ls_json_key(j, "properties");
    ls_json_map(j);
    if (ri->ntags) {
      ls_json_key(j, "tags");
      ls_json_array(j);
      for (size_t t = 0; t < ri->ntags; t++) ls_json_str(j, ri->tags[t]);
      ls_json_end_array(j);
    }
    if (ri->precision) ls_json_kstr(j, "precision", ri->precision);
    if (ri->severity) ls_json_kstr(j, "problem.severity", ri->severity);
    ls_json_end_map(j);
  }
  ls_json_end_map(j);
}

/* ---- results ------------------------------------------------------------- */

/* Appends `text` with '[', ']' and '\' escaped, as SARIF message strings
 * need where they are not embedded links. */
static void append_escaped(ls_buf *b, const char *text) {
  for (const char *p = text ? text : ""; *p; p++) {
    if (*p == '[' || *p == ']' || *p == '\\') ls_buf_putc(b, '\\');
    ls_buf_putc(b, *p);
  }
}

/* The result's message: the finding's, then the other roots as embedded
 * links to relatedLocations ("[on_timer](1)"). */
static const char *result_message(sarif *s, const ls_finding *f) {
  ls_buf *b = &s->tmp;
  ls_buf_reset(b);
  append_escaped(b, f->message);
  if (f->nrelated && b->len && b->data[b->len - 1] != '.') ls_buf_putc(b, '.');
  for (size_t i = 0; i < f->nrelated; i++) {
    const char *name = f->related[i].root;
    ls_buf_puts(b, i == 0 ? (f->nrelated == 1 ? " Also reached from loop callback "
                                                : " Also reached from loop callbacks ")
                           : i + 1 == f->nrelated ? " and " : ", ");
    ls_buf_putc(b, '[');
    append_escaped(b, name ? name : "another loop callback");
    ls_buf_printf(b, "](%zu)", i + 1);
  }
  if (f->nrelated) ls_buf_putc(b, '.');
  return ls_buf_str(b);
}

static void code_flow(sarif *s, const ls_finding *f) {
  ls_json *j = &s->j;
  ls_json_key(j, "codeFlows");
  ls_json_array(j);
  ls_json_map(j);
  char *msg = ls_xasprintf("from the loop callback '%s' to the blocking call of '%s'",
                            f->root ? f->root : "?", f->callee ? f->callee : "?");
  ls_json_ktext(j, "message", msg);
  free(msg);
  ls_json_key(j, "threadFlows");
  ls_json_array(j);
  ls_json_map(j);
  ls_json_key(j, "locations");
  ls_json_array(j);
  unsigned depth = 0;
  for (size_t i = 0; i < f->nsteps; i++) {
    const ls_step *st = &f->steps[i];
    ls_json_map(j);
    ls_json_key(j, "location");
    location(s, &st->loc, st->function, st->message, -1);
    ls_json_key(j, "kinds");
    ls_json_array(j);
    switch (st->kind) {
    case LS_STEP_REGISTRATION: ls_json_str(j, "handler"); break;
    case LS_STEP_CALL: ls_json_str(j, "call"); break;
    case LS_STEP_BLOCKING:
      ls_json_str(j, "call");
      ls_json_str(j, "danger");
      break;
    }
    ls_json_end_array(j);
    ls_json_kuint(j, "nestingLevel", depth);
    ls_json_kuint(j, "executionOrder", i + 1);
    ls_json_kstr(j, "importance", st->kind == LS_STEP_CALL ? "important" : "essential");
    ls_json_end_map(j);
    if (st->kind == LS_STEP_CALL) depth++;
  }
  ls_json_end_array(j);
  ls_json_end_map(j);
  ls_json_end_array(j);
  ls_json_end_map(j);
  ls_json_end_array(j);
}

static const char *baseline_word(ls_baseline_state b) {
  switch (b) {
  case LS_BASELINE_NEW: return "new";
  case LS_BASELINE_UNCHANGED: return "unchanged";
  case LS_BASELINE_ABSENT: return "absent";
  case LS_BASELINE_NONE: break;
  }
  return NULL;
}

static void result(sarif *s, const ls_finding *f) {
  ls_json *j = &s->j;
  long ri = rule_index(s, f->rule_id);
  ls_json_map(j);
  ls_json_kstr(j, "ruleId", f->rule_id ? f->rule_id : "unknown");
  if (ri >= 0) ls_json_kuint(j, "ruleIndex", (unsigned long long)ri);
  if (f->baseline == LS_BASELINE_ABSENT) {
    /* Found by an earlier run, not by this one: nothing to fix here. */
    ls_json_kstr(j, "kind", "pass");
    ls_json_kstr(j, "level", "none");
  } else {
    ls_json_kstr(j, "kind", "fail");
    ls_json_kstr(j, "level", valid_level(ri >= 0 && s->rule_info[ri] ? s->rule_info[ri]->level
                                                                       : NULL));
  }
  ls_json_ktext(j, "message", result_message(s, f));
  if (has_place(&f->loc) || f->function) {
    ls_json_key(j, "locations");
    ls_json_array(j);
    location(s, &f->loc, f->function, NULL, -1);
    ls_json_end_array(j);
  }
  if (f->nsteps) code_flow(s, f);
  if (f->nrelated) {
    ls_json_key(j, "relatedLocations");
    ls_json_array(j);
    for (size_t i = 0; i < f->nrelated; i++)
      location(s, &f->related[i].loc, NULL, f->related[i].message, (long)i + 1);
    ls_json_end_array(j);
  }
  if (f->fingerprint[0]) {
    ls_json_key(j, "partialFingerprints");
    ls_json_map(j);
    ls_json_kstr(j, FINGERPRINT_KEY, f->fingerprint);
    ls_json_end_map(j);
  }
  const char *b = baseline_word(f->baseline);
  if (b) ls_json_kstr(j, "baselineState", b);
  if (f->callee || f->root) {
    ls_json_key(j, "properties");
    ls_json_map(j);
    if (f->callee) ls_json_kstr(j, "callee", f->callee);
    if (f->root) ls_json_kstr(j, "loopCallback", f->root);
    ls_json_end_map(j);
  }
  ls_json_end_map(j);
}

/* ---- the run ------------------------------------------------------------- */

static void invocation(sarif *s) {
  ls_json *j = &s->j;
  const ls_report *r = s->r;
  int fatal = 0;
  for (size_t i = 0; i < r->nnotes; i++) fatal |= r->notes[i].fatal != 0;
  ls_json_key(j, "invocations");
  ls_json_array(j);
  ls_json_map(j);
  ls_json_key(j, "executionSuccessful");
  ls_json_bool(j, !fatal);
  if (r->command_line) ls_json_kstr(j, "commandLine", r->command_line);
  char when[32];
  if (r->start_time > 0 && lsr_iso8601(r->start_time, when) == 0)
    ls_json_kstr(j, "startTimeUtc", when);
  if (r->end_time > 0 && lsr_iso8601(r->end_time, when) == 0)
    ls_json_kstr(j, "endTimeUtc", when);
  if (r->nnotes) {
    ls_json_key(j, "toolExecutionNotifications");
    ls_json_array(j);
    for (size_t i = 0; i < r->nnotes; i++) {
      const ls_notification *n = &r->notes[i];
      ls_json_map(j);
      ls_json_kstr(j, "level", n->fatal ? "error" : "warning");
      char *msg = ls_xasprintf("%s: %s",
                                n->fatal ? "cannot analyze this translation unit"
                                         : "this translation unit has errors; analyzed what parsed",
                                n->message ? n->message : "");
      ls_json_ktext(j, "message", msg);
      free(msg);
      if (n->path && *n->path) {
        ls_json_key(j, "locations");
        ls_json_array(j);
        ls_json_map(j);
        ls_json_key(j, "physicalLocation");
        ls_json_map(j);
        artifact_location(s, n->path);
        ls_json_end_map(j);
        ls_json_end_map(j);
        ls_json_end_array(j);
      }
      ls_json_end_map(j);
      ls_json_flush(j);
    }
    ls_json_end_array(j);
  }
  if (r->tus_total) {
    ls_json_key(j, "properties");
    ls_json_map(j);
    ls_json_key(j, "translationUnits");
    ls_json_map(j);
    ls_json_kuint(j, "total", r->tus_total);
    ls_json_kuint(j, "parsed", r->tus_parsed);
    ls_json_kuint(j, "unchanged", r->tus_cached);
    ls_json_kuint(j, "failed", r->tus_failed);
    ls_json_end_map(j);
    ls_json_end_map(j);
  }
  ls_json_end_map(j);
  ls_json_end_array(j);
}

int lsr_write_sarif(const ls_report *r, FILE *out, lsr_json_stats *stats) {
  sarif s = {.r = r};
  ls_json *j = &s.j;
  ls_json_init(j, out, "  ");
  ls_source_init(&s.src, r->srcroot);
  collect_rules(&s);

  ls_json_map(j);
  ls_json_kstr(j, "$schema", SARIF_SCHEMA);
  ls_json_kstr(j, "version", "2.1.0");
  ls_json_key(j, "runs");
  ls_json_array(j);
  ls_json_map(j);

  ls_json_key(j, "tool");
  ls_json_map(j);
  ls_json_key(j, "driver");
  ls_json_map(j);
  const char *version = r->tool_version ? r->tool_version : LAGSCAN_VERSION;
  ls_json_kstr(j, "name", "lagscan");
  ls_json_kstr(j, "version", version);
  ls_json_kstr(j, "semanticVersion", version);
  ls_json_kstr(j, "informationUri", LAGSCAN_INFORMATION_URI);
  ls_json_key(j, "rules");
  ls_json_array(j);
  for (size_t i = 0; i < s.nrule_ids; i++) {
    rule(&s, s.rule_ids[i], s.rule_info[i]);
    ls_json_flush(j);
  }
  ls_json_end_array(j);
  ls_json_end_map(j);
  ls_json_end_map(j);

  ls_json_key(j, "automationDetails");
  ls_json_map(j);
  ls_json_kstr(j, "id", "lagscan/");
  ls_json_end_map(j);

  if (r->srcroot && r->srcroot[0] == '/') {
    ls_buf_reset(&s.tmp);
    ls_buf_puts(&s.tmp, "file://");
    lsr_uri_append_path(&s.tmp, r->srcroot);
    if (s.tmp.data[s.tmp.len - 1] != '/') ls_buf_putc(&s.tmp, '/');
    ls_json_key(j, "originalUriBaseIds");
    ls_json_map(j);
    ls_json_key(j, "%SRCROOT%");
    ls_json_map(j);
    ls_json_kstr(j, "uri", ls_buf_str(&s.tmp));
    ls_json_end_map(j);
    ls_json_end_map(j);
  }
  ls_json_kstr(j, "columnKind", "unicodeCodePoints");
  invocation(&s);

  ls_json_key(j, "results");
  ls_json_array(j);
  for (size_t i = 0; i < r->nfindings && !j->error; i++) {
    result(&s, &r->findings[i]);
    ls_json_flush(j);
  }
  ls_json_end_array(j);

  ls_json_end_map(j);
  ls_json_end_array(j);
  ls_json_end_map(j);

  int rc = ls_json_finish(j);
  if (stats) {
    stats->max_pending = j->max_pending;
    stats->written = j->written;
  }
  free(s.rule_ids);
  free(s.rule_info);
  ls_buf_free(&s.tmp);
  ls_source_free(&s.src);
  if (!rc && (fflush(out) != 0 || ferror(out))) rc = -(errno ? errno : EIO);
  return rc;
}
