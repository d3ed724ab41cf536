// SPDX-License-Identifier: GPL-3.0-or-later
// A Gemini account behind aicarpoold: the official Google GenAI SDK on the native endpoints, and
// the official OpenAI SDK reaching the same account through translation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { setupWith, words } from './harness.mjs';

const MODEL = 'gemini-2.5-flash';
let env;
let genai;
let openai;
let account;

before(async () => {
  env = await setupWith((mockUrl) => [
    {
      name: 'gemini-team',
      provider: 'gemini',
      baseUrl: mockUrl,
      apiKey: 'gm-upstream-secret',
      // Named explicitly so that OpenAI-format clients may use it too (translated).
      models: [MODEL],
    },
  ]);
  account = env.accounts['gemini-team'];
  genai = new GoogleGenAI({
    apiKey: env.key,
    httpOptions: { baseUrl: env.daemon.url, retryOptions: { attempts: 1 } },
  });
  openai = new OpenAI({ apiKey: env.key, baseURL: `${env.daemon.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

// The Gemini calls the mock received, newest last.
async function upstreamCalls() {
  return (await env.mock.requests())
    .filter((r) => r.path.startsWith('/v1beta/models/'))
    .map((r) => ({ ...r, json: JSON.parse(r.body) }));
}

test('GenAI SDK generateContent: answer, usageMetadata, ledger row', async () => {
  const prompt = 'Hello Gemini through the pool mock:cache=0/12';
  const res = await genai.models.generateContent({
    model: MODEL,
    contents: prompt,
    config: { systemInstruction: 'Be brief.' },
  });
  const expected = `Hello from mock-gemini: ${prompt}`;
  assert.equal(res.text, expected);
  assert.equal(res.candidates[0].finishReason, 'STOP');
  assert.equal(res.usageMetadata.promptTokenCount, words(prompt) + 2 + 12);
  assert.equal(res.usageMetadata.cachedContentTokenCount, 12);
  assert.equal(res.usageMetadata.candidatesTokenCount, words(expected));

  // The upstream saw the account's key in the header, not the personal key anywhere.
  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.path, `/v1beta/models/${MODEL}:generateContent`);
  assert.equal(call.headers['x-goog-api-key'], 'gm-upstream-secret');
  assert.ok(!JSON.stringify(await env.mock.requests()).includes(env.key));
  assert.deepEqual(call.json.systemInstruction.parts, [{ text: 'Be brief.' }]);

  const rows = await env.usageRows((r) => !r.stream && r.cacheReadTokens === 12);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const row = rows[0];
  assert.equal(row.status, 200);
  assert.equal(row.provider, 'gemini');
  assert.equal(row.model, MODEL);
  assert.equal(row.accountId, account.id);
  assert.equal(row.inputTokens, words(prompt) + 2);
  assert.equal(row.outputTokens, words(expected));
  assert.ok(row.cost > 0, `cost ${row.cost}`);
});

test('GenAI SDK generateContentStream: chunks assemble the text, usage in the ledger', async () => {
  const prompt = 'Stream from Gemini mock:chunks=4';
  const stream = await genai.models.generateContentStream({ model: MODEL, contents: prompt });
  let text = '';
  let chunks = 0;
  let last = null;
  for await (const chunk of stream) {
    chunks += 1;
    text += chunk.text ?? '';
    last = chunk;
  }
  const expected = `Hello from mock-gemini: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(chunks, 4);
  assert.equal(last.candidates[0].finishReason, 'STOP');
  assert.equal(last.usageMetadata.candidatesTokenCount, words(expected));

  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
  assert.match(call.query, /alt=sse/);

  const rows = await env.usageRows((r) => r.stream && r.provider === 'gemini' && r.endpoint.includes('stream'));
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].inputTokens, words(prompt));
  assert.equal(rows[0].outputTokens, words(expected));
  assert.ok(rows[0].cost > 0, `cost ${rows[0].cost}`);
});

