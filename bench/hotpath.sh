#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The relay's non-streaming hot path, A/B: one or more aicarpoold binaries side by side in front
# of one mock upstream (and nginx proxy_pass as the reference), measured interleaved (A, B, A, B)
# so that both see the same machine. Per run: wrk throughput and latency, and the CPU time per
# request of the daemon (of nginx's master and workers for the reference): utime + stime from
# /proc/<pid>/stat over the requests wrk completed, which load from other processes distorts much
# less than requests/s. A daemon's usage records still queued at the end of a run are written
# before its CPU time is read and before the next run starts.
#
#   bench/hotpath.sh name=path/to/aicarpoold[@KEYS,ACCOUNTS] [name=path ...]
#
# KEYS and ACCOUNTS override HOTPATH_KEYS / HOTPATH_ACCOUNTS for that daemon, so one run can
# compare the same binary with 1 key + 1 account and with 10,000 keys + 50 accounts.
#
# Environment: HOTPATH_ROUNDS (default 2), HOTPATH_DURATION (s per wrk run, default 5),
# HOTPATH_CONNECTIONS (default "1 8 64"), HOTPATH_KEYS (extra personal keys written straight into
# the SQLite file, default 0), HOTPATH_ACCOUNTS (extra Anthropic accounts on the mock created
# through the admin API, default 0), HOTPATH_PERF=name (perf record, DWARF call graphs, on that daemon during its
# first 64-connection run), HOTPATH_OUT (wrk output and profiles; default a new temp dir),
# HOTPATH_SETUP (a program run as `program NAME SQLITE_FILE` after each daemon is set up),
# HOTPATH_BODY=large (a Claude Code-sized call instead of a one-line prompt: a 12 KB system
# prompt in three blocks with a cache breakpoint and a 2 KB question, which the mock echoes in
# a 2 KB answer), HOTPATH_STREAMS=N (after the wrk runs, N concurrent streams with 1 s upstream
# latency through each daemon, as in bench/run.sh, reporting its peak RSS).
# Prints one Markdown table; builds nothing (bench/run.sh builds Release into build-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
ROUNDS=${HOTPATH_ROUNDS:-2}
DURATION=${HOTPATH_DURATION:-5}
read -r -a CONNS <<<"${HOTPATH_CONNECTIONS:-1 8 64}"
EXTRA_KEYS=${HOTPATH_KEYS:-0}
EXTRA_ACCOUNTS=${HOTPATH_ACCOUNTS:-0}
MOCK_BIN=${HOTPATH_MOCK:-$ROOT/build-bench/tests/mock/aicarpool-mock-upstream}
PATH="$PATH:/usr/sbin:/sbin"

