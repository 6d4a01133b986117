#!/usr/bin/env bash
# cxx-projects.sh: real C++ servers on an event loop (asio), as corpora for
# lagscan's C++ front end (issue 12) and for bench/run.sh's C++ variant. For
# each project below this script lays out the source tree at a pinned release
# (from a local bare mirror, with git archive), makes its
# compile_commands.json with the project's own CMake
# (-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; nothing is compiled: neither project
# generates headers), checks that every TU parses (`clang-14 -fsyntax-only`
# with its compile command, the compiler replaced), and runs `lagscan scan`
# on it with the default packs. It prints, per project, its TUs, how many
# parse, lagscan's exit status and its findings.
#
#   i2pd 2.58.0   the I2P router (PurpleI2P/i2pd): a daemon on boost::asio
#                 (io_context per subsystem, async_read/async_write handlers,
#                 deadline timers), its HTTP console, SAM, BOB, I2CP and
#                 proxies; 84 TUs (libi2pd, libi2pd_client, i18n, daemon):
#                 the C++ performance corpus of docs/performance.md
#   crow 1.3.3    Crow (CrowCpp/Crow), an HTTP and WebSocket server framework
#                 on standalone asio (Debian's libasio-dev), header-only: its
#                 examples are the TUs (SSL and compression on)
#
# usage: bench/cxx-projects.sh WORK_DIR [ID...]
#   WORK_DIR        where the trees go: WORK_DIR/ID is the tree, WORK_DIR/ID/_build
#                   the CMake build directory with compile_commands.json,
#                   and in it build.log, syntax.log, lagscan.txt, lagscan.json,
#                   lagscan.db, lagscan.stderr
#   ID...           only these projects (default: all)
# environment:
#   LAGSCAN_MIRRORS directory of mirrors, one bare git dir per repository at
#                   $LAGSCAN_MIRRORS/OWNER+NAME/repo (default /work/.mirror;
#                   the fetch tool makes them)
#   BIN             the lagscan binary, or the directory that holds it
#                   (default build/bin/lagscan)
#   CLANG           the compiler of the syntax check (default clang-14)
#   JOBS            parallel syntax checks and lagscan -j (default 2)
#   CHECK=0         skip the syntax check (i2pd's takes about 6 minutes on 2 cores)
#   REUSE_TREES=1   keep a tree that already has its compile_commands.json
#                   (from an earlier run) and only check and scan again
#   SAMPLE, SEED    the sample judged per project (default 30 and 1)
# After the table, one line per project as bench/real-code.sh prints it:
# findings, sampled, true, false, unjudged, precision, from the triage file
# bench/cxx-projects/ID.triage (the key, sample and file format of
# bench/triage-lib.sh). WORK_DIR/ID/_build/findings.tsv lists every finding
# with its key, WORK_DIR/ID/_build/sample.txt the sampled ones with their
# paths and judgments.
#
# Nothing is downloaded. On Debian 12 the builds need:
#   apt-get install cmake libboost-dev libboost-filesystem-dev \
#     libboost-program-options-dev libssl-dev zlib1g-dev libasio-dev \
#     clang-14 libstdc++-12-dev
# A project that fails is reported by name and the others go on.
set -euo pipefail

# ---- the projects -----------------------------------------------------------
# id; repo (owner/name); release tag; its commit; builder function
PROJECTS=(
  "i2pd;PurpleI2P/i2pd;2.58.0;e8d59c83754a0809b753ea7f59021160f755abad;build_i2pd"
  "crow;CrowCpp/Crow;v1.3.3;7375d3dc1ffb8719778cdb29fb1c73141ce684e8;build_crow"
)

MIRRORS=${LAGSCAN_MIRRORS:-/work/.mirror}
BIN=${BIN:-build/bin/lagscan}
CLANG=${CLANG:-clang-14}
JOBS=${JOBS:-2}
CHECK=${CHECK:-1}
TRIAGE_DIR=$(cd "$(dirname "$0")" && pwd)/cxx-projects
# shellcheck source=bench/triage-lib.sh
source "$(cd "$(dirname "$0")" && pwd)/triage-lib.sh"

die() { echo "cxx-projects.sh: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing build tool: $1" >&2; return 1; }; }

# ---- builders ---------------------------------------------------------------
# Each runs in the tree's root and must leave _build/compile_commands.json.

# i2pd keeps its CMakeLists.txt in build/ (its documented build is
# `cd build && cmake .`); configured out of the tree's build/, into _build.
# Tests off (they need the 'check' library); UPnP off (miniupnpc).
build_i2pd() {
  need cmake
  cmake -S build -B _build -Wno-dev -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_UPNP=OFF -DBUILD_TESTING=OFF
}

# Crow on standalone asio (CROW_USE_BOOST off: cmake/Findasio.cmake finds
# /usr/include/asio.hpp), with its SSL and compression features; tests off
# (they fetch Catch2).
build_crow() {
  need cmake
  cmake -S . -B _build -Wno-dev -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCROW_BUILD_EXAMPLES=ON -DCROW_BUILD_TESTS=OFF \
    -DCROW_ENABLE_SSL=ON -DCROW_ENABLE_COMPRESSION=ON -DCROW_USE_BOOST=OFF
}

