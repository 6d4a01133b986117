#!/usr/bin/env bash
# payment-api-load.sh: payment-api under 10,000 concurrent keep-alive
# connections on loopback, then under LeakSanitizer. Builds nothing.
#
#   1. GET /health, CONNECTIONS connections (10000), wrk -t THREADS (2)
#   2. a mix on as many connections: 68% GET /health, 10% GET /lag,
#      20% POST /register-async (PBKDF2 on the pool), 2% POST /register
#      (PBKDF2 on the loop: the example's deliberate bug, kept in the mix at
#      ITERATIONS (1000) so that it costs the loop ~0.4 ms per call)
#   3. the ASan build (PAYMENT_API_ASAN) on LSAN_CONNECTIONS (10000) for
#      LSAN_DURATION s (10): GET /health, then the mix, then the mix again
#      with SIGTERM half-way through, while every connection is open and
#      hashes are in flight. Each time the server must close every
#      connection, exit 0 and print no LeakSanitizer, AddressSanitizer or
#      UBSan report.
#
# Each case starts a fresh server and stops it with SIGTERM (payment-api
# closes its server, tl_loop_close must return 0, exit status 0). While wrk
# runs, the server's RSS (VmRSS) and open descriptors are sampled from /proc
# every 0.2 s; the peak is the larger of the samples and VmHWM (the kernel's
# own). RSS per connection is (peak - RSS before the load) / connections
# held; RSS a quarter into the run and at its end shows whether it grows.
#
# A case fails (exit 1) on any wrk socket error, non-2xx answer, fewer
# connections held than asked (not counted when the server is stopped
# during the load), unclean shutdown or sanitizer report.
#
# Environment: PAYMENT_API (build/bin/payment-api), PAYMENT_API_ASAN
# (build-asan/bin/payment-api; the LSan cases are skipped when missing),
# PORT (18090), CONNECTIONS (10000), THREADS (2), DURATION s (30),
# TIMEOUT s per request (30), ITERATIONS (1000), LSAN_CONNECTIONS (10000),
# LSAN_DURATION s (10).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${PAYMENT_API:-build/bin/payment-api}
asan_bin=${PAYMENT_API_ASAN:-build-asan/bin/payment-api}
port=${PORT:-18090}
conns=${CONNECTIONS:-10000}
threads=${THREADS:-2}
duration=${DURATION:-30}
req_timeout=${TIMEOUT:-30}
iterations=${ITERATIONS:-1000}
lsan_conns=${LSAN_CONNECTIONS:-10000}
lsan_duration=${LSAN_DURATION:-10}
base=http://127.0.0.1:$port

[ -x "$bin" ] || { echo "payment-api-load.sh: '$bin' not found; build first (bash scripts/build.sh)" >&2; exit 2; }
for tool in wrk curl awk; do
  command -v "$tool" >/dev/null || { echo "payment-api-load.sh: '$tool' is not installed" >&2; exit 2; }
done

# One descriptor per connection on each side (wrk here, the server raises
# its own soft limit to the hard one with setrlimit).
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=1048576
need=$((conns + 64))
if [ "$hard" -lt "$need" ]; then
  echo "payment-api-load.sh: the hard descriptor limit is $hard, $need needed for $conns connections" >&2
  exit 2
fi
ulimit -n "$hard"

work=$(mktemp -d)
server_pid=
sampler_pid=
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/mix.lua" <<'LUA'
-- 50 requests per cycle: 1 sync register, 10 async registers, 5 /lag, 34 /health.
local body = '{"username":"load","password":"correct horse battery staple"}'
local json = { ["Content-Type"] = "application/json" }
local n = 0
request = function()
  n = n + 1
  local k = n % 50
  if k == 0 then return wrk.format("POST", "/register", json, body) end
  if k <= 10 then return wrk.format("POST", "/register-async", json, body) end
  if k <= 15 then return wrk.format("GET", "/lag") end
  return wrk.format("GET", "/health")
end
LUA

kib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
status_kib() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/status"; }

