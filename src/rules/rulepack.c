/* rulepack.c: loads rule packs (YAML, read with libyaml) into the blocking
 * catalogue (rules.h). The format is documented in docs/rule-packs.md.
 *
 * A pack is one YAML document whose top level is a mapping with the keys
 * `pack`, `description`, `rules`, `registrations`, `blocking`,
 * `descriptors` (descriptors.c), `event_loops`, `loop_handles`
 * (event_loops.c), `processes` (processes.c) and `functions` (functions.c).
 * Unknown keys
 * are errors, so a typo in a pack never silently drops a rule. Every error
 * names the file, the line and the column (1-based) of the offending node.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "loader.h"

/* ---- registrations ---------------------------------------------------------- */

typedef struct reg_entry {
  ls_registration r;
  string_list functions; /* `functions: [a, b]` shares arg and context */
  line_list lines;       /* the line of each name */
  string_list overrides; /* `overrides: [A::m, B::n]` */
  line_list override_lines;
  int have_arg, have_context;
  yaml_node_t *node;
} reg_entry;

static int parse_context(loader *l, yaml_node_t *v, ls_context *out) {
  const char *s = ls__scalar(v);
  if (s && strcmp(s, "loop") == 0) *out = LS_CTX_LOOP;
  else if (s && strcmp(s, "worker") == 0) *out = LS_CTX_WORKER;
  else if (s && strcmp(s, "next-tick") == 0) *out = LS_CTX_NEXT_TICK;
  else return ls__fail(l, v, "'context' must be loop, worker or next-tick, not '%s'", s, NULL);
  return 0;
}

static int rearm_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  ls_registration *r = ctx;
  if (strcmp(key, "delay_arg") == 0) return ls__get_arg(l, v, key, &r->rearm_delay_arg);
  return ls__fail(l, k, "unknown key '%s' in 'rearm' (delay_arg)", key, NULL);
}

static int reg_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  reg_entry *e = ctx;
  if (strcmp(key, "function") == 0 || strcmp(key, "functions") == 0) {
    return ls__strings_at(l, v, key, key[8] == 's', &e->functions, &e->lines);
  } else if (strcmp(key, "overrides") == 0) {
    return ls__strings_at(l, v, key, 1, &e->overrides, &e->override_lines);
  } else if (strcmp(key, "arg") == 0 || strcmp(key, "template_arg") == 0) {
    if (e->have_arg) return ls__fail(l, k, "a registration has 'arg' or 'template_arg', once", NULL, NULL);
    if (ls__get_arg(l, v, key, &e->r.arg)) return -1;
    if (key[0] == 't') e->r.arg += LS_TEMPLATE_ARG_BASE;
    e->have_arg = 1;
  } else if (strcmp(key, "field") == 0) {
    const char *f;
    if (ls__get_string(l, v, key, &f)) return -1;
    const char *dot = strchr(f, '.');
    if (!dot || dot == f || !dot[1] || strchr(dot + 1, '.'))
      return ls__fail(l, v, "'field' must be RECORD.FIELD (e.g. napi_property_descriptor.method), not '%s'",
                  f, NULL);
    e->r.field = f;
  } else if (strcmp(key, "context") == 0) {
    if (parse_context(l, v, &e->r.context)) return -1;
    e->have_context = 1;
  } else if (strcmp(key, "rearm") == 0) {
    const char *s = ls__scalar(v);
    if (s && strcmp(s, "always") == 0) {
      e->r.rearm = LS_REARM_ALWAYS;
    } else if (s && strcmp(s, "returns-true") == 0) {
      e->r.rearm = LS_REARM_RETURNS_TRUE;
    } else if (v && v->type == YAML_MAPPING_NODE) {
      e->r.rearm = LS_REARM_ZERO_DELAY;
      e->r.rearm_delay_arg = -1;
      if (ls__each_pair(l, v, "'rearm'", rearm_pair, &e->r)) return -1;
      if (e->r.rearm_delay_arg < 0) return ls__fail(l, v, "'rearm' needs 'delay_arg'", NULL, NULL);
    } else {
      return ls__fail(l, v, "'rearm' must be always, returns-true or {delay_arg: N}", NULL, NULL);
    }
  } else if (strcmp(key, "again") == 0) {
    return ls__get_string(l, v, key, &e->r.again);
  } else if (strcmp(key, "ready_fd") == 0) {
    return ls__get_arg(l, v, key, &e->r.ready_fd);
  } else if (strcmp(key, "ready_field") == 0) {
    return ls__get_string(l, v, key, &e->r.ready_field);
  } else if (strcmp(key, "ready_getter") == 0) {
    return ls__get_string(l, v, key, &e->r.ready_getter);
  } else if (strcmp(key, "fd_arg") == 0) {
    return ls__get_arg(l, v, key, &e->r.fd_arg);
  } else if (strcmp(key, "note") == 0) {
    /* free text for readers of the pack */
  } else {
    return ls__fail(l, k,
                "unknown key '%s' in a registration (function, functions, arg, template_arg, field, "
                "overrides, context, rearm, again, ready_fd, ready_field, ready_getter, fd_arg, note)",
                key, NULL);
  }
  return 0;
}

