# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2153
# Routing part of the benchmark, sourced by bench/run.sh after its other measurements (it uses
# run.sh's variables and helpers: DAEMON_URL, MOCK_URL, TOKEN, WORK, BENCH, run_wrk, log, ...).
#   routing_measure  creates the accounts/pools/keys, measures the cost of a failover and the
#                    throughput of a 20-account pool under each strategy
#   routing_report   prints the "Routing" section of docs/performance.md
# Environment: BENCH_ROUTING_DURATION (s per strategy wrk run, default 5), BENCH_FAILOVER_N
# (failover rounds, default 2000).

ROUTING_DURATION=${BENCH_ROUTING_DURATION:-5}
FAILOVER_N=${BENCH_FAILOVER_N:-2000}
ROUTING_STRATEGIES=(priority weighted round_robin least_busy lowest_latency lowest_cost)
ROUTING_OK=0
ROUTING_NOTE=""
ROUTING_LOAD=""
declare -A R_RPS R_P50 R_P99 R_ERR R_SPREAD

routing_node() { BENCH_ADMIN_TOKEN="$TOKEN" node "$BENCH/routing.mjs" "$@" --daemon "$DAEMON_URL"; }
jfile() { # jfile <file> <dotted.path> : a value from a JSON file (keeps keys off command lines)
    node -e "const o=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));const v=process.argv[2].split('.').reduce((a,k)=>a==null?a:a[k],o);console.log(v==null?'n/a':typeof v==='object'?JSON.stringify(v):v)" "$1" "$2"
}

routing_measure() {
    local cfg="$WORK/routing.json" key from probe t
    log "routing: creating 22 accounts, 8 pools and their keys"
    if ! routing_node setup --mock "$MOCK_URL" --out "$cfg" >"$WORK/routing-setup.json" 2>"$WORK/routing.err"; then
        ROUTING_NOTE="setup through the admin API failed: $(tr '\n' ' ' <"$WORK/routing.err")"
        log "$ROUTING_NOTE"
        return
    fi
    # The new keys work from the next request on; wait for a 200 through the one-account pool.
    key=$(jfile "$cfg" single.key)
    for _ in $(seq 30); do
        probe=$(printf 'header = "x-api-key: %s"\n' "$key" | curl -sS -K - -o /dev/null -w '%{http_code}' \
            "$DAEMON_URL/v1/messages" -H 'Content-Type: application/json' -H 'anthropic-version: 2023-06-01' \
            -d '{"model":"claude-sonnet-4-20250514","max_tokens":8,"messages":[{"role":"user","content":"probe"}]}' || true)
        [[ "$probe" == 200 ]] && break
        sleep 0.1
    done
    if [[ "$probe" != 200 ]]; then
        ROUTING_NOTE="relay probe through a pool-bound key answered HTTP $probe"
        log "$ROUTING_NOTE"
        return
    fi

    log "routing: failover cost ($FAILOVER_N rounds, sequential)"
    if ! routing_node failover --mock "$MOCK_URL" --setup "$cfg" --n "$FAILOVER_N" >"$WORK/routing-failover.json" 2>>"$WORK/routing.err"; then
        ROUTING_NOTE="failover measurement failed: $(tr '\n' ' ' <"$WORK/routing.err")"
        log "$ROUTING_NOTE"
        return
    fi
    log "  $(cat "$WORK/routing-failover.json")"

    ROUTING_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    local saved_key=$BENCH_KEY
    # The one-account pool before and after the strategies shows how much the machine drifted.
    for t in single "${ROUTING_STRATEGIES[@]}" single_after; do
        if [[ $t == single* ]]; then key=$(jfile "$cfg" single.key); else key=$(jfile "$cfg" "strategies.$t.key"); fi
        export BENCH_KEY=$key
        wrk -t1 -c8 -d1s -s "$BENCH/wrk-sessions.lua" "$DAEMON_URL" >/dev/null 2>&1 || true
        log "routing: $t (wrk -t2 -c64 ${ROUTING_DURATION}s, a new conversation per request)"
        from=$(node -e 'console.log(Date.now())')
        run_wrk "routing-$t" "$DAEMON_URL" 2 64 "$BENCH/wrk-sessions.lua" "$ROUTING_DURATION"
        R_RPS[$t]=$RPS R_P50[$t]=$P50 R_P99[$t]=$P99 R_ERR[$t]=$ERR
        log "  $RPS req/s, p50 $P50 ms, p99 $P99 ms, errors $ERR"
        if [[ $t != single* ]]; then
            R_SPREAD[$t]=$(routing_node spread --setup "$cfg" --strategy "$t" --from "$from" 2>>"$WORK/routing.err" || echo '{}')
            log "  ${R_SPREAD[$t]}"
        fi
    done
    export BENCH_KEY=$saved_key
    ROUTING_OK=1
}

