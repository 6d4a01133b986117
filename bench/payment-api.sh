#!/usr/bin/env bash
# payment-api.sh: what one synchronous password hash on the loop thread
# costs everybody else. Starts build/bin/payment-api (it builds nothing) on
# loopback and, with wrk, loads POST /register (PBKDF2 on the loop thread,
# the bug) or POST /register-async (PBKDF2 on the worker pool) while a second
# wrk measures GET /health. Reports /health's p99 latency and the loop-delay
# histogram's p99 (GET /lag) for each case, and the ratios sync / async.
#
# Environment: PORT (18080), DURATION seconds per case (10), ITERATIONS of
# PBKDF2-SHA256 (100000), LOAD_CONNECTIONS on the register route (4),
# HEALTH_CONNECTIONS (2), WARN_MS: the watchdog's threshold (20),
# PAYMENT_API (build/bin/payment-api).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${PAYMENT_API:-build/bin/payment-api}
port=${PORT:-18080}
duration=${DURATION:-10}
iterations=${ITERATIONS:-100000}
load_conns=${LOAD_CONNECTIONS:-4}
health_conns=${HEALTH_CONNECTIONS:-2}
warn_ms=${WARN_MS:-20}
base=http://127.0.0.1:$port

[ -x "$bin" ] || { echo "payment-api.sh: '$bin' not found; build first (bash scripts/build.sh)" >&2; exit 2; }
for tool in wrk curl awk; do
  command -v "$tool" >/dev/null || { echo "payment-api.sh: '$tool' is not installed" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The watchdog reports every callback that holds the loop for WARN_MS or more.
TL_BLOCK_WARN_MS=$warn_ms "$bin" "$port" "$iterations" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 50); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$base/health" >/dev/null || { echo "payment-api.sh: the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"username":"bench","password":"correct horse battery staple"}'
wrk.headers["Content-Type"] = "application/json"
LUA

to_ms() { # wrk prints 812.00us, 12.34ms or 1.20s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "nan" }'
}
json_field() { grep -o "\"$1\":[0-9.]*" | head -1 | cut -d: -f2; }
wrk_p99() { awk '$1 == "99%" { print $2 }' "$1"; }
wrk_rps() { awk '$1 == "Requests/sec:" { print $2 }' "$1"; }
wrk_errors() { awk '/Non-2xx|Socket errors/ { print }' "$1" | tr '\n' ' '; }

# measure NAME ROUTE: loads ROUTE (none: no load) while measuring /health.
measure() {
  local name=$1 route=$2 load_pid=
  curl -fs -X POST "$base/lag/reset" >/dev/null
  local warn_before
  warn_before=$(grep -c ") held the loop for" "$work/server.err" || true)
  if [ "$route" != none ]; then
    wrk -t1 -c"$load_conns" -d"$((duration + 2))s" -s "$work/post.lua" "$base$route" >"$work/load-$name.txt" &
    load_pid=$!
    sleep 1 # the load is running before /health is measured
  fi
  wrk -t1 -c"$health_conns" -d"${duration}s" --latency "$base/health" >"$work/health-$name.txt"
  curl -fs "$base/lag" >"$work/lag-$name.json"
  [ -n "$load_pid" ] && wait "$load_pid"
  local warn_after
  warn_after=$(grep -c ") held the loop for" "$work/server.err" || true)
  health_p99[$name]=$(to_ms "$(wrk_p99 "$work/health-$name.txt")")
  health_rps[$name]=$(wrk_rps "$work/health-$name.txt")
  lag_p99[$name]=$(json_field p99_ms <"$work/lag-$name.json")
  lag_max[$name]=$(json_field max_ms <"$work/lag-$name.json")
  load_rps[$name]=$([ "$route" != none ] && wrk_rps "$work/load-$name.txt" || echo -)
  warnings[$name]=$((warn_after - warn_before))
  local errs
  errs=$(wrk_errors "$work/health-$name.txt")
  [ -z "$errs" ] || echo "note ($name, /health): $errs"
}

declare -A health_p99 health_rps lag_p99 lag_max load_rps warnings
echo "payment-api bench: $(nproc) cores, PBKDF2-SHA256 x $iterations, $duration s per case,"
echo "  $load_conns connections on the register route, $health_conns on /health ($(head -1 "$work/server.out" | sed 's/.*(//; s/)//'))"
measure idle none
measure sync /register
measure async /register-async

printf '\n%-26s %14s %13s %12s %12s %15s %9s\n' "load" "/health p99" "/health rps" "lag p99" "lag max" "register rps" "watchdog"
for name in idle sync async; do
  case $name in idle) label="none" ;; sync) label="POST /register (sync)" ;; async) label="POST /register-async" ;; esac
  printf '%-26s %11s ms %13s %9s ms %9s ms %15s %9s\n' "$label" "${health_p99[$name]}" "${health_rps[$name]}" \
    "${lag_p99[$name]}" "${lag_max[$name]}" "${load_rps[$name]}" "${warnings[$name]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else printf "inf" }'; }
echo
echo "sync / async: /health p99 $(ratio "${health_p99[sync]}" "${health_p99[async]}"), lag p99 $(ratio "${lag_p99[sync]}" "${lag_p99[async]}")"
echo "(lag: the loop-delay histogram, 10 ms resolution, delay beyond the resolution;"
echo " watchdog: callbacks that held the loop for $warn_ms ms or more, named on the server's stderr)"
sed -n '/) held the loop for/{p;q}' "$work/server.err" | sed 's/^/example: /'