# start_server NAME BINARY [VAR=VALUE...]: starts it, waits for /health.
start_server() {
  local name=$1 binary=$2
  shift 2
  env "$@" "$binary" "$port" "$iterations" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fs "$base/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "payment-api-load.sh: the server ($name) did not start" >&2
  cat "$work/$name.err" >&2
  exit 1
}

# sample PID FILE: "rss_kib fds" every 0.2 s while PID lives.
sample() {
  while [ -r "/proc/$1/status" ]; do
    echo "$(status_kib "$1" VmRSS) $(ls -U "/proc/$1/fd" 2>/dev/null | wc -l)" >>"$2"
    sleep 0.2
  done
}

# stop_server NAME: SIGTERM, then the exit status and how long it took.
stop_server() {
  local name=$1 t0 t1 st=0
  t0=$(date +%s.%N)
  kill -TERM "$server_pid"
  wait "$server_pid" || st=$?
  t1=$(date +%s.%N)
  server_pid=
  shutdown_status[$name]=$st
  shutdown_ms[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
}

failures=0
fail() { echo "FAIL ($1): $2"; failures=$((failures + 1)); }

# run_case NAME LABEL BINARY CONNECTIONS DURATION WRK_ARGS... -- ENV...
# With stop_after=S (seconds), SIGTERM comes S s into the load, while every
# connection is open and requests are in flight: wrk then sees the
# connections close (its errors are expected, not counted); the server must
# still exit 0 after tl_loop_close.
declare -A shutdown_status shutdown_ms
stop_after=
run_case() {
  local name=$1 label=$2 binary=$3 c=$4 d=$5
  shift 5
  local wrk_args=() envs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do wrk_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  envs=("$@")
  start_server "$name" "$binary" "${envs[@]}"
  local pid=$server_pid
  sleep 0.5
  local rss0 fds0
  rss0=$(status_kib "$pid" VmRSS)
  fds0=$(ls -U "/proc/$pid/fd" | wc -l)
  : >"$work/$name.samples"
  sample "$pid" "$work/$name.samples" &
  sampler_pid=$!
  local hwm open_at_stop=
  if [ -n "$stop_after" ]; then
    wrk -t"$threads" -c"$c" -d"${d}s" --timeout "${req_timeout}s" --latency "${wrk_args[@]}" \
      >"$work/$name.wrk" 2>&1 &
    local wrk_pid=$!
    sleep "$stop_after"
    open_at_stop=$(($(ls -U "/proc/$pid/fd" | wc -l) - fds0))
    hwm=$(status_kib "$pid" VmHWM)
    stop_server "$name"
    wait "$wrk_pid" || true
  else
    wrk -t"$threads" -c"$c" -d"${d}s" --timeout "${req_timeout}s" --latency "${wrk_args[@]}" \
      >"$work/$name.wrk" 2>&1 || true
    hwm=$(status_kib "$pid" VmHWM)
  fi
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=
  [ -n "$stop_after" ] || stop_server "$name"

  local peak_rss peak_fds held reqs rps p50 p99 errs non2xx per_conn rss_q1 rss_end
  peak_rss=$(awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }' "$work/$name.samples")
  [ "$hwm" -gt "$peak_rss" ] && peak_rss=$hwm
  # Flat or growing: RSS a quarter into the run and at its end.
  rss_q1=$(awk '{ v[NR] = $1 } END { print v[int(NR / 4) + 1] }' "$work/$name.samples")
  rss_end=$(awk '$2 > 100 { v = $1 } END { print v }' "$work/$name.samples")
  peak_fds=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$work/$name.samples")
  held=$((peak_fds - fds0))
  reqs=$(awk '/requests in/ { print $1 }' "$work/$name.wrk")
  rps=$(awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' "$work/$name.wrk")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/$name.wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/$name.wrk")
  errs=$(awk -F'Socket errors: ' '/Socket errors/ { print $2 }' "$work/$name.wrk")
  non2xx=$(awk -F': ' '/Non-2xx/ { print $2 }' "$work/$name.wrk")
  per_conn=$(awk -v a="$peak_rss" -v b="$rss0" -v n="$held" 'BEGIN { if (n > 0) printf "%.0f", (a - b) * 1024 / n; else print "-" }')

  echo "== $label"
  echo "   connections: $c asked, $held held at once by the server (peak $peak_fds descriptors, $fds0 before)"
  echo "   requests:    ${reqs:-0} in ${d} s, ${rps:-0} req/s, latency p50 ${p50:--}, p99 ${p99:--}"
  if [ -n "$stop_after" ]; then
    echo "   errors:      not counted: SIGTERM ${stop_after} s into the load, with $open_at_stop connections open"
  else
    echo "   errors:      socket errors ${errs:-none}; non-2xx ${non2xx:-0}"
  fi
  echo "   memory:      RSS $(kib "$rss0") before, peak $(kib "$peak_rss") (sampled and VmHWM), ${per_conn} bytes per connection;"
  echo "                $(kib "${rss_q1:-0}") a quarter into the run, $(kib "${rss_end:-0}") at its end"
  echo "   shutdown:    SIGTERM -> exit ${shutdown_status[$name]} in ${shutdown_ms[$name]} ms"
  grep -h "tl_loop_close\|stopped cleanly" "$work/$name.err" | sed 's/^/   server:      /' || true

  if [ -z "$stop_after" ]; then
    [ -z "$errs" ] || fail "$name" "wrk socket errors: $errs"
    [ -z "$non2xx" ] || fail "$name" "$non2xx non-2xx answers"
    [ "$held" -ge "$c" ] || fail "$name" "only $held of $c connections held at once"
  fi
  [ "${reqs:-0}" -gt 0 ] || fail "$name" "no requests completed"
  [ "${shutdown_status[$name]}" -eq 0 ] || fail "$name" "exit status ${shutdown_status[$name]} after SIGTERM"
  grep -q "stopped cleanly" "$work/$name.err" || fail "$name" "no clean stop (tl_loop_close)"
  if [ "$binary" = "$asan_bin" ]; then
    local reports
    reports=$(grep -c "ERROR: LeakSanitizer\|ERROR: AddressSanitizer\|runtime error:" "$work/$name.err" || true)
    echo "   sanitizers:  $reports reports (LeakSanitizer, AddressSanitizer, UBSan)"
    if [ "$reports" -ne 0 ]; then
      fail "$name" "$reports sanitizer reports"
      sed -n '1,60p' "$work/$name.err"
    fi
  fi
}

echo "payment-api load: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), descriptor limit $hard,"
echo "  wrk -t$threads -c$conns -d${duration}s --timeout ${req_timeout}s, PBKDF2-SHA256 x $iterations, $(date -u +%F)"

run_case health "GET /health" "$bin" "$conns" "$duration" "$base/health"
run_case mix "mix: 68% GET /health, 10% GET /lag, 20% POST /register-async, 2% POST /register" \
  "$bin" "$conns" "$duration" -s "$work/mix.lua" "$base"

if [ -x "$asan_bin" ]; then
  asan_env=(-- ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1)
  run_case lsan-health "GET /health under ASan + LeakSanitizer" "$asan_bin" "$lsan_conns" "$lsan_duration" \
    "$base/health" "${asan_env[@]}"
  run_case lsan-mix "the mix under ASan + LeakSanitizer" "$asan_bin" "$lsan_conns" "$lsan_duration" \
    -s "$work/mix.lua" "$base" "${asan_env[@]}"
  stop_after=$((lsan_duration / 2))
  run_case lsan-stop "the mix under ASan + LeakSanitizer, SIGTERM in the middle of the load" "$asan_bin" \
    "$lsan_conns" "$lsan_duration" -s "$work/mix.lua" "$base" "${asan_env[@]}"
  stop_after=
else
  echo "== LeakSanitizer cases skipped: '$asan_bin' not found (BUILD_DIR=build-asan bash scripts/build.sh -DLAGSCAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)"
fi

if [ "$failures" -ne 0 ]; then
  echo "payment-api-load.sh: $failures failures"
  exit 1
fi
echo "payment-api-load.sh: all cases clean"