static int registration(loader *l, yaml_node_t *item) {
  reg_entry e = {0};
  e.node = item;
  e.r.ready_fd = -1;
  e.r.fd_arg = -1;
  int r = ls__each_pair(l, item, "a registration", reg_pair, &e);
  if (!r && !e.have_context) r = ls__fail(l, item, "a registration needs 'context'", NULL, NULL);
  if (!r && (!!e.r.field + !!e.functions.len + !!e.overrides.len) > 1)
    r = ls__fail(l, item, "a registration has one of 'function', 'field' and 'overrides'", NULL, NULL);
  if (!r && !e.r.field && !e.functions.len && !e.overrides.len)
    r = ls__fail(l, item, "a registration needs 'function' (with 'arg'), 'field' or 'overrides'", NULL,
                 NULL);
  if (!r && e.overrides.len && e.have_arg)
    r = ls__fail(l, item, "a registration by 'overrides' takes no 'arg'", NULL, NULL);
  if (!r && e.functions.len && !e.have_arg)
    r = ls__fail(l, item, "a registration by function needs 'arg' (0-based index)", NULL, NULL);
  if (!r && e.r.ready_fd < 0 && (e.r.ready_field || e.r.ready_getter))
    r = ls__fail(l, item, "'ready_field' and 'ready_getter' need 'ready_fd' (the parameter)", NULL, NULL);
  if (!r && e.r.fd_arg >= 0 && (e.r.ready_fd < 0 || !e.functions.len))
    r = ls__fail(l, item, "'fd_arg' needs 'function' and 'ready_fd' (the descriptor's parameter)", NULL,
                 NULL);
  if (!r && e.r.fd_arg >= 0 && (e.r.ready_field || e.r.ready_getter))
    r = ls__fail(l, item, "'fd_arg' is for a callback given the descriptor itself, not with "
                 "'ready_field' or 'ready_getter'", NULL, NULL);
  if (!r && e.r.ready_field && e.r.ready_getter)
    r = ls__fail(l, item, "a registration has either 'ready_field' or 'ready_getter', not both", NULL, NULL);
  if (!r) {
    e.r.pack = l->pack;
    e.r.site = ls__site(l, item);
    if (e.r.field) {
      LS_VEC_PUSH(&l->regs, e.r);
    } else if (e.overrides.len) {
      for (size_t i = 0; i < e.overrides.len; i++) {
        ls_registration one = e.r;
        one.overrides = e.overrides.items[i];
        one.site.line = e.override_lines.items[i];
        LS_VEC_PUSH(&l->regs, one);
      }
    } else {
      for (size_t i = 0; i < e.functions.len; i++) {
        ls_registration one = e.r;
        one.function = e.functions.items[i];
        one.site.line = e.lines.items[i];
        LS_VEC_PUSH(&l->regs, one);
      }
    }
  }
  LS_VEC_FREE(&e.functions);
  LS_VEC_FREE(&e.lines);
  LS_VEC_FREE(&e.overrides);
  LS_VEC_FREE(&e.override_lines);
  return r;
}

/* ---- blocking functions ------------------------------------------------------ */

typedef struct blk_entry {
  ls_blocker b;
  string_list functions;
  line_list lines;
  LS_VEC(ls_condition) conds;
} blk_entry;

