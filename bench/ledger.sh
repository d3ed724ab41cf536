#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Ledger part of the benchmark: usage reports over a large ledger and ledger ingest with the
# usage rollups. Sourced by bench/run.sh when BENCH_LEDGER=1 (it takes several minutes), or run
# alone: `bench/ledger.sh` prints the Markdown section (BENCH_BUILD_DIR as in run.sh).
#   ledger_measure  (a) fills a MariaDB database with BENCH_LEDGER_ROWS ledger rows (default
#                   10 million) and times a month's report by department through a running
#                   aicarpoold's HTTP API; (b) times ledger ingest with and without the rollups on
#                   MariaDB and SQLite (aicarpool-bench-ledger-ingest)
#   ledger_report   prints the "Usage reports and ledger ingest" section
# Needs MariaDB: BENCH_MYSQL_URL, else AICARPOOL_TEST_MYSQL_URL (tests/support/services.sh); the
# user must be allowed to create databases named <database>_bench_*. The mysql client is used for
# the fixture.
# Environment: BENCH_LEDGER_ROWS (default 10000000), BENCH_REPORT_RUNS (default 30),
# BENCH_INGEST_ROWS (default 200000).

LEDGER_ROWS=${BENCH_LEDGER_ROWS:-10000000}
REPORT_RUNS=${BENCH_REPORT_RUNS:-30}
INGEST_ROWS=${BENCH_INGEST_ROWS:-200000}
LEDGER_OK=0
LEDGER_NOTE=""
LEDGER_LOAD=""
LEDGER_PIDS=()
declare -A LR_MEDIAN LR_P95 LR_ROWS LI_RPS
LEDGER_FILL_S="" LEDGER_INDEX_S="" LEDGER_ROLLUP_S="" LEDGER_WIDE_ROWS="" LEDGER_DIMS_ROWS=""

ledger_log() { echo "bench: $*" >&2; }

# Splits a mysql:// URL into MY_USER MY_PASS MY_HOST MY_PORT MY_DB.
ledger_parse_url() {
    local re='^(mysql|mariadb)://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/([A-Za-z0-9_]+)'
    [[ $1 =~ $re ]] || return 1
    MY_USER=${BASH_REMATCH[2]} MY_PASS=${BASH_REMATCH[4]} MY_HOST=${BASH_REMATCH[5]}
    MY_PORT=${BASH_REMATCH[7]:-3306} MY_DB=${BASH_REMATCH[8]}
}
ledger_sql() { # ledger_sql [database] < SQL ; the password goes through the environment
    MYSQL_PWD="$MY_PASS" mysql -h "$MY_HOST" -P "$MY_PORT" -u "$MY_USER" -N -B ${1:+"$1"}
}
ledger_url() { echo "mysql://$MY_USER:$MY_PASS@$MY_HOST:$MY_PORT/$1"; }
ledger_fresh_db() { echo "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" | ledger_sql; }
ledger_now() { date +%s.%N; }
ledger_since() { awk -v a="$1" -v b="$(ledger_now)" 'BEGIN { printf "%.0f", b - a }'; }

