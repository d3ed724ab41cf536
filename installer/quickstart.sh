#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The start command: installs what is missing, builds aicarpoold (Release) and starts it in the
# background on the embedded SQLite database, then prints how to use it.
#
#   sudo installer/quickstart.sh            install, build, start (or report it running)
#   sudo installer/quickstart.sh stop       stop the daemon this script started
#   sudo installer/quickstart.sh status     is it running and healthy?
#
# Environment:
#   AICARPOOL_DATA_DIR         data directory (default /var/lib/aicarpool)
#   AICARPOOL_LISTEN           listen address (default 127.0.0.1:8787)
#   AICARPOOL_ADMIN_EMAIL      first administrator's email (default admin@localhost)
#   AICARPOOL_ADMIN_PASSWORD   first administrator's password (default: random, written once to
#                              <data-dir>/initial-admin-password)
#   AICARPOOL_QUICKSTART_BUILD_DIR   build directory (default build-release in the source tree)
#   AICARPOOL_BUILD_CONSOLE=ON also build the aicarpool-console desktop app
#   AICARPOOL_SKIP_DEPS=1      do not run installer/install-deps.sh
#
# Running it again is safe: packages are installed only when missing, the build is incremental
# and a running daemon is left alone.
set -euo pipefail

SOURCE_DIR="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR="${AICARPOOL_DATA_DIR:-/var/lib/aicarpool}"
LISTEN="${AICARPOOL_LISTEN:-127.0.0.1:8787}"
BUILD_DIR="${AICARPOOL_QUICKSTART_BUILD_DIR:-$SOURCE_DIR/build-release}"
CONSOLE="${AICARPOOL_BUILD_CONSOLE:-OFF}"
ADMIN_EMAIL="${AICARPOOL_ADMIN_EMAIL:-admin@localhost}"
CMD="${1:-start}"

PIDFILE="$DATA_DIR/aicarpoold.pid"
LOG="$DATA_DIR/aicarpoold.log"
DAEMON="$BUILD_DIR/daemon/aicarpoold"
# A wildcard listen address is reached through loopback.
HOST="${LISTEN%:*}"
PORT="${LISTEN##*:}"
case "$HOST" in
"" | 0.0.0.0 | "*") HOST=127.0.0.1 ;;
"[::]") HOST="[::1]" ;;
esac
URL="http://$HOST:$PORT"

step() { echo "==> $*"; }

# What to put before root-only commands in the hints below (a root shell may have no sudo).
SUDO="sudo "
if [ "$(id -u)" -eq 0 ] && ! command -v sudo >/dev/null 2>&1; then
    SUDO=""
fi

our_daemon_pid() {
    local pid
    [ -f "$PIDFILE" ] || return 1
    pid="$(cat "$PIDFILE")"
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = aicarpoold ] || return 1
    echo "$pid"
}

healthy() { curl -fsS --max-time 2 "$URL/health" >/dev/null 2>&1; }

case "$CMD" in
start) ;;
stop)
    if pid="$(our_daemon_pid)"; then
        step "stopping aicarpoold (pid $pid)"
        kill "$pid"
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "aicarpoold did not stop within 10 s (pid $pid)" >&2
            exit 1
        fi
        rm -f "$PIDFILE"
    else
        step "aicarpoold is not running from $DATA_DIR"
    fi
    exit 0
    ;;
status)
    if pid="$(our_daemon_pid)"; then
        if healthy; then
            echo "aicarpoold is running (pid $pid) and healthy at $URL"
            exit 0
        fi
        echo "aicarpoold is running (pid $pid) but $URL/health does not answer"
        exit 1
    fi
    echo "aicarpoold is not running from $DATA_DIR"
    exit 3
    ;;
*)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac

if [ "$(id -u)" -ne 0 ] && [ "${AICARPOOL_SKIP_DEPS:-0}" != 1 ]; then
    echo "quickstart: run as root (sudo $0) to install packages and use $DATA_DIR," >&2
    echo "quickstart: or set AICARPOOL_SKIP_DEPS=1 and AICARPOOL_DATA_DIR to a writable folder" >&2
    exit 1
fi

if [ "${AICARPOOL_SKIP_DEPS:-0}" != 1 ]; then
    step "dependencies (installer/install-deps.sh build runtime)"
    "$SOURCE_DIR/installer/install-deps.sh" build runtime
fi

