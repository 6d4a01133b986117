/* ci.c: the two formats CI services read without a plug-in.
 *
 * `--format github`: GitHub Actions workflow commands, one line per finding
 * not marked absent by a baseline, which the runner turns into annotations
 * on the pull request:
 *
 *   ::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
 *
 * The command is the rule's level (error, warning, or notice for a rule of
 * level note). endColumn is the last column of the call (inclusive), given
 * only when the call ends on its line. As GitHub documents, the message
 * escapes '%', '\r' and '\n' (%25, %0D, %0A) and a property value also ':'
 * and ',' (%3A, %2C), so nothing a path or message holds can end the command
 * or start another. The message is the finding's, then one line per step of
 * the path ("PATH:LINE:COL: note: ..."), which the annotation shows below it.
 * A translation unit that could not be analyzed is one "::error file=F::"
 * line (a warning for one analyzed with errors).
 *
 * `--format gitlab`: GitLab Code Quality, one JSON array of issues:
 *
 *   [{"description": MESSAGE, "check_name": RULE, "fingerprint": HEX,
 *     "severity": "major", "location": {"path": F, "lines": {"begin": L}}}]
 *
 * severity is the rule's level: error -> critical, warning -> major,
 * note -> minor. The fingerprint is the finding's (unique in a report and
 * stable when lines move), so GitLab's comparison with the target branch
 * sees a moved finding as the same one.
 */
#include <errno.h>
#include <string.h>

#include "writers.h"

static const char *rule_level(const ls_report *r, const char *id) {
  for (size_t i = 0; id && i < r->nrules; i++)
    if (r->rules[i].id && strcmp(r->rules[i].id, id) == 0) return r->rules[i].level;
  return NULL;
}

static int is_level(const char *level, const char *want) {
  return level && strcmp(level, want) == 0;
}

/* ---- GitHub --------------------------------------------------------------- */

/* Writes s escaped as a workflow command's message (property != 0: as a
 * property value). */
static void put_escaped(FILE *out, const char *s, int property) {
  for (const char *p = s ? s : ""; *p; p++) {
    switch (*p) {
    case '%': fputs("%25", out); break;
    case '\r': fputs("%0D", out); break;
    case '\n': fputs("%0A", out); break;
    case ':':
      if (property) fputs("%3A", out);
      else putc(':', out);
      break;
    case ',':
      if (property) fputs("%2C", out);
      else putc(',', out);
      break;
    default: putc(*p, out);
    }
  }
}

/* ",line=L,col=C" and the end when known. */
static void put_place(FILE *out, const ls_location *loc) {
  if (!loc->line) return;
  fprintf(out, ",line=%u", loc->line);
  if (!loc->col) return;
  fprintf(out, ",col=%u", loc->col);
  if (loc->end_line == loc->line && loc->end_col > loc->col + 1)
    fprintf(out, ",endLine=%u,endColumn=%u", loc->end_line, loc->end_col - 1);
}

/* One step as a line of the message: "PATH:LINE:COL: note: MESSAGE". */
static void put_step_line(FILE *out, const ls_location *loc, const char *message) {
  fputs("%0A", out);
  if (loc->path && *loc->path && loc->line) {
    put_escaped(out, loc->path, 0);
    fprintf(out, ":%u:%u: ", loc->line, loc->col);
  }
  fputs("note: ", out);
  put_escaped(out, message, 0);
}

static void github_finding(FILE *out, const ls_report *r, const ls_finding *f) {
  const char *level = rule_level(r, f->rule_id);
  fputs(is_level(level, "error") ? "::error" : is_level(level, "note") ? "::notice" : "::warning",
        out);
  const char *sep = " ";
  if (f->loc.path && *f->loc.path) {
    fputs(" file=", out);
    put_escaped(out, f->loc.path, 1);
    put_place(out, &f->loc);
    sep = ",";
  }
  fprintf(out, "%stitle=", sep);
  put_escaped(out, f->rule_id, 1);
  fputs("::", out);
  put_escaped(out, f->message, 0);
  fputs(" [", out);
  put_escaped(out, f->rule_id, 0);
  fputs("]", out);
  for (size_t i = f->nsteps; i-- > 0;)
    if (f->steps[i].kind != LS_STEP_BLOCKING)
      put_step_line(out, &f->steps[i].loc, f->steps[i].message);
  for (size_t i = 0; i < f->nrelated; i++)
    put_step_line(out, &f->related[i].loc, f->related[i].message);
  putc('\n', out);
}

int lsr_write_github(const ls_report *r, FILE *out) {
  errno = 0;
  for (size_t i = 0; i < r->nfindings; i++)
    if (r->findings[i].baseline != LS_BASELINE_ABSENT) github_finding(out, r, &r->findings[i]);
  for (size_t i = 0; i < r->nnotes; i++) {
    const ls_notification *n = &r->notes[i];
    fputs(n->fatal ? "::error" : "::warning", out);
    if (n->path && *n->path) {
      fputs(" file=", out);
      put_escaped(out, n->path, 1);
    }
    fputs(n->fatal ? "::lagscan cannot analyze this translation unit: "
                   : "::lagscan analyzed what parsed of this translation unit: ",
          out);
    put_escaped(out, n->message, 0);
    putc('\n', out);
  }
  if (fflush(out) != 0 || ferror(out)) return -(errno ? errno : EIO);
  return 0;
}

/* ---- GitLab --------------------------------------------------------------- */

static const char *gitlab_severity(const char *level) {
  if (is_level(level, "error")) return "critical";
  if (is_level(level, "note")) return "minor";
  return "major";
}

int lsr_write_gitlab(const ls_report *r, FILE *out) {
  ls_json j;
  ls_json_init(&j, out, "  ");
  ls_json_array(&j);
  for (size_t i = 0; i < r->nfindings && !j.error; i++) {
    const ls_finding *f = &r->findings[i];
    if (f->baseline == LS_BASELINE_ABSENT) continue;
    ls_json_map(&j);
    ls_json_kstr(&j, "description", f->message ? f->message : "");
    ls_json_kstr(&j, "check_name", f->rule_id ? f->rule_id : "unknown");
    ls_json_kstr(&j, "fingerprint", f->fingerprint);
    ls_json_kstr(&j, "severity", gitlab_severity(rule_level(r, f->rule_id)));
    ls_json_key(&j, "location");
    ls_json_map(&j);
    ls_json_kstr(&j, "path", f->loc.path ? f->loc.path : "");
    ls_json_key(&j, "lines");
    ls_json_map(&j);
    ls_json_kuint(&j, "begin", f->loc.line ? f->loc.line : 1);
    ls_json_end_map(&j);
    ls_json_end_map(&j);
    ls_json_end_map(&j);
    ls_json_flush(&j);
  }
  ls_json_end_array(&j);
  int rc = ls_json_finish(&j);
  if (!rc && fputc('\n', out) == EOF) rc = -(errno ? errno : EIO);
  if (!rc && (fflush(out) != 0 || ferror(out))) rc = -(errno ? errno : EIO);
  return rc;
}
