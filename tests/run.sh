#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The test command: installs what is missing, builds, starts the servers the tests need, runs
# the whole suite with ctest and exits with ctest's status.
#
#   sudo tests/run.sh [extra ctest arguments...]
#
# Environment:
#   AICARPOOL_TEST_BUILD_DIR   build directory (default: build-test in the source tree)
#   AICARPOOL_TEST_BUILD_TYPE  CMAKE_BUILD_TYPE (default: RelWithDebInfo)
#   AICARPOOL_TEST_CMAKE_ARGS  extra arguments for the CMake configure step
#   AICARPOOL_TEST_JOBS        parallel build and test jobs (default: 2)
#   AICARPOOL_SKIP_DEPS=1      do not run installer/install-deps.sh
#
# Safe to run again: packages are installed only when missing, the build is incremental and the
# servers (MariaDB, tinyproxy, microsocks, SMTP sink) are private to the build directory and
# stopped on exit.
set -euo pipefail

SOURCE_DIR="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${AICARPOOL_TEST_BUILD_DIR:-$SOURCE_DIR/build-test}"
BUILD_TYPE="${AICARPOOL_TEST_BUILD_TYPE:-RelWithDebInfo}"
JOBS="${AICARPOOL_TEST_JOBS:-2}"
SERVICES_DIR="$BUILD_DIR/services"

step() { echo "==> $*"; }

# npm and the keyring want a home directory, even in a bare CI environment.
if [ -z "${HOME:-}" ]; then
    HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"
    export HOME="${HOME:-/root}"
fi

if [ "${AICARPOOL_SKIP_DEPS:-0}" != 1 ]; then
    step "dependencies (installer/install-deps.sh test)"
    "$SOURCE_DIR/installer/install-deps.sh" test
fi

step "tools"
for tool in cmake ninja g++ ccache qmake6 mariadbd node npm; do
    if command -v "$tool" >/dev/null 2>&1; then
        case "$tool" in
        qmake6) echo "    qmake6: Qt $(qmake6 -query QT_VERSION)" ;;
        *) echo "    $tool: $("$tool" --version 2>&1 | head -n 1)" ;;
        esac
    fi
done

step "configure $BUILD_DIR ($BUILD_TYPE, warnings as errors)"
# shellcheck disable=SC2086
cmake -S "$SOURCE_DIR" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DAICARPOOL_WERROR=ON ${AICARPOOL_TEST_CMAKE_ARGS:-}

step "build (-j$JOBS)"
cmake --build "$BUILD_DIR" -j"$JOBS"

E2E_DIR="$SOURCE_DIR/tests/e2e"
if [ -f "$E2E_DIR/package.json" ]; then
    # npm ci starts from scratch every time; skip it when node_modules already matches the lock.
    stamp="$E2E_DIR/node_modules/.package-lock.json"
    if [ -f "$E2E_DIR/package-lock.json" ]; then
        if [ -f "$stamp" ] && [ "$stamp" -nt "$E2E_DIR/package-lock.json" ] &&
            [ "$stamp" -nt "$E2E_DIR/package.json" ]; then
            step "npm packages in tests/e2e are up to date"
        else
            step "npm ci (tests/e2e)"
            (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
        fi
    else
        step "npm install (tests/e2e)"
        (cd "$E2E_DIR" && npm install --no-audit --no-fund)
    fi
fi

# Quietly, so that ctest's summary stays the last lines of the output.
stop_services() {
    "$SOURCE_DIR/tests/support/services.sh" stop "$SERVICES_DIR" >"$BUILD_DIR/services-stop.log" 2>&1 ||
        echo "tests/run.sh: stopping the test services failed, see $BUILD_DIR/services-stop.log" >&2
}
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "starting test services in $SERVICES_DIR"
services_env="$("$SOURCE_DIR/tests/support/services.sh" start "$SERVICES_DIR")"
eval "$services_env"
echo "$services_env" | sed -e 's/^export /    /' -e 's#//\([^:/@]*\):[^@]*@#//\1:***@#'

# Every service is running now: a test that finds one missing or broken fails instead of skipping
# (TestEnv::servicesRequired()).
export AICARPOOL_TEST_SERVICES=1

step "ctest (-j$JOBS) in a D-Bus session with an unlocked keyring"
junit="$BUILD_DIR/ctest-junit.xml"
rm -f "$junit"
set +e
dbus-run-session -- "$SOURCE_DIR/tests/support/keyring.sh" \
    ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j"$JOBS" \
    --output-junit "$junit" --test-output-size-passed 4194304 --test-output-size-failed 4194304 "$@"
status=$?
set -e

# A skip passes in ctest, so list them and fail on any not in tests/expected-skips.txt.
step "skipped tests"
if [ ! -f "$junit" ]; then
    echo "tests/run.sh: ctest wrote no $junit; cannot check for skipped tests" >&2
    exit 1
fi
skipped="$({
    grep -o 'SKIP   : [^ ]*' "$junit" | sed 's/^SKIP   : //' || true
    grep -o '<testcase name="[^"]*"[^>]*status="\(skipped\|disabled\|notrun\)"' "$junit" |
        sed 's/^<testcase name="\([^"]*\)".*/\1 (ctest)/' || true
} | sort -u)"
expected="$(grep -v '^\s*\(#\|$\)' "$SOURCE_DIR/tests/expected-skips.txt" | sort -u)"
unexpected="$(comm -23 <(printf '%s\n' "$skipped" | sed '/^$/d') <(printf '%s\n' "$expected"))"
if [ -z "$skipped" ]; then
    echo "    none"
else
    printf '%s\n' "$skipped" | sed 's/^/    /'
fi
if [ -n "$unexpected" ]; then
    echo "tests/run.sh: unexpected skips (fix the test or its service, or list them with a reason" \
        "in tests/expected-skips.txt):" >&2
    printf '%s\n' "$unexpected" | sed 's/^/    /' >&2
    [ "$status" -ne 0 ] || status=1
fi
exit $status
