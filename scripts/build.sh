#!/usr/bin/env bash
# Configures and builds lagscan into BUILD_DIR (default build/). Extra
# arguments go to cmake's configure step (e.g. -DLAGSCAN_SANITIZE=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DLAGSCAN_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
