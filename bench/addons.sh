#!/usr/bin/env bash
# addons.sh: real C++ Node addons, as a corpus for lagscan's C++ front end
# (issue 12). Each addon below is fetched from the npm registry at a pinned
# version with `npm pack`, unpacked, and given a compile_commands.json for the
# translation units its binding.gyp builds: the addon's own C++ sources and,
# where binding.gyp compiles them too, the third-party C sources the tarball
# bundles (SQLite's amalgamation, libargon2). The flags are read off
# binding.gyp by hand (sources, include_dirs, defines, exception settings)
# plus what node-gyp adds on Linux (its defines, -fPIC -pthread, -fno-rtti,
# -fno-exceptions unless binding.gyp removes it); -O and _FORTIFY_SOURCE are
# left out. The Node-API headers come from node-api-headers, the C++ wrapper
# from node-addon-api at the version the addon's package.json asks for (both
# npm packages too). Two addons include more of Node than Node-API:
# node-sqlite3 includes uv.h, canvas node_buffer.h (node::Buffer, V8's API);
# for them Node's own headers (NODE_INCLUDE, default /usr/include/node, which
# the nodejs package installs; node-gyp's header tarball is the same) come
# after node-api-headers on the include path (without them, node-sqlite3 gets
# Debian's libuv1-dev uv.h and canvas's two TUs that use node::Buffer fail).
#
# Every compile command is then checked with `clang-14 -fsyntax-only` (the
# same arguments, the compiler replaced), and `lagscan scan -p` is run on each
# addon's database; the script prints, per addon, its TUs (own C++ and
# bundled C), how many parse, lagscan's exit status and its findings.
#
# usage: bench/addons.sh WORK_DIR [NAME...]
#   WORK_DIR        where everything goes: WORK_DIR/npm/*.tgz (the packs),
#                   WORK_DIR/headers/ (node-api-headers, node-addon-api,
#                   napi-macros), WORK_DIR/NAME/src (the unpacked package),
#                   WORK_DIR/NAME/build/compile_commands.json, tus.tsv (kind
#                   and file of each TU: own or bundled), syntax.log,
#                   lagscan.txt, lagscan.json, lagscan.db, lagscan.stderr
#   NAME...         only these addons (default: all)
# environment:
#   BIN             the lagscan binary, or the directory that holds it
#                   (default build/bin/lagscan)
#   CLANG           the compiler of the syntax check (default clang-14)
#   CXX, CC         the compilers written into the databases (default c++, cc)
#   NODE_INCLUDE    Node's full headers (default /usr/include/node), for the
#                   addons that use more than Node-API (sqlite3, canvas)
#   BUNDLED=0       leave the bundled third-party C sources out of the databases
# A pack bench/addons/NAME.yml, when there is one, is passed with --rules:
# the pack a user writes for the addon (its bundled third-party code as
# library_files, so that SQLite is a library there, as when it is linked).
#   SAMPLE, SEED    the sample judged per addon (default 30 and 1)
#   REUSE_TREES=1   keep a tree that already has its compile_commands.json and
#                   only check and scan again (the packs are always reused:
#                   their versions are pinned)
#
# After the table, one line per addon as bench/real-code.sh prints it:
# findings, sampled, true, false, unjudged, precision, from the triage file
# bench/addons/NAME.triage (the key, sample and file format of
# bench/triage-lib.sh; an addon with fewer findings than SAMPLE is judged
# whole). WORK_DIR/NAME/findings.tsv lists every finding with its key,
# WORK_DIR/NAME/sample.txt the sampled ones with their paths and judgments.
#
# Needs npm (registry access), jq, pkg-config, tar, sha256sum; canvas needs
#   apt-get install libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev \
#     librsvg2-dev
# and node-sqlite3 libuv1-dev; the syntax check needs clang-14 and
# libstdc++-12-dev. A failing addon is reported by name and the others go on.
set -euo pipefail

# ---- the addons -------------------------------------------------------------
# name; version; wrapper package (node-addon-api at the version package.json
# asks for, or napi-macros for an addon on the C API); compile-command builder
ADDONS=(
  "better-sqlite3;13.2.0;node-addon-api@8.9.2;cmds_better_sqlite3"
  "sqlite3;6.0.1;node-addon-api@8.9.2;cmds_sqlite3"
  "argon2;0.45.1;node-addon-api@8.9.2;cmds_argon2"
  "bcrypt;6.0.0;node-addon-api@8.9.2;cmds_bcrypt"
  "canvas;3.2.3;node-addon-api@7.1.1;cmds_canvas"
  # C++, but on the C Node-API (napi_* through napi-macros), not node-addon-api
  "classic-level;3.0.0;napi-macros@2.2.2;cmds_classic_level"
)
NODE_API_HEADERS=node-api-headers@1.9.0

