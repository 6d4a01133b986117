#!/usr/bin/env bash
# The README demo as a test: lagscan over examples/payment-api finds the
# route that hashes with tl_pbkdf2_sync on the loop (POST /register) and
# nothing in the asynchronous one (POST /register-async).
# Usage: check-demo.sh LAGSCAN SRCDIR
set -uo pipefail
lagscan=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
out=$("$lagscan" scan --db "$tmp/db" examples/payment-api/*.c -- -Iinclude -Iruntime/include)
status=$?
fail() { echo "demo: $*"; echo "$out"; exit 1; }
[ "$status" -eq 1 ] || fail "exit status $status, want 1"
warnings=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: warning: ' <<<"$out")
[ "$warnings" -eq 1 ] || fail "$warnings findings, want exactly 1"
grep -qE "^examples/payment-api/server.c:[0-9]+:[0-9]+: warning: 'tl_pbkdf2_sync'.*\[sync-crypto\]$" <<<"$out" \
  || fail "no sync-crypto finding at tl_pbkdf2_sync"
grep -qE "note: 'on_register' registered here as a loop callback \(tl_http_route\)" <<<"$out" \
  || fail "the path does not start at on_register's registration"
grep -q "on_register_async" <<<"$out" && fail "the async route was reported"
echo "demo: one finding, on the synchronous route, as expected"
