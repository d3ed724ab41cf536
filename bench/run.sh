#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The aicarpool benchmark, one command: builds Release into build-bench when needed, then on
# 127.0.0.1 measures (a) the mock upstream alone, (b) nginx proxy_pass in front of it (the
# baseline) and (c) aicarpoold in front of it with auth, ledger and pricing on (SQLite), and
# writes a Markdown report to docs/performance.md (also printed).
#
# (d) routing (bench/routing.sh): the cost of a failover when the first account answers 429, and
# throughput of a 20-account pool under each strategy.
#
# (e) with BENCH_LEDGER=1 (several minutes; needs MariaDB, see bench/ledger.sh): usage reports over
# 10 million ledger rows and ledger ingest with the usage rollups.
#
# Environment: BENCH_DURATION (s per wrk run, default 10), BENCH_STREAMS (default 1000),
# BENCH_ROUTING_DURATION (s per strategy, default 5), BENCH_FAILOVER_N (default 2000),
# BENCH_BUILD_DIR (default <repo>/build-bench), BENCH_NO_WRITE=1 to only print the report.
# Whatever follows the line "<!-- Hand-written from here on: bench/run.sh keeps it. -->" in
# docs/performance.md is kept below the new report.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
BUILD=${BENCH_BUILD_DIR:-$ROOT/build-bench}
DURATION=${BENCH_DURATION:-10}
STREAMS=${BENCH_STREAMS:-1000}
REPORT_FILE="$ROOT/docs/performance.md"

for tool in wrk nginx node curl cmake; do
    command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: '$tool' is required (apt-get install wrk nginx-light nodejs curl cmake)" >&2; exit 2; }
done

log() { echo "bench: $*" >&2; }

# --- build -------------------------------------------------------------------------------
if [[ ! -f "$BUILD/build.ninja" ]]; then
    log "configuring Release build in $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DAICARPOOL_BUILD_CONSOLE=OFF -DAICARPOOL_BUILD_TESTS=ON >/dev/null
fi
log "building aicarpoold and the mock upstream"
cmake --build "$BUILD" -j2 --target aicarpoold aicarpool-mock-upstream aicarpool-bench-ledger-ingest >/dev/null
DAEMON_BIN="$BUILD/daemon/aicarpoold"
MOCK_BIN="$BUILD/tests/mock/aicarpool-mock-upstream"

# --- processes ---------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/aicarpool-bench.XXXXXX)
source "$BENCH/common.sh" # PIDS, cleanup on exit, free_port, json_get, wait_http
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

# (a) mock upstream
"$MOCK_BIN" --listen 127.0.0.1:0 >"$WORK/mock.out" 2>"$WORK/mock.err" &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
for _ in $(seq 50); do grep -q '^listening on' "$WORK/mock.out" 2>/dev/null && break; sleep 0.1; done
MOCK_URL=$(awk '/^listening on/ {print $3; exit}' "$WORK/mock.out")
[[ -n "$MOCK_URL" ]] || { log "mock upstream did not start"; cat "$WORK/mock.err" >&2; exit 1; }
MOCK_PORT=${MOCK_URL##*:}

# (b) nginx, one worker process per core (as the daemon runs one HTTP thread per core), keep-alive upstream pool
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
    upstream mock { server 127.0.0.1:$MOCK_PORT; keepalive 256; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_read_timeout 120s;
        }
    }
}
NGINX
nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=("$!")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
wait_http "$NGINX_URL/__mock/stats" 10 || { log "nginx did not start"; cat "$WORK/nginx/error.log" >&2; exit 1; }