# ---- checking ---------------------------------------------------------------

# syntax_check BUILD: CLANG -fsyntax-only on every command of the database,
# JOBS at a time; prints "OK FAILED", the failures' errors in BUILD/syntax.log.
syntax_check() {
  python3 - "$1/compile_commands.json" "$CLANG" "$JOBS" "$1/syntax.log" <<'EOF'
import json, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
db, clang, jobs, log = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3]), open(sys.argv[4], "w")
def one(e):
    args = e.get("arguments") or shlex.split(e["command"])
    r = subprocess.run([clang] + args[1:] + ["-fsyntax-only"], cwd=e["directory"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return e["file"], r.returncode, r.stderr
bad = 0
with ThreadPoolExecutor(jobs) as ex:
    for f, rc, err in ex.map(one, db):
        if rc:
            bad += 1
            log.write("FAILED: %s\n%s\n" % (f, err))
print(len(db) - bad, bad)
EOF
}

# ---- driver -----------------------------------------------------------------

main() {
  [[ $# -ge 1 ]] || die "usage: $0 WORK_DIR [ID...]"
  local work=$1
  shift
  need git || die "git is needed to read the mirrors"
  need jq || die "jq is needed"
  need sha256sum || die "sha256sum is needed to draw the sample"
  [[ $CHECK == 0 ]] || need "$CLANG" || die "$CLANG is needed for the syntax check (or CHECK=0)"
  [[ -d $BIN ]] && BIN=$BIN/lagscan
  [[ -x $BIN ]] || die "no lagscan binary at $BIN (set BIN)"
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
  mkdir -p "$work"
  work=$(cd "$work" && pwd)

  printf '%-8s %-8s %5s %8s %7s %9s  %s\n' project version TUs parse lagscan findings compile_commands.json
  local entry id repo tag commit builder dir build rc git_dir judged=""
  for entry in "${PROJECTS[@]}"; do
    IFS=';' read -r id repo tag commit builder <<<"$entry"
    if [[ $# -gt 0 ]] && [[ " $* " != *" $id "* ]]; then continue; fi
    dir=$work/$id
    build=$dir/_build
    rc=0
    if ! { [[ ${REUSE_TREES:-0} == 1 ]] && [[ -s $build/compile_commands.json ]]; }; then
      git_dir=$MIRRORS/${repo/\//+}/repo
      set +e
      (
        set -e
        [[ -d $git_dir ]] || { echo "no mirror of $repo at $git_dir" >&2; exit 1; }
        rm -rf "$dir"
        mkdir -p "$dir"
        git --git-dir="$git_dir" archive "$commit" | tar -x -C "$dir"
        mkdir -p "$build"
        cd "$dir"
        "$builder"
      ) >"$work/$id.build.log" 2>&1
      rc=$?
      set -e
      [[ -d $build ]] && mv "$work/$id.build.log" "$build/build.log"
    fi
    if [[ $rc -ne 0 ]] || [[ ! -s $build/compile_commands.json ]]; then
      echo "cxx-projects.sh: $id: could not prepare the tree or its compile database; see $build/build.log (or $work/$id.build.log)" >&2
      printf '%-8s %-8s %s\n' "$id" "$tag" "error (prepare)"
      continue
    fi
    local ntu ok=- bad=0
    ntu=$(jq length "$build/compile_commands.json")
    if [[ $CHECK != 0 ]]; then
      read -r ok bad < <(syntax_check "$build")
      [[ $bad -eq 0 ]] || echo "cxx-projects.sh: $id: $bad of $ntu TUs do not parse with $CLANG; see $build/syntax.log" >&2
      ok=$ok/$ntu
    fi
    # A fresh fact database; exit status 1 means findings, 2 a TU that could
    # not be analyzed (the report is written either way).
    rm -f "$build"/lagscan.db* "$build/lagscan.txt" "$build/lagscan.json"
    local lrc=0
    "$BIN" scan -p "$build" --root "$dir" --db "$build/lagscan.db" --color never --no-progress \
      -j "$JOBS" -o "$build/lagscan.txt" 2>"$build/lagscan.stderr" || lrc=$?
    "$BIN" scan -p "$build" --root "$dir" --db "$build/lagscan.db" --format json --no-progress -q \
      -j "$JOBS" -o "$build/lagscan.json" 2>>"$build/lagscan.stderr" || true
    local nf=-
    if [[ -f $build/lagscan.json ]]; then
      nf=$(grep -c . "$build/lagscan.json" || true)
      keys "$build/lagscan.json" >"$build/findings.tsv"
      judged+=$(judge "$id" "$build" "$TRIAGE_DIR/$id.triage")$'\n'
    else
      echo "cxx-projects.sh: $id: lagscan wrote no report; see $build/lagscan.stderr" >&2
    fi
    printf '%-8s %-8s %5s %8s %7s %9s  %s\n' "$id" "$tag" "$ntu" "$ok" "exit=$lrc" "$nf" \
      "$build/compile_commands.json"
  done
  [[ -z $judged ]] || printf '\n%s' "$judged"
}

main "$@"
