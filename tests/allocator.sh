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
