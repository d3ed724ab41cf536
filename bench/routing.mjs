// SPDX-License-Identifier: GPL-3.0-or-later
// Routing benchmark helper for bench/run.sh (through bench/routing.sh). Subcommands:
//
//   setup    --daemon URL --mock URL --out FILE
//            Creates, through the admin API, the failover pair (two Anthropic accounts on the
//            mock, priority 10 and 50, one `priority` pool, two keys bound to it), a one-account
//            pool around the existing "bench-mock" account, and 20 Anthropic accounts on the
//            mock (varied priority and weight) with one pool per strategy and a key bound to each.
//            Writes ids and keys to FILE (kept in the bench's private temp directory).
//   failover --daemon URL --mock URL --setup FILE --n N
//            N rounds, sequential, one connection each way: clear the primary's cooldown
//            (untimed), time one normal request, arm the mock with one 429 (untimed), time one
//            request that the primary refuses with 429 and the secondary serves. The same pairs
//            are also timed directly against the mock (N/2 rounds) for reference. Then checks the
//            ledger: normal requests served by the primary in one attempt, failed-over ones by
//            the secondary in two.
//   spread   --daemon URL --setup FILE --strategy S --from EPOCH_MS
//            How the strategy's key spread its requests since FROM over the 20 accounts (from the
//            ledger, GET /api/usage/summary?groupBy=account&keyId=...).
//
// The admin token comes from the environment (BENCH_ADMIN_TOKEN), never from the command line.
// Every subcommand prints one JSON object.
import http from 'node:http';
import fs from 'node:fs';