routing_report() {
    local fo="$WORK/routing-failover.json" j t
    echo
    echo "## Routing"
    echo
    if ((!ROUTING_OK)); then
        echo "**Routing was not measured in this run:** ${ROUTING_NOTE:-the daemon was not measured}"
        return
    fi
    echo "### Cost of a failover"
    echo
    echo "Two Anthropic accounts on the mock in one \`priority\` pool, priority 10 (primary) and 50"
    echo "(secondary). $(jfile "$fo" n) rounds (after $(jfile "$fo" warmup) warm-up rounds), sequential, one keep-alive"
    echo "connection: a normal request, served by the primary; then, after"
    echo "\`POST /__mock/fail-next {\"count\":1,\"status\":429}\`, a request the primary refuses with 429"
    echo "(\`retry-after: 2\`) and the secondary serves. Before each round the primary's cooldown is"
    echo "cleared with \`DELETE /api/accounts/{id}/cooldown\`; arming the mock and clearing the cooldown"
    echo "are not timed. Every request starts a new conversation, so no sticky binding picks the account."
    echo
    echo "| request | n | p50 ms | p90 ms | p99 ms | mean ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| normal (1 attempt) | $(jfile "$fo" normalMs.n) | $(jfile "$fo" normalMs.p50) | $(jfile "$fo" normalMs.p90) | $(jfile "$fo" normalMs.p99) | $(jfile "$fo" normalMs.mean) |"
    echo "| failover (429, then the secondary) | $(jfile "$fo" failoverMs.n) | $(jfile "$fo" failoverMs.p50) | $(jfile "$fo" failoverMs.p90) | $(jfile "$fo" failoverMs.p99) | $(jfile "$fo" failoverMs.mean) |"
    echo "| **added by the failover** | | **$(jfile "$fo" addedMs.p50)** | | **$(jfile "$fo" addedMs.p99)** | $(jfile "$fo" addedMs.mean) |"
    echo "| mock directly: 200 | $(jfile "$fo" directNormalMs.n) | $(jfile "$fo" directNormalMs.p50) | $(jfile "$fo" directNormalMs.p90) | $(jfile "$fo" directNormalMs.p99) | $(jfile "$fo" directNormalMs.mean) |"
    echo "| mock directly: 429 | $(jfile "$fo" direct429Ms.n) | $(jfile "$fo" direct429Ms.p50) | $(jfile "$fo" direct429Ms.p90) | $(jfile "$fo" direct429Ms.p99) | $(jfile "$fo" direct429Ms.mean) |"
    echo
    echo "Statuses: normal $(jfile "$fo" statuses.normal), failover $(jfile "$fo" statuses.failover) (warm-up excluded)."
    echo "Ledger check (warm-up included): $(jfile "$fo" ledger.normalOnPrimaryOneAttempt)/$(jfile "$fo" ledger.normalRows) normal requests served by the"
    echo "primary in one attempt, $(jfile "$fo" ledger.failoverOnSecondaryTwoAttempts)/$(jfile "$fo" ledger.failoverRows) failed-over requests served by the secondary in two."
    echo "The \"added\" row is the difference of the percentiles (failover minus normal)."
    echo
    echo "### 20 accounts in a pool, by strategy (wrk -t2 -c64, ${ROUTING_DURATION} s)"
    echo
    echo "20 Anthropic accounts on the mock, priorities 10/20/30/40/50 (four accounts each) and weights"
    echo "1/2/5/10 (five accounts each, one in every priority tier), one pool per strategy with all"
    echo "20 and a key bound to it. \`bench/wrk-sessions.lua\` sends a new first user message with every"
    echo "request, so each request is a new conversation and the strategy picks its account (a fixed"
    echo "prompt would stick to one account). \"pool of 1\" is the same load through a pool holding"
    echo "only the single account of the sections above. Spread from the ledger"
    echo "(\`/api/usage/summary?groupBy=account&keyId=…&from=…\`): accounts that served requests, and the"
    echo "largest and smallest share of one account."
    echo
    echo "| target | requests/s | p50 ms | p99 ms | wrk errors | accounts used | max share % | min share % | ledger rows (failed) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "| nginx (first section, ${DURATION} s, fixed prompt) | ${T_RPS[nginx]} | ${T_P50[nginx]} | ${T_P99[nginx]} | ${T_ERR[nginx]} | | | | |"
    echo "| daemon, 1 account (first section, ${DURATION} s, fixed prompt) | ${T_RPS[daemon]} | ${T_P50[daemon]} | ${T_P99[daemon]} | ${T_ERR[daemon]} | 1 | | | |"
    echo "| daemon, pool of 1 (before the strategies) | ${R_RPS[single]} | ${R_P50[single]} | ${R_P99[single]} | ${R_ERR[single]} | 1 | | | |"
    for t in "${ROUTING_STRATEGIES[@]}"; do
        j=${R_SPREAD[$t]:-'{}'}
        echo "| \`$t\` | ${R_RPS[$t]} | ${R_P50[$t]} | ${R_P99[$t]} | ${R_ERR[$t]} | $(field "$j" accountsUsed)/20 | $(field "$j" maxSharePct) | $(field "$j" minSharePct) | $(field "$j" requests) ($(field "$j" errors)) |"
    done
    echo "| daemon, pool of 1 (after the strategies) | ${R_RPS[single_after]} | ${R_P50[single_after]} | ${R_P99[single_after]} | ${R_ERR[single_after]} | 1 | | | |"
    echo
    echo "The machine is shared: 1-minute load average ${ROUTING_LOAD} when this part started; the two"
    echo "\"pool of 1\" rows bracket the strategy runs and show how much the conditions moved meanwhile."
    echo
    echo "Failed ledger rows by status and error type:$(for t in "${ROUTING_STRATEGIES[@]}"; do printf ' %s %s;' "$t" "$(field "${R_SPREAD[$t]}" errorKinds)"; done | sed 's/;$/./')"
    echo "A 499 \`client_closed\` row is a call wrk abandoned when its run ended (wrk does not count it)."
    echo
    j=${R_SPREAD[weighted]:-'{}'}
    echo "- \`weighted\`: share by weight (five accounts each; expected 1: 5.56, 2: 11.11, 5: 27.78,"
    echo "  10: 55.56): $(field "$j" sharePctByWeight); largest deviation of one account"
    echo "  from its expected share (weight / 90): $(field "$j" maxDeviationFromWeightPct) percentage points."
    j=${R_SPREAD[round_robin]:-'{}'}
    echo "- \`round_robin\`: $(field "$j" accountsUsed)/20 accounts served, busiest / least busy account"
    echo "  $(field "$j" maxMinRatio)× (expected 5 % each)."
    j=${R_SPREAD[priority]:-'{}'}
    echo "- \`priority\`: share by priority tier ($(field "$j" sharePctByPriority)): the tier with the lowest"
    echo "  number takes the load while it is healthy, spread over its four accounts."
    j=${R_SPREAD[lowest_latency]:-'{}'}
    echo "- \`lowest_latency\`: $(field "$j" accountsUsed)/20 accounts served, busiest $(field "$j" maxSharePct) %; it follows each"
    echo "  account's measured time to first byte, so on identical mock accounts the spread is uneven"
    echo "  and differs from run to run."
    echo "- Throughput, pool of 20 / nginx:$(for t in "${ROUTING_STRATEGIES[@]}"; do printf ' %s %s,' "$t" "$(ratio "${R_RPS[$t]}" "${T_RPS[nginx]}")"; done | sed 's/,$/;/')"
    echo "  pool of 20 / pool of 1 (mean of the two runs):$(for t in "${ROUTING_STRATEGIES[@]}"; do printf ' %s %s,' "$t" "$(ratio "${R_RPS[$t]}" "$(awk -v a="${R_RPS[single]}" -v b="${R_RPS[single_after]}" 'BEGIN { print (a + b) / 2 }')")"; done | sed 's/,$/./')"
}
