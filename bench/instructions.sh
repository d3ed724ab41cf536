#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Instructions per relayed call, the low-noise companion of bench/hotpath.sh: CPU time per call
# moves by a few per cent between runs on a shared machine, instruction counts do not. Each
# daemon runs under callgrind (valgrind) with instrumentation switched on only while wrk sends
# non-streaming calls through it; the report splits the count between the HTTP threads' event
# loop and the ledger thread. Valgrind counts user-space instructions only: no kernel, no cache
# misses, and OpenSSL without SHA-NI, so SHA-256 weighs more here than on the host.
#
#   bench/instructions.sh name=path/to/aicarpoold [name=path ...]
#
# Environment: INSTRUCTIONS_DURATION (s of measured load, default 10), INSTRUCTIONS_CONNECTIONS
# (wrk connections, default 4). Needs valgrind, wrk, node, curl; builds nothing (bench/run.sh
# builds Release into build-bench, whose mock upstream this uses).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
BUILD=${BENCH_BUILD_DIR:-$ROOT/build-bench}
MOCK_BIN="$BUILD/tests/mock/aicarpool-mock-upstream"
DURATION=${INSTRUCTIONS_DURATION:-10}
CONNECTIONS=${INSTRUCTIONS_CONNECTIONS:-4}

for tool in valgrind callgrind_control wrk node curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "instructions: '$tool' is required (apt-get install valgrind wrk nodejs curl)" >&2; exit 2; }
done
[[ -x "$MOCK_BIN" ]] || { echo "instructions: $MOCK_BIN is missing; run bench/run.sh once to build it" >&2; exit 2; }
(($# > 0)) || { echo "usage: bench/instructions.sh name=path/to/aicarpoold [name=path ...]" >&2; exit 2; }

log() { echo "instructions: $*" >&2; }
WORK=$(mktemp -d /tmp/aicarpool-instructions.XXXXXX)
source "$BENCH/common.sh"
# Inclusive instructions of the first function whose name matches $2, from callgrind output $1.
inclusive() {
    callgrind_annotate --inclusive=yes "$1" >"$1.txt" 2>/dev/null || true
    awk -v f="$2" 'index($0, f) { gsub(",", "", $1); print $1; exit }' "$1.txt"
}

"$MOCK_BIN" --listen 127.0.0.1:0 >"$WORK/mock.out" 2>"$WORK/mock.err" &
PIDS+=("$!")
for _ in $(seq 50); do grep -q '^listening on' "$WORK/mock.out" 2>/dev/null && break; sleep 0.1; done
MOCK_URL=$(awk '/^listening on/ {print $3; exit}' "$WORK/mock.out")
[[ -n "$MOCK_URL" ]] || { log "mock upstream did not start"; exit 1; }

echo "| daemon | calls | HTTP threads, instructions per call | ledger thread | all threads |"
echo "|---|---:|---:|---:|---:|"
for spec in "$@"; do
    name=${spec%%=*}
    bin=${spec#*=}
    [[ -x "$bin" ]] || { log "$bin is not executable"; exit 2; }
    port=$(free_port)
    url="http://127.0.0.1:$port"
    pass="Bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -p "$WORK/$name"
    # One HTTP thread: the count does not depend on how calls spread over threads.
    env -u AICARPOOL_DATABASE AICARPOOL_ADMIN_EMAIL=admin@bench.local AICARPOOL_ADMIN_PASSWORD="$pass" \
        AICARPOOL_MAX_CONNECTIONS_PER_ADDRESS=0 AICARPOOL_WORKERS=1 \
        valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/$name/cg.out" \
        "$bin" --data-dir "$WORK/$name/data" --listen "127.0.0.1:$port" >"$WORK/$name/daemon.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    wait_http "$url/health" 120 || { log "$name did not start"; tail -5 "$WORK/$name/daemon.log" >&2; exit 1; }
    token=$(curl -fsS "$url/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"admin@bench.local\",\"password\":\"$pass\"}" | json_get token)
    curl -fsS "$url/api/accounts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"name\":\"mock\",\"provider\":\"anthropic\",\"baseUrl\":\"$MOCK_URL\",\"apiKey\":\"sk-bench\"}" >/dev/null
    key=$(curl -fsS "$url/api/keys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"name":"bench"}' | json_get key)
    sleep 3
    BENCH_KEY=$key wrk -t1 -c1 -d3s -s "$BENCH/wrk-post.lua" "$url" >/dev/null # warm-up
    sleep 2
    callgrind_control -i on "$pid" >/dev/null 2>&1
    BENCH_KEY=$key wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$BENCH/wrk-post.lua" "$url" >"$WORK/$name/wrk.out"
    sleep 4 # the ledger writes what is queued
    callgrind_control -i off "$pid" >/dev/null 2>&1
    callgrind_control -d "$pid" >/dev/null 2>&1
    sleep 1
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    left=()
    for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || left+=("$p"); done
    PIDS=("${left[@]}") # gone: not to be signalled again at exit
    calls=$(awk '/requests in/ {print $1; exit}' "$WORK/$name/wrk.out")
    dump=$(ls "$WORK/$name"/cg.out.* 2>/dev/null | head -1 || true)
    [[ -n "$dump" ]] || { log "$name: callgrind wrote no dump"; exit 1; }
    total=$(awk '/^totals:/ {print $2; exit}' "$dump")
    loop=$(inclusive "$dump" "QEventDispatcherGlib::processEvents")
    ledger=$(inclusive "$dump" "Ledger::run()")
    [[ -n "$calls" && "$calls" -gt 0 && -n "$total" ]] || { log "$name: no measurement"; exit 1; }
    echo "| $name | $calls | $((${loop:-0} / calls)) | $((${ledger:-0} / calls)) | $((total / calls)) |"
done