step "configure $BUILD_DIR (Release, console $CONSOLE)"
cmake -S "$SOURCE_DIR" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DAICARPOOL_BUILD_CONSOLE="$CONSOLE" -DAICARPOOL_BUILD_TESTS=OFF

TARGETS=(aicarpoold)
case "$CONSOLE" in
ON | on | 1 | TRUE | true | YES | yes) TARGETS+=(aicarpool-console) ;;
esac
step "build ${TARGETS[*]}"
cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${TARGETS[@]}"

mkdir -p "$DATA_DIR"
chmod 700 "$DATA_DIR"

if pid="$(our_daemon_pid)"; then
    step "aicarpoold is already running (pid $pid); leaving it alone"
elif healthy; then
    step "something already answers $URL/health; not starting a second daemon"
else
    step "starting aicarpoold --data-dir $DATA_DIR --listen $LISTEN (log: $LOG)"
    AICARPOOL_ADMIN_EMAIL="$ADMIN_EMAIL" nohup "$DAEMON" --data-dir "$DATA_DIR" \
        --listen "$LISTEN" </dev/null >>"$LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PIDFILE"
    for i in $(seq 300); do
        if healthy; then
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PIDFILE"
            echo "quickstart: aicarpoold exited during start-up; the end of $LOG:" >&2
            tail -n 20 "$LOG" >&2
            exit 1
        fi
        if [ "$i" -eq 300 ]; then
            echo "quickstart: $URL/health did not answer within 30 s; see $LOG" >&2
            exit 1
        fi
        sleep 0.1
    done
fi

if [ -n "${AICARPOOL_ADMIN_PASSWORD:-}" ]; then
    PASSWORD_HINT="the password you gave in AICARPOOL_ADMIN_PASSWORD"
    PASSWORD_EXPR='$AICARPOOL_ADMIN_PASSWORD'
elif [ -f "$DATA_DIR/initial-admin-password" ]; then
    PASSWORD_HINT="in $DATA_DIR/initial-admin-password (readable by root only)"
    PASSWORD_EXPR="\$(${SUDO}cat $DATA_DIR/initial-admin-password)"
else
    PASSWORD_HINT="set on an earlier start ($DATA_DIR/initial-admin-password is gone)"
    PASSWORD_EXPR='YOUR-ADMIN-PASSWORD'
fi

cat <<INFO

aicarpoold is running.
  URL:             $URL
  Admin email:     $ADMIN_EMAIL
  Admin password:  $PASSWORD_HINT
  Data directory:  $DATA_DIR  (database, master.key, spool/; back it up)
  Log:             $LOG
  Stop:            ${SUDO}$0 stop

Try it (bash; needs curl and jq):

  URL=$URL
  # 1. Sign in as the administrator
  TOKEN=\$(curl -s \$URL/api/auth/login -H 'content-type: application/json' \\
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$PASSWORD_EXPR\"}" | jq -r .token)

  # 2. Add an upstream account (your provider API key; it is stored encrypted)
  curl -s \$URL/api/accounts -H "authorization: Bearer \$TOKEN" -H 'content-type: application/json' \\
    -d '{"name":"team-anthropic","provider":"anthropic","baseUrl":"https://api.anthropic.com","apiKey":"sk-ant-..."}'

  # 3. Create a personal key (shown once: keep it)
  KEY=\$(curl -s \$URL/api/keys -H "authorization: Bearer \$TOKEN" -H 'content-type: application/json' \\
    -d '{"name":"my laptop"}' | jq -r .key)

  # 4. Call the relay with the personal key
  curl -s \$URL/v1/messages -H "x-api-key: \$KEY" -H 'anthropic-version: 2023-06-01' \\
    -H 'content-type: application/json' \\
    -d '{"model":"claude-sonnet-4-5","max_tokens":200,"messages":[{"role":"user","content":"Hello!"}]}'

  # 5. See the call in the usage ledger
  curl -s "\$URL/api/usage" -H "authorization: Bearer \$TOKEN" | jq .

Claude Code:
  export ANTHROPIC_BASE_URL=$URL
  export ANTHROPIC_API_KEY=cp-...        # the personal key from step 3
  claude

OpenAI SDK (Python or Node; after adding an account with "provider":"openai"):
  export OPENAI_BASE_URL=$URL/v1
  export OPENAI_API_KEY=cp-...           # the personal key from step 3

Configuration, systemd service, MariaDB, backups: docs/operations.md
INFO
