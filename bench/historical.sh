#!/usr/bin/env bash
# historical.sh: the "historical bugs" benchmark. Each entry below is a real
# commit in a public C project that took a blocking call off an event-loop
# thread (made it asynchronous, moved it to a thread, or removed it from the
# loop's path). For each one this script lays out the source tree at the
# PARENT of the fix (from a local bare mirror, with git archive), makes a
# compile_commands.json for it with the project's own build system, runs
# lagscan on it with the default packs (no --rules, no .lagscan.yml), and says
# whether lagscan reports the historical blocking call in the expected
# function and file.
#
# usage: bench/historical.sh WORK_DIR [ID...]
#   WORK_DIR        where the trees, compile databases and reports go:
#                   WORK_DIR/ID/src (the tree), WORK_DIR/ID/build.log,
#                   WORK_DIR/ID/lagscan.txt (text report), lagscan.json
#   ID...           only these bugs (default: all)
# environment:
#   LAGSCAN_MIRRORS directory of mirrors, one bare git dir per repository at
#                   $LAGSCAN_MIRRORS/OWNER+NAME/repo (default /work/.mirror)
#   LAGSCAN         the lagscan binary (default build/bin/lagscan)
#   JOBS            parallel make jobs (default 2)
#   REUSE_TREES=1   keep a tree that already has its compile_commands.json
#                   (from an earlier run) and only run lagscan again
#
# Nothing is downloaded: the trees come from the mirrors, and a build tool or
# library that is missing makes that bug's build fail with a clear message
# (it is then reported as "error" and counted as not found). On Debian 12 the
# builds need:
#   apt-get install build-essential bear cmake meson ninja-build autoconf \
#     automake libtool pkg-config bison jq libevent-dev libev-dev libssl-dev \
#     libncurses-dev libglib2.0-dev libgtk2.0-dev libpcre3-dev \
#     libwebsockets-dev libjson-c-dev libc-ares-dev intltool
#
# Output: one line per bug, "found" or "missed" (or "error" when the tree
# could not be prepared), then "found N of M".
set -euo pipefail

# ---- the bugs ---------------------------------------------------------------
# Fields, separated by ';': id; repo (owner/name); fix commit; parent commit;
# expected callee(s); expected function(s); expected file (relative to the
# tree root); builder function. Where a field lists alternatives they are
# separated by ','; any of them counts.
BUGS=(
  "shadowsocks-libev-40e9be00;shadowsocks/shadowsocks-libev;40e9be00216af7fd1e47d9ebad6224aa2fb52f7f;9cdc3dc7ef8e7a87169755a6b4287a5394745dd1;getaddrinfo;connect_to_remote;src/local.c;build_shadowsocks"
  "sniproxy-f3a533fb;dlundquist/sniproxy;f3a533fbf0f37099b30df3bc5ce0cfb9f045334e;a055098e795581664ddc2574bc29342cfcbb12ca;getaddrinfo;handle_connection_client_hello;src/connection.c;build_autogen_bear"
  "webdis-53f483fb;nicolasff/webdis;53f483fb6af0eb818db536f28cdb538e46ed3452;2e71e85f4f9af31c984043b4ad33481c5813d2cb;fsync;slog;src/slog.c;build_make_bear"
  # tmux: the portable merge of OpenBSD commit cad282ebb (GitHub issue 4973).
  "tmux-42dafcc6;tmux/tmux;42dafcc62a9361eeaff286172f0e35d4ece12b5a;b41101023772597422c21c5e2db9b8f39a15a7b0;getpwuid;format_cb_user,format_cb_client_user;format.c;build_autogen_bear"
  "pgbouncer-c735970a;pgbouncer/pgbouncer;c735970ae1aff392ab07f39d93248035d4dec700;64fd4238ed8a4b55a659adc2a88eeb81a6d02a0c;gethostbyname;parse_database;src/loader.c;build_pgbouncer"
  "hexchat-4ee23424;hexchat/hexchat;4ee23424040835733fcb14c9230eba011b5d2dbc;5cbd2524dcedb995fc98403d1d73a3400e2cb935;g_input_stream_read,g_file_read;sha256_from_stream,sha256_from_file;plugins/checksum/checksum.c;build_hexchat"
  "redis-b454056d;redis/redis;b454056d9480b91fd8935a7719ac3ffa40445ddf;b1c892f3f63dfdace7431c623ddf09eb6997682b;close,rename;backgroundRewriteDoneHandler;src/aof.c;build_redis"
  "redis-b002d2b4;redis/redis;b002d2b4f1415f4db805081bc8f5b85d00f30e33;445a4b669a3a7232a18bf23340c5f7d580aa92c7;unlink;rdbRemoveTempFile;src/rdb.c;build_redis"
  "mosquitto-ef7a2303;eclipse/mosquitto;ef7a2303657c17da93f06525e94e5e4e526dd171;96a9d445c914534208435c6349ffcce0683fc7ef;getaddrinfo;_mosquitto_try_connect;lib/net_mosq.c;build_mosquitto"
  "libuv-b84a067e;libuv/libuv;b84a067e0f004e960dc743813ed3e41987149df4;651f2fc1617331bc4cc6335dcacbbffe79d1fa60;tcsetattr,uv__tcsetattr;uv_tty_set_mode,uv__tcsetattr;src/unix/tty.c;build_libuv"
  "geany-c4ece8e7;geany/geany;c4ece8e758e1633fe5215941462816b1d23200b1;398ddf6d73179ee7e50f2ad503e5b29a148802d4;system;document_print;src/document.c;build_geany"
  "ttyd-6d69f0a5;tsl0922/ttyd;6d69f0a55d4e7e647d949f8608dc8501ebfa9e52;28cbbdaa3deaab5b177b118ed4a4c1e59cee4211;usleep;main;src/server.c;build_cmake"
)
# Extra trees a bug's build needs (git submodules at the parent commit):
# id; repo; commit; path inside the tree
SUBMODULES=(
  "pgbouncer-c735970a;libusual/libusual;2ee987fc7f7198ff1f4aaf771160e366df2339f9;lib"
)