typedef struct cond_entry {
  ls_condition c;
  int have_arg, have_kind;
} cond_entry;

static int set_kind(loader *l, cond_entry *e, yaml_node_t *k, ls_cond_kind kind) {
  if (e->have_kind)
    return ls__fail(l, k, "a condition has exactly one of when, unless_flag, when_flag, unless_at_most, unless_literal, unless_nonblocking, unless_fixed_pattern",
                NULL, NULL);
  e->c.kind = kind;
  e->have_kind = 1;
  return 0;
}

static int cond_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  cond_entry *e = ctx;
  if (strcmp(key, "arg") == 0) {
    if (ls__get_arg(l, v, key, &e->c.arg)) return -1;
    e->have_arg = 1;
  } else if (strcmp(key, "when") == 0) {
    const char *s = ls__scalar(v);
    if (s && strcmp(s, "given") == 0) return set_kind(l, e, k, LS_COND_WHEN_GIVEN);
    /* `when: null` is YAML's null; libyaml hands it over as the scalar "null" or "~" */
    if (!s || (strcmp(s, "null") && strcmp(s, "NULL") && strcmp(s, "~")))
      return ls__fail(l, v,
                      "'when' is null (blocking only when the argument is NULL) or given (only "
                      "when the call passes it)",
                      NULL, NULL);
    return set_kind(l, e, k, LS_COND_WHEN_NULL);
  } else if (strcmp(key, "unless_flag") == 0 || strcmp(key, "when_flag") == 0) {
    if (set_kind(l, e, k, key[0] == 'u' ? LS_COND_UNLESS_FLAG : LS_COND_WHEN_FLAG)) return -1;
    return ls__get_string(l, v, key, &e->c.flag);
  } else if (strcmp(key, "unless_nonblocking") == 0) {
    const char *s = ls__scalar(v);
    if (!s || (strcmp(s, "true") && strcmp(s, "yes")))
      return ls__fail(l, v, "'unless_nonblocking' takes true", NULL, NULL);
    return set_kind(l, e, k, LS_COND_UNLESS_NONBLOCKING);
  } else if (strcmp(key, "unless_ready") == 0) {
    const char *s = ls__scalar(v);
    if (!s || (strcmp(s, "true") && strcmp(s, "yes")))
      return ls__fail(l, v, "'unless_ready' takes true", NULL, NULL);
    return set_kind(l, e, k, LS_COND_UNLESS_READY);
  } else if (strcmp(key, "unless_literal") == 0) {
    const char *s = ls__scalar(v);
    if (!s || (strcmp(s, "true") && strcmp(s, "yes")))
      return ls__fail(l, v, "'unless_literal' takes true", NULL, NULL);
    return set_kind(l, e, k, LS_COND_UNLESS_LITERAL);
  } else if (strcmp(key, "unless_fixed_pattern") == 0) {
    if (set_kind(l, e, k, LS_COND_UNLESS_FIXED_PATTERN)) return -1;
    return ls__get_string(l, v, key, &e->c.by);
  } else if (strcmp(key, "unless_at_most") == 0) {
    if (set_kind(l, e, k, LS_COND_UNLESS_AT_MOST)) return -1;
    return ls__get_int(l, v, key, LLONG_MIN, LLONG_MAX, &e->c.at_most);
  } else if (strcmp(key, "unless_equal") == 0) {
    if (set_kind(l, e, k, LS_COND_UNLESS_EQUAL)) return -1;
    return ls__get_int(l, v, key, LLONG_MIN, LLONG_MAX, &e->c.at_most);
  } else {
    return ls__fail(l, k, "unknown key '%s' in a condition (arg, when, unless_flag, when_flag, unless_at_most, unless_equal, unless_literal, unless_nonblocking, unless_ready, unless_fixed_pattern)",
                key, NULL);
  }
  return 0;
}

