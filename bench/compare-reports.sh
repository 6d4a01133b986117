#!/usr/bin/env bash
# bench/compare-reports.sh: produces lagscan's reports (text, SARIF, JSON and a
# baseline) for every fixture in testdata/ and for real projects, and compares
# two such sets byte for byte. Made so that a change that must not change
# lagscan's output (a restructure of the source tree, a refactoring) can be
# checked: run it with the binary from before the change, run it again with
# the binary from after, and diff the two output directories.
#
#   bench/compare-reports.sh run [--repo DIR] [--jobs N] LAGSCAN OUTDIR [PROJECT_DIR...]
#   bench/compare-reports.sh diff DIR_A DIR_B
#
# Run `bench/compare-reports.sh --help` for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/compare-reports.sh run [--repo DIR] [--jobs N] LAGSCAN OUTDIR [PROJECT_DIR...]
       bench/compare-reports.sh diff DIR_A DIR_B
       bench/compare-reports.sh --help

run: scans with the lagscan binary LAGSCAN and writes into OUTDIR (created;
     it must not exist or be empty):
  - fixtures/NAME.{text,sarif,json,baseline.json,rc} for every fixture of
    DIR/testdata (DIR: --repo, default the repository this script is in).
    A fixture is testdata/NAME.c, or testdata/NAME/ whose *.c files are
    scanned together (in C-locale order), exactly as tests/fixtures/run.c
    does: FILE... -- -IDIR/include -IDIR/runtime/include plus the fixture's
    `lagscan-flags:` tokens. One scan per fixture and per format, each with
    a fresh database, -j N (default 2), run with DIR/testdata as working
    directory (so the srcroot is testdata/ and is the same in every run;
    run.c uses a random temporary directory instead).
  - NAME.{text,sarif,json,baseline.json,rc} for every PROJECT_DIR: a
    directory with compile_commands.json in it or in its build/
    subdirectory. If PROJECT_DIR is itself a directory named build/ with
    compile_commands.json, the project is its parent. NAME is the project
    directory's basename. The scan runs in the project directory (the
    srcroot) with `-p BUILD_DIR`, -j N, a fresh database per format.
  - NAME.{text,sarif,json,baseline}.log: what each scan printed (stdout and
    stderr; with -o and --no-progress normally nothing but the baseline's
    "wrote N fingerprints" line and diagnostics of TUs that failed).
  NAME.rc has one line per scan: "FORMAT EXIT_STATUS" (baseline for the
  baseline; 124 or 137: the scan timed out, LAGSCAN_COMPARE_TIMEOUT seconds
  per scan, default 3600). The time each scan took is printed on stdout
  only (never written into OUTDIR).

  Normalised (and nothing else), so that two runs of one binary are equal:
    - SARIF: the values of "startTimeUtc" and "endTimeUtc" become
      "@TIME@", the value of "commandLine" becomes "@COMMAND_LINE@" (it
      holds the temporary database and OUTDIR paths).
    - every file: the absolute path of LAGSCAN (as given and resolved)
      becomes @LAGSCAN@, where it appears.
    - *.log only: the run's temporary directory becomes @TMP@ and OUTDIR
      becomes @OUTDIR@ ("lagscan: wrote N fingerprints to 'OUTDIR/...'").
  The environment is fixed: LC_ALL=C, TZ=UTC, umask 022, stdin /dev/null,
  --no-progress; LAGSCAN_RULES_DIR and LAGSCAN_TEST_FAULT are unset, so a
  binary reads the rule packs its own build points at.

diff: compares every file under DIR_A and DIR_B byte for byte; prints
  "same FILE", "differs FILE" (with the first lines of diff -u) or
  "only in DIR FILE", then the file mode of every *.baseline.json in
  both directories as a note (modes are not part of the comparison).
  Exit status: 0 all files equal, 1 something differs, 2 usage error.

example:
  bench/compare-reports.sh run before/build/bin/lagscan /tmp/before ~/src/libuv/build
  bench/compare-reports.sh run build/bin/lagscan /tmp/after ~/src/libuv/build
  bench/compare-reports.sh diff /tmp/before /tmp/after
EOF
}

die() {
  echo "compare-reports.sh: $*" >&2
  exit 2
}

export LC_ALL=C TZ=UTC
unset LAGSCAN_RULES_DIR LAGSCAN_TEST_FAULT
umask 022

SCRIPT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
FORMATS=(text sarif json)

# ---- run -------------------------------------------------------------------

