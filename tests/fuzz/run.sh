#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang++ and runs each over its committed corpus, then for a
# bounded time. Any crash, leak, undefined behaviour or broken invariant fails.
# Usage: tests/fuzz/run.sh SOURCE_DIR BUILD_DIR [SECONDS_PER_TARGET]
set -eu
SRC=$1
OUT=$2
SECONDS_PER_TARGET=${3:-20}
if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz: clang++ not found; install the test dependencies (installer/install-deps.sh test)" >&2
    exit 1
fi
GENERATOR=""
command -v ninja >/dev/null 2>&1 && GENERATOR="-G Ninja"
# shellcheck disable=SC2086
cmake -S "$SRC/tests/fuzz" -B "$OUT" $GENERATOR -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$OUT" -j2
for target in http_request_parser http_response_parser sse_parser usage_tracker json_view; do
    corpus="$SRC/tests/fuzz/corpus/$target"
    work="$OUT/work/$target"
    rm -rf "$work"
    mkdir -p "$work"
    echo "== $target: corpus replay"
    "$OUT/fuzz_$target" -runs=0 -artifact_prefix="$OUT/" "$corpus"
    echo "== $target: ${SECONDS_PER_TARGET}s run"
    # New inputs go to a scratch directory; the committed corpus is only read.
    log="$OUT/$target.log"
    if ! "$OUT/fuzz_$target" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=1024 \
        -max_len=4096 -timeout=10 -print_final_stats=1 -artifact_prefix="$OUT/" \
        "$work" "$corpus" >"$log" 2>&1; then
        tail -n 80 "$log" >&2
        echo "fuzz: $target failed; the input is in $OUT/crash-* (or leak-*, timeout-*)" >&2
        exit 1
    fi
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|DONE" "$log" || true
done
