import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/providers/mock/mock-server.js';
import { FaultPlan, FAULT_KINDS } from '../../../src/providers/mock/faults.js';

/** Raw HTTP against the mock: the wire formats and test hooks, without any SDK in between. */

const chat = (model = 'm', extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: 'hello there' }], ...extra });

describe('mock server over raw HTTP', () => {
  let server: MockServer;
  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer k' }) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('answers OpenAI chat completions with usage', async () => {
    const res = await post('/v1/chat/completions', chat());
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage).toEqual({ prompt_tokens: 3, completion_tokens: Math.ceil(body.choices[0].message.content.length / 4), total_tokens: 3 + Math.ceil(body.choices[0].message.content.length / 4) });
  });

  it('streams OpenAI chunks ending with a usage chunk and [DONE]', async () => {
    const res = await post('/v1/chat/completions', chat('m', { stream: true, stream_options: { include_usage: true } }));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await res.text()).trim().split('\n\n');
    expect(frames.at(-1)).toBe('data: [DONE]');
    const usage = JSON.parse(frames.at(-2)!.slice(6));
    expect(usage.choices).toEqual([]);
    expect(usage.usage.prompt_tokens).toBe(3);
    expect(JSON.parse(frames.at(-3)!.slice(6)).choices[0].finish_reason).toBe('stop');
  });

  it('answers OpenAI tools with a tool call', async () => {
    const tools = [{ type: 'function', function: { name: 'grade', parameters: { type: 'object', properties: { ok: { type: 'boolean' } } } } }];
    const body = await (await post('/v1/chat/completions', chat('m', { tools, tool_choice: { type: 'function', function: { name: 'grade' } } }))).json();
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.tool_calls[0].function).toEqual({ name: 'grade', arguments: '{"ok":true}' });
  });

  it('streams Anthropic messages with the real event sequence', async () => {
    const res = await post('/v1/messages', { ...chat('claude'), max_tokens: 50, stream: true }, { 'x-api-key': 'k' });
    const events = (await res.text()).trim().split('\n\n').map((f) => f.split('\n')[0]!.slice('event: '.length));
    const distinct = events.filter((e, i) => e !== events[i - 1]);
    expect(distinct).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('answers Anthropic tool_choice with a tool_use block', async () => {
    const tools = [{ name: 'grade', input_schema: { type: 'object', properties: { level: { enum: ['low', 'high'] } } } }];
    const body = await (await post('/v1/messages', { ...chat('claude'), max_tokens: 50, tools, tool_choice: { type: 'tool', name: 'grade' } })).json();
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_mock_/), name: 'grade', input: { level: 'high' } }]); // no tags → r = 0.5 → round(0.5) = index 1
  });

  it('requires a key and rejects bad-key with each API’s error body', async () => {
    const none = await post('/v1/chat/completions', chat(), {});
    expect(none.status).toBe(401);
    const bad = await post('/v1/messages', { ...chat(), max_tokens: 5 }, { 'x-api-key': 'bad-key' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
  });

  it('counts requests by normalised body: key order does not matter, content does', async () => {
    await post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'a' }] });
    await post('/v1/chat/completions', { messages: [{ content: 'a', role: 'user' }], model: 'm' });
    await post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'b' }] });
    const stats = await (await fetch(server.url + '/_stats')).json();
    expect(stats.requests).toBe(3);
    expect(Object.values(stats.byKey).sort()).toEqual([1, 2]);
    await fetch(server.url + '/_reset', { method: 'POST' });
    expect(server.stats()).toEqual({ requests: 0, byKey: {}, batches: { created: 0, requests: 0, byCustomId: {} } });
  });

  it('scripts faults over HTTP: POST /_faults', async () => {
    expect((await post('/_faults', { kind: '503', count: 2 }, {})).status).toBe(200);
    expect((await post('/v1/chat/completions', chat())).status).toBe(503);
    expect((await post('/v1/chat/completions', chat())).status).toBe(503);
    expect((await post('/v1/chat/completions', chat())).status).toBe(200);
    expect((await post('/_faults', { kind: 'gremlins' }, {})).status).toBe(400);
  });

  it('sends Retry-After on 429 and not on 429-no-retry-after', async () => {
    server.failNext(1, '429', { retryAfterSec: 3 });
    server.failNext(1, '429-no-retry-after');
    const a = await post('/v1/chat/completions', chat());
    const b = await post('/v1/chat/completions', chat());
    expect([a.status, a.headers.get('retry-after')]).toEqual([429, '3']);
    expect([b.status, b.headers.get('retry-after')]).toEqual([429, null]);
  });
});

describe('seeded faults', () => {
  it('fail about `rate` of requests, the same ones for the same seed', () => {
    const pick = (seed: number) => {
      const plan = new FaultPlan({ rate: 0.2, kinds: [...FAULT_KINDS], seed });
      return Array.from({ length: 2000 }, (_, n) => plan.next(n)?.kind ?? null);
    };
    const a = pick(7);
    expect(pick(7)).toEqual(a);
    expect(pick(8)).not.toEqual(a);
    const failed = a.filter((k) => k !== null).length;
    expect(failed).toBeGreaterThan(340);
    expect(failed).toBeLessThan(460);
    expect(new Set(a.filter(Boolean)).size).toBe(FAULT_KINDS.length);
  });

  it('a server with rate 1 and one kind fails every request with it', async () => {
    const server = await startMockServer({ faults: { rate: 1, kinds: ['502'], seed: 3 } });
    try {
      const res = await fetch(server.url + '/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify(chat()) });
      expect(res.status).toBe(502);
    } finally {
      await server.close();
    }
  });

  it('latencyMs delays every answer', async () => {
    const server = await startMockServer({ latencyMs: 150 });
    try {
      const t0 = performance.now();
      await fetch(server.url + '/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify(chat()) });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    } finally {
      await server.close();
    }
  });
});
