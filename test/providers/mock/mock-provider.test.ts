import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.js';
import { createMockProvider, parseMockSpec } from '../../../src/providers/mock/mock-provider.js';
import { RAG_ANSWER, RAG_MESSAGES, judgeRequest } from '../support.js';

describe('mock provider', () => {
  it('parses mock specs (in-memory by default, mock+http for a real socket)', () => {
    expect(parseMockSpec('mock')).toEqual({ dialect: 'openai', model: 'mock', transport: 'memory' });
    expect(parseMockSpec('mock:gpt-x')).toEqual({ dialect: 'openai', model: 'gpt-x', transport: 'memory' });
    expect(parseMockSpec('mock:anthropic')).toEqual({ dialect: 'anthropic', model: 'mock', transport: 'memory' });
    expect(parseMockSpec('mock:anthropic:claude-y')).toEqual({ dialect: 'anthropic', model: 'claude-y', transport: 'memory' });
    expect(parseMockSpec('mock+http')).toEqual({ dialect: 'openai', model: 'mock', transport: 'http' });
    expect(parseMockSpec('mock+http:anthropic:claude-y')).toEqual({ dialect: 'anthropic', model: 'claude-y', transport: 'http' });
  });

  for (const spec of ['mock', 'mock:anthropic', 'mock+http', 'mock+http:anthropic']) {
    it(`${spec}: answers with the golden answer when the case has one, else from the prompt`, async () => {
      const p = await createMockProvider(spec);
      try {
        expect(p.id).toBe(spec);
        expect((await p.complete({ messages: RAG_MESSAGES, meta: { caseId: 'c1', expected: 'Twelve euros.' } })).text).toBe('Twelve euros.');
        expect((await p.complete({ messages: RAG_MESSAGES, stream: true })).text).toBe(RAG_ANSWER);
        const verdict = await p.complete(judgeRequest('Adult tickets are twelve euros', 'Adult tickets cost twelve euros'));
        expect((verdict.structured as any).correctness.score).toBe(4); // recall 4/5 → round(0.8·4) = 3 → level 4
        expect(p.stats().requests).toBe(3);
      } finally {
        await p.close!();
      }
    });
  }

  it('mock+http: shares one server between providers and stops it when the last closes', async () => {
    const a = await createMockProvider('mock+http');
    const b = await createMockProvider('mock+http:anthropic');
    const url = a.url;
    expect(b.url).toBe(url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await a.close!();
    expect((await b.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER); // still up for b
    expect((await (await fetch(url + '/_stats')).json()).requests).toBe(1);
    await b.close!();
    await expect(fetch(url + '/_stats')).rejects.toThrow();
    await b.close!(); // idempotent
  });

  it('in memory: system and judge share one mock (stats and faults span both); a new pair starts fresh', async () => {
    const a = await createMockProvider('mock', { server: { faults: { rate: 0, kinds: [] } } });
    const b = await createMockProvider('mock:anthropic', { server: { faults: { rate: 0, kinds: [] } } });
    try {
      await a.complete({ messages: RAG_MESSAGES });
      await b.complete({ messages: RAG_MESSAGES });
      expect(a.stats().requests).toBe(2);
      expect(b.stats()).toEqual(a.stats());
    } finally {
      await a.close!();
      await b.close!();
    }
    const c = await createMockProvider('mock', { server: { faults: { rate: 0, kinds: [] } } });
    expect(c.stats().requests).toBe(0);
    await c.close!();
  });

  for (const spec of ['mock', 'mock+http']) {
    it(`${spec}: applies the options it was given (fault injection)`, async () => {
      const p = await createMockProvider(spec, { server: { faults: { rate: 1, kinds: ['503'] } } });
      try {
        await expect(p.complete({ messages: RAG_MESSAGES })).rejects.toMatchObject({ status: 503, retryable: true });
      } finally {
        await p.close!();
      }
    });
  }

  it('in memory: the event loop keeps turning during a long burst of calls (timers, Ctrl-C, progress)', async () => {
    const p = await createMockProvider('mock');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const worker = async () => {
        for (let i = 0; i < 150; i++) expect((await p.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER);
      };
      const t0 = performance.now();
      await Promise.all([worker(), worker(), worker(), worker()]);
      // Only meaningful if the burst lasted long enough for a 1 ms interval to be due several times.
      expect(performance.now() - t0).toBeGreaterThan(20);
      expect(ticks).toBeGreaterThan(0); // 0 if the calls were one unbroken chain of microtasks
      expect(p.stats()).toEqual({ requests: 600, byKey: {}, batches: { created: 0, requests: 0, byCustomId: {} } });
    } finally {
      clearInterval(timer);
      await p.close!();
    }
  });

  it('in memory: latency is applied and a cancelled call stops waiting at once', async () => {
    const p = await createMockProvider('mock', { server: { latencyMs: 150 } });
    try {
      const t0 = performance.now();
      expect((await p.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stop')), 20);
      await expect(p.complete({ messages: RAG_MESSAGES }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    } finally {
      await p.close!();
    }
  });
});
