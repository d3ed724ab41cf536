#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages aicarpool needs, and only those that are missing.
#
#   installer/install-deps.sh runtime   libraries the daemon needs to run (+ curl, jq)
#   installer/install-deps.sh build     compiler, CMake, Qt 6 development packages (daemon + console)
#   installer/install-deps.sh test      build + the real services the test suite starts
#
# Several sets may be given at once (`install-deps.sh build runtime`). Safe to run again: when
# everything is installed it changes nothing and does not touch the network. Must run as root.
set -eu

log() { echo "install-deps: $*"; }

if [ $# -eq 0 ]; then
    echo "usage: $0 runtime|build|test [...]" >&2
    exit 2
fi

RUNTIME_PKGS="libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-mysql
    libcurl4 libssl3 libtcmalloc-minimal4 ca-certificates curl jq"
BUILD_PKGS="build-essential cmake ninja-build ccache pkg-config qt6-base-dev qt6-httpserver-dev
    qt6-websockets-dev qt6-charts-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-mysql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev libqt6opengl6-dev libssl-dev libcurl4-openssl-dev libsqlite3-dev
    libgoogle-perftools-dev zlib1g-dev librsvg2-bin
    clang-format"
TEST_PKGS="mariadb-server tinyproxy microsocks python3-aiosmtpd gnome-keyring dbus dbus-x11
    libsecret-1-0 libsecret-tools wrk nginx-light valgrind curl jq fonts-dejavu-core
    fonts-wqy-microhei clang libclang-rt-14-dev"

WANTED=""
for set in "$@"; do
    case "$set" in
    runtime) WANTED="$WANTED $RUNTIME_PKGS" ;;
    build) WANTED="$WANTED $BUILD_PKGS" ;;
    test)
        WANTED="$WANTED $BUILD_PKGS $TEST_PKGS"
        # Node.js runs the end-to-end tests with the official SDKs; keep an existing install.
        if ! command -v node >/dev/null 2>&1; then
            WANTED="$WANTED nodejs"
        fi
        if ! command -v npm >/dev/null 2>&1; then
            WANTED="$WANTED npm"
        fi
        ;;
    *)
        echo "install-deps: unknown set '$set' (expected runtime, build or test)" >&2
        exit 2
        ;;
    esac
done

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

MISSING=""
for pkg in $WANTED; do
    case " $MISSING " in *" $pkg "*) continue ;; esac
    if ! installed "$pkg"; then
        MISSING="$MISSING $pkg"
    fi
done

if [ -z "$MISSING" ]; then
    log "all packages for '$*' are already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages:$MISSING" >&2
    echo "install-deps: run as root (sudo $0 $*) to install them" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Services must not start (or fail to start) inside apt: the project starts its own instances.
POLICY=/usr/sbin/policy-rc.d
POLICY_ADDED=""
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"
    chmod 755 "$POLICY"
    POLICY_ADDED=1
fi
cleanup() {
    if [ -n "$POLICY_ADDED" ]; then
        rm -f "$POLICY"
    fi
}
trap cleanup EXIT INT TERM

log "missing:$MISSING"
log "apt-get update"
apt-get update -q
log "apt-get install$MISSING"
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $MISSING
log "done"
