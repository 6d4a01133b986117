#!/usr/bin/env bash
# check-html.sh: the HTML report of a real scan in headless Chromium.
# Usage: check-html.sh LAGSCAN SRCDIR OUTDIR
#
# Scans examples/payment-api with the built lagscan (--format html), loads
# the page in headless Chromium twice (a screenshot, then the DOM) with its
# log on stderr, and fails on any console message, on a screenshot that is
# missing, empty, not a PNG of the window's size or blank, and on a DOM
# without the finding, its anchors, its picture or its rule's help. Before
# that, a page that throws must be caught: a check that cannot see console
# messages would pass everything. The report and the screenshot are kept in
# OUTDIR (payment-api.html, html-report.png). $LAGSCAN_CHROMIUM names the
# browser (default: chromium on PATH). Exit 77 (skipped) only when there is
# no browser and CI is not "true"; in CI a missing browser fails.
set -uo pipefail
lagscan=$1
src=$2
out=$3
browser=${LAGSCAN_CHROMIUM:-$(command -v chromium || true)}
if [ -z "$browser" ] || [ ! -x "$browser" ]; then
  if [ "${CI:-}" = true ]; then
    echo "html: FAILED: chromium is not installed (CI=true; scripts/install-deps.sh installs it)"
    exit 1
  fi
  echo "html: SKIPPED: chromium is not installed (Debian package chromium; scripts/install-deps.sh installs it)"
  exit 77
fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "html: FAILED: $*"
  exit 1
}

# load PAGE PNG-or-empty LOG: runs the browser on file://PAGE; the DOM goes
# to LOG.dom, the browser's log to LOG.
load() {
  local page=$1 png=$2 log=$3 what=(--dump-dom)
  [ -n "$png" ] && what=(--screenshot="$png")
  timeout 120 "$browser" --headless --disable-gpu --no-sandbox --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
    --window-size=1280,2000 "${what[@]}" "file://$page" >"$log.dom" 2>"$log"
}

# Console messages as Chromium logs them ("INFO:CONSOLE:1] ..." or
# "INFO:CONSOLE(1)] ..."), and what it says of refused loads.
console_lines() {
  grep -E ':CONSOLE[:(]|Uncaught|Refused to|Content Security Policy' "$1"
}

# 1. The check sees console errors at all.
printf '<!DOCTYPE html><html><body><p>x</p><script>throw new Error("lagscan-selftest")</script></body></html>\n' \
  >"$tmp/bad.html"
load "$tmp/bad.html" "$tmp/bad.png" "$tmp/bad.log" || fail "chromium failed on a test page (exit $?)"
console_lines "$tmp/bad.log" | grep -q lagscan-selftest \
  || fail "the console error of a page that throws is not in chromium's log; cannot check the report"

# 2. The report of a real scan.
page=$out/payment-api.html
rm -f "$page" "$out/html-report.png"
(cd "$src" && "$lagscan" scan --db "$tmp/db" --format html -o "$page" \
  examples/payment-api/*.c -- -Iinclude -Iruntime/include)
status=$?
[ "$status" -eq 1 ] || fail "lagscan scan exited with $status, want 1 (findings)"
[ -s "$page" ] || fail "no report at $page"

png=$out/html-report.png
load "$page" "$png" "$tmp/shot.log" || { cat "$tmp/shot.log"; fail "chromium exited with $? taking the screenshot"; }
if console_lines "$tmp/shot.log"; then fail "console messages while loading the report (above)"; fi
[ -s "$png" ] || fail "no screenshot, or an empty one, at $png"
python3 - "$png" <<'PY' || fail "the screenshot is not a sensible PNG"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
w, h = struct.unpack(">II", data[16:24])
if (w, h) != (1280, 2000):
    sys.exit("size %dx%d, want 1280x2000" % (w, h))
# Decompress the image data: a blank page is almost all one byte value.
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
most = max(raw.count(b) for b in set(raw[::97]))
if most > 0.995 * len(raw):
    sys.exit("the screenshot is blank")
PY

load "$page" "" "$tmp/dom.log" || fail "chromium exited with $? dumping the DOM"
if console_lines "$tmp/dom.log"; then fail "console messages while loading the report (above)"; fi
dom=$tmp/dom.log.dom
for want in 'id="summary"' 'id="by-rule"' 'id="by-file"' 'href="#finding-1"' \
  '<article class="finding" id="finding-1">' 'id="finding-1-hop-1"' '<svg class="path"' \
  'href="#finding-1-hop-' 'id="rule-sync-crypto"' 'tl_pbkdf2_sync' '<strong>' '<pre class="md">'; do
  grep -qF "$want" "$dom" || fail "not in the DOM: $want"
done
n=$(grep -o '<article class="finding"' "$dom" | wc -l)
[ "$n" -eq 1 ] || fail "$n findings in the DOM, want 1"
echo "html: the report loads in $("$browser" --version 2>/dev/null | head -1) with no console message;" \
  "screenshot at $png"
