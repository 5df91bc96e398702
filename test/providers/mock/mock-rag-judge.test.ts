import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAG_REQUESTS } from '../../../src/core/judge-requests.js';
import { lastBlock } from '../../../src/providers/mock/mock-model.js';
import { createMockProvider, type MockProvider } from '../../../src/providers/mock/mock-provider.js';
import { ragJudgeAnswer, sentences } from '../../../src/providers/mock/mock-rag-judge.js';

const ask = (name: string, prompt: string) => ragJudgeAnswer(name, (tag) => lastBlock(prompt, tag));

const CONTEXT = '<context>\n[kb-1] Annual plans can be refunded in full within 14 days of purchase.\n[#2] Monthly plans are not refundable.\n</context>';

describe('the mock RAG judge', () => {
  it('splits a text into sentences with content words', () => {
    expect(sentences('Annual plans can be refunded. It is.\nMonthly plans: no! 2 GB')).toEqual(['Annual plans can be refunded.', 'Monthly plans: no!', '2 GB']);
    expect(ask(RAG_REQUESTS.answerClaims, 'Split <text> please.\n<text>\nIt is. The Pro plan has 100 GB.\n</text>')).toEqual({ claims: ['The Pro plan has 100 GB.'] });
  });

  it('judges claims supported (words and figures in one chunk), contradicted (other figures) or not found', () => {
    const claims = '<claims>\n[1] Annual plans can be refunded within 14 days.\n[2] Annual plans can be refunded within 30 days.\n[3] Support answers by phone.\n</claims>';
    expect(ask(RAG_REQUESTS.claimVerdicts, `${CONTEXT}\n${claims}`)).toEqual({
      verdicts: [
        { claim: 1, reason: "Mock judge: 100% of the claim's words are in chunk [kb-1].", verdict: 'supported', chunk: 'kb-1' },
        { claim: 2, reason: 'Mock judge: chunk [kb-1] says 14, the claim says 30.', verdict: 'contradicted', chunk: 'kb-1' },
        { claim: 3, reason: "Mock judge: at most 0% of the claim's words are in any chunk.", verdict: 'not_found', chunk: '' },
      ],
    });
  });

  it('judges chunks relevant when they hold more than half of the golden answer', () => {
    const prompt = `<reference>\nrefunded within 14 days\n</reference>\n${CONTEXT}`;
    expect(ask(RAG_REQUESTS.chunkVerdicts, prompt)).toEqual({
      verdicts: [
        { chunk: 'kb-1', reason: "Mock judge: the chunk holds 100% of the golden answer's words.", verdict: 'relevant' },
        { chunk: '#2', reason: "Mock judge: the chunk holds only 0% of the golden answer's words.", verdict: 'irrelevant' },
      ],
    });
  });

  it('answers nothing for a request it does not know (the generic schema filler takes it)', () => {
    expect(ask('verdict', CONTEXT)).toBeUndefined();
  });
});

describe('a case script reaches the mock through the real SDKs, over HTTP', () => {
  let openai: MockProvider;
  let anthropic: MockProvider;
  beforeAll(async () => {
    openai = await createMockProvider('mock+http');
    anthropic = await createMockProvider('mock+http:anthropic');
  });
  afterAll(async () => {
    await openai?.close?.();
    await anthropic?.close?.();
  });

  const structured = { name: RAG_REQUESTS.answerClaims, schema: { type: 'object', properties: { claims: { type: 'array', items: { type: 'string' } } } } };
  for (const which of ['openai', 'anthropic'] as const) {
    it(`${which}: a scripted object is the structured answer, a scripted string the text; without a script the heuristic answers`, async () => {
      const p = which === 'openai' ? openai : anthropic;
      const messages = [{ role: 'user' as const, content: '<text>\nOne claim here.\n</text>' }];
      const obj = await p.complete({ messages, structured, meta: { script: { claims: ['scripted'] } } });
      expect(obj.structured).toEqual({ claims: ['scripted'] });
      const text = await p.complete({ messages, structured, meta: { script: 'no JSON for you' } });
      expect(text.structured).toBeUndefined();
      expect(text.text).toBe('no JSON for you');
      const answer = await p.complete({ messages, meta: { expected: 'golden', script: 'the scripted system answer' } });
      expect(answer.text).toBe('the scripted system answer');
      const heuristic = await p.complete({ messages, structured });
      expect(heuristic.structured).toEqual({ claims: ['One claim here.'] });
    });
  }
});
