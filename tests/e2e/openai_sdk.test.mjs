// SPDX-License-Identifier: GPL-3.0-or-later
// The official OpenAI SDK against aicarpoold, with the mock upstream behind it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { setup, words } from './harness.mjs';

let env;
let client;

before(async () => {
  env = await setup();
  client = new OpenAI({ apiKey: env.key, baseURL: `${env.daemon.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

test('chat completion, non-streaming: answer text and ledger row', async () => {
  const prompt = 'Say hello from the openai non-streaming test';
  const res = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: prompt },
    ],
  });
  const expected = `Hello from mock-openai: ${prompt}`;
  assert.equal(res.choices[0].message.content, expected);
  assert.equal(res.usage.prompt_tokens, words(prompt) + 3);
  assert.equal(res.usage.completion_tokens, words(expected));

  // The upstream saw the account's key, never the personal key.
  const seen = (await env.mock.requests()).filter((r) => r.path === '/v1/chat/completions');
  assert.ok(seen.length >= 1);
  assert.equal(seen.at(-1).headers.authorization, 'Bearer sk-openai-upstream-secret');
  assert.ok(!JSON.stringify(seen).includes(env.key));

  const rows = await env.usageRows((r) => r.model === 'gpt-4o-mini' && !r.stream);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].provider, 'openai');
  assert.equal(rows[0].inputTokens, words(prompt) + 3);
  assert.equal(rows[0].outputTokens, words(expected));
  assert.equal(rows[0].accountId, env.openaiAccount.id);
});

test('chat completion, streaming: text deltas, no usage chunk unless asked, ledger row', async () => {
  const prompt = 'Stream a hello please mock:chunks=6';
  const stream = await client.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  let chunks = 0;
  let usageChunks = 0;
  let finish = null;
  for await (const chunk of stream) {
    chunks += 1;
    if (chunk.usage) usageChunks += 1;
    if (chunk.choices.length === 0) continue;
    text += chunk.choices[0].delta?.content ?? '';
    finish = chunk.choices[0].finish_reason ?? finish;
  }
  const expected = `Hello from mock-openai: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(finish, 'stop');
  assert.ok(chunks >= 6, `only ${chunks} chunks`);
  // The daemon asks upstream for usage but must not pass the usage chunk to this client.
  assert.equal(usageChunks, 0);

  const rows = await env.usageRows((r) => r.model === 'gpt-4o' && r.stream);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].inputTokens, words(prompt));
  assert.equal(rows[0].outputTokens, words(expected));
});

test('chat completion, streaming with include_usage: the client gets the usage chunk', async () => {
  const prompt = 'Usage please mock:cache=0/40';
  const stream = await client.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  });
  let usage = null;
  for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
  assert.ok(usage, 'no usage chunk');
  assert.equal(usage.prompt_tokens, words(prompt) + 40);
  assert.equal(usage.prompt_tokens_details.cached_tokens, 40);
  const rows = await env.usageRows((r) => r.model === 'gpt-4o' && r.stream && r.cacheReadTokens === 40);
  assert.equal(rows.length, 1, JSON.stringify(rows));
});

test('models list through the daemon', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes('gpt-4o-mini'), JSON.stringify(ids));
});

test('upstream error reaches the SDK as APIError with the upstream status', async () => {
  await assert.rejects(
    client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'fail mock:status=503' }],
    }),
    (err) => {
      assert.ok(err instanceof OpenAI.APIError, String(err));
      assert.equal(err.status, 503);
      return true;
    },
  );
});
