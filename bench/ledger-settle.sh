# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by bench/run.sh and bench/hotpath.sh (which define log()): waiting for a daemon's usage
# ledger to write every queued record, so that a run's CPU time counts them and the next run
# does not start behind them.

# ledger_depth <daemon url>: the records the ledger has not written yet (empty if unknown).
ledger_depth() { curl -fsS "$1/metrics" 2>/dev/null | awk '$1=="aicarpool_ledger_queue_depth" {print $2}'; }

# settle <daemon url>: waits (up to 30 s) until the ledger's queue is empty.
settle() {
    local depth i
    for ((i = 0; i < 300; i++)); do
        depth=$(ledger_depth "$1")
        [[ -z $depth || $depth == 0 ]] && return 0
        sleep 0.1
    done
    log "the usage ledger of $1 still had $depth records to write after 30 s"
}
