// SPDX-License-Identifier: GPL-3.0-or-later
// The official OpenAI SDK against aicarpoold whose only account is an Anthropic one: the daemon
// translates chat completions into the Messages API and the answers back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { setupWith, words } from './harness.mjs';

const MODEL = 'claude-sonnet-4-5';
let env;
let client;
let account;

before(async () => {
  env = await setupWith((mockUrl) => [
    {
      name: 'claude-team',
      provider: 'anthropic',
      baseUrl: mockUrl,
      apiKey: 'sk-ant-upstream-secret',
      models: [MODEL],
    },
  ]);
  account = env.accounts['claude-team'];
  client = new OpenAI({ apiKey: env.key, baseURL: `${env.daemon.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

// The Messages API requests the mock received, newest last.
async function upstreamCalls() {
  return (await env.mock.requests())
    .filter((r) => r.path === '/v1/messages')
    .map((r) => ({ ...r, json: JSON.parse(r.body) }));
}

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

test('chat completion, non-streaming: Anthropic answer as a chat.completion, ledger row', async () => {
  const prompt = 'Say hello across protocols mock:cache=10/20';
  const res = await client.chat.completions.create({
    model: MODEL,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: prompt },
    ],
  });
  const expected = `Hello from mock-anthropic: ${prompt}`;
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.model, MODEL);
  assert.equal(res.choices.length, 1);
  assert.equal(res.choices[0].message.role, 'assistant');
  assert.equal(res.choices[0].message.content, expected);
  assert.equal(res.choices[0].finish_reason, 'stop');
  // prompt_tokens counts the cached tokens too; completion = the answer's words.
  assert.equal(res.usage.prompt_tokens, words(prompt) + 3 + 10 + 20);
  assert.equal(res.usage.prompt_tokens_details.cached_tokens, 20);
  assert.equal(res.usage.completion_tokens, words(expected));
  assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);

  // The upstream got a Messages API request: system at the top, max_tokens filled in, the
  // account's key, never the personal key.
  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.headers['x-api-key'], 'sk-ant-upstream-secret');
  assert.ok(call.headers['anthropic-version'], 'no anthropic-version sent upstream');
  assert.equal(call.json.model, MODEL);
  assert.equal(call.json.system, 'You are terse.');
  assert.equal(call.json.max_tokens, 4096);
  assert.deepEqual(
    call.json.messages.map((m) => m.role),
    ['user'],
  );
  assert.ok(!JSON.stringify(await env.mock.requests()).includes(env.key));

  const rows = await env.usageRows((r) => r.model === MODEL && !r.stream && r.cacheReadTokens === 20);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const row = rows[0];
  assert.equal(row.status, 200);
  assert.equal(row.provider, 'anthropic');
  assert.equal(row.accountId, account.id);
  assert.equal(row.endpoint, '/v1/chat/completions');
  assert.equal(row.inputTokens, words(prompt) + 3);
  assert.equal(row.cacheWriteTokens, 10);
  assert.equal(row.outputTokens, words(expected));
  assert.ok(row.cost > 0, `cost ${row.cost}`);
  assert.equal(row.attempts, 1);
});

test('chat completion, streaming: deltas assemble the text, no usage chunk unless asked', async () => {
  const prompt = 'Stream across protocols mock:chunks=6';
  const stream = await client.chat.completions.create({
    model: MODEL,
    stream: true,
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  let contentDeltas = 0;
  let usageChunks = 0;
  let finish = null;
  let role = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usageChunks += 1;
    if (chunk.choices.length === 0) continue;
    const delta = chunk.choices[0].delta ?? {};
    role = delta.role ?? role;
    if (delta.content) {
      text += delta.content;
      contentDeltas += 1;
    }
    finish = chunk.choices[0].finish_reason ?? finish;
  }
  const expected = `Hello from mock-anthropic: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(role, 'assistant');
  assert.equal(contentDeltas, 6);
  assert.equal(finish, 'stop');
  assert.equal(usageChunks, 0);

  // The upstream was asked for a stream.
  assert.equal((await upstreamCalls()).at(-1).json.stream, true);

  const rows = await env.usageRows((r) => r.model === MODEL && r.stream && r.outputTokens === words(expected));
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].provider, 'anthropic');
  assert.equal(rows[0].inputTokens, words(prompt));
  assert.ok(rows[0].cost > 0, `cost ${rows[0].cost}`);
  assert.ok(rows[0].ttfbMs >= 0 && rows[0].ttfbMs <= rows[0].latencyMs, JSON.stringify(rows[0]));
});