# (c) aicarpoold
DAEMON_PORT=$(free_port)
DAEMON_URL="http://127.0.0.1:$DAEMON_PORT"
ADMIN_EMAIL=admin@bench.local
ADMIN_PASSWORD="Bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "$WORK/daemon"
# Every load generator here connects from 127.0.0.1: no per-address connection cap.
env -u AICARPOOL_DATABASE AICARPOOL_ADMIN_EMAIL="$ADMIN_EMAIL" AICARPOOL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    AICARPOOL_MAX_CONNECTIONS_PER_ADDRESS=0 "$DAEMON_BIN" --data-dir "$WORK/daemon" --listen "127.0.0.1:$DAEMON_PORT" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
PIDS+=("$DAEMON_PID")
DAEMON_OK=1
DAEMON_NOTE=""
if ! wait_http "$DAEMON_URL/health" 20; then
    DAEMON_OK=0
    DAEMON_NOTE="aicarpoold did not become healthy: $(tail -3 "$WORK/daemon.log" | tr '\n' ' ')"
fi
KEY=""
if ((DAEMON_OK)); then
    TOKEN=$(curl -fsS "$DAEMON_URL/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | json_get token) || TOKEN=""
    if [[ -n "$TOKEN" ]]; then
        curl -fsS "$DAEMON_URL/api/accounts" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\":\"bench-mock\",\"provider\":\"anthropic\",\"baseUrl\":\"$MOCK_URL\",\"apiKey\":\"sk-bench-upstream\"}" \
            >/dev/null || DAEMON_NOTE="account creation failed"
        KEY=$(curl -fsS "$DAEMON_URL/api/keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d '{"name":"bench"}' | json_get key) || KEY=""
    fi
    [[ -n "$KEY" ]] || { DAEMON_OK=0; DAEMON_NOTE="${DAEMON_NOTE:-admin API (login/key) failed}"; }
fi
if ((DAEMON_OK)); then
    sleep 1.5 # let the relay's key/account snapshot pick up the new rows
    probe=$(curl -sS -o /dev/null -w '%{http_code}' "$DAEMON_URL/v1/messages" -H "x-api-key: $KEY" \
        -H 'Content-Type: application/json' -H 'anthropic-version: 2023-06-01' \
        -d '{"model":"claude-sonnet-4-20250514","max_tokens":8,"messages":[{"role":"user","content":"probe"}]}' || true)
    if [[ "$probe" != 200 ]]; then
        DAEMON_OK=0
        DAEMON_NOTE="relay probe answered HTTP $probe"
    fi
fi
((DAEMON_OK)) || log "daemon part skipped: $DAEMON_NOTE"
export BENCH_KEY="${KEY:-mock-key}"

# --- measurements ------------------------------------------------------------------------
to_ms() { # "123.45us" | "1.20ms" | "2.00s" -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
source "$BENCH/ledger-settle.sh"
run_wrk() { # run_wrk <name> <url> <threads> <connections> [script] [seconds] -> sets RPS P50 P99 ERR CPU
    local out before=""
    [[ $1 == daemon* && -n ${DAEMON_PID:-} ]] && before=$(cpu_ticks "$DAEMON_PID")
    out=$(wrk -t"$3" -c"$4" -d"${6:-$DURATION}s" --latency -s "${5:-$BENCH/wrk-post.lua}" "$2" 2>&1)
    # The usage records of this run that are still queued are written before the CPU time is
    # read, so that it counts them, and before the next run, so that it does not wait for them.
    if [[ -n $before ]]; then
        local backlog t0=$SECONDS
        backlog=$(ledger_depth "$2")
        settle "$2"
        log "  ledger backlog at the end: ${backlog:-?} records, written within $((SECONDS - t0)) s"
    fi
    # The daemon's CPU time (user + system, all threads) per completed request, in µs: what
    # other load on the machine distorts least.
    CPU=""
    if [[ -n $before ]]; then
        CPU=$(awk -v t="$(($(cpu_ticks "$DAEMON_PID") - before))" -v hz="$(getconf CLK_TCK)" \
            -v r="$(awk '/requests in/ {print $1}' <<<"$out")" 'BEGIN { if (r > 0) printf "%.1f", t / hz * 1e6 / r }')
    fi
    echo "$out" >"$WORK/wrk-$1-c$4.txt"
    RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
    P50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
    P99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
    ERR=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")
}
streams() { # streams <url> <n> <concurrency> <text> [rss-pid]
    node "$BENCH/streams.mjs" --url "$1" --key "$BENCH_KEY" --n "$2" --concurrency "$3" --text "$4" \
        ${5:+--rss-pid "$5"}
}
field() { node -e "const o=JSON.parse(process.argv[1]);const v=process.argv[2].split('.').reduce((a,k)=>a==null?a:a[k],o);console.log(v==null?'n/a':v)" "$1" "$2"; }

TARGETS=(mock nginx)
declare -A URLS=([mock]="$MOCK_URL" [nginx]="$NGINX_URL" [daemon]="$DAEMON_URL")
((DAEMON_OK)) && TARGETS+=(daemon)
declare -A T_RPS T_P50 T_P99 T_ERR T_CPU L_P50 L_P99 L_RPS L_CPU O_P50 O_P99 O_RPS O_CPU S_TTFB50 S_TTFB99 S_TOT50 S_TOT99 S_OK

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
for t in "${TARGETS[@]}"; do
    log "warm-up $t"
    wrk -t1 -c8 -d2s -s "$BENCH/wrk-post.lua" "${URLS[$t]}" >/dev/null 2>&1 || true
    log "throughput $t (wrk -t2 -c64 ${DURATION}s)"
    run_wrk "$t" "${URLS[$t]}" 2 64
    T_RPS[$t]=$RPS T_P50[$t]=$P50 T_P99[$t]=$P99 T_ERR[$t]=$ERR T_CPU[$t]=$CPU
    log "  $RPS req/s, p50 $P50 ms, p99 $P99 ms, errors $ERR, cpu/request $CPU us"
    log "latency $t (wrk -t1 -c8 ${DURATION}s)"
    run_wrk "$t" "${URLS[$t]}" 1 8
    L_RPS[$t]=$RPS L_P50[$t]=$P50 L_P99[$t]=$P99 L_CPU[$t]=$CPU
    log "  $RPS req/s, p50 $P50 ms, p99 $P99 ms, errors $ERR, cpu/request $CPU us"
    log "latency $t (wrk -t1 -c1 ${DURATION}s)"
    run_wrk "$t" "${URLS[$t]}" 1 1
    O_RPS[$t]=$RPS O_P50[$t]=$P50 O_P99[$t]=$P99 O_CPU[$t]=$CPU
    log "  $RPS req/s, p50 $P50 ms, p99 $P99 ms, errors $ERR, cpu/request $CPU us"
    log "streaming TTFB $t (2000 streams, 8 at a time)"
    s=$(streams "${URLS[$t]}" 2000 8 "stream ttfb mock:chunks=8")
    S_TTFB50[$t]=$(field "$s" ttfbMs.p50) S_TTFB99[$t]=$(field "$s" ttfbMs.p99)
    S_TOT50[$t]=$(field "$s" totalMs.p50) S_TOT99[$t]=$(field "$s" totalMs.p99) S_OK[$t]=$(field "$s" ok)
    log "  ttfb p50 ${S_TTFB50[$t]} ms p99 ${S_TTFB99[$t]} ms, ok ${S_OK[$t]}/2000"
done

# 1000 concurrent streams with 1 s upstream latency, through nginx and through the daemon.
declare -A C_JSON C_MAX
C_TARGETS=(mock nginx)
((DAEMON_OK)) && C_TARGETS+=(daemon)
for t in "${C_TARGETS[@]}"; do
    curl -fsS -X DELETE "$MOCK_URL/__mock/stats" >/dev/null
    log "$STREAMS concurrent streams through $t (upstream latency 1 s)"
    pid=""
    [[ $t == daemon ]] && pid=$DAEMON_PID
    C_JSON[$t]=$(streams "${URLS[$t]}" "$STREAMS" "$STREAMS" "concurrent mock:delay=1000 mock:chunks=4 mock:interval=0" "$pid")
    C_MAX[$t]=$(curl -fsS "$MOCK_URL/__mock/stats" | json_get maxInFlight)
    log "  ${C_JSON[$t]} maxInFlight ${C_MAX[$t]}"
done
DAEMON_IDLE_RSS=""
((DAEMON_OK)) && DAEMON_IDLE_RSS=$(awk '/VmRSS/ {print $2}' "/proc/$DAEMON_PID/status" 2>/dev/null || true)

# Routing: the cost of a failover, and a 20-account pool under each strategy (bench/routing.sh).
# shellcheck source-path=SCRIPTDIR source=routing.sh
source "$BENCH/routing.sh"
((DAEMON_OK)) && routing_measure

# Usage reports and ledger ingest (bench/ledger.sh), only with BENCH_LEDGER=1: it takes minutes.
# shellcheck source-path=SCRIPTDIR source=ledger.sh
source "$BENCH/ledger.sh"
if [[ "${BENCH_LEDGER:-0}" == 1 ]]; then
    ledger_measure
fi

# --- report ------------------------------------------------------------------------------
CPU=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
OS=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }
kb_mb() { awk -v k="$1" 'BEGIN { if (k == "" || k == "n/a") print "n/a"; else printf "%.1f", k / 1024 }'; }

{
    echo "# Performance"
    echo
    echo "Measured by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$COMMIT\`."
    echo "Machine: $CPU, $(nproc) cores, $MEM, $OS, kernel $(uname -r). Release build."
    echo "Everything runs on 127.0.0.1 on the same cores as the load generators (wrk, node), so"
    echo "absolute figures are lower than on dedicated hardware; the comparison inside one run is"
    echo "what counts. nginx runs one worker process per core, as the daemon runs one HTTP thread per core."
    echo "1-minute load average when the run started: $LOAD_START, when it ended: $(cut -d' ' -f1 /proc/loadavg)."
    echo
    echo "Setup: the mock upstream (\`aicarpool-mock-upstream\`) answers Anthropic \`/v1/messages\`;"
    echo "nginx \`proxy_pass\` with a keep-alive upstream pool is the baseline; aicarpoold relays with"
    echo "a personal key (auth), pricing and the usage ledger on, SQLite database."
    echo
    echo "## Non-streaming throughput (wrk -t2 -c64, ${DURATION} s)"
    echo
    echo "| target | requests/s | p50 ms | p99 ms | errors | CPU µs/request |"
    echo "|---|---:|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        echo "| $t | ${T_RPS[$t]} | ${T_P50[$t]} | ${T_P99[$t]} | ${T_ERR[$t]} | ${T_CPU[$t]:-} |"
    done
    if ((DAEMON_OK)); then
        echo
        echo "Daemon / nginx throughput: **$(ratio "${T_RPS[daemon]}" "${T_RPS[nginx]}")** (target ≥ 0.75)."
        echo "CPU µs/request: the daemon's user + system time over the run divided by the requests"
        echo "wrk completed (all its threads, the ledger's included). Usage records still queued when"
        echo "a run ends are written before its CPU time is read and before the next run starts."
    fi
    echo
    echo "## Latency at moderate load (wrk -t1 -c8, ${DURATION} s)"
    echo
    echo "| target | requests/s | p50 ms | p99 ms | CPU µs/request |"
    echo "|---|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        echo "| $t | ${L_RPS[$t]} | ${L_P50[$t]} | ${L_P99[$t]} | ${L_CPU[$t]:-} |"
    done
    if ((DAEMON_OK)); then
        echo
        echo "Added by the daemon over nginx at 8 connections: p50 $(diff_ms "${L_P50[daemon]}" "${L_P50[nginx]}") ms,"
        echo "p99 **$(diff_ms "${L_P99[daemon]}" "${L_P99[nginx]}") ms** (target ≤ 1 ms). wrk is closed-loop: each"
        echo "connection sends its next request when the previous answer arrives, so the request rate"
        echo "differs per target; wrk2 (fixed rate) is not packaged in Debian."
    fi
    echo
    echo "## Latency at one connection (wrk -t1 -c1, ${DURATION} s)"
    echo
    echo "| target | requests/s | p50 ms | p99 ms | CPU µs/request |"
    echo "|---|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        echo "| $t | ${O_RPS[$t]} | ${O_P50[$t]} | ${O_P99[$t]} | ${O_CPU[$t]:-} |"
    done
    if ((DAEMON_OK)); then
        echo
        echo "Added by the daemon over nginx at one connection: p50 **$(diff_ms "${O_P50[daemon]}" "${O_P50[nginx]}") ms**"
        echo "(target ≤ 0.1 ms), p99 **$(diff_ms "${O_P99[daemon]}" "${O_P99[nginx]}") ms** (target ≤ 0.5 ms)."
    fi
    echo
    echo "## Streaming time to first byte (2000 streams, 8 in flight, 8 text events each)"
    echo
    echo "| target | ok | TTFB p50 ms | TTFB p99 ms | complete p50 ms | complete p99 ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        echo "| $t | ${S_OK[$t]}/2000 | ${S_TTFB50[$t]} | ${S_TTFB99[$t]} | ${S_TOT50[$t]} | ${S_TOT99[$t]} |"
    done
    echo
    echo "## $STREAMS concurrent streams to one upstream host, 1 s upstream latency"
    echo
    echo "Each stream: the mock waits 1000 ms before the headers, then sends the whole event stream"
    echo "(4 text deltas), so the ideal completion time is 1000 ms. All $STREAMS are opened at once by"
    echo "one node process (\`bench/streams.mjs\`); a stream's clock starts when its request is"
    echo "created, so the time node needs to create $STREAMS requests on a busy core is included."
    echo "\`mock maxInFlight\` is the most calls the mock held open at the same moment."
    echo
    echo "| through | succeeded | complete min ms | p50 ms | p99 ms | max ms | TTFB p50 ms | mock maxInFlight | RSS peak MB (VmHWM) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for t in "${C_TARGETS[@]}"; do
        j=${C_JSON[$t]}
        rss="n/a"
        [[ $t == daemon ]] && rss=$(kb_mb "$(field "$j" vmHwmKb)")
        echo "| $t | $(field "$j" ok)/$STREAMS | $(field "$j" totalMs.min) | $(field "$j" totalMs.p50) | $(field "$j" totalMs.p99) | $(field "$j" totalMs.max) | $(field "$j" ttfbMs.p50) | ${C_MAX[$t]} | $rss |"
    done
    if ((DAEMON_OK)); then
        echo
        echo "Daemon RSS after the run: $(kb_mb "$DAEMON_IDLE_RSS") MB (VmRSS); peak sampled during the run:"
        echo "$(kb_mb "$(field "${C_JSON[daemon]}" rssPeakSampledKb)") MB. Targets: all complete in ≈ the upstream time (not in waves"
        echo "of 6), mock maxInFlight = $STREAMS, RSS < 100 MB."
    else
        echo
        echo "**The daemon was not measured in this run:** $DAEMON_NOTE"
    fi
    routing_report
    [[ "${BENCH_LEDGER:-0}" == 1 ]] && ledger_report
    echo
    echo "\`BENCH_KEEP=1 bench/run.sh\` also prints the raw wrk output."
} >"$WORK/report.md"

cat "$WORK/report.md"
if [[ "${BENCH_NO_WRITE:-0}" != 1 ]]; then
    mkdir -p "$(dirname "$REPORT_FILE")"
    # Sections written by hand after the marker line (analysis, profiles) survive a new run.
    KEEP_MARKER='<!-- Hand-written from here on: bench/run.sh keeps it. -->'
    if [[ -f "$REPORT_FILE" ]] && grep -qxF "$KEEP_MARKER" "$REPORT_FILE"; then
        { echo; awk -v m="$KEEP_MARKER" '$0 == m { on = 1 } on' "$REPORT_FILE"; } >>"$WORK/report.md"
    fi
    cp "$WORK/report.md" "$REPORT_FILE"
    log "report written to $REPORT_FILE"
fi
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    for f in "$WORK"/wrk-*.txt; do echo "--- $f"; cat "$f"; done >&2
fi
