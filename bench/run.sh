#!/usr/bin/env bash
# bench/run.sh: lagscan's performance benchmark (docs/performance.md).
#
#   bench/run.sh [PROJECT_BUILD_DIR]      (default /work/scratch/libuv/build)
#
# Measures, in one run and as ratios between numbers of that run (medians of
# RUNS repetitions, interleaved so that a busy machine slows every contender
# alike):
#   - full `lagscan scan` at -j1 vs. the floor at -j1 (bench/floor.c: the same
#     TUs parsed with libclang, every cursor visited once)      target <= 1.2x
#   - full scan -j2 vs. -j1 (worker processes)                  target >= 1.7x
#   - rescan of an unchanged tree vs. a full scan               target <= 3%
#   - one .c (or C++ source) file touched: the rescan minus that TU's own parse time
#                                                               target <= 0.3 s
#   - a widely included header touched: TUs parsed again vs. TUs including it
#                                                               target: equal
#   - peak memory of the whole process tree at -j2 (bench/peakrss.c)
#                                                               target <= 400 MiB
#   - peers over the same compile commands: clang -fsyntax-only (-j1),
#     clang-tidy -checks=-*,bugprone-signal-handler, cppcheck --project
# and where lagscan's time above the floor goes (floor --stage: extractor,
# fact store, a process per TU); then the same on the fixtures (testdata/, as one program), the graph phase
# on synthetic fact stores of 250k, 500k and 1M call edges (10,000 TUs;
# target <= 2 s and 1 GiB, linear) plus a "hub" shape (few functions with
# very many call sites), and the SARIF writer's memory at 2,500 and 25,000
# results (flat).
#
# Environment:
#   RUNS=5           repetitions of every timed measurement (medians)
#   PEER_RUNS=RUNS   repetitions of clang-tidy and cppcheck (slow)
#   HEADER_RUNS=1    repetitions of the header-touch rescan
#   BREAKDOWN_RUNS=3 repetitions of the overhead breakdown (floor --stage)
#   BIN=build-b/bin  where lagscan and the bench programs are (cmake build)
#   OUT=bench/out    where the databases, logs and results.md go
#   TOUCH_C, TOUCH_H the source file and the header to touch (default: the
#                    largest .c, .cc, .cpp or .cxx file with one compile
#                    command; the most included
#                    header of the project that not every TU includes)
#   SKIP="peers breakdown fixtures synthetic sarif"   parts to leave out
#   CLANG=clang-14 CLANG_TIDY=clang-tidy CPPCHECK=cppcheck
#   QUIET=0.15 QUIET_WAIT=900 RETRIES=3   shared machines: see wait_quiet
#
# A C++ project works the same way (its compile commands are used as given,
# so its TUs are parsed as C++): bench/cxx-projects.sh prepares one, e.g.
#   SKIP="peers breakdown fixtures synthetic sarif" bench/run.sh /work/scratch/cxx/i2pd/_build
#
# Touched files are modified in place (a comment appended) and restored,
# contents and mtime, when the script exits, even on Ctrl-C.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BUILD=$(cd "${1:-/work/scratch/libuv/build}" && pwd)
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-$RUNS}
HEADER_RUNS=${HEADER_RUNS:-1}
BREAKDOWN_RUNS=${BREAKDOWN_RUNS:-3}
BIN=$(cd "${BIN:-$root/build-b/bin}" && pwd)
OUT=${OUT:-$root/bench/out}
SKIP=${SKIP:-}
CLANG=${CLANG:-$(command -v clang-14 || command -v clang || true)}
CLANG_TIDY=${CLANG_TIDY:-$(command -v clang-tidy || command -v clang-tidy-14 || true)}
CPPCHECK=${CPPCHECK:-$(command -v cppcheck || true)}
LAGSCAN=$BIN/lagscan
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
LOG=$OUT/raw.log
RESULTS=$OUT/results.md
: > "$LOG"