# normalise FILE KIND: KIND is sarif, log or other (see usage).
normalise() {
  local file=$1 kind=$2
  [[ -f $file ]] || return 0
  LS_BIN=$LAGSCAN LS_BIN_REAL=$LAGSCAN_REAL LS_TMP=$WORK LS_OUT=$OUTDIR LS_KIND=$kind \
    perl -pi -e '
      BEGIN { @bins = sort { length($b) <=> length($a) } grep { length } ($ENV{LS_BIN}, $ENV{LS_BIN_REAL}); }
      if ($ENV{LS_KIND} eq "sarif") {
        s/^(\s*"(?:startTimeUtc|endTimeUtc)": )"[^"]*"/$1"\@TIME\@"/;
        s/^(\s*"commandLine": )"(?:[^"\\]|\\.)*"/$1"\@COMMAND_LINE\@"/;
      }
      for my $b (@bins) { s/\Q$b\E/\@LAGSCAN\@/g; }
      if ($ENV{LS_KIND} eq "log") {
        s/\Q$ENV{LS_TMP}\E/\@TMP\@/g;
        s/\Q$ENV{LS_OUT}\E/\@OUTDIR\@/g;
      }' "$file"
}

# scan_one OUT_BASE LABEL CWD ARGS...: runs every format and the baseline,
# each with a fresh database, from CWD. Writes OUT_BASE.{FMT,rc,FMT.log}.
scan_one() {
  local base=$1 label=$2 cwd=$3
  shift 3
  local fmt rc t0 t1 db out times=""
  : >"$base.rc"
  for fmt in "${FORMATS[@]}" baseline; do
    db=$(mktemp -d "$WORK/db.XXXXXX")
    if [[ $fmt == baseline ]]; then
      out=$base.baseline.json
    else
      out=$base.$fmt
    fi
    t0=$(date +%s.%N)
    rc=0
    if [[ $fmt == baseline ]]; then
      (cd "$cwd" && exec timeout -k 10 "$TIMEOUT" "$LAGSCAN" baseline --no-progress --db "$db/lagscan.db" \
        -j "$JOBS" -o "$out" "$@") </dev/null >"$base.$fmt.log" 2>&1 || rc=$?
    else
      (cd "$cwd" && exec timeout -k 10 "$TIMEOUT" "$LAGSCAN" scan --no-progress --db "$db/lagscan.db" \
        -j "$JOBS" --format "$fmt" -o "$out" "$@") </dev/null >"$base.$fmt.log" 2>&1 || rc=$?
    fi
    t1=$(date +%s.%N)
    rm -rf "$db"
    echo "$fmt $rc" >>"$base.rc"
    if [[ $fmt == sarif ]]; then normalise "$out" sarif; else normalise "$out" other; fi
    normalise "$base.$fmt.log" log
    times+=" $fmt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2fs", b - a }')/rc$rc"
  done
  echo "$label:$times"
}

# fixture_flags FILE...: the tokens after "lagscan-flags:" (first occurrence on
# a line), split on blanks and CR, without "*/": tests/fixtures/expect.c.
fixture_flags() {
  awk '{
    i = index($0, "lagscan-flags:")
    if (!i) next
    n = split(substr($0, i + 14), t, /[ \t\r]+/)
    for (k = 1; k <= n; k++) if (t[k] != "" && t[k] != "*/") print t[k]
  }' "$@"
}

