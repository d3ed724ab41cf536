// SPDX-License-Identifier: GPL-3.0-or-later
// The official Anthropic and OpenAI SDKs against aicarpoold over HTTPS, trusting a throwaway test
// CA through NODE_EXTRA_CA_CERTS. Node reads that variable only when it starts, so this file
// first makes the CA and the server certificate (openssl command line) and runs itself again in
// a child node with the variable set.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { setupWith, words } from './harness.mjs';

const self = fileURLToPath(import.meta.url);

function makeCertificates(dir) {
  const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=aicarpool e2e test CA');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' +
      'keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
    '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  fs.chmodSync(path.join(dir, 'server.key'), 0o600);
}

const tlsDir = process.env.AICARPOOL_E2E_TLS_DIR;
if (!tlsDir) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aicarpool-e2e-tls-'));
  let status = 1;
  try {
    makeCertificates(dir);
    // Run directly (not under --test): a test runner inside a test file would skip the file.
    const { NODE_TEST_CONTEXT: _context, ...parentEnv } = process.env;
    const r = spawnSync(process.execPath, ['--test-reporter=spec', self], {
      stdio: 'inherit',
      env: { ...parentEnv, AICARPOOL_E2E_TLS_DIR: dir, NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem') },
    });
    status = r.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(status);
}

let env;
let anthropic;
let openai;

before(async () => {
  const tls = { certFile: path.join(tlsDir, 'server.pem'), keyFile: path.join(tlsDir, 'server.key') };
  env = await setupWith(
    (mockUrl) => [
      { name: 'mock-anthropic', provider: 'anthropic', baseUrl: mockUrl, apiKey: 'sk-ant-upstream-secret' },
      {
        name: 'mock-openai',
        provider: 'openai',
        baseUrl: `${mockUrl}/v1`,
        apiKey: 'sk-openai-upstream-secret',
        models: ['gpt-4o-mini', 'gpt-4o'],
      },
    ],
    { tls },
  );
  assert.ok(env.daemon.url.startsWith('https://'), env.daemon.url);
  anthropic = new Anthropic({ apiKey: env.key, baseURL: env.daemon.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: env.key, baseURL: `${env.daemon.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

test('a node process without the CA refuses the daemon certificate', () => {
  const { NODE_EXTRA_CA_CERTS: _unused, ...withoutCa } = process.env;
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `fetch(${JSON.stringify(`${env.daemon.url}/health`)}).then(
         () => process.exit(0),
         (e) => { console.log(e.cause?.code ?? String(e)); process.exit(3); })`,
    ],
    { env: withoutCa, encoding: 'utf8' },
  );
  assert.equal(r.status, 3, r.stdout + r.stderr);
  assert.match(r.stdout, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/);
});

test('Anthropic SDK over HTTPS: a message and a stream', async () => {
  const prompt = 'Hello over TLS';
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-20250514',
    max_tokens: 64,
    messages: [{ role: 'user', content: prompt }],
  });
  assert.equal(msg.content[0].text, `Hello from mock-anthropic: ${prompt}`);

  const streamPrompt = 'Stream over TLS mock:chunks=5 mock:interval=20';
  const stream = anthropic.messages.stream({
    model: 'claude-sonnet-4-20250514',
    max_tokens: 64,
    messages: [{ role: 'user', content: streamPrompt }],
  });
  let text = '';
  stream.on('text', (t) => (text += t));
  const final = await stream.finalMessage();
  assert.equal(text, `Hello from mock-anthropic: ${streamPrompt}`);
  assert.equal(final.stop_reason, 'end_turn');

  const rows = await env.usageRows((r) => r.provider === 'anthropic', { count: 2 });
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.equal(rows.filter((r) => r.stream).length, 1);
});

test('OpenAI SDK over HTTPS: a streamed chat completion', async () => {
  const prompt = 'Chat over TLS mock:chunks=4';
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  const expected = `Hello from mock-openai: ${prompt}`;
  assert.equal(text, expected);
  const rows = await env.usageRows((r) => r.model === 'gpt-4o' && r.stream);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].outputTokens, words(expected));
});