for p in lagscan floor peakrss gen_facts bench_graph bench_sarif; do
  [ -x "$BIN/$p" ] || { echo "run.sh: '$BIN/$p' is missing: build with cmake first" >&2; exit 2; }
done
[ -f "$BUILD/compile_commands.json" ] || { echo "run.sh: no '$BUILD/compile_commands.json'" >&2; exit 2; }

skipping() { [[ " $SKIP " == *" $1 "* ]]; }
log() { echo "$*" | tee -a "$LOG" >&2; }

# ---- restoring touched files --------------------------------------------------
backups=()
restore() {
  local b
  for b in "${backups[@]}"; do
    [ -f "$b" ] || continue
    cp -p "$b" "$(cat "$b.path")" && rm -f "$b" "$b.path"
  done
  backups=()
}
trap restore EXIT
trap 'restore; exit 130' INT TERM
backup() { # FILE: keep a copy (contents and mtime) to restore at exit
  local b
  b=$OUT/$(echo "$1" | tr / _).bench-orig
  cp -p "$1" "$b"
  echo "$1" > "$b.path"
  backups+=("$b")
}
touch_file() { # FILE N: a real change (a comment), so digests differ
  printf '\n/* lagscan bench touch %s %s */\n' "$2" "$(date +%s%N)" >> "$1"
}
put_back() { # FILE: the original contents and mtime again
  local b
  b=$OUT/$(echo "$1" | tr / _).bench-orig
  cp -p "$b" "$1"
}

# ---- timing --------------------------------------------------------------------
# The machine may be shared: every timed run is made when the rest of the
# machine is quiet (less than QUIET of a core busy for 2 s, waiting up to
# QUIET_WAIT s), and made again (up to RETRIES times) when something else ran
# during it (peakrss's foreign_cpu_s above QUIET x its wall time). Medians are
# taken over the undisturbed runs when there are any.
QUIET=${QUIET:-0.15}
QUIET_WAIT=${QUIET_WAIT:-900}
RETRIES=${RETRIES:-3}
busy_s() { awk '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / 100; exit}' /proc/stat; }
wait_quiet() {
  local waited=0 a b
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    a=$(busy_s); sleep 2; b=$(busy_s)
    if awk -v a="$a" -v b="$b" -v q="$QUIET" 'BEGIN {exit !((b - a) / 2 < q)}'; then return 0; fi
    [ "$waited" -eq 0 ] && log "   (waiting for a quiet machine: $(cut -d' ' -f1-3 /proc/loadavg))"
    sleep 3
    waited=$((waited + 5))
  done
  log "   (machine still busy after ${QUIET_WAIT} s: measuring anyway)"
}

