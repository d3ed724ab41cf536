#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A private MariaDB server for the test suite.
#
#   tests/support/mariadb.sh start <dir>   start (idempotent) and print the URL
#   tests/support/mariadb.sh stop <dir>    shut it down
#   tests/support/mariadb.sh url <dir>     print the URL
#
# The server keeps its data, socket, pid file and log in <dir> and listens on 127.0.0.1 at
# $MARIADB_PORT (default 13306). It has a database `aicarpool_test` and a user
# aicarpool/aicarpool with all privileges on `aicarpool_test%`.* (tests create and drop their own
# databases with that prefix).
set -eu

PORT="${MARIADB_PORT:-13306}"
USER_NAME=aicarpool
USER_PASS=aicarpool
DB_NAME=aicarpool_test

usage() {
    echo "usage: $0 start|stop|url <dir>" >&2
    exit 2
}

[ $# -eq 2 ] || usage
CMD="$1"
DIR="$2"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
SOCK="$DIR/mysqld.sock"
PIDFILE="$DIR/mysqld.pid"
LOG="$DIR/mysqld.log"

find_server() {
    for c in mariadbd mysqld /usr/sbin/mariadbd /usr/sbin/mysqld; do
        if command -v "$c" >/dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
    echo "mariadb.sh: no mariadbd/mysqld found (install mariadb-server)" >&2
    exit 1
}

client() {
    if command -v mariadb >/dev/null 2>&1; then
        mariadb --no-defaults "$@"
    else
        mysql --no-defaults "$@"
    fi
}

url() {
    echo "mysql://$USER_NAME:$USER_PASS@127.0.0.1:$PORT/$DB_NAME"
}

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {
    client --protocol=socket --socket="$SOCK" -uroot -e "SELECT 1" >/dev/null 2>&1
}

start() {
    if ! running; then
        if [ ! -d "$DIR/data/mysql" ]; then
            rm -rf "$DIR/data"
            mariadb-install-db --no-defaults --user=root --auth-root-authentication-method=normal \
                --datadir="$DIR/data" --skip-test-db --skip-name-resolve >"$DIR/install.log" 2>&1 || {
                echo "mariadb.sh: mariadb-install-db failed, see $DIR/install.log" >&2
                exit 1
            }
        fi
        SERVER="$(find_server)"
        "$SERVER" --no-defaults --user=root --datadir="$DIR/data" --socket="$SOCK" \
            --pid-file="$PIDFILE" --port="$PORT" --skip-networking=0 --bind-address=127.0.0.1 \
            --log-error="$LOG" --innodb-buffer-pool-size=64M --innodb-log-file-size=48M \
            --innodb-flush-log-at-trx-commit=2 --skip-name-resolve \
            --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
            --max-connections=500 >/dev/null 2>&1 &
    fi
    i=0
    until answers; do
        i=$((i + 1))
        if [ $i -gt 300 ]; then
            echo "mariadb.sh: server did not answer within 30 s, see $LOG" >&2
            exit 1
        fi
        sleep 0.1
    done
    client --protocol=socket --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$USER_PASS';
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$USER_PASS';
GRANT ALL PRIVILEGES ON \`${DB_NAME}%\`.* TO '$USER_NAME'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB_NAME}%\`.* TO '$USER_NAME'@'localhost';
FLUSH PRIVILEGES;
SQL
    url
}

stop() {
    if running; then
        pid="$(cat "$PIDFILE")"
        client --protocol=socket --socket="$SOCK" -uroot -e "SHUTDOWN" >/dev/null 2>&1 ||
            kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null; do
            i=$((i + 1))
            if [ $i -gt 300 ]; then
                kill -9 "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.1
        done
    fi
    rm -f "$PIDFILE"
}

case "$CMD" in
start) start ;;
stop) stop ;;
url) url ;;
*) usage ;;
esac
