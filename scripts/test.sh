#!/usr/bin/env bash
# Installs the dependencies, builds lagscan and runs every test: once in a
# normal build (build/) and once under AddressSanitizer + UndefinedBehavior-
# Sanitizer (build-asan/). This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== build (build/)"
BUILD_DIR=build bash scripts/build.sh
echo "== tests (build/)"
ctest --test-dir build --output-on-failure -j2
bash scripts/conformance.sh # tickloop against Node (this machine's and Node 24 from npm)

echo "== build with ASan + UBSan (build-asan/)"
BUILD_DIR=build-asan bash scripts/build.sh -DLAGSCAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
echo "== tests under ASan + UBSan (build-asan/)"
# LeakSanitizer is part of ASan: leaks fail the tests too.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j2

echo "== fuzzing (libFuzzer, bounded time per target)"
bash scripts/fuzz.sh "${LAGSCAN_FUZZ_SECONDS:-15}"

echo "== ThreadSanitizer on the runtime's pool, fs, crypto, lag, watchdog (build-tsan/)"
bash scripts/tsan.sh # skips when no compiler here has a working TSan