# The ledger fixture: rows spread evenly over the 90 days up to now, 5 enterprises, 50
# departments, 2000 users, 5000 keys (each key one user, department, enterprise; two thirds of
# them in one of 200 groups), 20 accounts, 8 models of 3 providers, pseudo-random per row.
ledger_fill() {
    local db=$1 rows=$2 chunk=1000000 start end now_ms span_ms
    now_ms=$(($(date +%s) * 1000))
    span_ms=$((90 * 86400000))
    {
        echo "INSERT INTO enterprises (id, name, created_at_ms, updated_at_ms)"
        echo "  SELECT seq, CONCAT('Enterprise ', seq), 0, 0 FROM seq_1_to_5;"
        echo "INSERT INTO departments (id, enterprise_id, name, created_at_ms)"
        echo "  SELECT seq, 1 + seq % 5, CONCAT('Department ', seq), 0 FROM seq_1_to_50;"
        # Secondary indexes are built once after the load (a sorted build) rather than row by row.
        echo "ALTER TABLE usage_records DROP INDEX idx_usage_key_created,"
        echo "  DROP INDEX idx_usage_account_created, DROP INDEX idx_usage_model_created;"
    } | ledger_sql "$db" || return 1
    for ((start = 1; start <= rows; start += chunk)); do
        end=$((start + chunk - 1))
        ((end > rows)) && end=$rows
        cat <<SQL | ledger_sql "$db" || return 1
INSERT INTO usage_records (request_id, created_at, key_id, user_id, account_id, provider, model,
  endpoint, stream, status, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens,
  cost, latency_ms, ttfb_ms, error_type, enterprise_id, department_id, group_id)
SELECT CONCAT('bench-', LPAD(seq, 10, '0')), $((now_ms - span_ms)) + (seq - 1) * $span_ms DIV $rows, k,
  1 + k % 2000, a, ELT(1 + (mi - 1) DIV 3, 'anthropic', 'openai', 'gemini'),
  ELT(mi, 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'gpt-4o', 'gpt-4o-mini',
      'o3', 'gemini-2.5-pro', 'gemini-2.5-flash'),
  '/v1/messages', seq % 2, IF(seq % 50 = 0, 529, 200), CRC32(seq * 11) % 20000,
  CRC32(seq * 13) % 2000, IF(seq % 4 = 0, CRC32(seq * 17) % 10000, 0),
  IF(seq % 2 = 0, CRC32(seq * 19) % 40000, 0), (CRC32(seq * 23) % 200000) / 1000000,
  200 + seq % 3000, 50 + seq % 500, IF(seq % 50 = 0, 'overloaded_error', ''),
  1 + (1 + (1 + k % 2000) % 50) % 5, 1 + (1 + k % 2000) % 50, IF(k % 3 = 0, NULL, 1 + k % 200)
FROM (SELECT seq, 1 + CRC32(seq) % 5000 AS k, 1 + CRC32(seq * 3) % 20 AS a,
             1 + CRC32(seq * 7) % 8 AS mi FROM seq_${start}_to_${end}) s;
SQL
    done
}

ledger_add_indexes() {
    echo "ALTER TABLE usage_records ADD KEY idx_usage_key_created (key_id, created_at),
      ADD KEY idx_usage_account_created (account_id, created_at),
      ADD KEY idx_usage_model_created (model, created_at);" | ledger_sql "$1"
}

# The rollups of the loaded rows, built once for the fixture (the daemon itself never scans the
# ledger: its ledger writer adds each batch to the rollups as it writes it). Ten-day slices keep
# each GROUP BY small.
ledger_build_rollups() {
    local db=$1 day_from day_to d
    read -r day_from day_to < <(echo "SELECT MIN(created_at) DIV 86400000, MAX(created_at) DIV 86400000 FROM usage_records" | ledger_sql "$db")
    for ((d = day_from; d <= day_to; d += 10)); do
        cat <<SQL | ledger_sql "$db" || return 1
INSERT INTO usage_rollup_daily (day, week, month, enterprise_id, department_id, group_id,
  user_id, key_id, account_id, provider, model, requests, errors, input_tokens, output_tokens,
  cache_write_tokens, cache_read_tokens, cost_micros)
SELECT d, d - MOD(d + 3, 7),
  TO_DAYS(DATE_SUB(FROM_DAYS(d + 719528), INTERVAL DAYOFMONTH(FROM_DAYS(d + 719528)) - 1 DAY)) - 719528,
  e, dp, g, user_id, key_id, account_id, provider, model, COUNT(*),
  SUM(status < 100 OR status >= 400 OR error_type <> ''), SUM(input_tokens), SUM(output_tokens),
  SUM(cache_write_tokens), SUM(cache_read_tokens), SUM(FLOOR(cost * 1000000 + 0.5))
FROM (SELECT created_at DIV 86400000 AS d, COALESCE(enterprise_id, 0) AS e,
        COALESCE(department_id, 0) AS dp, COALESCE(group_id, 0) AS g, user_id, key_id,
        account_id, provider, model, status, error_type, input_tokens, output_tokens,
        cache_write_tokens, cache_read_tokens, cost
      FROM usage_records WHERE created_at >= $d * 86400000 AND created_at < $((d + 10)) * 86400000) r
GROUP BY d, e, dp, g, user_id, key_id, account_id, provider, model;
SQL
    done
    local spec dim id name group
    for spec in "1 enterprise_id ''" "2 department_id ''" "3 group_id ''" "4 user_id ''" \
        "5 key_id ''" "6 account_id ''" "7 0 provider" "8 0 model"; do
        read -r dim id name <<<"$spec"
        group=$id
        [[ $id == 0 ]] && group=$name
        cat <<SQL | ledger_sql "$db" || return 1
INSERT INTO usage_rollup_dims (dim, day, week, month, enterprise_id, item_id, item_name, requests,
  errors, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_micros)
SELECT $dim, day, MIN(week), MIN(month), enterprise_id, $id, $name, SUM(requests), SUM(errors),
  SUM(input_tokens), SUM(output_tokens), SUM(cache_write_tokens), SUM(cache_read_tokens),
  SUM(cost_micros)
FROM usage_rollup_daily GROUP BY day, enterprise_id, $group;
SQL
    done
}

