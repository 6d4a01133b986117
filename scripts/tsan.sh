#!/usr/bin/env bash
# tsan.sh: builds tickloop and its tests with ThreadSanitizer into
# BUILD_DIR (default build-tsan/) and runs the suites where threads meet:
# the worker pool (and its size per TL_THREADPOOL_SIZE), files and crypto on
# the pool, the lag monitor and the watchdog thread. Any TSan report fails
# the run (halt_on_error=1, exitcode 66).
#
# Only the runtime's test targets are built, with the flags passed on the
# command line (the top-level CMakeLists.txt has no TSan option). Skips,
# exit 0, when no compiler here can build and run a -fsanitize=thread
# program (TSan needs clang or gcc's libtsan, and a kernel whose address
# space layout it supports).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-tsan}

cc=
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <pthread.h>\nstatic void *f(void *a) { return a; }\nint main(void) { pthread_t t; pthread_create(&t, 0, f, 0); return pthread_join(t, 0); }\n' >"$probe/p.c"
for candidate in ${CC:-} clang gcc; do
  command -v "$candidate" >/dev/null || continue
  if "$candidate" -fsanitize=thread -g "$probe/p.c" -o "$probe/p" -pthread 2>/dev/null &&
     "$probe/p" >/dev/null 2>&1; then
    cc=$candidate
    break
  fi
done
if [ -z "$cc" ]; then
  echo "tsan.sh: no compiler with a working ThreadSanitizer here; skipped"
  exit 0
fi

flags="-fsanitize=thread -g -O1 -fno-omit-frame-pointer"
cmake -S . -B "$build_dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Debug -DLAGSCAN_WERROR=ON \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target test_tickloop test_tickloop_pool

# second_deadlock_stack: full stacks for lock-order reports; report_signal_unsafe
# stays on (the runtime installs no signal handlers).
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
  ctest --test-dir "$build_dir" --output-on-failure \
  -R '^runtime_(pool|pool_size_.*|fs|crypto|lag|tcp|http|faults|http_faults)$'
