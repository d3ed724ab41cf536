# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers shared by the bench scripts (sourced). The script sets WORK (a scratch directory) and
# appends the processes it starts to PIDS; on exit they are stopped and WORK is removed.
PIDS=()
bench_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap bench_cleanup EXIT

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
json_get() { node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{const v=JSON.parse(d)['$1'];console.log(v===undefined?'':v)})"; }
# wait_http URL SECONDS: until the URL answers 2xx, or fail after SECONDS.
wait_http() {
    local deadline=$((SECONDS + $2))
    until curl -fsS -o /dev/null "$1" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}