# timed NAME CMD...: runs CMD (stdout discarded, stderr to the log), appends
# "wall cpu foreign clean" to series NAME (a file, since timed runs in $(...))
# and prints the wall time. Exit statuses 0 and 1 (findings) are fine.
# PREP="shell code" runs before every attempt (a full scan's fresh database).
last_stderr=$OUT/last.err
rm -rf "$OUT/series"
mkdir -p "$OUT/series"
timed() {
  local name=$1
  shift
  local f=$OUT/peak.txt attempt st w c x clean
  for attempt in $(seq 0 "$RETRIES"); do
    wait_quiet
    if [ -n "${PREP:-}" ]; then eval "$PREP"; fi
    : > "$f"
    st=0
    "$BIN/peakrss" -i 0 -o "$f" -- "$@" > /dev/null 2> "$last_stderr" || st=$?
    cat "$last_stderr" >> "$LOG"
    if [ "$st" -gt 1 ]; then log "run.sh: warning: '$name' exited with status $st"; fi
    w=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' "$f")
    c=$(sed -n 's/.* cpu_s=\([0-9.]*\).*/\1/p' "$f")
    x=$(sed -n 's/.*foreign_cpu_s=\([0-9.]*\).*/\1/p' "$f")
    clean=$(awk -v w="$w" -v x="$x" -v q="$QUIET" 'BEGIN {print (x <= q * w + 0.05) ? 1 : 0}')
    if [ "$clean" = 1 ] || [ "$attempt" = "$RETRIES" ]; then break; fi
    log "   ($name disturbed: ${x} s of other CPU in ${w} s; again)"
  done
  echo "$w $c $x $clean" >> "$OUT/series/$name"
  echo "$w"
}
median() { # NUMBERS...
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
# med NAME [COLUMN]: the median of column 1 (wall, default) or 2 (cpu) over
# the undisturbed runs, or over all runs when none was.
med() {
  local f=$OUT/series/$1 col=${2:-1}
  [ -s "$f" ] || { echo nan; return; }
  if awk '$4 == 1 {found = 1} END {exit !found}' "$f"; then
    median $(awk -v c="$col" '$4 == 1 {print $c}' "$f")
  else
    median $(awk -v c="$col" '{print $c}' "$f")
  fi
}
clean_count() { awk '$4 == 1 {n++} END {printf "%d/%d", n, NR}' "$OUT/series/$1" 2>/dev/null; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "nan"; else printf "%.3f", a / b }'; }
verdict() { # VALUE OP TARGET -> PASS/MISS
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
    ok = (op == "<=") ? (v + 0 <= t + 0) : (op == ">=") ? (v + 0 >= t + 0) : (v + 0 == t + 0);
    print (v !~ /^-?[0-9.]+$/) ? "n/a" : (ok ? "PASS" : "MISS") }'
}

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); log "  $1: $2 (target $3) $4"; }

