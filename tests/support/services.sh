#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real servers the test suite talks to, each private to <dir> and on loopback ports:
#
#   tests/support/services.sh start [dir]   start what is not running, print the environment
#   tests/support/services.sh stop [dir]    stop them all
#   tests/support/services.sh env [dir]     print the environment of the running set
#
# `start` prints `export NAME=value` lines on stdout (progress goes to stderr) and also writes
# them to <dir>/services.env, so a caller can `eval "$(services.sh start DIR)"` or source the file:
#
#   AICARPOOL_TEST_MYSQL_URL       mysql://aicarpool:aicarpool@127.0.0.1:PORT/aicarpool_test
#                                  (MariaDB from tests/support/mariadb.sh)
#   AICARPOOL_TEST_HTTP_PROXY      http://127.0.0.1:PORT         (tinyproxy, CONNECT to any port)
#   AICARPOOL_TEST_SOCKS5_PROXY    socks5://USER:PASS@127.0.0.1:PORT   (microsocks)
#   AICARPOOL_TEST_SMTP            127.0.0.1:PORT                (aiosmtpd SMTP sink)
#   AICARPOOL_TEST_SMTP_MAILDIR    the Maildir the sink delivers every message to
#
# Preferred ports (used when free, otherwise a free port is picked and kept for the next start):
# MARIADB_PORT 13306, TINYPROXY_PORT 18888, MICROSOCKS_PORT 11080, SMTP_PORT 12525.
# Default dir: $AICARPOOL_SERVICES_DIR, else build-test/services in the source tree.
# Running `start` twice reuses what is already running.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
SOURCE_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"

usage() {
    echo "usage: $0 start|stop|env [dir]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
CMD="$1"
DIR="${2:-${AICARPOOL_SERVICES_DIR:-$SOURCE_DIR/build-test/services}}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
PORTS="$DIR/ports.env"
ENV_FILE="$DIR/services.env"
SOCKS_USER=aicarpool
SOCKS_PASS=aicarpool-socks

say() { echo "services: $*" >&2; }

# System python: the SMTP sink comes from Debian's python3-aiosmtpd.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    "$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_for NAME PREFERRED PIDFILE: the port kept in ports.env while its server runs, else the
# preferred port when nothing listens on it, else any free port.
port_for() {
    local name="$1" preferred="$2" pidfile="$3" kept=""
    if [ -f "$PORTS" ]; then
        kept="$(sed -n "s/^$name=//p" "$PORTS" | tail -n 1)"
    fi
    if [ -n "$kept" ] && alive "$pidfile"; then
        echo "$kept"
    elif ! listening "$preferred"; then
        echo "$preferred"
    else
        free_port
    fi
}

keep_port() {
    local name="$1" port="$2"
    touch "$PORTS"
    sed -i "/^$name=/d" "$PORTS"
    echo "$name=$port" >>"$PORTS"
}

wait_listening() {
    local name="$1" port="$2" pidfile="$3" log="$4" i=0
    until listening "$port"; do
        i=$((i + 1))
        if [ $i -gt 150 ] || ! alive "$pidfile"; then
            say "$name did not start on port $port; its log:"
            cat "$log" >&2 2>/dev/null || true
            exit 1
        fi
        sleep 0.1
    done
}

start_mariadb() {
    local port url
    port="$(port_for MARIADB_PORT "${MARIADB_PORT:-13306}" "$DIR/mariadb/mysqld.pid")"
    keep_port MARIADB_PORT "$port"
    say "MariaDB on 127.0.0.1:$port (data in $DIR/mariadb)"
    url="$(MARIADB_PORT="$port" "$SCRIPT_DIR/mariadb.sh" start "$DIR/mariadb" | tail -n 1)"
    case "$url" in
    mysql://*) ;;
    *)
        say "mariadb.sh printed no URL"
        exit 1
        ;;
    esac
    echo "export AICARPOOL_TEST_MYSQL_URL='$url'"
}