const [command, ...rest] = process.argv.slice(2);
const args = Object.fromEntries(
  rest.reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const token = process.env.BENCH_ADMIN_TOKEN ?? '';
const STRATEGIES = ['priority', 'weighted', 'round_robin', 'least_busy', 'lowest_latency', 'lowest_cost'];
const POOL_SIZE = 20;

function request(agent, base, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      new URL(path, base),
      {
        method,
        agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const adminAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
async function admin(method, path, body) {
  const res = await request(adminAgent, args.daemon, method, path, {
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  return res.text ? JSON.parse(res.text) : null;
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
const round = (v, d = 3) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: round(pct(s, 50)), p90: round(pct(s, 90)), p99: round(pct(s, 99)), mean: round(mean), max: round(s.at(-1) ?? null) };
}

async function setup() {
  const account = (name, priority, weight) =>
    admin('POST', '/api/accounts', {
      name,
      provider: 'anthropic',
      baseUrl: args.mock,
      apiKey: `sk-bench-${name}`,
      priority,
      weight,
    });
  const pool = (name, strategy, accountIds) => admin('POST', '/api/pools', { name, strategy, accountIds });
  const key = async (name, poolId) => {
    const k = await admin('POST', '/api/keys', { name, poolId });
    return { id: k.id, key: k.key };
  };

  const primary = await account('bench-fo-primary', 10, 1);
  const secondary = await account('bench-fo-secondary', 50, 1);
  const foPool = await pool('bench-failover', 'priority', [primary.id, secondary.id]);
  const failover = {
    primaryId: primary.id,
    secondaryId: secondary.id,
    normal: await key('bench-fo-normal', foPool.id),
    failover: await key('bench-fo-failover', foPool.id),
  };

  const existing = (await admin('GET', '/api/accounts')).items.find((a) => a.name === 'bench-mock');
  const singlePool = await pool('bench-single', 'priority', [existing.id]);
  const single = await key('bench-single', singlePool.id);

  // Priorities 10..50 in five tiers of four, weights 1/2/5/10 (sum 90) spread over the tiers.
  const weights = [1, 2, 5, 10];
  const accounts = [];
  for (let i = 0; i < POOL_SIZE; i += 1) {
    const priority = 10 * (1 + (i % 5));
    const weight = weights[Math.floor(i / 5) % weights.length];
    const a = await account(`bench-rt-${String(i + 1).padStart(2, '0')}`, priority, weight);
    accounts.push({ id: a.id, priority: a.priority, weight: a.weight });
  }
  const strategies = {};
  for (const strategy of STRATEGIES) {
    const p = await pool(`bench-${strategy}`, strategy, accounts.map((a) => a.id));
    strategies[strategy] = { poolId: p.id, strategy: p.strategy, ...(await key(`bench-${strategy}`, p.id)) };
  }
  fs.writeFileSync(args.out, JSON.stringify({ failover, single, accounts, strategies }), { mode: 0o600 });
  return { ok: true, accounts: accounts.length + 2, pools: STRATEGIES.length + 2 };
}

async function ledgerRows(keyId) {
  const rows = [];
  for (let page = 1; ; page += 1) {
    const r = await admin('GET', `/api/usage?keyId=${keyId}&pageSize=1000&page=${page}`);
    rows.push(...r.items);
    if (r.items.length === 0 || rows.length >= r.total) return rows;
  }
}

async function failover() {
  const cfg = JSON.parse(fs.readFileSync(args.setup, 'utf8')).failover;
  const n = Number(args.n ?? 2000);
  const warmup = Math.min(100, Math.floor(n / 10));
  const relayAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const mockAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const mockArmAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let seq = 0;
  const message = (key, agent, base) => {
    seq += 1;
    // A new first user message each time: a new conversation, so no sticky binding from an
    // earlier round decides the account.
    return request(agent, base, 'POST', '/v1/messages', {
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: {
        model: 'claude-sonnet-4-20250514',
        max_tokens: 64,
        messages: [{ role: 'user', content: `failover benchmark ${seq}` }],
      },
    });
  };
  const arm = async () => {
    const r = await request(mockArmAgent, args.mock, 'POST', '/__mock/fail-next', { body: { count: 1, status: 429 } });
    if (r.status !== 200) throw new Error(`fail-next answered HTTP ${r.status}`);
  };
  const timed = async (fn) => {
    const t0 = performance.now();
    const r = await fn();
    return { ms: performance.now() - t0, status: r.status };
  };

  // Through the daemon.
  const normal = [];
  const failed = [];
  const statuses = { normal: {}, failover: {} };
  for (let i = 0; i < n + warmup; i += 1) {
    await admin('DELETE', `/api/accounts/${cfg.primaryId}/cooldown`);
    const a = await timed(() => message(cfg.normal.key, relayAgent, args.daemon));
    await arm();
    const b = await timed(() => message(cfg.failover.key, relayAgent, args.daemon));
    if (i < warmup) continue;
    statuses.normal[a.status] = (statuses.normal[a.status] ?? 0) + 1;
    statuses.failover[b.status] = (statuses.failover[b.status] ?? 0) + 1;
    if (a.status === 200) normal.push(a.ms);
    if (b.status === 200) failed.push(b.ms);
  }
  await admin('DELETE', `/api/accounts/${cfg.primaryId}/cooldown`);

  // The same against the mock directly: what one extra upstream round trip with a 429 costs.
  const direct = { normal: [], limited: [] };
  for (let i = 0; i < Math.floor(n / 2) + warmup; i += 1) {
    const a = await timed(() => message('sk-direct', mockAgent, args.mock));
    await arm();
    const b = await timed(() => message('sk-direct', mockAgent, args.mock));
    if (i < warmup) continue;
    if (a.status === 200) direct.normal.push(a.ms);
    if (b.status === 429) direct.limited.push(b.ms);
  }

  // Ledger check (the ledger is written in batches: wait until every row is there).
  const expected = n + warmup;
  let normalRows = [];
  let failoverRows = [];
  for (let tries = 0; tries < 50; tries += 1) {
    normalRows = await ledgerRows(cfg.normal.id);
    failoverRows = await ledgerRows(cfg.failover.id);
    if (normalRows.length >= expected && failoverRows.length >= expected) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const count = (rows, pred) => rows.filter(pred).length;
  const ledger = {
    normalRows: normalRows.length,
    normalOnPrimaryOneAttempt: count(normalRows, (r) => r.accountId === cfg.primaryId && r.attempts === 1 && r.status === 200),
    failoverRows: failoverRows.length,
    failoverOnSecondaryTwoAttempts: count(
      failoverRows,
      (r) => r.accountId === cfg.secondaryId && r.attempts === 2 && r.status === 200,
    ),
  };
  relayAgent.destroy();
  mockAgent.destroy();
  mockArmAgent.destroy();
  const ns = stats(normal);
  const fs_ = stats(failed);
  const dn = stats(direct.normal);
  const dl = stats(direct.limited);
  return {
    n,
    warmup,
    statuses,
    normalMs: ns,
    failoverMs: fs_,
    addedMs: { p50: round(fs_.p50 - ns.p50), p99: round(fs_.p99 - ns.p99), mean: round(fs_.mean - ns.mean) },
    directNormalMs: dn,
    direct429Ms: dl,
    ledger,
  };
}

async function spread() {
  const cfg = JSON.parse(fs.readFileSync(args.setup, 'utf8'));
  const s = cfg.strategies[args.strategy];
  const path = `/api/usage/summary?groupBy=account&keyId=${s.id}&from=${args.from}`;
  // Wait for the ledger to catch up: two equal totals 300 ms apart.
  let summary = await admin('GET', path);
  for (let tries = 0; tries < 30; tries += 1) {
    await new Promise((r) => setTimeout(r, 300));
    const again = await admin('GET', path);
    const same = again.totals.requests === summary.totals.requests;
    summary = again;
    if (same) break;
  }
  const byAccount = new Map(summary.items.map((it) => [Number(it.group), it.requests]));
  const total = cfg.accounts.reduce((sum, a) => sum + (byAccount.get(a.id) ?? 0), 0);
  const counts = cfg.accounts.map((a) => byAccount.get(a.id) ?? 0);
  const used = counts.filter((c) => c > 0).length;
  const shares = counts.map((c) => (total ? (100 * c) / total : 0));
  const weightSum = cfg.accounts.reduce((sum, a) => sum + a.weight, 0);
  // Weighted: observed share against weight / sum of weights, largest deviation in points.
  const weightDev = Math.max(...cfg.accounts.map((a, i) => Math.abs(shares[i] - (100 * a.weight) / weightSum)));
  const groupShares = (field) => {
    const sums = {};
    cfg.accounts.forEach((a, i) => {
      sums[a[field]] = (sums[a[field]] ?? 0) + counts[i];
    });
    return Object.fromEntries(Object.entries(sums).map(([k, c]) => [k, round(total ? (100 * c) / total : 0, 2)]));
  };
  const byWeight = groupShares('weight');
  const byPriority = groupShares('priority');
  const nonZero = counts.filter((c) => c > 0);
  // Failed rows are at the end of the run (wrk closes its connections with calls in flight):
  // name them from the newest rows.
  const errorKinds = {};
  if (summary.totals.errors > 0) {
    const recent = await admin('GET', `/api/usage?keyId=${s.id}&from=${args.from}&pageSize=1000`);
    for (const r of recent.items.filter((row) => row.status !== 200)) {
      const kind = `${r.status}${r.errorType ? ` ${r.errorType}` : ''}`;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
  }
  const text = (o) =>
    Object.entries(o)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  return {
    strategy: args.strategy,
    requests: total,
    errors: summary.totals.errors,
    accountsUsed: used,
    maxSharePct: round(Math.max(...shares), 2),
    minSharePct: round(Math.min(...shares), 2),
    maxMinRatio: nonZero.length ? round(Math.max(...nonZero) / Math.min(...nonZero), 2) : null,
    sharePctByWeight: text(byWeight),
    sharePctByPriority: text(byPriority),
    errorKinds: text(errorKinds) || 'none',
    maxDeviationFromWeightPct: round(weightDev, 2),
  };
}

const commands = { setup, failover, spread };
if (!commands[command]) {
  console.error(`usage: node routing.mjs ${Object.keys(commands).join('|')} --daemon URL ...`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await commands[command]()));
  adminAgent.destroy();
} catch (e) {
  console.error(`routing.mjs ${command}: ${e.message}`);
  process.exit(1);
}
