#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The cost of quotas and budgets on the relay's hot path, A/B in one run (bench/hotpath.sh):
# the same aicarpoold binary twice, "none" without rules and "governed" with 5 quotas and 3
# budgets that all apply to every call (key and user scopes, limits far above the load, so
# nothing is refused and leases are taken once).
#
#   bench/governance.sh [path/to/aicarpoold]   (default build-bench/daemon/aicarpoold)
#
# Environment as bench/hotpath.sh (HOTPATH_ROUNDS, HOTPATH_DURATION, HOTPATH_CONNECTIONS).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build-bench/daemon/aicarpoold}
[[ -x $BIN ]] || { echo "governance: no daemon at $BIN (bench/run.sh builds build-bench)" >&2; exit 2; }

SETUP=$(mktemp /tmp/aicarpool-governance-setup.XXXXXX)
trap 'rm -f "$SETUP"' EXIT
cat >"$SETUP" <<'SH'
#!/usr/bin/env bash
# Rules for the daemon named "governed" only: 5 quotas and 3 budgets on the bench key's scopes.
set -euo pipefail
[[ $1 == governed ]] || exit 0
sqlite3 "$2" <<SQL
.timeout 5000
CREATE TEMP TABLE s AS SELECT (SELECT MAX(id) FROM api_keys WHERE name = 'bench') AS k,
    (SELECT user_id FROM api_keys WHERE id = (SELECT MAX(id) FROM api_keys WHERE name = 'bench')) AS u,
    CAST(strftime('%s','now') AS INTEGER) * 1000 AS t;
INSERT INTO quotas (scope, scope_id, model, rpm, created_at_ms, updated_at_ms)
    SELECT 'key', k, '', 100000000, t, t FROM s;
INSERT INTO quotas (scope, scope_id, model, tpm, concurrency, created_at_ms, updated_at_ms)
    SELECT 'user', u, '', 100000000000, 1000000, t, t FROM s;
INSERT INTO quotas (scope, scope_id, model, daily_tokens, created_at_ms, updated_at_ms)
    SELECT 'user', u, '', 1000000000000000, t, t FROM s;
INSERT INTO quotas (scope, scope_id, model, monthly_cost_micros, created_at_ms, updated_at_ms)
    SELECT 'key', k, 'claude*', 1000000000000000, t, t FROM s;
INSERT INTO quotas (scope, scope_id, model, daily_cost_micros, monthly_tokens, created_at_ms,
                    updated_at_ms)
    SELECT 'user', u, '', 1000000000000000, 1000000000000000, t, t FROM s;
INSERT INTO budgets (name, scope, scope_id, period, amount_micros, hard, created_at_ms,
                     updated_at_ms)
    SELECT 'month', 'user', u, 'month', 1000000000000000, 1, t, t FROM s;
INSERT INTO budgets (name, scope, scope_id, period, amount_micros, hard, created_at_ms,
                     updated_at_ms)
    SELECT 'week', 'user', u, 'week', 1000000000000000, 0, t, t FROM s;
INSERT INTO budgets (name, scope, scope_id, period, amount_micros, hard, created_at_ms,
                     updated_at_ms)
    SELECT 'day', 'user', u, 'day', 1000000000000000, 1, t, t FROM s;
INSERT INTO settings (k, v) VALUES ('data_version', '1')
    ON CONFLICT(k) DO UPDATE SET v = CAST(v AS INTEGER) + 1;
SQL
echo "governance: 5 quotas and 3 budgets written for $1" >&2
SH
chmod +x "$SETUP"

HOTPATH_SETUP="$SETUP" "$ROOT/bench/hotpath.sh" none="$BIN" governed="$BIN"