static int cost_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  ls_cost *c = ctx;
  if (strcmp(key, "arg") == 0) return ls__get_arg(l, v, key, &c->arg);
  if (strcmp(key, "unit") == 0) return ls__get_string(l, v, key, &c->unit);
  if (strcmp(key, "format") == 0) {
    const char *s = ls__scalar(v);
    if (s && strcmp(s, "number") == 0) c->format = LS_COST_NUMBER;
    else if (s && strcmp(s, "bcrypt-salt") == 0) c->format = LS_COST_BCRYPT_SALT;
    else return ls__fail(l, v, "cost 'format' must be number or bcrypt-salt, not '%s'", s, NULL);
    return 0;
  }
  return ls__fail(l, k, "unknown key '%s' in a cost (arg, format, unit)", key, NULL);
}

/* `cost: {arg: N, unit: U}` or a list of up to LS_MAX_COSTS of them. */
static int costs(loader *l, yaml_node_t *v, ls_blocker *b) {
  yaml_node_t *one = v;
  yaml_node_item_t *it = NULL, *end = NULL;
  if (v && v->type == YAML_SEQUENCE_NODE) {
    it = v->data.sequence.items.start;
    end = v->data.sequence.items.top;
    if (end - it > LS_MAX_COSTS) return ls__fail(l, v, "at most 3 costs", NULL, NULL);
  }
  for (;;) {
    if (it) {
      if (it == end) break;
      one = ls__node_at(l, *it++);
    }
    ls_cost c = {LS_COST_NONE, -1, NULL};
    if (ls__each_pair(l, one, "'cost'", cost_pair, &c)) return -1;
    if (c.arg < 0) return ls__fail(l, one, "'cost' needs 'arg'", NULL, NULL);
    if (c.format == LS_COST_NONE) c.format = LS_COST_NUMBER;
    b->costs[b->ncosts++] = c;
    if (!it) break;
  }
  return 0;
}

static int blk_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  blk_entry *e = ctx;
  if (strcmp(key, "function") == 0 || strcmp(key, "functions") == 0) {
    return ls__strings_at(l, v, key, key[8] == 's', &e->functions, &e->lines);
  } else if (strcmp(key, "rule") == 0) {
    if (ls__get_string(l, v, key, &e->b.rule_id)) return -1;
    if (!ls_rule_id_known(e->b.rule_id))
      return ls__fail(l, v, "unknown rule '%s' (see `lagscan rules`)", e->b.rule_id, NULL);
  } else if (strcmp(key, "what") == 0) {
    return ls__get_string(l, v, key, &e->b.what);
  } else if (strcmp(key, "duration") == 0) {
    return ls__get_string(l, v, key, &e->b.duration);
  } else if (strcmp(key, "conditions") == 0) {
    if (!v || v->type != YAML_SEQUENCE_NODE)
      return ls__fail(l, v, "'conditions' must be a list", NULL, NULL);
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
      yaml_node_t *cn = ls__node_at(l, *it);
      cond_entry c = {0};
      if (ls__each_pair(l, cn, "a condition", cond_pair, &c)) return -1;
      if (!c.have_arg) return ls__fail(l, cn, "a condition needs 'arg' (0-based index)", NULL, NULL);
      if (!c.have_kind)
        return ls__fail(l, cn, "a condition needs one of when, unless_flag, when_flag, unless_at_most, unless_literal, unless_nonblocking, unless_fixed_pattern",
                    NULL, NULL);
      LS_VEC_PUSH(&e->conds, c.c);
    }
  } else if (strcmp(key, "cost") == 0) {
    if (costs(l, v, &e->b)) return -1;
  } else if (strcmp(key, "match") == 0) {
    if (ls__strings_at(l, v, key, 0, &e->functions, &e->lines)) return -1;
    e->b.is_pattern = 1;
  } else if (strcmp(key, "note") == 0) {
    /* free text */
  } else {
    return ls__fail(l, k,
                "unknown key '%s' in a blocking entry (function, functions, match, rule, what, "
                "duration, conditions, cost, note)",
                key, NULL);
  }
  return 0;
}

