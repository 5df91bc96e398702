import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError, ProviderError } from '../../src/core/errors.js';
import type { AdapterOptions } from '../../src/providers/adapter-options.js';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import { createMockHandler, type MockHandlerOptions } from '../../src/providers/mock/mock-handler.js';
import { createHttpFetch } from '../../src/providers/http-fetch.js';
import { mockFetch } from '../../src/providers/mock/mock-fetch.js';
import { expectedHeaders } from '../../src/providers/mock/mock-provider.js';
import type { Provider } from '../../src/providers/provider.js';
import { withRetry } from '../../src/providers/retry.js';
import { RAG_ANSWER, RAG_MESSAGES, chars, judgeRequest, recordingSleep, rejection } from './support.js';

/** The mock as the contract sees it, reached over a real socket or through the in-memory fetch. */
type ContractMock = Pick<MockServer, 'url' | 'stats' | 'reset' | 'failNext' | 'close'> & { fetch?: AdapterOptions['fetch'] };
/** http: Node's global fetch over a socket; pooled: juror's keep-alive node:http fetch (what `openai:`/`anthropic:` use). */
type Transport = 'http' | 'pooled' | 'memory';

async function startContractMock(transport: Transport, opts: MockHandlerOptions): Promise<ContractMock> {
  if (transport === 'http') return startMockServer(opts);
  if (transport === 'pooled') {
    const server = await startMockServer(opts);
    const http = createHttpFetch();
    return { url: server.url, stats: server.stats, reset: server.reset, failNext: server.failNext, fetch: http.fetch, close: async () => {
      http.close();
      await server.close();
    } };
  }
  const handler = createMockHandler(opts);
  return { ...handler, url: 'http://juror-mock.invalid', fetch: mockFetch(handler), close: async () => {} };
}

/**
 * One behavioural contract both SDK adapters must meet, run through the real SDK against the mock,
 * once over real HTTP and once through the in-memory transport (faults included: both transports
 * must look the same to the SDK). `baseURL(server)` differs per dialect (OpenAI: `${url}/v1`).
 */
export function describeAdapterContract(
  name: string,
  make: (opts: AdapterOptions) => Provider,
  baseURL: (url: string) => string,
): void {
  for (const transport of ['http', 'pooled', 'memory'] as const) describeContract(name, transport, make, baseURL);
}

