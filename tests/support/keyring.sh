#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command with an unlocked Secret Service (gnome-keyring) on the D-Bus session bus, so
# that the console's keychain test talks to a real keyring without any prompt.
#
#   tests/support/keyring.sh <command> [args...]
#
# Without a session bus it starts one with dbus-run-session. The keyring lives in a private,
# throw-away directory (never the user's own keyrings) and is unlocked with a fixed test
# password. The command's exit status is returned.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    exec dbus-run-session -- "$0" "$@"
fi

for tool in gnome-keyring-daemon secret-tool dbus-send; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "keyring.sh: $tool not found (installer/install-deps.sh test installs it)" >&2
        exit 1
    fi
done

KEYRING_DIR="$(mktemp -d "${TMPDIR:-/tmp}/aicarpool-keyring.XXXXXX")"
mkdir -p "$KEYRING_DIR/data" "$KEYRING_DIR/run"
chmod 700 "$KEYRING_DIR" "$KEYRING_DIR/run"
KEYRING_PID=""

cleanup() {
    if [ -n "$KEYRING_PID" ]; then
        kill "$KEYRING_PID" 2>/dev/null || true
        wait "$KEYRING_PID" 2>/dev/null || true
    fi
    rm -rf "$KEYRING_DIR"
}
trap cleanup EXIT

# A non-empty password: with an empty one gnome-keyring asks a (graphical) prompter instead.
printf 'aicarpool-test-keyring' |
    XDG_DATA_HOME="$KEYRING_DIR/data" XDG_RUNTIME_DIR="$KEYRING_DIR/run" \
        gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$KEYRING_DIR/daemon.log" 2>&1 &
KEYRING_PID=$!

has_secrets() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}

i=0
until has_secrets; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$KEYRING_PID" 2>/dev/null; then
        echo "keyring.sh: gnome-keyring-daemon did not come up:" >&2
        cat "$KEYRING_DIR/daemon.log" >&2 || true
        exit 1
    fi
    sleep 0.1
done

# Self-check: a secret can be stored, read back and removed without a prompt.
probe="probe-$$-$RANDOM"
printf '%s' "$probe" | timeout 20 secret-tool store --label='aicarpool keyring probe' \
    aicarpool-probe "$$"
if [ "$(timeout 20 secret-tool lookup aicarpool-probe "$$")" != "$probe" ]; then
    echo "keyring.sh: the keyring does not return what was stored" >&2
    exit 1
fi
timeout 20 secret-tool clear aicarpool-probe "$$"
echo "keyring.sh: Secret Service ready on the session bus" >&2

# Tells the keychain test that a keyring is provided here: if it cannot use it, it fails.
export AICARPOOL_TEST_KEYRING=1

set +e
"$@"
status=$?
set -e
exit $status
