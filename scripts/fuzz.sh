#!/usr/bin/env bash
# Builds lagscan's libFuzzer targets (tests/fuzz/) with clang and runs each
# for a bounded time (default 15 s; `bash scripts/fuzz.sh 60` for longer)
# from the corpus kept in tests/fuzz/corpus/. New inputs go to a scratch
# directory, not the repository. Fails when a target crashes, leaks or finds
# an abort (the artifact is kept in build-fuzz/artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
out=build-fuzz
mkdir -p "$out/artifacts"
clang=$(command -v clang || command -v clang-14)
# The targets are built by CMake like everything else (tests/fuzz/).
CC="$clang" cmake -S . -B "$out" -DLAGSCAN_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$out" -j"$(nproc)" --target fuzz_rulepack fuzz_config fuzz_suppress fuzz_baseline
for target in rulepack config suppress baseline; do
  work=$(mktemp -d)
  echo "== fuzz_$target: ${seconds} s"
  status=0
  ASAN_OPTIONS=detect_leaks=1 "$out/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/$target-" -print_final_stats=1 \
    "$work" "tests/fuzz/corpus/$target" >"$out/$target.log" 2>&1 || status=$?
  grep -E "^stat::number_of_executed_units|ERROR|SUMMARY|Test unit written" "$out/$target.log" || true
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "fuzz_$target failed (exit $status); see $out/artifacts/" >&2
    exit 1
  fi
done
echo "fuzz: all targets ran ${seconds} s without a failure"