BIN=${BIN:-build/bin/lagscan}
CLANG=${CLANG:-clang-14}
CXX=${CXX:-c++}
CC=${CC:-cc}
BUNDLED=${BUNDLED:-1}
NPM=${NPM:-npm}
NODE_INCLUDE=${NODE_INCLUDE:-/usr/include/node}
TRIAGE_WIDTH=15
# shellcheck source=bench/triage-lib.sh
source "$(cd "$(dirname "$0")" && pwd)/triage-lib.sh"

# node_I: -I of Node's full headers, when they are there.
node_I() { if [[ -f $NODE_INCLUDE/node.h ]]; then echo "-I$NODE_INCLUDE"; fi; }

die() { echo "addons.sh: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1" >&2; return 1; }; }

# ---- compile commands -------------------------------------------------------
# Set by main for each addon: $src (the unpacked package), $cmds (a file of
# JSON lines, one per compile command), $tus (kind<TAB>file), $wrapper (the
# wrapper package's directory), $hdr (node-api-headers' include directory).

# add KIND FILE COMPILER ARG...: one compile command, run in $src.
add() {
  local kind=$1 file=$2
  shift 2
  [[ -f $src/$file ]] || { echo "no source file $file in $src" >&2; return 1; }
  # (the arguments on stdin, one a line: jq 1.6 reads '-std=...' after --args as its own option)
  printf '%s\n' "$@" | jq -Rsc --arg d "$src" --arg f "$file" \
    '{directory: $d, file: $f, arguments: ((split("\n") | map(select(. != ""))) + ["-c", $f, "-o", ($f + ".o")])}' \
    >>"$cmds"
  printf '%s\t%s\n' "$kind" "$file" >>"$tus"
}

# What node-gyp (Node 20's common.gypi and node-gyp's addon.gypi) adds on
# Linux to every C++ and C command of target $1 (-std and -fno-exceptions are
# per addon: binding.gyp may change them).
node_gyp_flags() {
  echo "-DNODE_GYP_MODULE_NAME=$1 -DUSING_UV_SHARED=1 -DUSING_V8_SHARED=1"
  echo "-DV8_DEPRECATION_WARNINGS=1 -D_GLIBCXX_USE_CXX11_ABI=1 -D_LARGEFILE_SOURCE"
  echo "-D_FILE_OFFSET_BITS=64 -DBUILDING_NODE_EXTENSION -fPIC -pthread -Wall -Wextra"
  echo "-Wno-unused-parameter -m64"
}

# pkg_I PKG...: the -I flags of pkg-config packages (binding.gyp's
# `pkg-config --cflags-only-I`).
pkg_I() { pkg-config --cflags-only-I "$@"; }

# better-sqlite3 13.2.0: node-addon-api (since 12.x; before it was V8's API).
# One C++ TU: src/better_sqlite3.cpp #includes every other .cpp (a unity
# build). Bundled: deps/sqlite3/sqlite3.c (deps/sqlite3.gyp, the defines of
# deps/defines.gypi); deps/test_extension.c is a test target, left out.
cmds_better_sqlite3() {
  # shellcheck disable=SC2046
  add own src/better_sqlite3.cpp "$CXX" -std=c++20 $(node_gyp_flags better_sqlite3) \
    -fno-rtti -fno-exceptions -fvisibility=hidden -fvisibility-inlines-hidden \
    -DNAPI_VERSION=10 -DNAPI_DISABLE_CPP_EXCEPTIONS -DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS \
    -DNDEBUG -I"$hdr" -I"$wrapper" -Ideps/sqlite3
  if [[ $BUNDLED == 1 ]]; then
    local defs
    defs=$(sed -n "s/^ *'\([A-Za-z_0-9]*\(=[^']*\)\{0,1\}\)',\{0,1\}$/-D\1/p" "$src/deps/defines.gypi")
    [[ -n $defs ]] || { echo "no defines in deps/defines.gypi" >&2; return 1; }
    # shellcheck disable=SC2046,SC2086
    add bundled deps/sqlite3/sqlite3.c "$CC" -std=c99 -w $(node_gyp_flags sqlite3) $defs \
      -DNDEBUG -Ideps/sqlite3
  fi
}

