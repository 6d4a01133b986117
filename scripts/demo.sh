#!/usr/bin/env bash
# Installs the dependencies, builds lagscan, and runs it over the payment-api
# example: the POST /register route hashes passwords with tl_pbkdf2_sync on
# the loop thread, the bug lagscan exists to catch; /register-async does not.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=build bash scripts/build.sh
echo
echo "\$ build/bin/lagscan scan --db build/demo.db examples/payment-api/*.c -- -Iinclude -Iruntime/include"
status=0
build/bin/lagscan scan --db build/demo.db examples/payment-api/*.c -- -Iinclude -Iruntime/include || status=$?
echo
echo "lagscan exited with status $status (0: no findings, 1: findings, 2: error)"
[ "$status" -le 1 ]
