#!/usr/bin/env bash
# Installs every build and test dependency of lagscan from Debian's packages.
# Idempotent: packages already present are left alone, and apt-get update runs
# only when something is missing. Must run as root (or through sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  clang libclang-dev llvm-dev libclang-rt-14-dev
  libsqlite3-dev sqlite3 libcunit1-dev libyaml-dev libyajl-dev
  libssl-dev libhttp-parser-dev
  python3 python3-jsonschema python3-yaml valgrind wrk
  clang-tidy cppcheck
  graphviz chromium
  libuv1-dev libevent-dev libev-dev libglib2.0-dev libcurl4-openssl-dev
  zlib1g-dev libcjson-dev
  libpq-dev libmariadb-dev libxml2-dev libjansson-dev libjson-c-dev libbz2-dev liblzma-dev
  libzstd-dev libpcre2-dev libsodium-dev libargon2-dev nodejs
  libasio-dev
)

# npm fetches the SARIF Multitool (@microsoft/sarif-multitool) that the SARIF
# tests run (scripts/sarif-tools.sh installs it into the build directory).
# Debian's npm package, unless the installed nodejs already ships npm.
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