test('chat completion, streaming with include_usage: one usage chunk with the totals', async () => {
  const prompt = 'Count my tokens please mock:cache=0/30 mock:chunks=3';
  const stream = await client.chat.completions.create({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  const usages = [];
  for await (const chunk of stream) {
    if (chunk.usage) {
      usages.push(chunk.usage);
      assert.equal(chunk.choices.length, 0, 'the usage chunk has no choices');
    }
    if (chunk.choices.length) text += chunk.choices[0].delta?.content ?? '';
  }
  const expected = `Hello from mock-anthropic: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(usages.length, 1, JSON.stringify(usages));
  assert.equal(usages[0].prompt_tokens, words(prompt) + 30);
  assert.equal(usages[0].prompt_tokens_details.cached_tokens, 30);
  assert.equal(usages[0].completion_tokens, words(expected));

  const rows = await env.usageRows((r) => r.model === MODEL && r.stream && r.cacheReadTokens === 30);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].outputTokens, words(expected));
});

test('tool call round trip, non-streaming: tool_use becomes tool_calls, the result goes back', async () => {
  const ask = 'Please use the tool for Paris';
  const first = await client.chat.completions.create({
    model: MODEL,
    tools: [weatherTool],
    messages: [{ role: 'user', content: ask }],
  });
  const choice = first.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.equal(choice.message.tool_calls.length, 1, JSON.stringify(choice.message));
  const toolCall = choice.message.tool_calls[0];
  assert.equal(toolCall.type, 'function');
  assert.equal(toolCall.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(toolCall.function.arguments), { request: ask });
  assert.ok(toolCall.id, 'tool call without id');

  // The tool definition went upstream as an Anthropic custom tool.
  const firstCall = (await upstreamCalls()).at(-1);
  assert.deepEqual(firstCall.json.tools, [
    {
      name: 'get_weather',
      description: 'Current weather of a city',
      input_schema: weatherTool.function.parameters,
    },
  ]);

  const result = 'Sunny and 21 degrees';
  const second = await client.chat.completions.create({
    model: MODEL,
    tools: [weatherTool],
    messages: [
      { role: 'user', content: ask },
      choice.message,
      { role: 'tool', tool_call_id: toolCall.id, content: result },
    ],
  });
  assert.equal(second.choices[0].finish_reason, 'stop');
  assert.equal(second.choices[0].message.content, `Hello from mock-anthropic: ${result}`);
  assert.equal(second.choices[0].message.tool_calls ?? undefined, undefined);

  // Upstream: user, assistant tool_use, user tool_result with the same id.
  const secondCall = (await upstreamCalls()).at(-1);
  const msgs = secondCall.json.messages;
  assert.deepEqual(
    msgs.map((m) => m.role),
    ['user', 'assistant', 'user'],
  );
  const toolUse = msgs[1].content.find((b) => b.type === 'tool_use');
  assert.equal(toolUse.id, toolCall.id);
  assert.equal(toolUse.name, 'get_weather');
  assert.deepEqual(toolUse.input, { request: ask });
  const toolResult = msgs[2].content.find((b) => b.type === 'tool_result');
  assert.equal(toolResult.tool_use_id, toolCall.id);
  assert.match(JSON.stringify(toolResult.content), /Sunny and 21 degrees/);
});

test('tool call, streaming: the SDK assembles tool_calls with parseable arguments', async () => {
  const ask = 'Stream it and use the tool mock:chunks=4';
  const stream = client.chat.completions.stream({
    model: MODEL,
    tools: [weatherTool],
    messages: [{ role: 'user', content: ask }],
  });
  const final = await stream.finalChatCompletion();
  const choice = final.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.equal(choice.message.tool_calls.length, 1, JSON.stringify(choice.message));
  assert.equal(choice.message.tool_calls[0].function.name, 'get_weather');
  assert.deepEqual(JSON.parse(choice.message.tool_calls[0].function.arguments), { request: ask });
});

test('upstream 529 reaches the OpenAI SDK as APIError 529; ledger and health show it', async () => {
  await assert.rejects(
    client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'busy now mock:status=529' }],
    }),
    (err) => {
      assert.ok(err instanceof OpenAI.APIError, String(err));
      assert.equal(err.status, 529);
      // An OpenAI-shaped error body.
      assert.ok(err.error && typeof err.error.message === 'string', JSON.stringify(err.error));
      return true;
    },
  );
  const rows = await env.usageRows((r) => r.status === 529);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].provider, 'anthropic');
  assert.equal(rows[0].attemptLog.length, 1, JSON.stringify(rows[0]));
  assert.equal(rows[0].attemptLog[0].status, 529);
  assert.equal(rows[0].attemptLog[0].accountId, account.id);

  const health = await env.admin.get(`/api/accounts/${account.id}/health`);
  assert.equal(health.coolingDown, true, JSON.stringify(health));
  await env.clearCooldown(account.id);
  const after529 = await env.admin.get(`/api/accounts/${account.id}/health`);
  assert.equal(after529.coolingDown, false, JSON.stringify(after529));
});

test('upstream 429 reaches the OpenAI SDK as RateLimitError', async () => {
  await assert.rejects(
    client.chat.completions.create({
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
  // The account serves again at once.
  const res = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: 'back again' }],
  });
  assert.equal(res.choices[0].message.content, 'Hello from mock-anthropic: back again');
});