# median and p95 (nearest rank) of the numbers on stdin
ledger_stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a n/a"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = int(0.95 * NR + 0.999999); if (p < 1) p = 1; printf "%.1f %.1f\n", m, v[p] }'; }

ledger_time_report() { # ledger_time_report <name> <query>; the daemon at $LEDGER_DAEMON_URL
    local name=$1 query=$2 i out
    for i in 1 2; do # warm-up
        printf 'header = "Authorization: Bearer %s"\n' "$LEDGER_TOKEN" |
            curl -fsS -K - -o /dev/null "$LEDGER_DAEMON_URL/api/reports/usage?$query" || return 1
    done
    out="$LEDGER_WORK/report-$name.txt"
    : >"$out"
    for ((i = 0; i < REPORT_RUNS; i++)); do
        printf 'header = "Authorization: Bearer %s"\n' "$LEDGER_TOKEN" |
            curl -fsS -K - -o "$LEDGER_WORK/report-$name.json" -w '%{time_total}\n' \
                "$LEDGER_DAEMON_URL/api/reports/usage?$query" |
            awk '{ printf "%.3f\n", $1 * 1000 }' >>"$out" || return 1
    done
    read -r LR_MEDIAN[$name] LR_P95[$name] < <(ledger_stats <"$out")
    LR_ROWS[$name]=$(node -e "console.log(JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')).items.length)" "$LEDGER_WORK/report-$name.json")
    ledger_log "  report $name: median ${LR_MEDIAN[$name]} ms, p95 ${LR_P95[$name]} ms, ${LR_ROWS[$name]} rows"
}

ledger_reports() {
    local db="${MY_DB}_bench_reports" t0 port pid email password from to
    ledger_log "ledger: fresh database $db, daemon migrates it"
    ledger_fresh_db "$db" || { LEDGER_NOTE="cannot create database $db"; return 1; }
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    LEDGER_DAEMON_URL="http://127.0.0.1:$port"
    email=admin@bench.local
    password="Bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -p "$LEDGER_WORK/ledger-daemon"
    AICARPOOL_ADMIN_EMAIL="$email" AICARPOOL_ADMIN_PASSWORD="$password" \
        AICARPOOL_DATABASE="$(ledger_url "$db")" "$LEDGER_DAEMON_BIN" --data-dir "$LEDGER_WORK/ledger-daemon" \
        --listen "127.0.0.1:$port" >"$LEDGER_WORK/ledger-daemon.log" 2>&1 &
    pid=$!
    LEDGER_PIDS+=("$pid")
    local deadline=$((SECONDS + 60))
    until curl -fsS -o /dev/null "$LEDGER_DAEMON_URL/health" 2>/dev/null; do
        ((SECONDS < deadline)) || { LEDGER_NOTE="daemon did not start: $(tail -2 "$LEDGER_WORK/ledger-daemon.log" | tr '\n' ' ')"; return 1; }
        sleep 0.2
    done
    LEDGER_TOKEN=$(curl -fsS "$LEDGER_DAEMON_URL/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$password\"}" |
        node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>console.log(JSON.parse(d).token))")
    ledger_log "ledger: loading $LEDGER_ROWS rows (MariaDB Sequence engine, INSERT ... SELECT)"
    t0=$(ledger_now)
    ledger_fill "$db" "$LEDGER_ROWS" || { LEDGER_NOTE="fixture load failed"; return 1; }
    LEDGER_FILL_S=$(ledger_since "$t0")
    t0=$(ledger_now)
    ledger_add_indexes "$db" || { LEDGER_NOTE="index build failed"; return 1; }
    LEDGER_INDEX_S=$(ledger_since "$t0")
    ledger_log "ledger: building the fixture's rollups once"
    t0=$(ledger_now)
    ledger_build_rollups "$db" || { LEDGER_NOTE="rollup build failed"; return 1; }
    LEDGER_ROLLUP_S=$(ledger_since "$t0")
    read -r LEDGER_WIDE_ROWS LEDGER_DIMS_ROWS < <(echo "SELECT (SELECT COUNT(*) FROM usage_rollup_daily), (SELECT COUNT(*) FROM usage_rollup_dims)" | ledger_sql "$db")
    ledger_log "ledger: loaded in ${LEDGER_FILL_S}s + indexes ${LEDGER_INDEX_S}s, rollups in ${LEDGER_ROLLUP_S}s ($LEDGER_WIDE_ROWS wide, $LEDGER_DIMS_ROWS per-dimension rows)"
    # The last whole calendar month (inside the 90 days of data).
    from=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m-%d)
    to=$(date -u +%Y-%m-01)
    LEDGER_MONTH="$from .. $to"
    ledger_time_report department-month "groupBy=department&bucket=month&from=$from&to=$to" || { LEDGER_NOTE="report request failed"; return 1; }
    ledger_time_report department-day "groupBy=department&bucket=day&from=$from&to=$to" || return 1
    ledger_time_report key-month "groupBy=key&bucket=month&from=$from&to=$to" || return 1
    ledger_time_report model-day-90d "groupBy=model&bucket=day&from=$(date -u -d '-89 days' +%Y-%m-%d)&to=$(date -u -d '+1 day' +%Y-%m-%d)" || return 1
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [[ ${BENCH_LEDGER_KEEP_DB:-0} == 1 ]] || echo "DROP DATABASE \`$db\`" | ledger_sql
    return 0
}

