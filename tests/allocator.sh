#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The daemon was built to use tcmalloc: the dynamic linker binds malloc and free to it, for the
# daemon and for the libraries it loads (Qt, curl, SQLite), not to the C library's.
#   tests/allocator.sh path/to/aicarpoold
set -eu
bin=$1
log=$(LD_DEBUG=bindings "$bin" --version 2>&1 >/dev/null)
for sym in malloc free; do
    to=$(printf '%s\n' "$log" | grep "normal symbol \`$sym'" | grep -c 'libtcmalloc' || true)
    other=$(printf '%s\n' "$log" | grep "normal symbol \`$sym'" | grep -vc 'libtcmalloc' || true)
    echo "$sym: $to bindings to tcmalloc, $other elsewhere"
    if [ "$to" -eq 0 ] || [ "$other" -ne 0 ]; then
        echo "FAIL: $sym is not served by tcmalloc in $bin" >&2
        exit 1
    fi
done

# Its thread caches (4 MB) and release rate (4) are set at start, unless the environment sets them.
started() { # started [VAR=value]: the daemon's allocator line, once it listens
    dir=$(mktemp -d)
    env "$@" AICARPOOL_ADMIN_PASSWORD=Allocator-Test-1 "$bin" --data-dir "$dir" \
        --listen 127.0.0.1:0 >"$dir/log" 2>&1 &
    pid=$!
    tries=0
    while ! grep -q 'listening on' "$dir/log" && [ "$tries" -lt 200 ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep 'memory allocator' "$dir/log" || true
    rm -rf "$dir"
}
line=$(started)
echo "$line"
case "$line" in
*"tcmalloc, thread caches up to 4096 KB, release rate 4"*) ;;
*) echo "FAIL: the daemon did not set tcmalloc's thread caches (4 MB) and release rate (4)" >&2; exit 1 ;;
esac
line=$(started TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES=8388608 TCMALLOC_RELEASE_RATE=2)
echo "$line"
case "$line" in
*"tcmalloc, thread caches up to 8192 KB, release rate 2"*) ;;
*) echo "FAIL: the daemon overrode TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES or TCMALLOC_RELEASE_RATE" >&2; exit 1 ;;
esac