MIRRORS=${LAGSCAN_MIRRORS:-/work/.mirror}
LAGSCAN=${LAGSCAN:-build/bin/lagscan}
JOBS=${JOBS:-2}

die() { echo "historical.sh: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing build tool: $1" >&2; return 1; }; }

# ---- builders ---------------------------------------------------------------
# Each is run in the tree's root with the tree as $1 and must leave
# $1/compile_commands.json. A partial build is fine as long as the
# translation units of the expected file are in the database.

# make under bear; a failing make still leaves the commands it ran.
bear_make() {
  need bear; need make
  bear --output compile_commands.json -- make -k -j"$JOBS" "$@" || true
}

build_make_bear() { bear_make; }

build_autogen_bear() {
  need autoreconf; need pkg-config
  if [[ -x autogen.sh ]]; then ./autogen.sh; else autoreconf -fi; fi
  ./configure
  bear_make
}

# shadowsocks-libev 2.0.x ships its configure script and bundles libev,
# libudns and libsodium.
build_shadowsocks() {
  ./configure --disable-documentation
  bear_make
}

# pgbouncer 1.4 builds on libusual (a submodule, laid out from its mirror);
# its configure script is made as its Makefile's 'boot' target does. Part of
# libusual does not compile with today's compilers: make -k goes on.
build_pgbouncer() {
  need aclocal; need autoconf
  aclocal -I lib/m4
  autoheader -f
  autoconf -f
  ./configure
  bear_make
}

# hexchat: meson writes the compile database; the generated headers come from
# a build of the checksum plugin's dependencies only.
build_hexchat() {
  need meson; need ninja
  meson setup _build -Dgtk-frontend=false -Dtext-frontend=true -Dwith-lua=false \
    -Dwith-perl=false -Dwith-python=false -Dwith-checksum=true -Dplugin=true >/dev/null
  ninja -C _build -k 0 || true
  cp _build/compile_commands.json compile_commands.json
}

# redis: the libc allocator. Old redis ignores MALLOC and builds its bundled
# jemalloc, which needs <sys/sysctl.h> (gone from glibc): FORCE_LIBC_MALLOC.
build_redis() { bear_make MALLOC=libc FORCE_LIBC_MALLOC=yes; }

build_mosquitto() {
  bear_make WITH_DOCS=no WITH_WEBSOCKETS=no WITH_SRV=no WITH_UUID=no WITH_TLS=no
}

build_libuv() {
  need cmake
  cmake -S . -B _build -DLIBUV_BUILD_TESTS=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  cp _build/compile_commands.json compile_commands.json
}

build_cmake() {
  need cmake
  cmake -S . -B _build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  cmake --build _build -j"$JOBS" || true
  cp _build/compile_commands.json compile_commands.json
}

# geany 0.11 (2007): autotools of that time, GTK 2.
build_geany() {
  need autoreconf
  NOCONFIGURE=1 ./autogen.sh || autoreconf -fi
  ./configure --disable-vte
  bear_make
}

# ---- driver -----------------------------------------------------------------