start_tinyproxy() {
    local pidfile="$DIR/tinyproxy/tinyproxy.pid" port
    mkdir -p "$DIR/tinyproxy"
    port="$(port_for TINYPROXY_PORT "${TINYPROXY_PORT:-18888}" "$pidfile")"
    keep_port TINYPROXY_PORT "$port"
    if ! alive "$pidfile"; then
        say "tinyproxy on 127.0.0.1:$port"
        # No ConnectPort line: CONNECT is allowed to every port (the tests' upstreams use
        # random ones). No User line: it keeps the current user.
        cat >"$DIR/tinyproxy/tinyproxy.conf" <<CONF
Port $port
Listen 127.0.0.1
Timeout 600
MaxClients 1000
Allow 127.0.0.1
PidFile "$pidfile"
LogFile "$DIR/tinyproxy/tinyproxy.log"
LogLevel Notice
DisableViaHeader Yes
CONF
        rm -f "$pidfile"
        tinyproxy -c "$DIR/tinyproxy/tinyproxy.conf" </dev/null >>"$DIR/tinyproxy/stdout.log" 2>&1
        local i=0
        until [ -s "$pidfile" ]; do
            i=$((i + 1))
            if [ $i -gt 100 ]; then
                say "tinyproxy wrote no pid file"
                cat "$DIR/tinyproxy/tinyproxy.log" "$DIR/tinyproxy/stdout.log" >&2 || true
                exit 1
            fi
            sleep 0.1
        done
    else
        say "tinyproxy already running on 127.0.0.1:$port"
    fi
    wait_listening tinyproxy "$port" "$pidfile" "$DIR/tinyproxy/tinyproxy.log"
    echo "export AICARPOOL_TEST_HTTP_PROXY='http://127.0.0.1:$port'"
}

# start_background NAME PIDFILE LOG COMMAND...: a foreground server run in the background.
start_background() {
    local name="$1" pidfile="$2" log="$3"
    shift 3
    nohup setsid "$@" </dev/null >>"$log" 2>&1 &
    echo $! >"$pidfile"
}

start_microsocks() {
    local pidfile="$DIR/microsocks/microsocks.pid" port
    mkdir -p "$DIR/microsocks"
    port="$(port_for MICROSOCKS_PORT "${MICROSOCKS_PORT:-11080}" "$pidfile")"
    keep_port MICROSOCKS_PORT "$port"
    if ! alive "$pidfile"; then
        say "microsocks on 127.0.0.1:$port"
        start_background microsocks "$pidfile" "$DIR/microsocks/microsocks.log" \
            microsocks -i 127.0.0.1 -p "$port" -u "$SOCKS_USER" -P "$SOCKS_PASS"
    else
        say "microsocks already running on 127.0.0.1:$port"
    fi
    wait_listening microsocks "$port" "$pidfile" "$DIR/microsocks/microsocks.log"
    echo "export AICARPOOL_TEST_SOCKS5_PROXY='socks5://$SOCKS_USER:$SOCKS_PASS@127.0.0.1:$port'"
}

start_smtp() {
    local pidfile="$DIR/smtp/smtp.pid" port
    mkdir -p "$DIR/smtp/maildir/tmp" "$DIR/smtp/maildir/new" "$DIR/smtp/maildir/cur"
    port="$(port_for SMTP_PORT "${SMTP_PORT:-12525}" "$pidfile")"
    keep_port SMTP_PORT "$port"
    if ! alive "$pidfile"; then
        say "SMTP sink on 127.0.0.1:$port (Maildir $DIR/smtp/maildir)"
        start_background smtp "$pidfile" "$DIR/smtp/smtp.log" \
            "$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$port" \
            -c aiosmtpd.handlers.Mailbox "$DIR/smtp/maildir"
    else
        say "SMTP sink already running on 127.0.0.1:$port"
    fi
    wait_listening "SMTP sink" "$port" "$pidfile" "$DIR/smtp/smtp.log"
    echo "export AICARPOOL_TEST_SMTP='127.0.0.1:$port'"
    echo "export AICARPOOL_TEST_SMTP_MAILDIR='$DIR/smtp/maildir'"
}

stop_pidfile() {
    local name="$1" pidfile="$2" i=0 pid
    if alive "$pidfile"; then
        pid="$(cat "$pidfile")"
        say "stopping $name (pid $pid)"
        kill "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do
            i=$((i + 1))
            if [ $i -gt 50 ]; then
                kill -9 "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.1
        done
    fi
    rm -f "$pidfile"
}

case "$CMD" in
start)
    {
        start_mariadb
        start_tinyproxy
        start_microsocks
        start_smtp
    } >"$ENV_FILE.new"
    mv "$ENV_FILE.new" "$ENV_FILE"
    cat "$ENV_FILE"
    ;;
stop)
    stop_pidfile "SMTP sink" "$DIR/smtp/smtp.pid"
    stop_pidfile microsocks "$DIR/microsocks/microsocks.pid"
    stop_pidfile tinyproxy "$DIR/tinyproxy/tinyproxy.pid"
    if [ -f "$DIR/mariadb/mysqld.pid" ]; then
        say "stopping MariaDB"
        MARIADB_PORT="$(sed -n 's/^MARIADB_PORT=//p' "$PORTS" 2>/dev/null | tail -n 1)" \
            "$SCRIPT_DIR/mariadb.sh" stop "$DIR/mariadb" >/dev/null
    fi
    rm -f "$ENV_FILE"
    ;;
env)
    [ -f "$ENV_FILE" ] || {
        say "not started (no $ENV_FILE)"
        exit 1
    }
    cat "$ENV_FILE"
    ;;
*) usage ;;
esac
