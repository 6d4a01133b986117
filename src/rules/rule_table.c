/* rule_table.c: the rule table's lookups (rules.h, LS_RULE_TABLE). */
#include <string.h>

#include "rules.h"

static const char *const ids[] = {
#define LS_RULE_ID(name, id) id,
    LS_RULE_TABLE(LS_RULE_ID)
#undef LS_RULE_ID
};

const char *ls_rule_id(ls_rule rule) {
  return rule >= 0 && rule < LS_RULE_COUNT ? ids[rule] : "";
}

ls_rule ls_rule_lookup(const char *id) {
  if (!id) return LS_RULE_UNKNOWN;
  for (int i = 0; i < LS_RULE_COUNT; i++)
    if (!strcmp(id, ids[i])) return (ls_rule)i;
  return LS_RULE_UNKNOWN;
}

int ls_rule_id_known(const char *id) { return ls_rule_lookup(id) != LS_RULE_UNKNOWN; }