ledger_ingest_one() { # ledger_ingest_one <backend> <mode> <profile> -> rows/s
    local url db
    if [[ $1 == mariadb ]]; then
        db="${MY_DB}_bench_ingest"
        ledger_fresh_db "$db" || return 1
        url=$(ledger_url "$db")
    else
        rm -f "$LEDGER_WORK/ingest.db"*
        url="sqlite://$LEDGER_WORK/ingest.db"
    fi
    "$LEDGER_INGEST_BIN" --database "$url" --rows "$INGEST_ROWS" --mode "$2" --profile "$3" |
        node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>console.log(Math.round(JSON.parse(d).rowsPerSecond)))"
    [[ $1 == mariadb ]] && echo "DROP DATABASE \`$db\`" | ledger_sql
    return 0
}

ledger_ingest() {
    local backend mode round v run
    for backend in sqlite mariadb; do
        for run in plain-uniform rollups-uniform rollups-sticky; do LI_RPS[$backend-$run]=""; done
        # Alternated, twice each: the figure is the mean of the two runs.
        for round in 1 2; do
            for run in plain-uniform rollups-uniform rollups-sticky; do
                v=$(ledger_ingest_one "$backend" "${run%-*}" "${run#*-}") || { LEDGER_NOTE="ingest $backend $run failed"; return 1; }
                ledger_log "  ingest $backend $run (run $round): $v rows/s"
                LI_RPS[$backend-$run]+="$v "
            done
        done
        for run in plain-uniform rollups-uniform rollups-sticky; do
            LI_RPS[$backend-$run]=$(awk '{ printf "%.0f", ($1 + $2) / 2 }' <<<"${LI_RPS[$backend-$run]}")
        done
    done
}

ledger_measure() {
    local url=${BENCH_MYSQL_URL:-${AICARPOOL_TEST_MYSQL_URL:-}}
    LEDGER_BUILD=${BUILD:-${BENCH_BUILD_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build-bench}}
    LEDGER_DAEMON_BIN="$LEDGER_BUILD/daemon/aicarpoold"
    LEDGER_INGEST_BIN="$LEDGER_BUILD/bench/aicarpool-bench-ledger-ingest"
    LEDGER_WORK=${WORK:-$(mktemp -d /tmp/aicarpool-bench-ledger.XXXXXX)}
    LEDGER_PIDS=()
    LEDGER_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    command -v mysql >/dev/null || { LEDGER_NOTE="the mysql client is required"; return; }
    ledger_parse_url "$url" || { LEDGER_NOTE="no MariaDB: set BENCH_MYSQL_URL (or AICARPOOL_TEST_MYSQL_URL)"; return; }
    cmake --build "$LEDGER_BUILD" -j2 --target aicarpoold aicarpool-bench-ledger-ingest >/dev/null ||
        { LEDGER_NOTE="build failed"; return; }
    ledger_log "ledger ingest ($INGEST_ROWS rows, transactions of 5000, with and without rollups)"
    ledger_ingest || return
    ledger_reports || { for p in "${LEDGER_PIDS[@]}"; do kill "$p" 2>/dev/null; done; return; }
    LEDGER_OK=1
    LEDGER_LOAD="$LEDGER_LOAD .. $(cut -d' ' -f1 /proc/loadavg)"
}

