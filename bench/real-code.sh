#!/usr/bin/env bash
# real-code.sh: the real-code precision measurement (docs/real-code.md).
#
# For each project below this script lays out the source tree at a pinned
# commit from a local bare mirror (git archive), makes its
# compile_commands.json with the project's own build system, scans it the way
# a new user would (`lagscan scan -p BUILD_DIR`, text and JSON, the default
# packs plus the project's pack bench/real-code/PROJECT.yml when there is
# one), and prints per project the number of findings and, for a fixed sample
# of them, how many the triage file bench/real-code/PROJECT.triage judges
# true, false, or not yet at all, and the precision true / (true + false).
#
# usage: bench/real-code.sh WORK_DIR [PROJECT...]
#   WORK_DIR        where the trees and reports go: WORK_DIR/PROJECT/src (the
#                   tree), build.log, lagscan.txt, lagscan.json, lagscan.stderr,
#                   findings.tsv (every finding with its key), sample.txt (the
#                   sampled findings with their paths and judgments)
#   PROJECT...      only these projects (default: all)
# environment:
#   LAGSCAN_MIRRORS directory of mirrors, one bare git dir per repository at
#                   $LAGSCAN_MIRRORS/OWNER+NAME/repo (default /work/.mirror)
#   LAGSCAN         the lagscan binary (default build/bin/lagscan)
#   JOBS            parallel make and lagscan jobs (default 2)
#   SAMPLE          findings sampled per project (default 30)
#   SEED            the sampling seed (default 1; see bench/triage-lib.sh)
#   REUSE_TREES=1   keep a tree that already has its compile_commands.json
#                   (from an earlier run) and only run lagscan again
#
# Nothing is downloaded: the trees come from the mirrors. On Debian 12 the
# builds need (apt-get install, as root):
#   build-essential git jq bear cmake meson ninja-build autoconf automake
#   libtool pkg-config bison libevent-dev libncurses-dev libglib2.0-dev
#   libssl-dev libgcrypt20-dev libc-ares-dev libpq-dev libpcre2-dev zlib1g-dev
# The figures in docs/real-code.md were made with exactly these (meson and
# configure enable what they find: with more -dev packages installed, e.g.
# libsystemd-dev or liblua5.4-dev, more code is compiled and the findings
# change).
# A project whose mirror, tool or library is missing, or whose build leaves
# no compile database, is reported as "error: PROJECT: ..." on stderr and in
# its summary line, and the others go on; the exit status is then 1.
#
# The finding key (RULE|FUNCTION|CALLEE|BASENAME), the seeded sample and
# the triage files bench/real-code/PROJECT.triage
# (KEY<TAB>true|false<TAB>reason<TAB>PATH; UNJUDGED, REJUDGE, STALE) are
# bench/triage-lib.sh's, described there.
set -euo pipefail

# ---- the projects -----------------------------------------------------------
# Fields, separated by ';': project; repo (owner/name); commit; builder;
# build directory holding compile_commands.json (relative to the tree).
PROJECTS=(
  "libuv;libuv/libuv;6179e7af87413396d5853a1c3722c8b5749336c8;build_libuv;build"
  "tmux;tmux/tmux;c1f947a3c5bc72a40c32dead736f84c4628791ec;build_autogen_bear;."
  "memcached;memcached/memcached;2d51e364799bc9698bd4b11728ea978cea12da6e;build_autogen_bear;."
  "irssi;irssi/irssi;43f1727ef9fe1cb51d5031ee2dd0e1965217e4cb;build_irssi;build"
  "pgbouncer;pgbouncer/pgbouncer;13a344f2625381296fc02e29b986a11be9c6b983;build_meson;build"
  "lighttpd;lighttpd/lighttpd1.4;2ddc51389a139d2b08daf310596c951c1d53dc8d;build_meson;build"
)

MIRRORS=${LAGSCAN_MIRRORS:-/work/.mirror}
LAGSCAN=${LAGSCAN:-build/bin/lagscan}
JOBS=${JOBS:-2}
SAMPLE=${SAMPLE:-30}
SEED=${SEED:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/real-code
TRIAGE_PROG=real-code.sh
# shellcheck source=bench/triage-lib.sh
source "$HERE/triage-lib.sh"

die() { echo "real-code.sh: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing build tool: $1" >&2; return 1; }; }

# ---- builders ---------------------------------------------------------------
# Each runs in the tree's root and must leave BUILD_DIR/compile_commands.json.

# libuv with its tests and benchmarks: CMake writes the database at configure
# time, and the File API reply that says what each target links (the query
# file asks for it, as README.md says); nothing needs to be built.
build_libuv() {
  need cmake
  mkdir -p build/.cmake/api/v1/query && touch build/.cmake/api/v1/query/codemodel-v2
  cmake -S . -B build -DLIBUV_BUILD_TESTS=ON -DLIBUV_BUILD_BENCH=ON \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
}