(($# > 0)) || { echo "usage: $0 name=path/to/aicarpoold [name=path ...]" >&2; exit 2; }
log() { echo "hotpath: $*" >&2; }

WORK=$(mktemp -d /tmp/aicarpool-hotpath.XXXXXX)
source "$BENCH/common.sh" # removes WORK and stops what was started, on any exit
if [[ ${HOTPATH_BODY:-} == large ]]; then
    node -e '
const words = (n, seed) => Array.from({length: n}, (_, i) => "w" + ((i * 7919 + seed) % 997)).join(" ");
const body = {
  model: "claude-sonnet-4-20250514", max_tokens: 1024,
  system: [
    {type: "text", text: words(600, 1)},
    {type: "text", text: words(600, 2)},
    {type: "text", text: words(600, 3), cache_control: {type: "ephemeral"}}],
  messages: [{role: "user", content: [{type: "text", text: words(350, 4)}]}]};
process.stdout.write(JSON.stringify(body));' >"$WORK/body.json"
    export BENCH_BODY_FILE="$WORK/body.json"
elif [[ -n ${HOTPATH_BODY:-} ]]; then
    echo "hotpath: HOTPATH_BODY is \"${HOTPATH_BODY}\"; expected large or nothing" >&2
    exit 2
fi
OUT=${HOTPATH_OUT:-$(mktemp -d /tmp/aicarpool-hotpath-out.XXXXXX)}
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# nginx's CPU: the master and its workers together.
nginx_ticks() { local t=0 p; for p in "$1" $(pgrep -P "$1"); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
source "$BENCH/ledger-settle.sh"
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# Mock upstream and nginx, as in bench/run.sh.
"$MOCK_BIN" --listen 127.0.0.1:0 >"$WORK/mock.out" 2>"$WORK/mock.err" &
PIDS+=("$!")
for _ in $(seq 50); do grep -q '^listening on' "$WORK/mock.out" 2>/dev/null && break; sleep 0.1; done
MOCK_URL=$(awk '/^listening on/ {print $3; exit}' "$WORK/mock.out")
[[ -n "$MOCK_URL" ]] || { log "mock upstream did not start"; exit 1; }
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/tmp"
chmod -R 777 "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    upstream mock { server 127.0.0.1:${MOCK_URL##*:}; keepalive 256; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
NGINX
nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=("$!")
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/__mock/stats" 10 || { log "nginx did not start"; exit 1; }

# The daemons, each with its own data directory, account and key.
NAMES=(nginx)
declare -A URL PID KEY
URL[nginx]="http://127.0.0.1:$NGINX_PORT"
KEY[nginx]=bench
for spec in "$@"; do
    name=${spec%%=*} bin=${spec#*=}
    EXTRA_KEYS=${HOTPATH_KEYS:-0} EXTRA_ACCOUNTS=${HOTPATH_ACCOUNTS:-0}
    if [[ $bin == *@* ]]; then
        sizes=${bin##*@} bin=${bin%@*}
        EXTRA_KEYS=$((${sizes%%,*} - 1)) EXTRA_ACCOUNTS=$((${sizes##*,} - 1))
    fi
    port=$(free_port)
    pass="Bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -p "$WORK/$name"
    env -u AICARPOOL_DATABASE AICARPOOL_ADMIN_EMAIL=admin@bench.local AICARPOOL_ADMIN_PASSWORD="$pass" \
        AICARPOOL_MAX_CONNECTIONS_PER_ADDRESS=0 "$bin" --data-dir "$WORK/$name" --listen "127.0.0.1:$port" >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
    PIDS+=("$!")
    URL[$name]="http://127.0.0.1:$port"
    wait_http "${URL[$name]}/health" 20 || { log "$name did not start"; tail -5 "$WORK/$name.log" >&2; exit 1; }
    token=$(curl -fsS "${URL[$name]}/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"admin@bench.local\",\"password\":\"$pass\"}" | json_get token)
    for i in $(seq 0 "$EXTRA_ACCOUNTS"); do
        curl -fsS "${URL[$name]}/api/accounts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"name\":\"bench-mock-$i\",\"provider\":\"anthropic\",\"baseUrl\":\"$MOCK_URL\",\"apiKey\":\"sk-bench-upstream\"}" \
            >/dev/null
    done
    KEY[$name]=$(curl -fsS "${URL[$name]}/api/keys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"name":"bench"}' | json_get key)
    # HOTPATH_SETUP: a program run with the daemon's name and SQLite file once its key exists
    # (bench/governance.sh writes quotas and budgets with it).
    [[ -n ${HOTPATH_SETUP:-} ]] && "$HOTPATH_SETUP" "$name" "$WORK/$name/aicarpool.db"
    if ((EXTRA_KEYS > 0)); then
        # Keys nobody presents, straight into the file; the data_version bump makes the daemon
        # reload its snapshot within a second.
        sqlite3 "$WORK/$name/aicarpool.db" <<SQL
.timeout 5000
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EXTRA_KEYS)
INSERT INTO api_keys (name, user_id, key_hash, key_hint, created_at)
SELECT 'bulk-' || i, (SELECT MIN(id) FROM users), lower(hex(randomblob(32))), 'cp-...' || i,
       CAST(strftime('%s','now') AS INTEGER) * 1000 FROM n;
INSERT INTO api_keys (name, user_id, key_hash, key_hint, created_at)
SELECT 'bulk-check', (SELECT MIN(id) FROM users), '$(printf 'cp-bulkcheck' | sha256sum | cut -d' ' -f1)',
       'cp-...check', CAST(strftime('%s','now') AS INTEGER) * 1000;
INSERT INTO settings (k, v) VALUES ('data_version', '1')
    ON CONFLICT(k) DO UPDATE SET v = CAST(v AS INTEGER) + 1;
SQL
    fi
    NAMES+=("$name")
done
sleep 2.5 # snapshots pick up the new rows
for name in "${NAMES[@]:1}"; do
    keys=$(sqlite3 "$WORK/$name/aicarpool.db" 'SELECT COUNT(*) FROM api_keys')
    accounts=$(sqlite3 "$WORK/$name/aicarpool.db" 'SELECT COUNT(*) FROM accounts')
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${URL[$name]}/v1/messages" -H "x-api-key: ${KEY[$name]}" \
        -H 'Content-Type: application/json' -H 'anthropic-version: 2023-06-01' \
        -d '{"model":"claude-sonnet-4-20250514","max_tokens":8,"messages":[{"role":"user","content":"probe"}]}')
    [[ $code == 200 ]] || { log "$name: probe answered $code"; exit 1; }
    if [[ $keys -gt 1 ]]; then # the bulk keys are live once the last of them is accepted
        for _ in $(seq 300); do
            code=$(curl -sS -o /dev/null -w '%{http_code}' "${URL[$name]}/v1/messages" -H "x-api-key: cp-bulkcheck" \
                -H 'Content-Type: application/json' -H 'anthropic-version: 2023-06-01' \
                -d '{"model":"claude-sonnet-4-20250514","max_tokens":8,"messages":[{"role":"user","content":"probe"}]}')
            [[ $code == 200 ]] && break
            sleep 0.1
        done
        [[ $code == 200 ]] || { log "$name: the bulk keys were not loaded (HTTP $code)"; exit 1; }
    fi
    log "$name: $keys keys, $accounts accounts, probe 200"
    echo "$name: $keys personal keys, $accounts accounts"
done

declare -A SUM_RPS SUM_P50 SUM_P99 SUM_CPU N
run() { # run <name> <connections> <round>
    local name=$1 c=$2 threads=1 out before after reqs ticks
    ((c > 1)) && threads=2
    ((c < threads)) && threads=$c
    export BENCH_KEY=${KEY[$name]}
    if [[ $name == nginx ]]; then before=$(nginx_ticks "$NGINX_PID"); else before=$(cpu_ticks "${PID[$name]}"); fi
    local perf_pid=""
    if [[ ${HOTPATH_PERF:-} == "$name" && $c == 64 && $3 == 1 ]]; then
        perf record --call-graph dwarf,32768 -F 499 -p "${PID[$name]}" -o "$OUT/perf-$name.data" -- sleep "$DURATION" \
            >/dev/null 2>&1 &
        perf_pid=$!
    fi
    out=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --latency -s "$BENCH/wrk-post.lua" "${URL[$name]}" 2>&1)
    [[ -n $perf_pid ]] && wait "$perf_pid" || true
    echo "$out" >"$OUT/wrk-$name-c$c-r$3.txt"
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    # A daemon's usage records still queued are written before its CPU time is read (it counts
    # them) and before the next run (which must not wait for them).
    local backlog=""
    if [[ $name != nginx ]]; then
        backlog=$(ledger_depth "${URL[$name]}")
        settle "${URL[$name]}"
    fi
    local rps p50 p99 cpu="n/a"
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
    if [[ $name == nginx ]]; then after=$(nginx_ticks "$NGINX_PID"); else after=$(cpu_ticks "${PID[$name]}"); fi
    ticks=$((after - before))
    cpu=$(awk -v t="$ticks" -v r="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (r > 0) ? (t / hz * 1e6 / r) : 0 }')
    local k="$name/$c"
    SUM_RPS[$k]=$(awk -v a="${SUM_RPS[$k]:-0}" -v b="$rps" 'BEGIN{print a+b}')
    SUM_P50[$k]=$(awk -v a="${SUM_P50[$k]:-0}" -v b="$p50" 'BEGIN{print a+b}')
    SUM_P99[$k]=$(awk -v a="${SUM_P99[$k]:-0}" -v b="$p99" 'BEGIN{print a+b}')
    [[ $cpu != n/a ]] && SUM_CPU[$k]=$(awk -v a="${SUM_CPU[$k]:-0}" -v b="$cpu" 'BEGIN{print a+b}')
    N[$k]=$((${N[$k]:-0} + 1))
    log "round $3 $name -c$c: $rps req/s, p50 $p50 ms, p99 $p99 ms, cpu/request $cpu us, load $(cut -d' ' -f1 /proc/loadavg)${backlog:+, ledger backlog $backlog}"
}

for name in "${NAMES[@]}"; do
    BENCH_KEY=${KEY[$name]} wrk -t1 -c8 -d2s -s "$BENCH/wrk-post.lua" "${URL[$name]}" >/dev/null 2>&1 || true
done
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$ROUNDS"); do
    for c in "${CONNS[@]}"; do
        for name in "${NAMES[@]}"; do run "$name" "$c" "$r"; done
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

echo "$ROUNDS interleaved rounds of ${DURATION} s per run;"
echo "load average at the start $LOAD_START, at the end $LOAD_END."
echo
echo "| target | connections | requests/s | p50 ms | p99 ms | CPU µs/request |"
echo "|---|---:|---:|---:|---:|---:|"
for c in "${CONNS[@]}"; do
    for name in "${NAMES[@]}"; do
        k="$name/$c"
        awk -v n="${N[$k]}" -v rps="${SUM_RPS[$k]}" -v p50="${SUM_P50[$k]}" -v p99="${SUM_P99[$k]}" \
            -v cpu="${SUM_CPU[$k]:-}" -v t="$name" -v c="$c" \
            'BEGIN { printf "| %s | %d | %.0f | %.3f | %.3f | %s |\n", t, c, rps / n, p50 / n, p99 / n, cpu == "" ? "" : sprintf("%.1f", cpu / n) }'
    done
done
if ((${HOTPATH_STREAMS:-0} > 0)); then
    echo
    echo "| target | concurrent streams | succeeded | complete p50 ms | RSS peak MB (VmHWM) | RSS peak sampled MB |"
    echo "|---|---:|---:|---:|---:|---:|"
    for name in "${NAMES[@]:1}"; do
        json=$(node "$BENCH/streams.mjs" --url "${URL[$name]}" --key "${KEY[$name]}" --n "$HOTPATH_STREAMS" \
            --concurrency "$HOTPATH_STREAMS" --text "concurrent mock:delay=1000 mock:chunks=4 mock:interval=0" \
            --rss-pid "${PID[$name]}")
        node -e '
const o = JSON.parse(process.argv[1]);
const mb = (kb) => kb == null ? "n/a" : (kb / 1024).toFixed(1);
console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${o.ok}/${o.n} | ${o.totalMs.p50} | ` +
            `${mb(o.vmHwmKb)} | ${mb(o.rssPeakSampledKb)} |`);' \
            "$json" "$name" "$HOTPATH_STREAMS"
    done
fi
if [[ -n ${HOTPATH_PERF:-} && -f "$OUT/perf-$HOTPATH_PERF.data" ]]; then
    perf report -i "$OUT/perf-$HOTPATH_PERF.data" --no-children --sort symbol --stdio 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | grep '%' | head -60 >"$OUT/perf-$HOTPATH_PERF.top.txt" || true
    perf report -i "$OUT/perf-$HOTPATH_PERF.data" --no-children --sort dso --stdio 2>/dev/null \
        | grep '%' | head -20 >"$OUT/perf-$HOTPATH_PERF.dso.txt" || true
    perf report -i "$OUT/perf-$HOTPATH_PERF.data" --children --sort symbol --stdio -g none 2>/dev/null \
        | grep '%' | head -120 >"$OUT/perf-$HOTPATH_PERF.children.txt" || true
    log "perf profile of $HOTPATH_PERF in $OUT"
fi