ledger_report() {
    echo
    echo "## Usage reports and ledger ingest"
    echo
    if ((!LEDGER_OK)); then
        echo "Not measured in this run: ${LEDGER_NOTE:-BENCH_LEDGER=1 runs it}."
        return
    fi
    echo "\`bench/ledger.sh\` (run by \`BENCH_LEDGER=1 bench/run.sh\`). 1-minute load average: $LEDGER_LOAD."
    echo
    echo "### A month's report over $LEDGER_ROWS ledger rows (MariaDB)"
    echo
    echo "Fixture: $LEDGER_ROWS rows over the last 90 days (5 enterprises, 50 departments, 2000 users,"
    echo "5000 keys, 20 accounts, 8 models), loaded with the Sequence engine (\`INSERT ... SELECT\`,"
    echo "${LEDGER_FILL_S} s, secondary indexes built after: ${LEDGER_INDEX_S} s). The fixture's rollups are"
    echo "built once by the loader from the rows (${LEDGER_ROLLUP_S} s: $LEDGER_WIDE_ROWS rows in"
    echo "\`usage_rollup_daily\`, $LEDGER_DIMS_ROWS in \`usage_rollup_dims\`); the daemon itself only adds"
    echo "each batch it writes. Timed: \`GET /api/reports/usage\` through the daemon's HTTP API with"
    echo "curl (connection set-up included), $REPORT_RUNS runs after 2 warm-up calls; month $LEDGER_MONTH."
    echo
    echo "| report | rows answered | median ms | p95 ms |"
    echo "|---|---:|---:|---:|"
    local n
    for n in department-month department-day key-month model-day-90d; do
        echo "| $n | ${LR_ROWS[$n]} | ${LR_MEDIAN[$n]} | ${LR_P95[$n]} |"
    done
    echo
    echo "Target: a month by department under 200 ms."
    echo
    echo "### Ledger ingest ($INGEST_ROWS rows, transactions of 5000 rows)"
    echo
    echo "\`aicarpool-bench-ledger-ingest\`: the ledger writer's database path (\`LedgerBatchWriter\`), one"
    echo "transaction per batch of 5000 rows (the writer's default), into a fresh database; rows are"
    echo "generated before the clock starts. *rows only* writes the rows without rollups (the"
    echo "baseline); *with rollups* writes rows and rollups (what the daemon does). *uniform*: every"
    echo "call picks any of 20 accounts and 8 models at random, so nearly every call is a new row of"
    echo "\`usage_rollup_daily\` (the worst case); *sticky*: a key mostly uses its own account and"
    echo "one of two models. 2000 keys, one day. Mean of two alternated runs each."
    echo
    echo "| database | rows only, rows/s | with rollups (uniform), rows/s | ratio | with rollups (sticky), rows/s |"
    echo "|---|---:|---:|---:|---:|"
    local b
    for b in sqlite mariadb; do
        echo "| $b | ${LI_RPS[$b-plain-uniform]} | ${LI_RPS[$b-rollups-uniform]} | $(awk -v a="${LI_RPS[$b-rollups-uniform]}" -v p="${LI_RPS[$b-plain-uniform]}" 'BEGIN { if (p > 0) printf "%.2f", a / p; else print "n/a" }') | ${LI_RPS[$b-rollups-sticky]} |"
    done
    echo
    echo "Target: at least 20,000 rows/s with rollups."
}

# Run alone: measure and print the section.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -uo pipefail
    WORK=$(mktemp -d /tmp/aicarpool-bench-ledger.XXXXXX)
    trap 'for p in "${LEDGER_PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
    ledger_measure
    ledger_report
    [[ -n $LEDGER_NOTE ]] && ledger_log "$LEDGER_NOTE"
    ((LEDGER_OK))
fi