function describeContract(name: string, transport: Transport, make: (opts: AdapterOptions) => Provider, baseURL: (url: string) => string): void {
  describe(`${name} adapter contract (${transport})`, () => {
    let server: ContractMock;
    const sent: Array<{ path: string; body: any; headers: Record<string, unknown> }> = [];
    const adapter = (extra: Partial<AdapterOptions> = {}) =>
      make({ model: 'test-model', apiKey: 'k-test', baseURL: baseURL(server.url), timeoutMs: 5_000, fetch: server.fetch, ...extra });

    beforeAll(async () => {
      server = await startContractMock(transport, { onRequest: (r) => sent.push(r as (typeof sent)[number]) });
    });
    afterAll(() => server.close());
    beforeEach(() => {
      server.reset();
      sent.length = 0;
    });

    it('answers a plain request with the best context sentence and counts usage', async () => {
      const r = await adapter().complete({ messages: RAG_MESSAGES });
      expect(r.text).toBe(RAG_ANSWER);
      expect(r.usage).toEqual({ inputTokens: Math.ceil(chars(RAG_MESSAGES) / 4), outputTokens: Math.ceil(RAG_ANSWER.length / 4) });
      expect(r.model).toBe('test-model');
      expect(r.latencyMs).toBeGreaterThan(0);
      expect(r.structured).toBeUndefined();
    });

    it('streams the same text and usage as the whole answer', async () => {
      const r = await adapter().complete({ messages: RAG_MESSAGES, stream: true });
      expect(r.text).toBe(RAG_ANSWER);
      expect(r.usage).toEqual({ inputTokens: Math.ceil(chars(RAG_MESSAGES) / 4), outputTokens: Math.ceil(RAG_ANSWER.length / 4) });
      expect(sent[0]!.body.stream).toBe(true);
    });

    for (const stream of [false, true]) {
      it(`returns structured verdicts scored by overlap (stream=${stream})`, async () => {
        const good = await adapter().complete({ ...judgeRequest('Paris is the capital of France.', 'The capital of France is Paris.'), stream });
        const bad = await adapter().complete({ ...judgeRequest('Bananas are yellow.', 'The capital of France is Paris.'), stream });
        expect((good.structured as any).correctness.score).toBe(5);
        expect((bad.structured as any).correctness.score).toBe(1);
        expect((good.structured as any).correctness.reasoning).toMatch(/r=1\.00/);
        expect(JSON.parse(good.text)).toEqual(good.structured);
      });
    }

    it('sends the golden answer only through headersFor, and the mock answers with it', async () => {
      const r = await adapter({ headersFor: expectedHeaders }).complete({ messages: RAG_MESSAGES, meta: { expected: { answer: 42 } } });
      expect(r.text).toBe('{"answer":42}');
      const plain = await adapter().complete({ messages: RAG_MESSAGES, meta: { expected: 'ignored' } });
      expect(plain.text).toBe(RAG_ANSWER);
      expect(sent[1]!.headers['x-juror-mock-expected']).toBeUndefined();
    });

    it('429 then success through withRetry: 2 attempts, waits the Retry-After', async () => {
      server.failNext(1, '429', { retryAfterSec: 2 });
      const { delays, sleep } = recordingSleep();
      const retries: Array<[number | undefined, number, number]> = [];
      const p = withRetry(adapter(), {}, { sleep, onRetry: (e, attempt, delay) => retries.push([e.status, attempt, delay]) });
      const r = await p.complete({ messages: RAG_MESSAGES });
      expect(r.attempts).toBe(2);
      expect(r.text).toBe(RAG_ANSWER);
      expect(delays).toEqual([2000]);
      expect(retries).toEqual([[429, 1, 2000]]);
      expect(server.stats().requests).toBe(2);
    });

    it('retries 500s with jittered exponential backoff', async () => {
      server.failNext(2, '500');
      const { delays, sleep } = recordingSleep();
      const r = await withRetry(adapter(), { baseDelayMs: 100 }, { sleep, random: () => 0.5 }).complete({ messages: RAG_MESSAGES });
      expect(r.attempts).toBe(3);
      expect(delays).toEqual([50, 100]); // 0.5 · 100·2^0, 0.5 · 100·2^1
    });

    it('does not retry a 400', async () => {
      const { delays, sleep } = recordingSleep();
      const err = await rejection(() => withRetry(adapter(), {}, { sleep }).complete({ messages: [] }));
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.status).toBe(400);
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(new RegExp(`^${name}:test-model: HTTP 400: `));
      expect(delays).toEqual([]);
      expect(server.stats().requests).toBe(1);
    });

    it('a bad key gives a 401 with a clear, non-retryable message', async () => {
      const err = await rejection(() => adapter({ apiKey: 'bad-key', credentialHint: 'check THE_KEY' }).complete({ messages: RAG_MESSAGES }));
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.status).toBe(401);
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(new RegExp(`^${name}:test-model: authentication failed \\(HTTP 401\\): .+ \\(check THE_KEY\\)$`));
    });

    const faults: Array<[Parameters<ContractMock['failNext']>[1], boolean, (e: ProviderError) => void]> = [
      ['429', false, (e) => (expect(e.status).toBe(429), expect(e.retryAfterMs).toBe(1000))],
      ['429-no-retry-after', false, (e) => (expect(e.status).toBe(429), expect(e.retryAfterMs).toBeUndefined())],
      ['500', false, (e) => expect(e.status).toBe(500)],
      ['502', true, (e) => expect(e.status).toBe(502)],
      ['503', false, (e) => expect(e.status).toBe(503)],
      ['reset', false, (e) => (expect(e.status).toBeUndefined(), expect(e.message).toMatch(/connection failed: (other side closed|socket hang up)/))], // fetch / node:http wording
      ['timeout', true, (e) => expect(e.message).toMatch(/request timed out$/)],
      ['truncated', false, (e) => expect(e.message).toMatch(/response broken off/)],
      ['non-json', false, (e) => expect(e.message).toMatch(/did not answer with a (chat completion|message) \(got: <html>/)],
      ['non-json', true, (e) => expect(e.message).toMatch(/did not answer with an event stream \(content-type: text\/html/)],
      ['stream-cut', true, (e) => expect(e.message).toMatch(/response broken off/)],
    ];
    for (const [kind, stream, check] of faults) {
      it(`fault ${kind} (stream=${stream}) is a retryable ProviderError`, async () => {
        server.failNext(1, kind);
        const err = await rejection(() => adapter({ timeoutMs: 300 }).complete({ messages: RAG_MESSAGES, stream }));
        expect(err).toBeInstanceOf(ProviderError);
        expect(err.retryable).toBe(true);
        expect(err.provider).toBe(`${name}:test-model`);
        check(err);
        // The server is fine afterwards: the next call succeeds.
        expect((await adapter().complete({ messages: RAG_MESSAGES, stream })).text).toBe(RAG_ANSWER);
      });
    }

    it('a stream cut midway is retried and then succeeds', async () => {
      server.failNext(1, 'stream-cut');
      const { sleep } = recordingSleep();
      const r = await withRetry(adapter(), {}, { sleep }).complete({ messages: RAG_MESSAGES, stream: true });
      expect(r.attempts).toBe(2);
      expect(r.text).toBe(RAG_ANSWER);
    });

    it('withRetry times out a silent call, retries, and succeeds', async () => {
      server.failNext(1, 'timeout');
      const { sleep } = recordingSleep();
      const errors: string[] = [];
      const p = withRetry(adapter({ timeoutMs: 60_000 }), { timeoutMs: 200 }, { sleep, onRetry: (e) => errors.push(e.message) });
      const r = await p.complete({ messages: RAG_MESSAGES });
      expect(r.attempts).toBe(2);
      expect(errors).toEqual([`${name}:test-model: no answer within 200 ms`]);
    });

    it('cancellation stops at once with CancelledError and no retry', async () => {
      server.failNext(1, 'timeout');
      const controller = new AbortController();
      const { delays, sleep } = recordingSleep();
      setTimeout(() => controller.abort(new Error('interrupted')), 100);
      const err = await rejection(() => withRetry(adapter(), {}, { sleep }).complete({ messages: RAG_MESSAGES }, { signal: controller.signal }));
      expect(err).toBeInstanceOf(CancelledError);
      expect(delays).toEqual([]);
      expect(server.stats().requests).toBe(1);
    });

    it('a stream that ends cleanly without its terminator is a retryable error', async () => {
      const partial = await partialStreamServer(name);
      try {
        const err = await rejection(() => adapter({ baseURL: baseURL(partial.url), fetch: undefined }).complete({ messages: RAG_MESSAGES, stream: true }));
        expect(err).toBeInstanceOf(ProviderError);
        expect(err.retryable).toBe(true);
        expect(err.message).toMatch(/stream ended before/);
      } finally {
        await new Promise((r) => partial.server.close(r));
      }
    });
  });
}

/** Sends a well-formed but unfinished event stream and ends the response normally. */
async function partialStreamServer(dialect: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (dialect === 'openai') {
      res.end(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: 'Tickets' }, finish_reason: null }] })}\n\n`);
    } else {
      const start = { type: 'message_start', message: { id: 'x', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } } };
      res.end(
        `event: message_start\ndata: ${JSON.stringify(start)}\n\n` +
          `event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n` +
          `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Tickets' } })}\n\n`,
      );
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