static int blocking(loader *l, yaml_node_t *item) {
  blk_entry e = {0};
  int r = ls__each_pair(l, item, "a blocking entry", blk_pair, &e);
  if (!r && !e.functions.len) r = ls__fail(l, item, "a blocking entry needs 'function', 'functions' or 'match'", NULL, NULL);
  if (!r && !e.b.rule_id) r = ls__fail(l, item, "a blocking entry needs 'rule'", NULL, NULL);
  if (!r && !e.b.what) r = ls__fail(l, item, "a blocking entry needs 'what' (e.g. \"reads a file\")", NULL, NULL);
  if (!r) {
    e.b.pack = l->pack;
    for (size_t i = 0; i < e.functions.len; i++) {
      ls_blocker one = e.b;
      one.function = e.functions.items[i];
      one.site = (ls_pack_site){l->site_file, e.lines.items[i]};
      one.nconds = e.conds.len;
      one.conds = e.conds.len ? ls_xmalloc(e.conds.len * sizeof(ls_condition)) : NULL;
      if (e.conds.len) memcpy(one.conds, e.conds.items, e.conds.len * sizeof(ls_condition));
      LS_VEC_PUSH(&l->blockers, one);
    }
  }
  LS_VEC_FREE(&e.functions);
  LS_VEC_FREE(&e.lines);
  LS_VEC_FREE(&e.conds);
  return r;
}

/* ---- rule descriptions --------------------------------------------------------- */

typedef struct rule_entry {
  ls_rule_info info;
  string_list tags;
} rule_entry;

static int rule_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  rule_entry *e = ctx;
  static const struct { const char *key; size_t off; } fields[] = {
      {"id", offsetof(ls_rule_info, id)},
      {"name", offsetof(ls_rule_info, name)},
      {"short", offsetof(ls_rule_info, short_desc)},
      {"full", offsetof(ls_rule_info, full_desc)},
      {"help", offsetof(ls_rule_info, help_text)},
      {"help_markdown", offsetof(ls_rule_info, help_markdown)},
      {"level", offsetof(ls_rule_info, level)},
      {"precision", offsetof(ls_rule_info, precision)},
      {"severity", offsetof(ls_rule_info, severity)},
  };
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (strcmp(key, fields[i].key) == 0)
      return ls__get_string(l, v, key, (const char **)((char *)&e->info + fields[i].off));
  if (strcmp(key, "tags") == 0) return ls__strings(l, v, key, 1, &e->tags);
  return ls__fail(l, k,
              "unknown key '%s' in a rule (id, name, short, full, help, help_markdown, level, "
              "precision, severity, tags)",
              key, NULL);
}

static int one_of(const char *s, const char *a, const char *b, const char *c) {
  return s && (strcmp(s, a) == 0 || strcmp(s, b) == 0 || strcmp(s, c) == 0);
}

static int rule(loader *l, yaml_node_t *item) {
  rule_entry e = {0};
  int r = ls__each_pair(l, item, "a rule", rule_pair, &e);
  ls_rule_info *in = &e.info;
  if (!r && !ls_rule_id_known(in->id))
    r = ls__fail(l, item, "a rule needs an 'id' of the rule table ('lagscan rules' lists them), not '%s'", in->id, NULL);
  if (!r && (!in->name || !in->short_desc || !in->full_desc || !in->help_text || !in->help_markdown))
    r = ls__fail(l, item, "rule '%s' needs name, short, full, help and help_markdown", in->id, NULL);
  if (!r && !in->level) in->level = "warning";
  if (!r && !one_of(in->level, "warning", "error", "note"))
    r = ls__fail(l, item, "rule '%s': 'level' must be warning, error or note", in->id, NULL);
  if (!r && !in->precision) in->precision = "medium";
  if (!r && !one_of(in->precision, "high", "medium", "low") && strcmp(in->precision, "very-high"))
    r = ls__fail(l, item, "rule '%s': 'precision' must be very-high, high, medium or low", in->id, NULL);
  if (!r && !in->severity) in->severity = "warning";
  if (!r && !one_of(in->severity, "warning", "error", "recommendation"))
    r = ls__fail(l, item, "rule '%s': 'severity' must be warning, error or recommendation", in->id, NULL);
  if (!r && ls_catalogue_rule(l->cat, in->id))
    r = ls__fail(l, item, "rule '%s' is already defined", in->id, NULL);
  for (size_t i = 0; !r && i < l->rules.len; i++)
    if (strcmp(l->rules.items[i].id, in->id) == 0)
      r = ls__fail(l, item, "rule '%s' is defined twice", in->id, NULL);
  if (!r) {
    in->ntags = e.tags.len;
    in->tags = e.tags.items; /* ownership moves to the catalogue below */
    if (in->tags) LS_VEC_PUSH(&ls__priv_of(l->cat)->tag_lists, in->tags);
    LS_VEC_PUSH(&l->rules, *in);
  } else {
    LS_VEC_FREE(&e.tags);
  }
  return r;
}