run_fixtures() {
  local testdata=$REPO/testdata entry name files flags n=0
  [[ -d $testdata ]] || die "no testdata/ in $REPO"
  mkdir -p "$OUTDIR/fixtures"
  local t0=$SECONDS
  for entry in "$testdata"/*; do
    name=$(basename "$entry")
    files=()
    if [[ -d $entry ]]; then
      local f
      for f in "$entry"/*.c; do [[ -f $f ]] && files+=("$f"); done
    elif [[ $entry == *.c ]]; then
      files=("$entry")
      name=${name%.c}
    fi
    ((${#files[@]})) || continue
    mapfile -t flags < <(fixture_flags "${files[@]}")
    scan_one "$OUTDIR/fixtures/$name" "fixture $name" "$testdata" "${files[@]}" -- \
      "-I$REPO/include" "-I$REPO/runtime/include" "${flags[@]}"
    n=$((n + 1))
  done
  echo "fixtures: $n scanned in $((SECONDS - t0)) s"
}

run_project() {
  local dir build name
  dir=$(cd "$1" && pwd -P) || die "no directory $1"
  if [[ -f $dir/compile_commands.json && $(basename "$dir") == build ]]; then
    build=$dir
    dir=$(dirname "$dir")
  elif [[ -f $dir/compile_commands.json ]]; then
    build=$dir
  elif [[ -f $dir/build/compile_commands.json ]]; then
    build=$dir/build
  else
    die "$1: no compile_commands.json in it or in its build/"
  fi
  name=$(basename "$dir")
  [[ $name != fixtures ]] || die "$dir: a project may not be named 'fixtures'"
  [[ ! -e $OUTDIR/$name.rc ]] || die "two projects named $name"
  local t0=$SECONDS
  scan_one "$OUTDIR/$name" "project $name ($dir, -p $build)" "$dir" -p "$build"
  echo "project $name: $((SECONDS - t0)) s; $(tail -n 1 "$OUTDIR/$name.text" 2>/dev/null || echo 'no text report')"
}

cmd_run() {
  REPO=$SCRIPT_REPO
  JOBS=2
  while (($#)); do
    case $1 in
    --repo) REPO=$(cd "${2:?--repo needs a directory}" && pwd -P); shift 2 ;;
    --jobs | -j) JOBS=${2:?--jobs needs a number}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) break ;;
    esac
  done
  (($# >= 2)) || die "run needs LAGSCAN and OUTDIR (see --help)"
  [[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "--jobs: not a number: $JOBS"
  TIMEOUT=${LAGSCAN_COMPARE_TIMEOUT:-3600}
  [[ -x $1 && -f $1 ]] || die "$1: not an executable file"
  LAGSCAN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  LAGSCAN_REAL=$(readlink -f "$1")
  if [[ -e $2 ]]; then
    [[ -d $2 && -z $(ls -A "$2") ]] || die "$2: exists and is not an empty directory"
  fi
  mkdir -p "$2"
  OUTDIR=$(cd "$2" && pwd -P)
  shift 2
  local p
  for p in "$@"; do [[ -d $p ]] || die "$p: not a directory"; done
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare-reports.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  echo "lagscan: $LAGSCAN_REAL; fixtures: $REPO/testdata; -j $JOBS; into $OUTDIR"
  run_fixtures
  for p in "$@"; do run_project "$p"; done
  echo "done: $OUTDIR"
}

# ---- diff ------------------------------------------------------------------

cmd_diff() {
  (($# == 2)) || die "diff needs DIR_A and DIR_B (see --help)"
  local a=$1 b=$2 f differ=0 nsame=0 ndiff=0
  [[ -d $a ]] || die "$a: not a directory"
  [[ -d $b ]] || die "$b: not a directory"
  while IFS= read -r f; do
    if [[ ! -e $a/$f ]]; then
      echo "only in $b: $f"; differ=1; ndiff=$((ndiff + 1))
    elif [[ ! -e $b/$f ]]; then
      echo "only in $a: $f"; differ=1; ndiff=$((ndiff + 1))
    elif cmp -s "$a/$f" "$b/$f"; then
      echo "same $f"; nsame=$((nsame + 1))
    else
      echo "differs $f"
      diff -u --label "A/$f" --label "B/$f" "$a/$f" "$b/$f" | head -n 20 | sed 's/^/    /' || true
      differ=1; ndiff=$((ndiff + 1))
    fi
  done < <( { (cd "$a" && find . -type f) ; (cd "$b" && find . -type f); } | sed 's|^\./||' | sort -u)
  while IFS= read -r f; do
    local ma=- mb=-
    [[ -e $a/$f ]] && ma=$(stat -c %a "$a/$f")
    [[ -e $b/$f ]] && mb=$(stat -c %a "$b/$f")
    echo "note: mode of $f: $ma in A, $mb in B$([[ $ma == "$mb" ]] || echo ' (modes differ; not counted)')"
  done < <( { (cd "$a" && find . -type f -name '*.baseline.json') ;
              (cd "$b" && find . -type f -name '*.baseline.json'); } | sed 's|^\./||' | sort -u)
  echo "$((nsame + ndiff)) files: $nsame same, $ndiff differ"
  return "$differ"
}

case ${1:-} in
run) shift; cmd_run "$@" ;;
diff) shift; cmd_diff "$@" ;;
-h | --help | help) usage ;;
"") usage >&2; exit 2 ;;
*) die "unknown mode '$1' (run or diff; see --help)" ;;
esac
