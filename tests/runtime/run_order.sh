#!/bin/sh
# run_order.sh: runs tickloop-order RUNS times and compares its output, and
# the order of its labels, with the expected lines every time.
# Usage: run_order.sh TICKLOOP_ORDER EXPECTED_FILE [RUNS]
set -eu
exe=$1
expected=$2
runs=${3:-20}
labels="1 2 3 3.5 4 5 6 7 8 9 10"
i=1
while [ "$i" -le "$runs" ]; do
  out=$("$exe")
  got=$(printf '%s\n' "$out" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" != "$labels" ]; then
    echo "run $i: labels '$got', expected '$labels'" >&2
    exit 1
  fi
  if ! printf '%s\n' "$out" | diff -u "$expected" - >&2; then
    echo "run $i: output differs from $expected" >&2
    exit 1
  fi
  i=$((i + 1))
done
echo "tickloop-order: $runs runs, same order every time: $labels"
