# shellcheck shell=bash
# triage-lib.sh: the finding keys, the seeded sample and the triage files
# of the real-code measurements, sourced by bench/real-code.sh,
# bench/addons.sh and bench/cxx-projects.sh (docs/real-code.md).
#
# ---- the finding key ---------------------------------------------------------
# A judgment must survive unrelated edits that shift lines, so a finding is
# named by
#     RULE|FUNCTION|CALLEE|BASENAME
# (the rule, the function that makes the blocking call, the blocking callee,
# the base name of its file). When one function makes the same blocking call
# several times, the second and later ones (in line order) get "#2", "#3"...
#
# ---- the sample ----------------------------------------------------------------
# Each key is ranked by sha256("SEED:KEY") (hex, as printed by sha256sum) and
# the SAMPLE lowest are the sample (all of them when there are fewer). The
# ranking depends only on the key and the seed, so the sample does not depend
# on the report's order, and a change that adds or removes findings changes
# the sample only where a new key ranks below the cut or a sampled one
# disappears: the rest stay judged.
#
# ---- the triage files ------------------------------------------------------------
# One line per judged finding, three or four fields separated by a TAB:
#     KEY<TAB>true|false<TAB>one-line reason<TAB>PATH
# PATH is the path that was judged, as the functions on it from the
# blocking call back to the root ("f <- g <- root"), without lines. '#'
# starts a comment line. A sampled finding without a line is printed as
# "UNJUDGED" (so a change to the analyzer shows which new findings need
# reading), and one whose path is no longer the judged one as "REJUDGE"
# (a judgment is of the path shown: another path needs reading again; both
# count as unjudged); a judged key that is no longer reported is printed as
# "STALE".
#
# Settings (the sourcing script sets them; these are the defaults):
#   SEED          the sampling seed (1)
#   SAMPLE        findings sampled (30)
#   TRIAGE_WIDTH  the width of the name column of the summary line (10)
#   TRIAGE_PROG   the name error messages start with (the sourcing script's)
# Needs jq and sha256sum.

SEED=${SEED:-1}
SAMPLE=${SAMPLE:-30}
TRIAGE_WIDTH=${TRIAGE_WIDTH:-10}
TRIAGE_PROG=${TRIAGE_PROG:-$(basename "$0")}

# keys JSON > TSV: one line per finding,
#   KEY \t path:line \t root \t steps (" <- " separated, blocking call first)
keys() {
  jq -r '[.rule, .function, .callee, ((.path // "?") | split("/") | last),
          (.line // 0), "\(.path):\(.line)", (.root // "?"),
          ([.steps[] | "\(.path // "?"):\(.line // "?") \(.function // "?")"] | reverse | join(" <- "))]
         | @tsv' "$1" |
    sort -t$'\t' -k1,4 -k5,5n |
    awk -F'\t' 'BEGIN { OFS = "\t" }
      { k = $1 "|" $2 "|" $3 "|" $4; n[k]++; if (n[k] > 1) k = k "#" n[k];
        print k, $6, $7, $8 }'
}

# rank TSV > TSV: the keys ordered by sha256("SEED:KEY").
rank() {
  local key rest h
  while IFS=$'\t' read -r key rest; do
    h=$(printf '%s:%s' "$SEED" "$key" | sha256sum | cut -c1-64)
    printf '%s\t%s\t%s\n' "$h" "$key" "$rest"
  done <"$1" | sort -k1,1 | cut -f2-
}

# path_functions STEPS: the functions of a path ("file:line f <- file:line g"
# -> "f <- g"), as the triage files record the path judged.
path_functions() {
  printf '%s' "$1" | awk 'BEGIN { RS = " <- "; ORS = "" }
    { sub(/\n$/, ""); sub(/^[^ ]* /, ""); printf "%s%s", (NR > 1 ? " <- " : ""), $0 }'
}

# judge NAME DIR TRIAGE: the summary line of NAME, whose findings are
# DIR/findings.tsv (from keys), judged by the triage file TRIAGE (which need
# not exist: then every sampled finding is UNJUDGED); writes DIR/sample.txt.
judge() {
  local p=$1 dir=$2 triage=$3
  local total sampled=0 t=0 f=0 u=0 stale=0 key loc root steps verdict reason prec jpath fpath
  total=$(wc -l <"$dir/findings.tsv")
  declare -A V=() R=() P=() SEEN=()
  if [[ -f $triage ]]; then
    while IFS=$'\t' read -r key verdict reason jpath; do
      [[ -z $key || $key == \#* ]] && continue
      case $verdict in
        true|false) ;;
        *) echo "$TRIAGE_PROG: $triage: '$key': verdict '$verdict' is not true or false" >&2; continue ;;
      esac
      V[$key]=$verdict; R[$key]=$reason; P[$key]=${jpath:-}
    done <"$triage"
  fi
  while IFS=$'\t' read -r key loc root steps; do SEEN[$key]=1; done <"$dir/findings.tsv"
  : >"$dir/sample.txt"
  while IFS=$'\t' read -r key loc root steps; do
    sampled=$((sampled + 1))
    verdict=${V[$key]:-UNJUDGED}
    fpath=$(path_functions "$steps")
    if [[ $verdict != UNJUDGED && -n ${P[$key]:-} && ${P[$key]} != "$fpath" ]]; then
      verdict=REJUDGE
    fi
    case $verdict in
      true) t=$((t + 1)) ;;
      false) f=$((f + 1)) ;;
      REJUDGE) u=$((u + 1)); echo "  REJUDGE $p: $key ($loc): the path is now $fpath" ;;
      *) u=$((u + 1)); echo "  UNJUDGED $p: $key ($loc)" ;;
    esac
    printf '%s\t%s\t%s\t%s\n  at %s (root %s)\n  path: %s\n\n' "$verdict" "$key" "${R[$key]:-}" \
      "$fpath" "$loc" "$root" "$steps" >>"$dir/sample.txt"
  done < <(rank "$dir/findings.tsv" | head -n "$SAMPLE")
  for key in "${!V[@]}"; do
    [[ -n ${SEEN[$key]:-} ]] && continue
    stale=$((stale + 1))
    echo "  STALE $p: $key (judged ${V[$key]}, no longer reported)"
  done
  if [[ $((t + f)) -gt 0 ]]; then
    prec=$(awk -v t="$t" -v f="$f" 'BEGIN { printf "%.0f%%", 100 * t / (t + f) }')
  else
    prec=-
  fi
  printf "%-${TRIAGE_WIDTH}s findings %4d  sampled %2d  true %2d  false %2d  unjudged %2d  precision %s%s\n" \
    "$p" "$total" "$sampled" "$t" "$f" "$u" "$prec" \
    "$([[ $stale -gt 0 ]] && echo "  ($stale stale judgments)")"
}
