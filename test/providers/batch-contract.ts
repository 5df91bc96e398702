import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { LOOKUP_SKEW_MS, type BatchApi, type BatchOutcome } from '../../src/providers/batch.js';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';
import { resolveProvider } from '../../src/providers/resolve.js';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import { RAG_ANSWER, RAG_MESSAGES, judgeRequest } from './support.js';

/**
 * One batch protocol through its real SDK, over HTTP to the mock server (a separate socket, the
 * pooled transport resolve() gives users): submit, poll until the delay has passed, results by
 * custom_id equal to single calls, a partial failure, an expiry, cancel, and a server without batches.
 */
export function describeBatchContract(kind: 'openai' | 'anthropic'): void {
  const env = (url: string) =>
    kind === 'openai' ? { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `${url}/v1` } : { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: url };
  const spec = kind === 'openai' ? 'openai:gpt-4o-mini' : 'anthropic:claude-haiku-4-5';
  const requests: Record<string, CompletionRequest> = {
    a: { messages: RAG_MESSAGES, maxTokens: 64 },
    b: { messages: [{ role: 'user', content: 'Say something about tickets.' }] },
    j: judgeRequest(RAG_ANSWER, RAG_ANSWER),
  };
  const items = Object.entries(requests).map(([customId, request]) => ({ customId, request }));

  describe(`${kind} batch API through the SDK`, () => {
    let server: MockServer;
    let provider: Provider;
    let api: BatchApi;
    beforeAll(async () => {
      server = await startMockServer({ batch: { inProgressLooks: 2 } });
      provider = await resolveProvider(spec, { env: env(server.url) });
      api = provider.batch!;
    });
    afterAll(async () => {
      await provider.close?.();
      await server.close();
    });
    beforeEach(() => server.reset());

    async function ended(id: string): Promise<number> {
      let polls = 0;
      for (;;) {
        polls++;
        const s = await api.status(id);
        if (s.state === 'ended') return polls;
        expect(s.counts).toEqual({ total: 3, succeeded: 0, errored: 0, pending: 3 });
        
      }
    }
    const byId = (outcomes: BatchOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.customId, o]));

    it('submits once, stays in progress until the delay has passed, and answers as single calls do', async () => {
      await api.check();
      const id = await api.submit(items, 'b_contract1');
      expect((await api.status(id)).state).toBe('in_progress');
      expect(await ended(id)).toBe(2);
      const status = await api.status(id);
      expect(status.counts).toEqual({ total: 3, succeeded: 3, errored: 0, pending: 0 });
      expect(server.stats().batches).toEqual({ created: 1, requests: 3, byCustomId: { a: 1, b: 1, j: 1 } });
      const out = byId(await api.results(id));
      for (const [customId, request] of Object.entries(requests)) {
        const o = out[customId]!;
        expect(o.kind).toBe('succeeded');
        const single = await provider.complete(request);
        const fromBatch = api.answer((o as { body: unknown }).body, request);
        expect(fromBatch.text).toBe(single.text);
        expect(fromBatch.structured).toEqual(single.structured);
        expect(fromBatch.usage).toEqual(single.usage);
      }
      expect(out.a && api.answer((out.a as { body: unknown }).body, requests.a!).text).toBe(RAG_ANSWER);
      expect(api.answer((out.j as { body: unknown }).body, requests.j!).structured).toMatchObject({ correctness: { score: 5 } });
    });

    it('records a partial failure per request, with the server message', async () => {
      server.failNext(1, '500');
      const id = await api.submit(items, 'b_contract2');
      await ended(id);
      expect((await api.status(id)).counts).toEqual({ total: 3, succeeded: 2, errored: 1, pending: 0 });
      const out = await api.results(id);
      const failed = out.filter((o) => o.kind === 'errored');
      expect(failed).toEqual([{ customId: 'a', kind: 'errored', message: expect.stringContaining('mock server error 500') }]);
      expect(failed[0]!.kind === 'errored' && failed[0]!.message).toMatch(new RegExp(`^${spec}: `));
    });

    it('expires: the requests that did not run come back as expired', async () => {
      server.expireNextBatch(1);
      const id = await api.submit(items, 'b_contract3');
      await ended(id);
      const s = await api.status(id);
      expect(s.providerStatus).toBe(kind === 'openai' ? 'expired' : 'ended');
      const out = byId(await api.results(id));
      expect(out.a!.kind).toBe('succeeded');
      expect([out.b!.kind, out.j!.kind]).toEqual(['expired', 'expired']);
      expect((out.b as { message: string }).message).toMatch(/expired/);
    });

    it('cancels a batch in progress: nothing in it runs', async () => {
      const id = await api.submit(items, 'b_contract4');
      await api.cancel(id);
      const s = await api.status(id);
      expect(s.state).toBe('ended');
      expect((await api.results(id)).map((o) => o.kind)).toEqual(['canceled', 'canceled', 'canceled']);
      expect(server.stats().requests).toBe(0);
    });

    it('finds a submission by its key after the fact (the process died before storing the id), and nothing else', async () => {
      // custom_ids of their own: the other tests' batches (ended) hold a, b and j
      const mine = items.map((i) => ({ ...i, customId: `L${i.customId}` }));
      const customIds = mine.map((i) => i.customId);
      const at = new Date().toISOString();
      const id = await api.submit(mine, 'b_lookup');
      const hint = { createdAt: at, customIds, known: [] };
      // in progress: OpenAI by the metadata key; Anthropic, without metadata, by its size and time
      expect(await api.find('b_lookup', hint)).toBe(id);
      expect(await api.find('b_other', { ...hint, customIds: ['x'] })).toBeNull();
      expect(await api.find('b_lookup', { ...hint, known: [id] })).toBe(kind === 'openai' ? id : null);
      if (kind === 'openai') expect(await api.find('b_other', hint)).toBeNull();
      await ended(id);
      expect(await api.find('b_lookup', hint)).toBe(id);
      // ended: Anthropic takes a batch only if its results are these custom_ids
      if (kind === 'anthropic') expect(await api.find('b_lookup', { ...hint, customIds: ['p', 'q', 'r'] })).toBeNull();
      // a batch from before the submission (less the clock skew) is not looked at
      expect(await api.find('b_lookup', { ...hint, createdAt: new Date(Date.now() + 2 * LOOKUP_SKEW_MS).toISOString() })).toBeNull();
      expect(server.stats().batches.created).toBe(1);
    });

    it('says so, in one line, when the server has no batch API', async () => {
      const bare = createServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
      });
      await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
      const p = await resolveProvider(spec, { env: env(url) });
      try {
        const err = await p.batch!.check().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as Error).message).toMatch(new RegExp(`^${spec}: the server at ${url}.* has no batch API \\(GET .*batches answered 404\\); run without --batch$`));
      } finally {
        await p.close?.();
        await new Promise((r) => bare.close(r));
      }
    });
  });
}
