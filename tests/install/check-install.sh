#!/bin/bash
# check-install.sh BUILD SRC CMAKE CPACK: installs BUILD into a temporary
# prefix and checks what a user gets: bin/lagscan, which reads the packs of
# PREFIX/share/lagscan/rules (the source tree's rules/ moved out of its
# reach), scans a fixture, and has a man page and a bash completion made
# from its option tables; then that `cpack -G DEB` makes a .deb listing the
# binary and the packs (skipped only when dpkg-deb is missing).
set -u
build=$1 src=$2 cmake=$3 cpack=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/lagscan-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "install test: FAIL: $*" >&2; exit 1; }

prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "cmake --install"; }
lagscan=$prefix/bin/lagscan
[ -x "$lagscan" ] || fail "no bin/lagscan"
[ -f "$prefix/share/lagscan/rules/rules.yml" ] || fail "no share/lagscan/rules/rules.yml"
[ -f "$prefix/share/lagscan/rules/libuv.yml" ] || fail "no share/lagscan/rules/libuv.yml"

# From a directory outside the source tree, with no override in the
# environment: the installed packs are the ones read.
cd "$work" || exit 1
unset LAGSCAN_RULES_DIR LAGSCAN_RULES_PATH
out=$("$lagscan" rules --verbose) || fail "lagscan rules exits $?"
real_rules=$(cd "$prefix/share/lagscan/rules" && pwd -P)
got=$(printf '%s\n' "$out" | sed -n 's/^rule packs: //p')
[ "$(cd "$got" 2>/dev/null && pwd -P)" = "$real_rules" ] ||
  fail "rule packs read from '$got', not '$real_rules'"
printf '%s\n' "$out" | grep -q '^sync-fs ' || fail "lagscan rules lists no sync-fs"

# A libuv program is scanned with the installed packs; a copy of the prefix
# whose packs lack libuv.yml finds nothing in it, which proves that the
# packs beside the binary are read, never the source tree's.
mkdir -p "$work/fixture"
cat >"$work/fixture/timer.c" <<'C'
#include <uv.h>
#include <unistd.h>
static void on_timer(uv_timer_t *t) { (void)t; sleep(1); }
void start(uv_timer_t *t) { uv_timer_start(t, on_timer, 0, 0); }
C
cd "$work/fixture" || exit 1
"$lagscan" scan --no-progress timer.c -- -I"$src/include" >"$work/scan.out" 2>"$work/scan.err"
status=$?
[ $status -eq 1 ] || { cat "$work/scan.err" >&2; fail "scan exits $status, not 1"; }
grep -q "timer.c:3:.*\[sleep\]" "$work/scan.out" || fail "no [sleep] finding: $(cat "$work/scan.out")"
cp -a "$prefix" "$work/bare"
rm "$work/bare/share/lagscan/rules/libuv.yml"
"$work/bare/bin/lagscan" scan --no-progress --db "$work/bare.db" timer.c -- -I"$src/include" \
  >"$work/bare.out" 2>&1
[ $? -eq 0 ] || fail "a prefix without libuv.yml still finds the libuv finding (source packs used?)"
# LAGSCAN_RULES_PATH overrides: the first directory of the list with a rules.yml.
LAGSCAN_RULES_PATH="$work/nowhere:$src/rules" "$work/bare/bin/lagscan" rules --verbose |
  grep -q "^rule packs: $src/rules\$" || fail "LAGSCAN_RULES_PATH is not honoured"
LAGSCAN_RULES_DIR="$src/rules" "$work/bare/bin/lagscan" rules --verbose |
  grep -q "^rule packs: $src/rules\$" || fail "LAGSCAN_RULES_DIR is not honoured"

# The man page: generated, parsed by groff (or man) when there is one.
man1=$prefix/share/man/man1/lagscan.1
[ -f "$man1" ] || fail "no share/man/man1/lagscan.1"
head -2 "$man1" | grep -q '^\.TH LAGSCAN 1' || fail "lagscan.1 has no .TH line"
for opt in root disable tu-timeout baseline shard; do
  grep -qF -- "$(printf '%s' "--$opt" | sed 's/-/\\-/g')" "$man1" ||
    fail "lagscan.1 does not document --$opt"
done
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$man1" 2>&1)
  [ -z "$warnings" ] || fail "groff: $warnings"
elif command -v man >/dev/null; then
  man -l "$man1" >/dev/null 2>&1 || fail "man -l lagscan.1"
fi

# The bash completion: valid bash, completing commands and options.
comp=$prefix/share/bash-completion/completions/lagscan
[ -f "$comp" ] || fail "no share/bash-completion/completions/lagscan"
bash -n "$comp" || fail "the completion is not valid bash"
words=$(bash -c '. "$1"; COMP_WORDS=(lagscan sc); COMP_CWORD=1; _lagscan; echo "${COMPREPLY[*]}"' \
  _ "$comp")
[ "$words" = "scan" ] || fail "completing 'lagscan sc' gives '$words'"
words=$(bash -c '. "$1"; COMP_WORDS=(lagscan scan --dis); COMP_CWORD=2; _lagscan;
  echo "${COMPREPLY[*]}"' _ "$comp")
[ "$words" = "--disable" ] || fail "completing 'lagscan scan --dis' gives '$words'"

# The Debian package.
if ! command -v dpkg-deb >/dev/null; then
  echo "install test: dpkg-deb not found: the .deb is not checked"
  exit 0
fi
mkdir -p "$work/deb"
(cd "$build" && "$cpack" -G DEB -B "$work/deb" --config "$build/CPackConfig.cmake") \
  >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb=$(ls "$work"/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "cpack made no .deb"
listing=$(dpkg-deb -c "$deb")
for f in ./usr/bin/lagscan ./usr/share/lagscan/rules/rules.yml ./usr/share/lagscan/rules/libuv.yml \
  ./usr/share/man/man1/lagscan.1 ./usr/share/bash-completion/completions/lagscan; do
  printf '%s\n' "$listing" | grep -q " $f\$" || fail "the .deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in "libclang1-14 | libclang1" libsqlite3-0 libyaml-0-2 libyajl2 libssl3; do
  case $depends in *"$d"*) ;; *) fail "the .deb does not depend on $d ($depends)" ;; esac
done
echo "install test: ok ($deb)"
