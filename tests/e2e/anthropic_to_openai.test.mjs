// SPDX-License-Identifier: GPL-3.0-or-later
// The official Anthropic SDK against aicarpoold whose only account is OpenAI-compatible, reached
// through the account's model map (claude-haiku-4-5 -> deepseek-chat): the daemon translates the
// Messages API into chat completions and the answers back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { setupWith, words } from './harness.mjs';

const MODEL = 'claude-haiku-4-5';
const UPSTREAM_MODEL = 'deepseek-chat';
let env;
let client;
let account;

before(async () => {
  env = await setupWith((mockUrl) => [
    {
      name: 'deepseek-team',
      provider: 'openai',
      baseUrl: `${mockUrl}/v1`,
      apiKey: 'sk-openai-upstream-secret',
      modelMap: { [MODEL]: UPSTREAM_MODEL },
    },
  ]);
  account = env.accounts['deepseek-team'];
  client = new Anthropic({ apiKey: env.key, baseURL: env.daemon.url, maxRetries: 0 });
});

after(async () => {
  await env?.teardown();
});

// The chat-completions requests the mock received, newest last.
async function upstreamCalls() {
  return (await env.mock.requests())
    .filter((r) => r.path === '/v1/chat/completions')
    .map((r) => ({ ...r, json: JSON.parse(r.body) }));
}

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

test('messages, non-streaming: OpenAI answer as an Anthropic message, ledger row', async () => {
  const prompt = 'Hello over the bridge mock:cache=0/15';
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 64,
    system: 'Be brief.',
    messages: [{ role: 'user', content: prompt }],
  });
  const expected = `Hello from mock-openai: ${prompt}`;
  assert.equal(msg.type, 'message');
  assert.equal(msg.role, 'assistant');
  assert.equal(msg.model, MODEL);
  assert.equal(msg.content.length, 1, JSON.stringify(msg.content));
  assert.equal(msg.content[0].type, 'text');
  assert.equal(msg.content[0].text, expected);
  assert.equal(msg.stop_reason, 'end_turn');
  // input_tokens excludes the cached part, which is reported apart.
  assert.equal(msg.usage.input_tokens, words(prompt) + 2);
  assert.equal(msg.usage.cache_read_input_tokens, 15);
  assert.equal(msg.usage.output_tokens, words(expected));

  // The upstream got a chat-completions request for the mapped model, with the system prompt
  // as the first message and the account's key.
  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.headers.authorization, 'Bearer sk-openai-upstream-secret');
  assert.equal(call.json.model, UPSTREAM_MODEL);
  assert.deepEqual(call.json.messages[0], { role: 'system', content: 'Be brief.' });
  assert.equal(call.json.messages[1].role, 'user');
  assert.equal(call.json.max_tokens, 64);
  assert.ok(!JSON.stringify(await env.mock.requests()).includes(env.key));

  const rows = await env.usageRows((r) => !r.stream && r.cacheReadTokens === 15);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const row = rows[0];
  assert.equal(row.status, 200);
  assert.equal(row.provider, 'openai');
  assert.equal(row.model, MODEL);
  assert.equal(row.upstreamModel, UPSTREAM_MODEL);
  assert.equal(row.accountId, account.id);
  assert.equal(row.endpoint, '/v1/messages');
  assert.equal(row.inputTokens, words(prompt) + 2);
  assert.equal(row.outputTokens, words(expected));
  assert.ok(row.cost > 0, `cost ${row.cost}`);
});

test('messages, streaming: text deltas, final message, stop_reason and usage', async () => {
  const prompt = 'Stream over the bridge mock:chunks=5';
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
  const expected = `Hello from mock-openai: ${prompt}`;
  assert.equal(text, expected);
  assert.equal(deltas, 5);
  assert.equal(final.model, MODEL);
  assert.equal(final.content.length, 1, JSON.stringify(final.content));
  assert.equal(final.content[0].text, expected);
  assert.equal(final.stop_reason, 'end_turn');
  assert.equal(final.usage.input_tokens, words(prompt));
  assert.equal(final.usage.output_tokens, words(expected));

  // The daemon asked the upstream for a stream with the usage chunk.
  const call = (await upstreamCalls()).at(-1);
  assert.equal(call.json.stream, true);
  assert.equal(call.json.stream_options?.include_usage, true);

  const rows = await env.usageRows((r) => r.stream && r.outputTokens === words(expected));
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].provider, 'openai');
  assert.equal(rows[0].upstreamModel, UPSTREAM_MODEL);
  assert.equal(rows[0].inputTokens, words(prompt));
});

