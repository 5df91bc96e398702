import { describe, expect, it } from 'vitest';
import { createMockProvider, parseMockSpec } from '../../../src/providers/mock/mock-provider.js';
import { RAG_ANSWER, RAG_MESSAGES, judgeRequest } from '../support.js';

describe('mock provider', () => {
  it('parses mock specs', () => {
    expect(parseMockSpec('mock')).toEqual({ dialect: 'openai', model: 'mock' });
    expect(parseMockSpec('mock:gpt-x')).toEqual({ dialect: 'openai', model: 'gpt-x' });
    expect(parseMockSpec('mock:anthropic')).toEqual({ dialect: 'anthropic', model: 'mock' });
    expect(parseMockSpec('mock:anthropic:claude-y')).toEqual({ dialect: 'anthropic', model: 'claude-y' });
  });

  for (const spec of ['mock', 'mock:anthropic']) {
    it(`${spec}: answers with the golden answer when the case has one, else from the prompt`, async () => {
      const p = await createMockProvider(spec);
      try {
        expect(p.id).toBe(spec);
        expect((await p.complete({ messages: RAG_MESSAGES, meta: { caseId: 'c1', expected: 'Twelve euros.' } })).text).toBe('Twelve euros.');
        expect((await p.complete({ messages: RAG_MESSAGES, stream: true })).text).toBe(RAG_ANSWER);
        const verdict = await p.complete(judgeRequest('Adult tickets are twelve euros', 'Adult tickets cost twelve euros'));
        expect((verdict.structured as any).correctness.score).toBe(4); // recall 4/5 → round(0.8·4) = 3 → level 4
      } finally {
        await p.close!();
      }
    });
  }

  it('shares one server between providers and stops it when the last closes', async () => {
    const a = await createMockProvider('mock');
    const b = await createMockProvider('mock:anthropic');
    const url = a.url;
    expect(b.url).toBe(url);
    await a.close!();
    expect((await b.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER); // still up for b
    await b.close!();
    await expect(fetch(url + '/_stats')).rejects.toThrow();
    await b.close!(); // idempotent
  });

  it('applies the server options it was given (fault injection)', async () => {
    const p = await createMockProvider('mock', { server: { faults: { rate: 1, kinds: ['503'] } } });
    try {
      await expect(p.complete({ messages: RAG_MESSAGES })).rejects.toMatchObject({ status: 503, retryable: true });
    } finally {
      await p.close!();
    }
  });
});

