#!/usr/bin/env bash
# Runs lagscan under Valgrind's memcheck, for the `valgrind_fixtures` test:
# any invalid access, use of uninitialized memory or definite leak makes the
# run exit 99, which the fixture runner reports as a failure. Worker
# processes are forks of the same image and are checked too.
# Usage: lagscan-under-valgrind.sh LAGSCAN ARGS...
set -euo pipefail
exe=$1
shift
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --child-silent-after-fork=no --trace-children=no \
  "$exe" "$@"