/* ---- the top level --------------------------------------------------------------- */

static int top_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx) {
  (void)ctx;
  if (strcmp(key, "pack") == 0) return ls__get_string(l, v, key, &l->pack);
  if (strcmp(key, "description") == 0 || strcmp(key, "source") == 0) {
    if (!ls__scalar(v)) return ls__fail(l, v, "'%s' must be a string", key, NULL);
    return 0;
  }
  if (strcmp(key, "registrations") == 0) return ls__each_item(l, v, key, registration);
  if (strcmp(key, "blocking") == 0) return ls__each_item(l, v, key, blocking);
  if (strcmp(key, "rules") == 0) return ls__each_item(l, v, key, rule);
  if (strcmp(key, "descriptors") == 0) return ls__descriptors(l, v);
  if (strcmp(key, "event_loops") == 0) return ls__event_loops(l, v);
  if (strcmp(key, "loop_handles") == 0) return ls__loop_handles(l, v);
  if (strcmp(key, "processes") == 0) return ls__processes(l, v);
  if (strcmp(key, "functions") == 0) return ls__functions(l, v);
  if (strcmp(key, "dispatch") == 0) return ls__dispatch_section(l, v);
  if (strcmp(key, "library_files") == 0) return ls__strings(l, v, key, 1, &l->library_files);
  return ls__fail(l, k,
                  "unknown top-level key '%s' (pack, description, source, rules, registrations, "
                  "blocking, descriptors, event_loops, loop_handles, processes, functions, "
                  "dispatch, library_files)",
                  key, NULL);
}

/* Finds the `pack` name first, so that entries can record it. */
static void find_pack_name(loader *l, yaml_node_t *root) {
  if (!root || root->type != YAML_MAPPING_NODE) return;
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
    const char *key = ls__scalar(ls__node_at(l, p->key));
    const char *val = ls__scalar(ls__node_at(l, p->value));
    if (key && val && strcmp(key, "pack") == 0) l->pack = ls__own(l->cat, val);
  }
}

static void discard_staged(loader *l) {
  for (size_t i = 0; i < l->blockers.len; i++) free(l->blockers.items[i].conds);
  LS_VEC_FREE(&l->blockers);
  LS_VEC_FREE(&l->regs);
  LS_VEC_FREE(&l->rules);
  LS_VEC_FREE(&l->nonblocking_flags);
  LS_VEC_FREE(&l->fd_setters);
  LS_VEC_FREE(&l->fd_helpers);
  LS_VEC_FREE(&l->off_loop);
  LS_VEC_FREE(&l->trusted);
  LS_VEC_FREE(&l->loop_waits);
  LS_VEC_FREE(&l->loop_functions);
  LS_VEC_FREE(&l->handle_types);
  LS_VEC_FREE(&l->handle_library);
  LS_VEC_FREE(&l->not_on_loop);
  LS_VEC_FREE(&l->fork_functions);
  LS_VEC_FREE(&l->exit_functions);
  LS_VEC_FREE(&l->dispatch);
  LS_VEC_FREE(&l->library_files);
}

#define APPEND(arr, n, vec)                                                        \
  do {                                                                             \
    if ((vec).len) {                                                               \
      (arr) = ls_xrealloc((arr), ((n) + (vec).len) * sizeof *(arr));               \
      memcpy((arr) + (n), (vec).items, (vec).len * sizeof *(arr));                 \
      (n) += (vec).len;                                                            \
    }                                                                              \
  } while (0)

