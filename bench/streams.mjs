// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming load generator: opens N streaming /v1/messages calls with at most C in flight and
// measures, per stream, the time to the first body byte and to the end of the stream.
// Usage: node streams.mjs --url http://127.0.0.1:PORT --key KEY --n 1000 --concurrency 1000
//                         [--text "prompt mock:delay=1000"] [--rss-pid PID]
// Prints one JSON object.
import http from 'node:http';
import fs from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const url = new URL('/v1/messages', args.url);
const n = Number(args.n ?? 100);
const concurrency = Number(args.concurrency ?? n);
const text = args.text ?? 'stream please';
const body = JSON.stringify({
  model: 'claude-sonnet-4-20250514',
  max_tokens: 256,
  stream: true,
  messages: [{ role: 'user', content: text }],
});
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: concurrency });

function readRss(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

function one() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let ttfb = null;
    let bytes = 0;
    let tail = '';
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-api-key': args.key ?? 'bench',
          'anthropic-version': '2023-06-01',
        },
      },
      (res) => {
        res.on('data', (d) => {
          if (ttfb === null) ttfb = performance.now() - t0;
          bytes += d.length;
          tail = (tail + d.toString()).slice(-200);
        });
        res.on('end', () =>
          resolve({
            ok: res.statusCode === 200 && tail.includes('message_stop'),
            status: res.statusCode,
            ttfb,
            total: performance.now() - t0,
            bytes,
          }),
        );
        res.on('error', () => resolve({ ok: false, status: res.statusCode, ttfb, total: performance.now() - t0 }));
      },
    );
    req.on('error', (e) => resolve({ ok: false, status: 0, error: e.code, ttfb, total: performance.now() - t0 }));
    req.setTimeout(60000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const results = [];
let next = 0;
let peakRss = null;
const sampler = args['rss-pid']
  ? setInterval(() => {
      const r = readRss(args['rss-pid']);
      if (r && (!peakRss || r.rssKb > peakRss.rssKb)) peakRss = r;
    }, 50)
  : null;
const started = performance.now();
async function worker() {
  while (next < n) {
    next += 1;
    results.push(await one());
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
const wall = performance.now() - started;
if (sampler) clearInterval(sampler);
const finalRss = args['rss-pid'] ? readRss(args['rss-pid']) : null;

const ok = results.filter((r) => r.ok);
const ttfb = ok.map((r) => r.ttfb).sort((a, b) => a - b);
const total = ok.map((r) => r.total).sort((a, b) => a - b);
const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
const statuses = {};
for (const r of results) statuses[r.error ?? r.status] = (statuses[r.error ?? r.status] ?? 0) + 1;
console.log(
  JSON.stringify({
    n,
    concurrency,
    ok: ok.length,
    statuses,
    wallMs: round(wall),
    ttfbMs: { min: round(ttfb[0] ?? null), p50: round(pct(ttfb, 50)), p99: round(pct(ttfb, 99)), max: round(ttfb.at(-1) ?? null) },
    totalMs: { min: round(total[0] ?? null), p50: round(pct(total, 50)), p99: round(pct(total, 99)), max: round(total.at(-1) ?? null) },
    rssPeakSampledKb: peakRss?.rssKb ?? null,
    vmHwmKb: finalRss?.hwmKb ?? null,
  }),
);
agent.destroy();