test('tool_use round trip: tool_calls become tool_use, tool_result goes back as a tool message', async () => {
  const ask = 'Please use the tool for Oslo';
  const first = await client.messages.create({
    model: MODEL,
    max_tokens: 64,
    tools: [weatherTool],
    messages: [{ role: 'user', content: ask }],
  });
  assert.equal(first.stop_reason, 'tool_use');
  const toolUse = first.content.find((b) => b.type === 'tool_use');
  assert.ok(toolUse, JSON.stringify(first.content));
  assert.equal(toolUse.name, 'get_weather');
  assert.deepEqual(toolUse.input, { request: ask });
  assert.ok(toolUse.id, 'tool_use without id');

  // The tool went upstream as a function tool.
  const firstCall = (await upstreamCalls()).at(-1);
  assert.deepEqual(firstCall.json.tools, [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather of a city',
        parameters: weatherTool.input_schema,
      },
    },
  ]);

  const second = await client.messages.create({
    model: MODEL,
    max_tokens: 64,
    tools: [weatherTool],
    messages: [
      { role: 'user', content: ask },
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: toolUse.id, content: 'Cloudy and 12 degrees' },
          { type: 'text', text: 'Summarise the weather' },
        ],
      },
    ],
  });
  assert.equal(second.stop_reason, 'end_turn');
  assert.equal(second.content[0].type, 'text');
  assert.equal(second.content[0].text, 'Hello from mock-openai: Summarise the weather');

  // Upstream: user, assistant with tool_calls, the tool message, then the rest of the user turn.
  const msgs = (await upstreamCalls()).at(-1).json.messages;
  assert.deepEqual(
    msgs.map((m) => m.role),
    ['user', 'assistant', 'tool', 'user'],
  );
  assert.equal(msgs[1].tool_calls.length, 1);
  assert.equal(msgs[1].tool_calls[0].id, toolUse.id);
  assert.equal(msgs[1].tool_calls[0].function.name, 'get_weather');
  assert.deepEqual(JSON.parse(msgs[1].tool_calls[0].function.arguments), { request: ask });
  assert.equal(msgs[2].tool_call_id, toolUse.id);
  assert.equal(msgs[2].content, 'Cloudy and 12 degrees');
});

test('tool_use, streaming: input_json_delta fragments assemble into the input', async () => {
  const ask = 'Stream and use the tool mock:chunks=4';
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 64,
    tools: [weatherTool],
    messages: [{ role: 'user', content: ask }],
  });
  const final = await stream.finalMessage();
  assert.equal(final.stop_reason, 'tool_use');
  const block = final.content.find((b) => b.type === 'tool_use');
  assert.ok(block, JSON.stringify(final.content));
  assert.equal(block.name, 'get_weather');
  assert.deepEqual(block.input, { request: ask });
});

test('a model the OpenAI account does not name is not sent to it', async () => {
  await assert.rejects(
    client.messages.create({
      model: 'claude-opus-4-7',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hello' }],
    }),
    (err) => {
      assert.ok(err instanceof Anthropic.APIError, String(err));
      assert.equal(err.status, 404);
      assert.equal(err.error?.error?.type, 'not_found_error');
      return true;
    },
  );
});

test('models list shows the alias', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(MODEL), JSON.stringify(ids));
});

test('upstream 429 reaches the Anthropic SDK as RateLimitError in the Anthropic format', async () => {
  await assert.rejects(
    client.messages.create({
      model: MODEL,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'slow down mock:status=429' }],
    }),
    (err) => {
      assert.ok(err instanceof Anthropic.RateLimitError, String(err));
      assert.equal(err.status, 429);
      assert.equal(err.error?.type, 'error');
      assert.equal(err.error?.error?.type, 'rate_limit_error');
      return true;
    },
  );
  const rows = await env.usageRows((r) => r.status === 429);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].provider, 'openai');
  assert.equal(rows[0].attemptLog[0].status, 429);

  await env.clearCooldown(account.id);
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 16,
    messages: [{ role: 'user', content: 'back again' }],
  });
  assert.equal(msg.content[0].text, 'Hello from mock-openai: back again');
});
