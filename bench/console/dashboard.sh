#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures the console's dashboard against a daemon with steady traffic (offscreen):
#   - time from start to the first painted dashboard with data (AICARPOOL_CONSOLE_TIMING)
#   - the console's RSS after MINUTES on the dashboard (default 10), sampled every minute
#
#   bench/console/dashboard.sh <build-dir> [minutes] [calls-per-second]
#
# Starts the mock upstream and aicarpoold on free ports in a temporary directory, creates two
# accounts and a key, relays calls in the background and stops everything on exit.
set -euo pipefail

BUILD="$(cd "${1:?usage: $0 <build-dir> [minutes] [calls-per-second]}" && pwd)"
MINUTES="${2:-10}"
RATE="${3:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aicarpool-dashboard.XXXXXX")"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
MOCK_PORT="$(free_port)"
PORT="$(free_port)"
"$BUILD/tests/mock/aicarpool-mock-upstream" --listen "127.0.0.1:$MOCK_PORT" --latency-ms 20 \
    >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
export AICARPOOL_ADMIN_EMAIL=admin@bench.local AICARPOOL_ADMIN_PASSWORD=bench-password-123
"$BUILD/daemon/aicarpoold" --data-dir "$WORK/data" --listen "127.0.0.1:$PORT" \
    >"$WORK/daemon.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs "$BASE/health" >/dev/null && break; sleep 0.1; done

TOKEN="$(curl -fs "$BASE/api/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$AICARPOOL_ADMIN_EMAIL\",\"password\":\"$AICARPOOL_ADMIN_PASSWORD\"}" | jq -r .token)"
api() { curl -fs "$BASE$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$2"; }
api /api/accounts "{\"name\":\"anthropic\",\"provider\":\"anthropic\",\"baseUrl\":\"http://127.0.0.1:$MOCK_PORT\",\"apiKey\":\"sk-ant-bench-0000000001\"}" >/dev/null
api /api/accounts "{\"name\":\"openai\",\"provider\":\"openai\",\"baseUrl\":\"http://127.0.0.1:$MOCK_PORT/v1\",\"apiKey\":\"sk-openai-bench-000002\"}" >/dev/null
KEY="$(api /api/keys '{"name":"bench"}' | jq -r .key)"

traffic() {
    local i=0
    while true; do
        for _ in $(seq "$RATE"); do
            i=$((i + 1))
            if [ $((i % 3)) -eq 0 ]; then
                curl -s -o /dev/null "$BASE/v1/chat/completions" -H "authorization: Bearer $KEY" \
                    -H 'content-type: application/json' \
                    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}' &
            else
                curl -s -o /dev/null "$BASE/v1/messages" -H "x-api-key: $KEY" \
                    -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' \
                    -d '{"model":"claude-haiku-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}' &
            fi
        done
        sleep 1
    done
}
traffic &
PIDS+=($!)
sleep 5

export QT_QPA_PLATFORM=offscreen AICARPOOL_CONSOLE_TIMING=1 XDG_CONFIG_HOME="$WORK/config"
AICARPOOL_CONSOLE_EMAIL="$AICARPOOL_ADMIN_EMAIL" AICARPOOL_CONSOLE_PASSWORD="$AICARPOOL_ADMIN_PASSWORD" \
    "$BUILD/app/aicarpool-console" --server "$BASE" >"$WORK/console.log" 2>&1 &
CONSOLE=$!
PIDS+=($CONSOLE)
for _ in $(seq 300); do grep -q "first dashboard" "$WORK/console.log" && break; sleep 0.1; done
grep -E "main window shown|first dashboard" "$WORK/console.log" || echo "no first-paint report" >&2
rss() { awk '/VmRSS/ {print $2}' "/proc/$CONSOLE/status"; }
echo "minute 0: RSS $(rss) KiB"
for m in $(seq "$MINUTES"); do
    sleep 60
    echo "minute $m: RSS $(rss) KiB, ledger rows $(curl -fs "$BASE/api/usage?pageSize=1" -H "authorization: Bearer $TOKEN" | jq .total)"
done