# tmux, memcached: autogen.sh (autoconf, automake), configure with its
# defaults, and make under `bear intercept`, whose events.json (compile,
# archive and link commands) says what each program links; `bear citnames`
# makes the database from it.
build_autogen_bear() {
  need autoreconf; need pkg-config; need bear; need make
  sh autogen.sh
  ./configure
  bear intercept --output events.json -- make -j"$JOBS"
  bear citnames --input events.json --output compile_commands.json
}

# irssi: meson writes the database; ninja builds it once so that the
# generated headers exist. No Perl scripting (its XS glue is generated code).
build_irssi() {
  need meson; need ninja
  meson setup build -Dwith-perl=no
  ninja -C build -j"$JOBS"
}

# pgbouncer, lighttpd: meson with the default options (each enables what
# the installed -dev packages offer), built once for the generated headers.
build_meson() {
  need meson; need ninja
  meson setup build
  ninja -C build -j"$JOBS"
}

# ---- driver -----------------------------------------------------------------

# prepare REPO COMMIT DIR: the tree at COMMIT in DIR/src.
prepare() {
  local repo=$1 commit=$2 dir=$3 git_dir
  git_dir=$MIRRORS/${repo/\//+}/repo
  [[ -d $git_dir ]] || { echo "no mirror of $repo at $git_dir" >&2; return 1; }
  git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null \
    || { echo "commit $commit is not in the mirror $git_dir" >&2; return 1; }
  rm -rf "$dir/src"
  mkdir -p "$dir/src"
  git --git-dir="$git_dir" archive "$commit" | tar -x -C "$dir/src"
}

main() {
  [[ $# -ge 1 ]] || die "usage: $0 WORK_DIR [PROJECT...]"
  local work=$1; shift
  need jq || die "jq is needed to read the reports"
  need git || die "git is needed to read the mirrors"
  need sha256sum || die "sha256sum is needed to draw the sample"
  [[ -x $LAGSCAN ]] || die "no lagscan binary at $LAGSCAN (set LAGSCAN)"
  LAGSCAN=$(cd "$(dirname "$LAGSCAN")" && pwd)/$(basename "$LAGSCAN")
  mkdir -p "$work"
  work=$(cd "$work" && pwd)

  local entry p repo commit builder bdir dir db rc failed=0
  for entry in "${PROJECTS[@]}"; do
    IFS=';' read -r p repo commit builder bdir <<<"$entry"
    if [[ $# -gt 0 ]] && [[ " $* " != *" $p "* ]]; then continue; fi
    dir=$work/$p
    mkdir -p "$dir"
    db=$dir/src/$bdir/compile_commands.json
    rc=0
    if [[ ${REUSE_TREES:-0} == 1 ]] && [[ -s $db ]]; then
      :
    else
      prepare "$repo" "$commit" "$dir" >"$dir/build.log" 2>&1 || rc=$?
      if [[ $rc -eq 0 ]]; then
        # The builder runs in a subshell of its own with errexit, outside any
        # condition, so that a missing tool or a failed step stops it.
        set +e
        (set -e; cd "$dir/src"; "$builder") >>"$dir/build.log" 2>&1
        rc=$?
        set -e
      fi
    fi
    if [[ $rc -ne 0 ]] || [[ ! -s $db ]]; then
      echo "real-code.sh: error: $p: could not prepare the tree or its compile database (builder $builder, exit $rc); see $dir/build.log" >&2
      printf '%-10s error: the tree or its compile database could not be prepared\n' "$p"
      failed=1
      continue
    fi
    local rules=()
    [[ -f $DATA/$p.yml ]] && rules=(--rules "$DATA/$p.yml")
    # A fresh fact database each run: one left by another lagscan version may
    # not be readable. Exit status 1 means findings, 2 a TU that could not be
    # analyzed: the report is written either way.
    rm -f "$dir/lagscan.txt" "$dir/lagscan.json" "$dir"/lagscan.db*
    "$LAGSCAN" scan -p "$dir/src/$bdir" --root "$dir/src" --db "$dir/lagscan.db" \
      "${rules[@]}" -j "$JOBS" --color never --no-progress -o "$dir/lagscan.txt" \
      2>"$dir/lagscan.stderr" || true
    "$LAGSCAN" scan -p "$dir/src/$bdir" --root "$dir/src" --db "$dir/lagscan.db" \
      "${rules[@]}" -j "$JOBS" --format json --no-progress -q -o "$dir/lagscan.json" \
      2>>"$dir/lagscan.stderr" || true
    if [[ ! -f $dir/lagscan.json ]]; then
      echo "real-code.sh: error: $p: lagscan wrote no report; see $dir/lagscan.stderr" >&2
      printf '%-10s error: lagscan wrote no report\n' "$p"
      failed=1
      continue
    fi
    keys "$dir/lagscan.json" >"$dir/findings.tsv"
    judge "$p" "$dir" "$DATA/$p.triage"
  done
  return "$failed"
}

main "$@"