int ls__load_pack(ls_catalogue *cat, const char *path, int own, char **err) {
  loader l = {0};
  l.cat = cat;
  l.path = path;
  if (own) l.site_file = ls__own(cat, path);
  *err = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) {
    *err = ls_xasprintf("%s: cannot read rule pack: %s", path, strerror(errno));
    return -1;
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    fclose(f);
    *err = ls_xasprintf("%s: out of memory initializing the YAML parser", path);
    return -1;
  }
  yaml_parser_set_input_file(&parser, f);
  int r = 0;
  if (!yaml_parser_load(&parser, &l.doc)) {
    *err = ls_xasprintf("%s:%zu:%zu: invalid YAML: %s%s%s", path, parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1, parser.problem ? parser.problem : "error",
                        parser.context ? " " : "", parser.context ? parser.context : "");
    yaml_parser_delete(&parser);
    fclose(f);
    return -1;
  }
  yaml_node_t *root = yaml_document_get_root_node(&l.doc);
  if (!root) {
    r = ls__fail(&l, NULL, "the rule pack is empty", NULL, NULL);
  } else {
    find_pack_name(&l, root);
    r = ls__each_pair(&l, root, "the top level of a rule pack", top_pair, NULL);
    if (!r && !l.pack) r = ls__fail(&l, root, "a rule pack needs 'pack: NAME'", NULL, NULL);
  }
  /* A second document in the file is a mistake, not something to ignore. */
  yaml_document_t extra;
  if (!r && yaml_parser_load(&parser, &extra)) {
    if (yaml_document_get_root_node(&extra))
      r = ls__fail(&l, NULL, "a rule pack is one YAML document; found a second one", NULL, NULL);
    yaml_document_delete(&extra);
  }
  yaml_document_delete(&l.doc);
  yaml_parser_delete(&parser);
  fclose(f);
  if (r) {
    *err = l.err ? l.err : ls_xasprintf("%s: invalid rule pack", path);
    discard_staged(&l);
    return -1;
  }
  APPEND(cat->regs, cat->nregs, l.regs);
  APPEND(cat->blockers, cat->nblockers, l.blockers);
  APPEND(cat->rules, cat->nrules, l.rules);
  APPEND(cat->nonblocking_flags, cat->nnonblocking_flags, l.nonblocking_flags);
  APPEND(cat->fd_setters, cat->nfd_setters, l.fd_setters);
  APPEND(cat->fd_helpers, cat->nfd_helpers, l.fd_helpers);
  APPEND(cat->off_loop, cat->noff_loop, l.off_loop);
  APPEND(cat->trusted, cat->ntrusted, l.trusted);
  APPEND(cat->loop_waits, cat->nloop_waits, l.loop_waits);
  APPEND(cat->loop_functions, cat->nloop_functions, l.loop_functions);
  if (l.loops_detect_off) cat->loops_detect_off = 1;
  APPEND(cat->handle_types, cat->nhandle_types, l.handle_types);
  APPEND(cat->handle_library, cat->nhandle_library, l.handle_library);
  APPEND(cat->not_on_loop, cat->nnot_on_loop, l.not_on_loop);
  APPEND(cat->fork_functions, cat->nfork_functions, l.fork_functions);
  APPEND(cat->exit_functions, cat->nexit_functions, l.exit_functions);
  APPEND(cat->dispatch, cat->ndispatch, l.dispatch);
  APPEND(cat->library_files, cat->nlibrary_files, l.library_files);
  LS_VEC_FREE(&l.regs);
  LS_VEC_FREE(&l.blockers);
  LS_VEC_FREE(&l.rules);
  LS_VEC_FREE(&l.nonblocking_flags);
  LS_VEC_FREE(&l.fd_setters);
  LS_VEC_FREE(&l.fd_helpers);
  LS_VEC_FREE(&l.off_loop);
  LS_VEC_FREE(&l.trusted);
  LS_VEC_FREE(&l.loop_waits);
  LS_VEC_FREE(&l.loop_functions);
  LS_VEC_FREE(&l.handle_types);
  LS_VEC_FREE(&l.handle_library);
  LS_VEC_FREE(&l.not_on_loop);
  LS_VEC_FREE(&l.fork_functions);
  LS_VEC_FREE(&l.exit_functions);
  LS_VEC_FREE(&l.dispatch);
  LS_VEC_FREE(&l.library_files);
  ls__index_build(cat);
  return 0;
}

int ls_catalogue_load_file(ls_catalogue *cat, const char *path, char **err) {
  return ls__load_pack(cat, path, 1, err);
}
