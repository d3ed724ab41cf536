// SPDX-License-Identifier: GPL-3.0-or-later
// Starts the mock upstream and a fresh aicarpoold, logs in as the administrator, adds upstream
// accounts pointing at the mock and creates a personal key.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export function buildDir() {
  const dir = process.env.AICARPOOL_BUILD_DIR;
  if (!dir) throw new Error('AICARPOOL_BUILD_DIR is not set (the build directory)');
  return dir;
}

export function binary(name) {
  const rel = name === 'aicarpoold' ? 'daemon/aicarpoold' : `tests/mock/${name}`;
  const p = path.join(buildDir(), rel);
  if (!fs.existsSync(p)) throw new Error(`${name} is not built: ${p} does not exist`);
  return p;
}

export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

export async function startMock(args = []) {
  const child = spawn(binary('aicarpool-mock-upstream'), ['--listen', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${out}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^listening on (\S+)/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
  });
  child.stdout.resume();
  return {
    url,
    child,
    async requests() {
      return (await fetch(`${url}/__mock/requests`)).json();
    },
    async clearRequests() {
      await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
    },
    async stats() {
      return (await fetch(`${url}/__mock/stats`)).json();
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}

// With `tls` ({ certFile, keyFile }) the daemon speaks HTTPS and `url` is https://; this process
// must trust the certificate's CA (NODE_EXTRA_CA_CERTS, read when node starts).
export async function startDaemon({ extraArgs = [], env = {}, tls = null } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aicarpool-e2e-'));
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  const port = await freePort();
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const tlsEnv = tls ? { AICARPOOL_TLS_CERT_FILE: tls.certFile, AICARPOOL_TLS_KEY_FILE: tls.keyFile } : {};
  const admin = { email: 'admin@test.local', password: `E2e-${process.pid}-${Date.now()}-pw` };
  const logPath = path.join(root, 'daemon.log');
  const log = fs.openSync(logPath, 'a');
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('AICARPOOL_') || k === 'AICARPOOL_BUILD_DIR',
    ),
  );
  const child = spawn(
    binary('aicarpoold'),
    ['--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, ...extraArgs],
    {
      stdio: ['ignore', log, log],
      env: {
        ...cleanEnv,
        AICARPOOL_ADMIN_EMAIL: admin.email,
        AICARPOOL_ADMIN_PASSWORD: admin.password,
        ...tlsEnv,
        ...env,
      },
    },
  );
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const readLog = () => fs.readFileSync(logPath, 'utf8');
  const deadline = Date.now() + 20000;
  for (;;) {
    if (exited) throw new Error(`aicarpoold exited (${JSON.stringify(exited)}):\n${readLog()}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`aicarpoold not healthy after 20 s:\n${readLog()}`);
    }
    await sleep(100);
  }
  return {
    url,
    dataDir,
    admin,
    child,
    readLog,
    exitStatus: () => exited,
    async stop() {
      if (exited) {
        console.log(`aicarpoold had already exited (${JSON.stringify(exited)}); log:\n${readLog().slice(-3000)}`);
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await once(child, 'exit').catch(() => {});
      clearTimeout(timer);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

// A small JSON client for the admin API.
export function adminClient(baseUrl) {
  let token = null;
  async function call(method, p, body) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const r = await fetch(baseUrl + p, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (r.status >= 400) {
      throw new Error(`${method} ${p} -> ${r.status}: ${text.slice(0, 500)}`);
    }
    return json;
  }
  return {
    async login(email, password) {
      const res = await call('POST', '/api/auth/login', { email, password });
      token = res.token;
      return res;
    },
    get: (p) => call('GET', p),
    post: (p, body) => call('POST', p, body),
    put: (p, body) => call('PUT', p, body),
    del: (p) => call('DELETE', p),
  };
}

// Starts the mock and a fresh daemon, adds the accounts `makeAccounts(mockUrl)` returns (bodies
// for POST /api/accounts) and creates one personal key. `accounts` maps each account's name to
// the daemon's answer. `daemonOptions` go to startDaemon(). Call teardown() in after().
export async function setupWith(makeAccounts, daemonOptions = {}) {
  const mock = await startMock();
  let daemon;
  try {
    daemon = await startDaemon(daemonOptions);
  } catch (e) {
    mock.stop();
    throw e;
  }
  const admin = adminClient(daemon.url);
  const accounts = {};
  let personal;
  try {
    await admin.login(daemon.admin.email, daemon.admin.password);
    for (const body of makeAccounts(mock.url)) accounts[body.name] = await admin.post('/api/accounts', body);
    personal = await admin.post('/api/keys', { name: 'e2e' });
    if (!personal?.key?.startsWith('cp-')) throw new Error(`unexpected key answer: ${JSON.stringify(personal)}`);
  } catch (e) {
    await daemon.stop();
    mock.stop();
    throw e;
  }

  // Polls /api/usage until `predicate` matches `count` rows (the ledger is written in batches).
  async function usageRows(predicate, { count = 1, timeoutMs = 15000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let rows = [];
    for (;;) {
      const res = await admin.get(`/api/usage?keyId=${encodeURIComponent(personal.id)}&pageSize=500`);
      rows = (res.items || []).filter(predicate);
      if (rows.length >= count || Date.now() > deadline) return rows;
      await sleep(200);
    }
  }

  return {
    mock,
    daemon,
    admin,
    accounts,
    key: personal.key,
    keyId: personal.id,
    usageRows,
    // Ends an account's cooldown (after a test that made it fail on purpose).
    clearCooldown: (accountId) => admin.del(`/api/accounts/${accountId}/cooldown`),
    async teardown() {
      await daemon.stop();
      mock.stop();
    },
  };
}

// Everything the e2e tests need: an Anthropic account serving every model and an OpenAI account
// for gpt-4o-mini and gpt-4o. Call teardown() in after().
export async function setup() {
  const env = await setupWith((mockUrl) => [
    {
      name: 'mock-anthropic',
      provider: 'anthropic',
      baseUrl: mockUrl,
      apiKey: 'sk-ant-upstream-secret',
    },
    {
      name: 'mock-openai',
      provider: 'openai',
      baseUrl: `${mockUrl}/v1`,
      apiKey: 'sk-openai-upstream-secret',
      models: ['gpt-4o-mini', 'gpt-4o'],
    },
  ]);
  return {
    ...env,
    anthropicAccount: env.accounts['mock-anthropic'],
    openaiAccount: env.accounts['mock-openai'],
  };
}

// Words as the mock counts them (tokens = whitespace-separated words).
export function words(text) {
  return text.split(/\s+/).filter(Boolean).length;
}
