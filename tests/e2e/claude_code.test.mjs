// SPDX-License-Identifier: GPL-3.0-or-later
// The Claude Code CLI in print mode, pointed at aicarpoold with a personal key.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { setup } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, 'node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs');
let env;
let home;

before(async () => {
  env = await setup();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aicarpool-claude-home-'));
});

after(async () => {
  await env?.teardown();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

test('claude -p answers through the daemon and the call is in the ledger', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '-p', 'say hi'], {
    cwd: home,
    timeout: 120000,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      ANTHROPIC_BASE_URL: env.daemon.url,
      ANTHROPIC_API_KEY: env.key,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    },
  });
  assert.match(stdout, /Hello from mock-anthropic: say hi/);

  const calls = (await env.mock.requests()).filter((r) => r.path === '/v1/messages');
  assert.ok(calls.length >= 1);
  for (const c of calls) assert.equal(c.headers['x-api-key'], 'sk-ant-upstream-secret');

  const rows = await env.usageRows((r) => r.provider === 'anthropic' && r.status === 200, {
    count: calls.length,
  });
  assert.equal(rows.length, calls.length, JSON.stringify(rows));
  assert.ok(rows.some((r) => r.stream && r.outputTokens > 0), JSON.stringify(rows));
});