# sqlite3 (node-sqlite3) 6.0.1: node-addon-api without C++ exceptions; async
# work through napi_create_async_work and uv_async_t (src/async.h). The
# SQLite amalgamation is unpacked from deps/sqlite-autoconf-*.tar.gz as
# deps/sqlite3.gyp does (into build-deps/ for SHARED_INTERMEDIATE_DIR).
# NAPI_VERSION is binding.gyp's napi_build_version: 6, the highest of
# package.json's binary.napi_versions (what prebuild builds).
cmds_sqlite3() {
  local tgz ver dir
  tgz=$(cd "$src" && ls deps/sqlite-autoconf-*.tar.gz | head -1)
  [[ -n $tgz ]] || { echo "no deps/sqlite-autoconf-*.tar.gz" >&2; return 1; }
  ver=${tgz#deps/sqlite-autoconf-}
  ver=${ver%.tar.gz}
  dir=build-deps/sqlite-autoconf-$ver
  mkdir -p "$src/build-deps"
  [[ -f $src/$dir/sqlite3.c ]] || tar -xzf "$src/$tgz" -C "$src/build-deps"
  local sqlite_defs="-DSQLITE_THREADSAFE=1 -DHAVE_USLEEP=1 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS4
    -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_DBSTAT_VTAB=1
    -DSQLITE_ENABLE_MATH_FUNCTIONS"
  local f
  for f in src/backup.cc src/database.cc src/node_sqlite3.cc src/statement.cc; do
    # shellcheck disable=SC2046,SC2086
    add own "$f" "$CXX" -std=c++17 $(node_gyp_flags node_sqlite3) -fno-rtti \
      -DNAPI_VERSION=6 -DNAPI_DISABLE_CPP_EXCEPTIONS=1 -DNODE_ADDON_API_DISABLE_CPP_EXCEPTIONS \
      $sqlite_defs -DNDEBUG -I"$hdr" $(node_I) -I"$wrapper" -I"$dir"
  done
  if [[ $BUNDLED == 1 ]]; then
    # shellcheck disable=SC2046,SC2086
    add bundled "$dir/sqlite3.c" "$CC" -std=c99 $(node_gyp_flags sqlite3) -D_REENTRANT=1 \
      $sqlite_defs -DNDEBUG -I"$dir"
  fi
}

# argon2 0.45.1: node-addon-api with C++ exceptions (-fexceptions), async
# work as Napi::AsyncWorker. NAPI_VERSION=8 (binary.napi_versions). Bundled:
# libargon2 (target libargon2: opt.c on x64, not ref.c).
cmds_argon2() {
  # shellcheck disable=SC2046
  add own argon2.cpp "$CXX" -std=c++17 $(node_gyp_flags argon2) -fno-rtti -fexceptions \
    -Wformat -Wnon-virtual-dtor -pedantic \
    -DNAPI_VERSION=8 -DNODE_ADDON_API_DISABLE_DEPRECATED -DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED \
    -DNDEBUG -Iargon2/include -I"$hdr" -I"$wrapper"
  if [[ $BUNDLED == 1 ]]; then
    local f
    for f in argon2/src/argon2.c argon2/src/blake2/blake2b.c argon2/src/core.c \
      argon2/src/encoding.c argon2/src/thread.c argon2/src/opt.c; do
      # shellcheck disable=SC2046
      add bundled "$f" "$CC" $(node_gyp_flags libargon2) -Wno-type-limits -msse -msse2 \
        -DNDEBUG -Iargon2/include
    done
  fi
}

# bcrypt 6.0.0: node-addon-api through node_addon_api_except (NAPI_CPP_EXCEPTIONS),
# _GNU_SOURCE; no NAPI_VERSION (the headers' default). Blowfish is the
# addon's own code (src/blowfish.cc, src/bcrypt.cc).
cmds_bcrypt() {
  local f
  for f in src/blowfish.cc src/bcrypt.cc src/bcrypt_node.cc; do
    # shellcheck disable=SC2046
    add own "$f" "$CXX" -std=c++17 $(node_gyp_flags bcrypt_lib) -fno-rtti \
      -D_GNU_SOURCE -DNAPI_CPP_EXCEPTIONS -DNDEBUG -I"$hdr" -I"$wrapper"
  done
}

# canvas 3.2.3: node-addon-api 7 with Maybe (NODE_ADDON_API_ENABLE_MAYBE) and
# without C++ exceptions; cairo, pango, libpng, freetype, libjpeg, giflib and
# librsvg from Debian (binding.gyp's pkg-config calls; HAVE_JPEG, HAVE_GIF
# and HAVE_RSVG as util/has_lib.js finds them).
cmds_canvas() {
  local inc f
  inc=$(pkg_I cairo libpng pangocairo freetype2 libjpeg librsvg-2.0) ||
    { echo "pkg-config: a dependency of canvas is missing (see the header)" >&2; return 1; }
  for f in src/bmp/BMPParser.cc src/Canvas.cc src/CanvasGradient.cc src/CanvasPattern.cc \
    src/CanvasRenderingContext2d.cc src/closure.cc src/color.cc src/Image.cc src/ImageData.cc \
    src/init.cc src/register_font.cc src/FontParser.cc; do
    # shellcheck disable=SC2046,SC2086
    add own "$f" "$CXX" -std=c++17 $(node_gyp_flags canvas) -fno-rtti -Wno-cast-function-type \
      -DNAPI_DISABLE_CPP_EXCEPTIONS -DNODE_ADDON_API_ENABLE_MAYBE -DHAVE_JPEG -DHAVE_GIF \
      -DHAVE_RSVG -DNDEBUG -I"$hdr" $(node_I) -I"$wrapper" $inc
  done
}

# classic-level 3.0.0: C++ on the C Node-API (napi-macros; binding.cc defines
# NAPI_VERSION 3 itself), async work with napi_create_async_work. Only
# binding.cc: the bundled LevelDB and Snappy are C++ libraries of their own
# (deps/leveldb, deps/snappy), left out.
cmds_classic_level() {
  local ldb=deps/leveldb/leveldb-1.20
  # shellcheck disable=SC2046
  add own binding.cc "$CXX" -std=c++17 $(node_gyp_flags classic_level) -fno-rtti -fno-exceptions \
    -DNDEBUG -I"$wrapper" -I"$hdr" -I$ldb/include/ -I$ldb/port/ -I$ldb/util -I$ldb/
}

# ---- fetching ---------------------------------------------------------------

# pack SPEC: WORK/npm/NAME-VERSION.tgz from the registry (once), printed.
pack() {
  local spec=$1 name ver tgz
  name=${spec%@*}
  ver=${spec##*@}
  tgz=$work/npm/${name//\//-}-$ver.tgz
  tgz=${tgz/@/}
  if [[ ! -s $tgz ]]; then
    mkdir -p "$work/npm"
    local out
    out=$(cd "$work/npm" && "$NPM" pack "$spec" --silent 2>>"$work/npm/npm.log" | tail -1) ||
      { echo "npm pack $spec failed; see $work/npm/npm.log" >&2; return 1; }
    [[ -s $work/npm/$out ]] || { echo "npm pack $spec wrote no tarball" >&2; return 1; }
    [[ $work/npm/$out == "$tgz" ]] || mv "$work/npm/$out" "$tgz"
  fi
  echo "$tgz"
}

# unpack SPEC DIR: the package's contents (its package/ folder) in DIR.
unpack() {
  local tgz
  tgz=$(pack "$1") || return 1
  rm -rf "$2"
  mkdir -p "$2"
  tar -xzf "$tgz" -C "$2" --strip-components=1
}

# header SPEC: WORK/headers/NAME-VERSION, unpacked once, printed.
header() {
  local d=$work/headers/${1//\//-}
  d=${d%@*}-${1##*@}
  if [[ ! -f $d/package.json ]]; then unpack "$1" "$d" >&2 || return 1; fi
  echo "$d"
}

# ---- checking and scanning --------------------------------------------------

# syntax_check BUILD: CLANG -fsyntax-only on every command of the database;
# prints "OK FAILED" and logs the failures' diagnostics to BUILD/syntax.log.
syntax_check() {
  local build=$1 ok=0 bad=0 n i dir
  : >"$build/syntax.log"
  n=$(jq length "$build/compile_commands.json")
  for ((i = 0; i < n; i++)); do
    local -a args
    mapfile -t args < <(jq -r --argjson i "$i" '.[$i].arguments[1:][]' "$build/compile_commands.json")
    dir=$(jq -r --argjson i "$i" '.[$i].directory' "$build/compile_commands.json")
    if (cd "$dir" && "$CLANG" "${args[@]}" -fsyntax-only) >>"$build/syntax.log" 2>&1; then
      ok=$((ok + 1))
    else
      bad=$((bad + 1))
      echo "FAILED: $(jq -r --argjson i "$i" '.[$i].file' "$build/compile_commands.json")" >>"$build/syntax.log"
    fi
  done
  echo "$ok $bad"
}

main() {
  [[ $# -ge 1 ]] || die "usage: $0 WORK_DIR [NAME...]"
  work=$1
  shift
  local t
  for t in jq tar pkg-config sha256sum "$NPM" "$CLANG"; do need "$t" || die "$t is needed"; done
  [[ -d $BIN ]] && BIN=$BIN/lagscan
  [[ -x $BIN ]] || die "no lagscan binary at $BIN (set BIN)"
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
  PACKS=$(cd "$(dirname "$0")" && pwd)/addons
  mkdir -p "$work"
  work=$(cd "$work" && pwd)

  hdr=$(header "$NODE_API_HEADERS")/include || die "cannot fetch $NODE_API_HEADERS"
  printf '%-15s %-8s %5s %5s %7s %6s %6s %9s\n' addon version TUs own bundled parse lagscan findings
  local entry name ver wspec builder dir failed=0 judged=""
  for entry in "${ADDONS[@]}"; do
    IFS=';' read -r name ver wspec builder <<<"$entry"
    if [[ $# -gt 0 ]] && [[ " $* " != *" $name "* ]]; then continue; fi
    dir=$work/$name
    src=$dir/src
    local build=$dir/build rc=0
    mkdir -p "$dir"
    if ! { [[ ${REUSE_TREES:-0} == 1 ]] && [[ -s $build/compile_commands.json ]]; }; then
      set +e
      (
        set -e
        wrapper=$(header "$wspec")
        unpack "$name@$ver" "$src"
        mkdir -p "$build"
        cmds=$build/commands.jsonl
        tus=$build/tus.tsv
        : >"$cmds"
        : >"$tus"
        "$builder"
        jq -s . "$cmds" >"$build/compile_commands.json"
        rm -f "$cmds"
      ) >"$dir/prepare.log" 2>&1
      rc=$?
      set -e
    fi
    if [[ $rc -ne 0 ]] || [[ ! -s $build/compile_commands.json ]]; then
      echo "addons.sh: $name $ver: could not prepare its tree or compile database; see $dir/prepare.log" >&2
      printf '%-15s %-8s %s\n' "$name" "$ver" "error (prepare)"
      failed=$((failed + 1))
      continue
    fi
    local ntu own bundled ok bad
    ntu=$(jq length "$build/compile_commands.json")
    own=$(grep -c '^own' "$build/tus.tsv" || true)
    bundled=$(grep -c '^bundled' "$build/tus.tsv" || true)
    read -r ok bad < <(syntax_check "$build")
    if [[ $bad -gt 0 ]]; then
      echo "addons.sh: $name $ver: $bad of $ntu TUs do not parse with $CLANG; see $build/syntax.log" >&2
      failed=$((failed + 1))
    fi
    # A fresh fact database each time; exit status 1 means findings and 2 a
    # TU that could not be analyzed (the report is written either way).
    rm -f "$dir"/lagscan.db* "$dir/lagscan.txt" "$dir/lagscan.json"
    local lrc=0
    # the pack a user writes for the addon (bench/addons/NAME.yml): the
    # third-party code it bundles is a library (library_files)
    rules=()
    [[ -f $PACKS/$name.yml ]] && rules=(--rules "$PACKS/$name.yml")
    "$BIN" scan -p "$build" --root "$src" --db "$dir/lagscan.db" "${rules[@]}" --color never \
      --no-progress -j 2 -o "$dir/lagscan.txt" 2>"$dir/lagscan.stderr" || lrc=$?
    "$BIN" scan -p "$build" --root "$src" --db "$dir/lagscan.db" "${rules[@]}" --format json \
      --no-progress -q -j 2 -o "$dir/lagscan.json" 2>>"$dir/lagscan.stderr" || true
    local nf=-
    if [[ -f $dir/lagscan.json ]]; then
      nf=$(grep -c . "$dir/lagscan.json" || true)
      keys "$dir/lagscan.json" >"$dir/findings.tsv"
      judged+=$(judge "$name" "$dir" "$PACKS/$name.triage")$'\n'
    else
      echo "addons.sh: $name $ver: lagscan wrote no report; see $dir/lagscan.stderr" >&2
      failed=$((failed + 1))
    fi
    printf '%-15s %-8s %5s %5s %7s %6s %6s %9s\n' "$name" "$ver" "$ntu" "$own" "$bundled" \
      "$ok/$ntu" "exit=$lrc" "$nf"
  done
  [[ -z $judged ]] || printf '\n%s' "$judged"
  [[ $failed -eq 0 ]] || echo "addons.sh: $failed problem(s), see the messages above" >&2
}

main "$@"