# ---- the machine ----------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
log "lagscan benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
log "machine: $(nproc) cores, $cpu, $mem RAM, $(uname -sr)"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "libclang: $(ls -d /usr/lib/llvm-*/lib/libclang.so* 2>/dev/null | head -1); clang: ${CLANG:-none}"
rev=${LAGSCAN_REV:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$root" && git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')}
log "lagscan: $("$LAGSCAN" --version) at $rev"

# ---- one project ------------------------------------------------------------------
# bench_project LABEL BUILD_DIR SOURCE_ROOT: everything on one compilation
# database; the header to touch is one under SOURCE_ROOT.
bench_project() {
  local label=$1 build=$2 src=$3
  local w=$OUT/$label
  mkdir -p "$w"
  local ncmds ntus
  ncmds=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$build/compile_commands.json")
  log ""
  log "== $label: $build ($ncmds compile commands), RUNS=$RUNS"
  # Warm the page cache (headers) once, uncounted.
  "$BIN/floor" -p "$build" -j 2 > /dev/null 2>&1 || true

  local db1=$w/full-j1.db db2=$w/full-j2.db
  for i in $(seq 1 "$RUNS"); do
    rm -f "$db1" "$db1"-* "$db2" "$db2"-*
    log "-- $label run $i/$RUNS"
    log "   floor -j1: $(timed "$label.floor1" "$BIN/floor" -p "$build" -j 1) s"
    log "   scan  -j1: $(PREP="rm -f '$db1' '$db1'-*" timed "$label.scan1" "$LAGSCAN" scan -p "$build" --db "$db1" -j 1 --no-progress) s"
    log "   floor -j2: $(timed "$label.floor2" "$BIN/floor" -p "$build" -j 2) s"
    log "   scan  -j2: $(PREP="rm -f '$db2' '$db2'-*" timed "$label.scan2" "$LAGSCAN" scan -p "$build" --db "$db2" -j 2 --no-progress) s"
    log "   rescan   : $(timed "$label.rescan" "$LAGSCAN" scan -p "$build" --db "$db2" -j 2 --no-progress) s"
    if ! skipping peers && [ -n "$CLANG" ]; then
      log "   clang -fsyntax-only -j1: $(timed "$label.clang" "$BIN/floor" -p "$build" -j 1 --syntax-only "$CLANG") s"
    fi
  done
  ntus=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from tu').fetchone()[0])" "$db2")

  # Peak memory of the process tree at -j2 (sampled every 50 ms).
  local pf=$OUT/peak-$label.txt
  rm -f "$db2" "$db2"-* "$pf"
  wait_quiet
  "$BIN/peakrss" -i 50 -o "$pf" -- "$LAGSCAN" scan -p "$build" --db "$db2" -j 2 --no-progress > /dev/null 2>> "$LOG" || true
  local tree_rss tree_pss proc_rss
  tree_rss=$(sed -n 's/.*tree_rss_kib=\([0-9]*\).*/\1/p' "$pf")
  tree_pss=$(sed -n 's/.*tree_pss_kib=\([0-9]*\).*/\1/p' "$pf")
  proc_rss=$(sed -n 's/.*max_proc_rss_kib=\([0-9]*\).*/\1/p' "$pf")
  local fl1 sc1 fl2 sc2 rs
  fl1=$(med "$label.floor1"); sc1=$(med "$label.scan1"); fl2=$(med "$label.floor2")
  sc2=$(med "$label.scan2"); rs=$(med "$label.rescan")

  log ""
  log "results for $label ($ntus TUs):"
  local r
  r=$(ratio "$sc1" "$fl1")
  row "$label: full scan -j1 / floor -j1 (wall)" "${sc1} s / ${fl1} s = **${r}x** ($(clean_count "$label.scan1") and $(clean_count "$label.floor1") runs undisturbed)" "<= 1.2x" "$(verdict "$r" "<=" 1.2)"
  local csc1 cfl1
  csc1=$(med "$label.scan1" 2); cfl1=$(med "$label.floor1" 2)
  r=$(ratio "$csc1" "$cfl1")
  row "$label: full scan -j1 / floor -j1 (CPU time)" "${csc1} s / ${cfl1} s = **${r}x**" "<= 1.2x" "$(verdict "$r" "<=" 1.2)"
  r=$(ratio "$sc1" "$sc2")
  row "$label: speedup -j2 vs -j1" "${sc1} s / ${sc2} s = **${r}x** (floor: $(ratio "$fl1" "$fl2")x; $(clean_count "$label.scan2") runs undisturbed)" ">= 1.7x" "$(verdict "$r" ">=" 1.7)"
  r=$(awk -v a="$rs" -v b="$sc2" 'BEGIN {printf "%.2f", 100 * a / b}')
  row "$label: unchanged rescan / full scan -j2" "${rs} s / ${sc2} s = **${r}%**" "<= 3%" "$(verdict "$r" "<=" 3)"
  r=$(awk -v a="$tree_rss" 'BEGIN {printf "%.0f", a / 1024}')
  row "$label: peak RSS of the process tree, -j2" "**${r} MiB** (sum of RSS; PSS $(awk -v a="$tree_pss" 'BEGIN {printf "%.0f", a / 1024}') MiB; largest process $(awk -v a="$proc_rss" 'BEGIN {printf "%.0f", a / 1024}') MiB)" "<= 400 MiB" "$(verdict "$r" "<=" 400)"
  if [ -s "$OUT/series/$label.clang" ]; then
    local cl
    cl=$(med "$label.clang")
    row "$label: peer clang -fsyntax-only -j1" "${cl} s (scan -j1 / clang = $(ratio "$sc1" "$cl")x)" "-" "-"
  fi
  row "$label: floor -j1 / -j2" "${fl1} s / ${fl2} s" "-" "-"

  if ! skipping breakdown; then breakdown "$label" "$build"; fi
  touch_tests "$label" "$build" "$db2" "$src"
  if ! skipping peers; then peers "$label" "$build" "$sc1"; fi
}

# ---- where the time above the floor goes -----------------------------------------------
# floor --stage: lagscan's extractor in-process, + the fact store in-process,
# + a long-lived worker process fed over a pipe (what src/scan/workers.c
# does), and, for comparison, one forked process per TU (what it did before).
breakdown() {
  local label=$1 build=$2 db=$OUT/$label/stage.db
  log ""
  log "-- $label: where the time above the floor goes (BREAKDOWN_RUNS=$BREAKDOWN_RUNS)"
  local i
  for i in $(seq 1 "$BREAKDOWN_RUNS"); do
    # the floor again, interleaved: a VM's speed drifts over minutes
    log "   floor, in-process  : $(timed "$label.stage_visit" "$BIN/floor" -p "$build" -j 1) s"
    log "   extract, in-process: $(timed "$label.stage_extract" "$BIN/floor" -p "$build" -j 1 --stage extract) s"
    log "   + store, in-process: $(PREP="rm -f '$db' '$db'-*" timed "$label.stage_store" "$BIN/floor" -p "$build" -j 1 --stage store --db "$db") s"
    log "   + a worker process : $(PREP="rm -f '$db' '$db'-*" timed "$label.stage_worker" "$BIN/floor" -p "$build" -j 1 --workers --stage store --db "$db") s"
    log "   (a process per TU  : $(PREP="rm -f '$db' '$db'-*" timed "$label.stage_fork" "$BIN/floor" -p "$build" -j 1 --fork --stage store --db "$db") s)"
  done
  local v e st wk fk
  v=$(med "$label.stage_visit"); e=$(med "$label.stage_extract")
  st=$(med "$label.stage_store"); wk=$(med "$label.stage_worker"); fk=$(med "$label.stage_fork")
  row "$label: breakdown (-j1): floor / + extractor / + store / + worker process (a process per TU instead)" "${v} / ${e} / ${st} / ${wk} s (${fk} s)" "-" "-"
}

# ---- touching a .c file and a header ---------------------------------------------------
touch_tests() {
  local label=$1 build=$2 db=$3 src=$4
  local c=${TOUCH_C:-} h=${TOUCH_H:-}
  if [ -z "$c" ]; then
    c=$(python3 - "$build/compile_commands.json" <<'EOF'
import collections, json, os, sys
d = json.load(open(sys.argv[1]))
n = collections.Counter(os.path.realpath(os.path.join(e["directory"], e["file"])) for e in d)
src = (".c", ".cc", ".cpp", ".cxx", ".c++", ".C")  # a C or a C++ project
once = [f for f, k in n.items() if k == 1 and f.endswith(src)] or list(n)
print(max(once, key=os.path.getsize))
EOF
)
  fi
  if [ -z "$h" ]; then
    h=$(python3 - "$db" "$src" <<'EOF'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ntus = db.execute("select count(*) from tu").fetchone()[0]
rows = db.execute("select f.path, count(distinct i.tu_id) c from tu_include i join file f"
                  " on f.id = i.file_id group by f.path order by c desc, f.path").fetchall()
# a header of the project itself (never a system header), included by many
# TUs but not by all of them when there is such a header
top = os.path.realpath(sys.argv[2])
mine = [r for r in rows if r[0].startswith(top + "/")]
cands = [r for r in mine if r[1] < ntus] or mine
print(cands[0][0] if cands else "")
EOF
)
  fi
  log ""
  log "-- $label: touching $c"
  # Its own parse time: the floor for that file's TU(s), parse + visit only.
  local own=()
  for i in $(seq 1 "$RUNS"); do
    wait_quiet
    own+=("$("$BIN/floor" -p "$build" -j 1 -v --only "$c" 2>&1 >/dev/null | awk '/^floor: [0-9.]+ s / {s += $2} END {printf "%.3f", s}')")
  done
  backup "$c"
  for i in $(seq 1 "$RUNS"); do
    touch_file "$c" "$i"
    log "   touched .c rescan: $(RETRIES=0 timed "$label.touch_c" "$LAGSCAN" scan -p "$build" --db "$db" -j 2 -v --no-progress) s; $(grep -o '([0-9]* parsed[^)]*)' "$last_stderr" || true)"
    put_back "$c"
  done
  # Back to the stored state (the original file parsed again).
  "$LAGSCAN" scan -p "$build" --db "$db" -j 2 --no-progress > /dev/null 2>> "$LOG" || true
  local own_m tc
  own_m=$(median "${own[@]}")
  tc=$(med "$label.touch_c")
  local over
  over=$(awk -v a="$tc" -v b="$own_m" 'BEGIN {printf "%.3f", a - b}')
  local what=".c"
  [[ $c == *.c ]] || what="source file"
  row "$label: one $what touched ($(basename "$c"))" "rescan ${tc} s - own parse ${own_m} s = **${over} s**" "<= 0.3 s" "$(verdict "$over" "<=" 0.3)"

  if [ -n "$h" ]; then
    # TUs that include it, and compile commands of those TUs (a TU compiled
    # twice with the same flags, differing only in -o, has two).
    local includers commands
    read -r includers commands < <(python3 - "$db" "$h" "$build/compile_commands.json" <<'EOF'
import json, os, re, shlex, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
inc = {k for (k,) in db.execute(
    "select t.key from tu t join tu_include i on i.tu_id = t.id join file f on f.id = i.file_id"
    " where f.path = ?", (sys.argv[2],))}
n = 0
for e in json.load(open(sys.argv[3])):
    args = e.get("arguments") or shlex.split(e["command"])
    # the arguments as src/inputs/compdb.c's ls_sanitize_args leaves them
    # (CMake's C++ commands carry -pipe, say, which it drops)
    with_value = ("-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics", "-dependency-file",
                  "-fprofile-use-path", "-Xlinker", "-Wl,", "-Xclang", "-Xanalyzer",
                  "-Xpreprocessor", "-Xassembler")
    exact = ("-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-MG", "-save-temps", "-pipe")
    prefix = ("-fplugin=", "-fpass-plugin=", "-fprofile-generate", "-fprofile-instr-generate",
              "-fcs-profile-generate", "-ftime-trace", "-save-temps=", "-fcrash-diagnostics-dir",
              "-MF", "-MT", "-MQ", "-o", "-Wl,", "-fdump-", "-fstack-usage", "-fcallgraph-info",
              "--coverage", "-fprofile-arcs", "-ftest-coverage", "-fmodules-cache-path", "@")
    out, skip = [], False
    for i, a in enumerate(args[1:], 1):
        if skip:
            skip = False
        elif a in with_value:
            skip = i + 1 < len(args)
        elif a not in exact and not a.startswith(prefix):
            out.append(a)
    # libclang's compilation database puts --driver-mode=g++ after a C++
    # compiler's name (c++, g++, clang++: '++' at the end, a version after it)
    name = re.sub(r"-[0-9.]+$", "", os.path.basename(args[0]))
    if name.endswith("++") and not any(a.startswith("--driver-mode=") for a in out):
        out.insert(0, "--driver-mode=g++")
    d = os.path.realpath(e["directory"])
    f = os.path.realpath(os.path.join(d, e["file"]))
    n += "\n".join([f, d] + out) in inc
print(len(inc), n)
EOF
)
    log "-- $label: touching $h (included by $includers TUs, $commands compile commands)"
    backup "$h"
    local parsed=""
    for i in $(seq 1 "$HEADER_RUNS"); do
      touch_file "$h" "$i"
      log "   touched header rescan: $(RETRIES=0 timed "$label.touch_h" "$LAGSCAN" scan -p "$build" --db "$db" -j 2 -v --no-progress) s; $(grep -o '([0-9]* parsed[^)]*)' "$last_stderr" || true)"
      parsed=$(sed -n 's/.*(\([0-9]*\) parsed.*/\1/p' "$last_stderr" | tail -1)
      put_back "$h"
      "$LAGSCAN" scan -p "$build" --db "$db" -j 2 --no-progress > /dev/null 2>> "$LOG" || true
    done
    local dup=""
    if [ "$commands" != "$includers" ]; then dup="; $((commands - includers)) of them repeat another's TU (a file built twice with the same flags: parsed once)"; fi
    row "$label: header touched ($(basename "$h"))" "**${parsed} parsed**: ${includers} TUs include it, ${commands} compile commands${dup} ($(med "$label.touch_h") s at -j2)" "parsed = includers" "$(verdict "$parsed" "==" "$includers")"
  fi
  restore
}

# ---- peers -------------------------------------------------------------------------
peers() {
  local label=$1 build=$2 sc1=$3
  local files
  mapfile -t files < <(python3 -c "
import json, os, sys
seen = []
for e in json.load(open(sys.argv[1])):
    f = os.path.realpath(os.path.join(e['directory'], e['file']))
    if f not in seen and not f.endswith(('.s', '.S', '.asm')): seen.append(f)
print('\n'.join(seen))" "$build/compile_commands.json")
  if [ -n "$CLANG_TIDY" ]; then
    for i in $(seq 1 "$PEER_RUNS"); do
      log "   clang-tidy: $(timed "$label.tidy" "$CLANG_TIDY" --quiet --config='{}' -checks='-*,bugprone-signal-handler' -p "$build" "${files[@]}") s"
    done
    local t
    t=$(med "$label.tidy")
    row "$label: peer clang-tidy -checks=-*,bugprone-signal-handler" "${t} s (${#files[@]} files; scan -j1 / clang-tidy = $(ratio "$sc1" "$t")x)" "-" "-"
  else
    log "   clang-tidy not installed: skipped"
  fi
  if [ -n "$CPPCHECK" ]; then
    for i in $(seq 1 "$PEER_RUNS"); do
      log "   cppcheck: $(timed "$label.cppcheck" "$CPPCHECK" --quiet --project="$build/compile_commands.json") s"
    done
    local t
    t=$(med "$label.cppcheck")
    row "$label: peer cppcheck --project" "${t} s (scan -j1 / cppcheck = $(ratio "$sc1" "$t")x)" "-" "-"
  else
    log "   cppcheck not installed: skipped"
  fi
}

# ---- the fixtures as one program --------------------------------------------------
# A copy of testdata/ and of the two include directories, so that touching a
# file never touches the repository.
fixtures_build() {
  local src=$OUT/fixtures-src dir=$OUT/fixtures-src/build
  rm -rf "$src"
  mkdir -p "$src/runtime" "$dir"
  cp -r "$root/testdata" "$root/include" "$src/"
  cp -r "$root/runtime/include" "$src/runtime/"
  python3 - "$src" "$dir" <<'EOF'
import glob, json, os, re, sys
root, out = sys.argv[1], sys.argv[2]
cmds = []
for f in sorted(glob.glob(os.path.join(root, "testdata", "*.c")) +
                glob.glob(os.path.join(root, "testdata", "*", "*.c"))):
    extra = []
    for line in open(f, errors="replace"):
        m = re.search(r"lagscan-flags:(.*)", line)
        if m:
            extra += m.group(1).split()
    cmds.append({"directory": out, "file": f,
                 "arguments": ["clang", "-I" + root + "/include", "-I" + root + "/runtime/include"]
                 + extra + ["-c", f]})
json.dump(cmds, open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
EOF
  echo "$dir"
}

declare -A series

# ---- the graph phase on synthetic programs ---------------------------------------------
synthetic() {
  log ""
  log "== graph + rules + findings on synthetic fact stores (10,000 TUs)"
  local prev="" prev_e="" t1m="" r1m=""
  for e in 250000 500000 1000000; do
    local db=$OUT/synthetic-$e.db
    [ -f "$db" ] || "$BIN/gen_facts" --db "$db" --edges "$e" >> "$LOG" 2>&1
    local line
    wait_quiet
    line=$("$BIN/bench_graph" --db "$db" --repeat "$RUNS" 2>> "$LOG")
    log "   $line"
    local t m
    t=$(echo "$line" | sed -n 's/.*time_s=\([0-9.]*\).*/\1/p')
    m=$(echo "$line" | sed -n 's/.*peak_rss_mib=\([0-9.]*\).*/\1/p')
    if [ -n "$prev" ]; then log "   time ratio ${e}/${prev_e} edges: $(ratio "$t" "$prev") (edges x$(ratio "$e" "$prev_e"))"; fi
    series[synth.$e]=$t
    prev=$t
    prev_e=$e
    t1m=$t
    r1m=$m
  done
  row "graph phase, 1M edges / 10k TUs: time" "**${t1m} s**" "<= 2 s" "$(verdict "$t1m" "<=" 2)"
  row "graph phase, 1M edges / 10k TUs: peak RSS" "**${r1m} MiB**" "<= 1024 MiB" "$(verdict "$r1m" "<=" 1024)"
  local l1 l2
  l1=$(ratio "${series[synth.500000]}" "${series[synth.250000]}")
  l2=$(ratio "${series[synth.1000000]}" "${series[synth.500000]}")
  row "graph phase, time ratio 500k/250k and 1M/500k edges" "**${l1}** and **${l2}** (2.0 = linear)" "~2 (linear)" "$(verdict "$l2" "<=" 2.6)"

  log "== the same, 20 TUs of 2 functions each (functions with very many call sites)"
  prev=""
  for e in 100000 200000 400000; do
    local db=$OUT/hub-$e.db
    [ -f "$db" ] || "$BIN/gen_facts" --db "$db" --tus 20 --funcs-per-tu 2 --edges "$e" >> "$LOG" 2>&1
    local line t
    wait_quiet
    line=$("$BIN/bench_graph" --db "$db" --repeat "$RUNS" 2>> "$LOG")
    log "   $line"
    t=$(echo "$line" | sed -n 's/.*time_s=\([0-9.]*\).*/\1/p')
    series[hub.$e]=$t
  done
  l1=$(ratio "${series[hub.200000]}" "${series[hub.100000]}")
  l2=$(ratio "${series[hub.400000]}" "${series[hub.200000]}")
  row "graph phase, hub shape (20 TUs x 2 functions): 100k/200k/400k edges" "${series[hub.100000]} / ${series[hub.200000]} / ${series[hub.400000]} s, ratios **${l1}** and **${l2}**" "~2 (linear)" "$(verdict "$l2" "<=" 2.6)"
}

sarif() {
  log ""
  log "== SARIF writer memory"
  local out
  wait_quiet
  out=$("$BIN/bench_sarif" --findings 2500 --findings 25000 2>> "$LOG")
  echo "$out" | tee -a "$LOG" >&2
  local p1 p2 r
  p1=$(echo "$out" | sed -n 's/.*findings=2500 .*writer_peak_mib=\([0-9.]*\).*/\1/p')
  p2=$(echo "$out" | sed -n 's/.*findings=25000 .*writer_peak_mib=\([0-9.]*\).*/\1/p')
  r=$(ratio "$p2" "$p1")
  row "SARIF writer peak memory, 25,000 vs 2,500 results" "${p2} MiB / ${p1} MiB = **${r}**" "~1 (flat)" "$(verdict "$r" "<=" 1.5)"
}

bench_project "$(basename "$(dirname "$BUILD")")" "$BUILD" "$(dirname "$BUILD")"
if ! skipping fixtures; then
  fb=$(fixtures_build)
  TOUCH_C= TOUCH_H= bench_project fixtures "$fb" "$OUT/fixtures-src"
fi
if ! skipping synthetic; then synthetic; fi
if ! skipping sarif; then sarif; fi

{
  echo "## lagscan benchmark, $(date -u '+%Y-%m-%d')"
  echo
  echo "- machine: $(nproc) cores, $cpu, $mem RAM, $(uname -sr)"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- medians of $RUNS runs (peers: $PEER_RUNS); \`bench/run.sh $BUILD\`"
  echo
  echo "| measure | value | target | |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$RESULTS"
echo
cat "$RESULTS"
echo
echo "raw log: $LOG"
