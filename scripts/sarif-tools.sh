#!/usr/bin/env bash
# sarif-tools.sh DIR: makes the SARIF Multitool (npm @microsoft/sarif-multitool,
# the SARIF SDK's validator) ready in DIR, a cache directory under a build dir,
# for the reports tests (tests/reports/CMakeLists.txt runs this as a test
# fixture before reports_sarif).
#
# After a success DIR holds:
#   DIR/multitool                 a link to the package's native binary (a
#                                 self-contained .NET executable: no dotnet is
#                                 needed; the package's own bin.js is not used
#                                 because it passes arguments through a shell)
#   DIR/sarif-schema-2.1.0.json   the SARIF 2.1.0 JSON schema the package ships,
#                                 used when ../shared/sarif is absent
#
# Installing needs the npm registry once; an existing install that runs is
# reused. When the tool cannot be installed or does not run, this fails with
# CI=true (a CI job must not skip the check) and otherwise says so and exits 0,
# leaving DIR/multitool absent, so the tests skip the Multitool check visibly.
set -uo pipefail

VERSION=5.7.0 # pinned: a new release may add rules

dir=${1:?usage: sarif-tools.sh DIR}
mkdir -p "$dir" || exit 1
dir=$(cd "$dir" && pwd)

give_up() {
  echo "sarif-tools: $*" >&2
  rm -f "$dir/multitool"
  if [ "${CI:-}" = true ]; then
    echo "sarif-tools: CI=true: the SARIF Multitool is required" >&2
    exit 1
  fi
  echo "sarif-tools: the tests will skip the SARIF Multitool check" >&2
  exit 0
}

runs() { [ -x "$dir/multitool" ] && "$dir/multitool" --version >/dev/null 2>&1; }

if runs && [ -f "$dir/sarif-schema-2.1.0.json" ] && [ "$(cat "$dir/version" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi

command -v npm >/dev/null || give_up "npm is not installed (scripts/install-deps.sh installs it)"
command -v node >/dev/null || give_up "node is not installed (scripts/install-deps.sh installs it)"
if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$VERSION" >"$dir/npm.log" 2>&1; then
  give_up "npm install @microsoft/sarif-multitool@$VERSION failed: $(tail -n 5 "$dir/npm.log")"
fi
# The package picks its platform's binary (index.js); its postinstall (chmod)
# may not have run, so the mode is set here.
bin=$(cd "$dir" && node -p "require('@microsoft/sarif-multitool')" 2>>"$dir/npm.log") ||
  give_up "no SARIF Multitool binary for this platform ($(uname -sm))"
chmod u+x "$bin" || give_up "cannot make $bin executable"
ln -sf "$bin" "$dir/multitool"
runs || give_up "$bin does not run: $("$bin" --version 2>&1 | tail -n 3)"
schema=$(dirname "$bin")/sarif-2.1.0.json
[ -f "$schema" ] || give_up "the package has no SARIF schema at $schema"
cp "$schema" "$dir/sarif-schema-2.1.0.json" || give_up "cannot copy $schema"
echo "$VERSION" >"$dir/version"
echo "sarif-tools: SARIF Multitool $VERSION ready in $dir"
