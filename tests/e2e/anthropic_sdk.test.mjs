// SPDX-License-Identifier: GPL-3.0-or-later
// The official Anthropic SDK against aicarpoold, with the mock upstream behind it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { setup, words } from './harness.mjs';

const MODEL = 'claude-sonnet-4-20250514';
let env;
let client;

before(async () => {
  env = await setup();
  client = new Anthropic({ apiKey: env.key, baseURL: env.daemon.url, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

test('messages, non-streaming, with cache tokens: answer and ledger row', async () => {
  const prompt = 'Hello there mock:cache=100/200';
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 64,
    system: 'Be brief.',
    messages: [{ role: 'user', content: prompt }],
  });
  const expected = `Hello from mock-anthropic: ${prompt}`;
  assert.equal(msg.content[0].type, 'text');
  assert.equal(msg.content[0].text, expected);
  assert.equal(msg.stop_reason, 'end_turn');
  assert.equal(msg.usage.input_tokens, words(prompt) + 2);
  assert.equal(msg.usage.cache_creation_input_tokens, 100);
  assert.equal(msg.usage.cache_read_input_tokens, 200);

  const seen = (await env.mock.requests()).filter((r) => r.path === '/v1/messages');
  assert.equal(seen.at(-1).headers['x-api-key'], 'sk-ant-upstream-secret');
  assert.ok(seen.at(-1).headers['anthropic-version'], 'anthropic-version not passed through');
  assert.ok(!JSON.stringify(seen).includes(env.key));

  const rows = await env.usageRows((r) => !r.stream && r.cacheWriteTokens === 100);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const row = rows[0];
  assert.equal(row.status, 200);
  assert.equal(row.provider, 'anthropic');
  assert.equal(row.model, MODEL);
  assert.equal(row.inputTokens, words(prompt) + 2);
  assert.equal(row.outputTokens, words(expected));
  assert.equal(row.cacheReadTokens, 200);
  assert.ok(row.cost > 0, `cost ${row.cost}`);
  assert.equal(row.accountId, env.anthropicAccount.id);
});

test('messages, streaming, with cache tokens: text deltas and ledger row', async () => {
  const prompt = 'Stream it mock:cache=7/9 mock:chunks=5 mock:interval=20';
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 64,
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  let deltas = 0;
  stream.on('text', (t) => {
    text += t;
    deltas += 1;
  });
  const final = await stream.finalMessage();
  const expected = `Hello from mock-anthropic: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(deltas, 5);
  assert.equal(final.usage.output_tokens, words(expected));
  assert.equal(final.usage.cache_read_input_tokens, 9);

  const rows = await env.usageRows((r) => r.stream && r.cacheWriteTokens === 7);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].inputTokens, words(prompt));
  assert.equal(rows[0].outputTokens, words(expected));
  assert.equal(rows[0].cacheReadTokens, 9);
  assert.ok(rows[0].ttfbMs <= rows[0].latencyMs, JSON.stringify(rows[0]));
});

test('tool use, streaming: input_json_delta arrives intact', async () => {
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 64,
    tools: [{ name: 'lookup', description: 'look up', input_schema: { type: 'object' } }],
    messages: [{ role: 'user', content: 'please use the tool' }],
  });
  const final = await stream.finalMessage();
  assert.equal(final.stop_reason, 'tool_use');
  const block = final.content.find((b) => b.type === 'tool_use');
  assert.equal(block.name, 'lookup');
  assert.deepEqual(block.input, { request: 'please use the tool' });
});

test('count_tokens', async () => {
  const res = await client.messages.countTokens({
    model: MODEL,
    messages: [{ role: 'user', content: 'one two three four' }],
  });
  assert.equal(res.input_tokens, 4);
});

test('upstream 529 surfaces as APIError with the status and the error type', async () => {
  await assert.rejects(
    client.messages.create({
      model: MODEL,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'busy mock:status=529' }],
    }),
    (err) => {
      assert.ok(err instanceof Anthropic.APIError, String(err));
      assert.equal(err.status, 529);
      assert.equal(err.error?.error?.type, 'overloaded_error');
      return true;
    },
  );
  const rows = await env.usageRows((r) => r.status === 529);
  assert.equal(rows.length, 1, JSON.stringify(rows));
});

test('a bad personal key is refused with 401 in the Anthropic format', async () => {
  const bad = new Anthropic({ apiKey: 'cp-not-a-real-key', baseURL: env.daemon.url, maxRetries: 0 });
  await assert.rejects(
    bad.messages.create({ model: MODEL, max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.equal(err.status, 401);
      return true;
    },
  );
});