test('the personal key also works as ?key=, and stays out of the upstream URL', async () => {
  const prompt = 'key in the query';
  const r = await fetch(
    `${env.daemon.url}/v1beta/models/${MODEL}:generateContent?key=${encodeURIComponent(env.key)}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    },
  );
  assert.equal(r.status, 200, await r.clone().text());
  const body = await r.json();
  assert.equal(body.candidates[0].content.parts[0].text, `Hello from mock-gemini: ${prompt}`);
  const call = (await upstreamCalls()).at(-1);
  assert.ok(!call.query.includes(env.key), call.query);
  assert.equal(call.headers['x-goog-api-key'], 'gm-upstream-secret');
});

test('GenAI SDK models list shows the Gemini model', async () => {
  const names = [];
  const pager = await genai.models.list();
  for await (const m of pager) names.push(m.name);
  assert.ok(names.includes(`models/${MODEL}`), JSON.stringify(names));
});

test('OpenAI SDK to the Gemini account, non-streaming: translated answer and usage', async () => {
  const prompt = 'Hello Gemini from the OpenAI SDK';
  const res = await openai.chat.completions.create({
    model: MODEL,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: prompt },
    ],
  });
  const expected = `Hello from mock-gemini: ${prompt}`;
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.model, MODEL);
  assert.equal(res.choices[0].message.content, expected);
  assert.equal(res.choices[0].finish_reason, 'stop');
  assert.equal(res.usage.prompt_tokens, words(prompt) + 3);
  assert.equal(res.usage.completion_tokens, words(expected));

  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.path, `/v1beta/models/${MODEL}:generateContent`);
  assert.equal(call.headers['x-goog-api-key'], 'gm-upstream-secret');
  assert.deepEqual(call.json.systemInstruction.parts, [{ text: 'You are terse.' }]);
  assert.deepEqual(call.json.contents, [{ role: 'user', parts: [{ text: prompt }] }]);

  const rows = await env.usageRows((r) => r.endpoint === '/v1/chat/completions' && !r.stream);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].provider, 'gemini');
  assert.equal(rows[0].inputTokens, words(prompt) + 3);
  assert.equal(rows[0].outputTokens, words(expected));
});

test('OpenAI SDK to the Gemini account, streaming: deltas, finish_reason, usage chunk on request', async () => {
  const prompt = 'Stream Gemini to OpenAI mock:chunks=5';
  const stream = await openai.chat.completions.create({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  let deltas = 0;
  let finish = null;
  const usages = [];
  for await (const chunk of stream) {
    if (chunk.usage) usages.push(chunk.usage);
    if (chunk.choices.length === 0) continue;
    const content = chunk.choices[0].delta?.content;
    if (content) {
      text += content;
      deltas += 1;
    }
    finish = chunk.choices[0].finish_reason ?? finish;
  }
  const expected = `Hello from mock-gemini: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(deltas, 5);
  assert.equal(finish, 'stop');
  assert.equal(usages.length, 1, JSON.stringify(usages));
  assert.equal(usages[0].prompt_tokens, words(prompt));
  assert.equal(usages[0].completion_tokens, words(expected));

  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
  assert.match(call.query, /alt=sse/);

  const rows = await env.usageRows((r) => r.endpoint === '/v1/chat/completions' && r.stream);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].provider, 'gemini');
  assert.equal(rows[0].outputTokens, words(expected));
});

test('upstream 429: GenAI SDK gets ApiError 429, OpenAI SDK RateLimitError', async () => {
  await assert.rejects(
    genai.models.generateContent({ model: MODEL, contents: 'slow down mock:status=429' }),
    (err) => {
      assert.ok(err instanceof ApiError, String(err));
      assert.equal(err.status, 429);
      return true;
    },
  );
  await env.clearCooldown(account.id);
  await assert.rejects(
    openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'slow down mock:status=429' }],
    }),
    (err) => {
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.status, 429);
      return true;
    },
  );
  await env.clearCooldown(account.id);
  const rows = await env.usageRows((r) => r.status === 429, { count: 2 });
  assert.equal(rows.length, 2, JSON.stringify(rows));
  for (const row of rows) assert.equal(row.provider, 'gemini');
});