# prepare ID REPO PARENT DIR: the tree at PARENT in DIR/src, plus submodules.
prepare() {
  local id=$1 repo=$2 parent=$3 dir=$4 git_dir
  git_dir=$MIRRORS/${repo/\//+}/repo
  [[ -d $git_dir ]] || { echo "no mirror of $repo at $git_dir" >&2; return 1; }
  rm -rf "$dir/src"
  mkdir -p "$dir/src"
  git --git-dir="$git_dir" archive "$parent" | tar -x -C "$dir/src"
  local s sid srepo scommit spath
  for s in "${SUBMODULES[@]}"; do
    IFS=';' read -r sid srepo scommit spath <<<"$s"
    [[ $sid == "$id" ]] || continue
    git_dir=$MIRRORS/${srepo/\//+}/repo
    [[ -d $git_dir ]] || { echo "no mirror of $srepo at $git_dir" >&2; return 1; }
    mkdir -p "$dir/src/$spath"
    git --git-dir="$git_dir" archive "$scommit" | tar -x -C "$dir/src/$spath"
  done
}

# matches JSON CALLEES FUNCTIONS FILE: does a finding in the JSON Lines report
# name one of the callees, in one of the functions, in the file?
matches() {
  jq -e --arg c "$2" --arg f "$3" --arg p "$4" -s '
    ($c | split(",")) as $cs | ($f | split(",")) as $fs |
    any(.[]; . as $r | any($cs[]; . == $r.callee) and any($fs[]; . == $r.function)
             and (($r.path // "") | endswith($p)))' "$1" >/dev/null
}

main() {
  [[ $# -ge 1 ]] || die "usage: $0 WORK_DIR [ID...]"
  local work=$1; shift
  need jq || die "jq is needed to read the reports"
  need git || die "git is needed to read the mirrors"
  [[ -x $LAGSCAN ]] || die "no lagscan binary at $LAGSCAN (set LAGSCAN)"
  LAGSCAN=$(cd "$(dirname "$LAGSCAN")" && pwd)/$(basename "$LAGSCAN")
  mkdir -p "$work"
  work=$(cd "$work" && pwd)

  local found=0 total=0 entry id repo fix parent callee func file builder dir outcome
  for entry in "${BUGS[@]}"; do
    IFS=';' read -r id repo fix parent callee func file builder <<<"$entry"
    if [[ $# -gt 0 ]] && [[ " $* " != *" $id "* ]]; then continue; fi
    total=$((total + 1))
    dir=$work/$id
    mkdir -p "$dir"
    outcome=error
    # The builder runs in a subshell of its own, outside any condition (a
    # subshell left of '||' would ignore errexit), so that a missing tool or
    # a failed configure stops that bug's build.
    local rc=0
    if [[ ${REUSE_TREES:-0} == 1 ]] && [[ -s $dir/src/compile_commands.json ]]; then
      :
    else
      prepare "$id" "$repo" "$parent" "$dir" >"$dir/build.log" 2>&1 || rc=$?
    fi
    if [[ $rc -eq 0 ]] && ! { [[ ${REUSE_TREES:-0} == 1 ]] && [[ -s $dir/src/compile_commands.json ]]; }; then
      set +e
      (set -e; cd "$dir/src"; "$builder" "$dir/src") >>"$dir/build.log" 2>&1
      rc=$?
      set -e
    fi
    if [[ $rc -eq 0 ]] && [[ -s $dir/src/compile_commands.json ]]; then
      # Exit status 1 means findings, 2 a TU that could not be analyzed:
      # the report is written either way. No report at all (a rule pack the
      # binary cannot read, say) is an error, not a miss.
      # A fresh fact database each time: one left by another lagscan version
      # may not be readable.
      rm -f "$dir/lagscan.txt" "$dir/lagscan.json" "$dir"/lagscan.db*
      "$LAGSCAN" scan -p "$dir/src/compile_commands.json" --root "$dir/src" \
        --db "$dir/lagscan.db" --color never --no-progress -o "$dir/lagscan.txt" \
        2>"$dir/lagscan.stderr" || true
      "$LAGSCAN" scan -p "$dir/src/compile_commands.json" --root "$dir/src" \
        --db "$dir/lagscan.db" --format json --no-progress -q -o "$dir/lagscan.json" \
        2>>"$dir/lagscan.stderr" || true
      if [[ ! -f $dir/lagscan.json ]]; then
        echo "historical.sh: $id: lagscan wrote no report; see $dir/lagscan.stderr" >&2
      elif matches "$dir/lagscan.json" "$callee" "$func" "$file"; then
        outcome=found
        found=$((found + 1))
      else
        outcome=missed
      fi
    else
      echo "historical.sh: $id: could not prepare the tree or its compile database; see $dir/build.log" >&2
    fi
    printf '%-7s %-28s %-32s %s (%s)\n' "$outcome" "$id" "$callee" "$func" "${fix:0:10}"
  done
  echo "found $found of $total"
}

main "$@"
