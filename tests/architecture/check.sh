#!/usr/bin/env bash
# check.sh: the architecture's rules, checked on the source tree (the
# `architecture` test). Fails, naming each offence, when
#   - a file of a stage includes a header that is neither its own nor the
#     public header of an earlier stage (the pipeline runs one way:
#     src/common, rules, inputs, facts, extract, store, graph, checkers,
#     findings, scan, then reports/, then cli/);
#   - code outside src/store calls SQLite (sqlite3_ anywhere else);
#   - a rule id is written as a string literal in C code (comments aside)
#     outside the rule table (LS_RULE_TABLE in src/rules/include/rules.h);
#   - a C source or header is over 600 lines.
# Usage: check.sh REPO_ROOT
set -euo pipefail
root=${1:?usage: check.sh REPO_ROOT}
cd "$root"
fail=0
offence() { echo "architecture: $*"; fail=1; }

stages=(src/common src/rules src/inputs src/facts src/extract src/store src/graph src/checkers
        src/findings src/scan reports cli)
declare -A public=() # header name -> index of the stage it is the public header of
for i in "${!stages[@]}"; do
  dir=${stages[$i]}
  [ -d "$dir" ] || continue
  for h in "$dir"/include/*.h; do
    [ -e "$h" ] && public[$(basename "$h")]=$i
  done
done

for i in "${!stages[@]}"; do
  dir=${stages[$i]}
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' file; do
    while IFS= read -r inc; do
      [ -n "$inc" ] || continue
      if [ -e "$dir/$inc" ] || [ -e "$dir/include/$inc" ]; then continue; fi
      owner=${public[$inc]:-}
      if [ -z "$owner" ]; then
        offence "$file includes \"$inc\", which is no stage's public header"
      elif [ "$owner" -ge "$i" ]; then
        offence "$file includes \"$inc\" of ${stages[$owner]}, a later stage"
      fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
  done < <(find "$dir" -name '*.[ch]' -print0)
done

# Only the store speaks SQL.
while IFS= read -r file; do
  offence "$file calls SQLite outside src/store"
done < <(grep -rl --include='*.[ch]' 'sqlite3_' src reports cli bench tests examples runtime \
           | grep -v '^src/store/' || true)

# Rule ids only in the rule table.
table=src/rules/include/rules.h
ids=$(sed -n 's/^[[:space:]]*X([A-Z_]*,[[:space:]]*"\([^"]*\)").*/\1/p' "$table")
[ -n "$ids" ] || offence "no rule ids found in $table"
for id in $ids; do
  while IFS= read -r hit; do
    offence "rule id \"$id\" written outside the rule table: $hit"
  done < <(grep -rn --include='*.[ch]' "\"$id\"" src reports cli | grep -v "^$table:" \
             | grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)' || true)
done

# Small files.
while IFS= read -r -d '' file; do
  n=$(wc -l < "$file")
  [ "$n" -le 600 ] || offence "$file has $n lines (at most 600)"
done < <(find src reports cli runtime tests bench examples -name '*.[ch]' -print0)

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "architecture: stages, SQL, rule ids and file sizes as they should be"
