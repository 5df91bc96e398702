import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadSuite } from '../../src/loader/load-suite.js';
import { renderPrompt } from '../../src/templates/render-prompt.js';
import { buildScorers } from '../../src/scorers/registry.js';
import { decideCase } from '../../src/scorers/thresholds.js';
import type { Provider } from '../../src/providers/provider.js';
import { createMockProvider } from '../../src/providers/mock/mock-provider.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The example suites must run green on the built-in mock: the system answers with the golden
 * answer, the mock judge scores it by overlap with the reference. Real HTTP, real SDK. The one
 * exception is rag-faq's storage-free, whose case scripts a wrong answer to show a failing claim.
 */
describe('example suites on the built-in mock', () => {
  let mock: Provider;
  beforeAll(async () => {
    mock = await createMockProvider('mock');
  });
  afterAll(async () => {
    await mock?.close?.();
  });

  const RAG = ['faithfulness', 'hallucination', 'answer-relevancy', 'context-precision', 'context-recall'];
  for (const [file, count, criteria] of [
    ['suites/rag-faq.yaml', 12, ['contains', 'rubric.faithfulness', 'rubric.relevance', ...RAG]],
    ['suites/support-reply.yaml', 10, ['rubric.helpfulness', 'rubric.tone', 'rubric.accuracy', 'rubric.actionability', 'no-ai-disclaimer']],
    ['suites/ticket-classify.yaml', 20, ['exact', 'icontains', 'label-set']],
  ] as const) {
    it(`${file}: ${count} cases, every one passes (but a scripted wrong answer)`, async () => {
      const suite = loadSuite(root + file);
      expect(suite.cases).toHaveLength(count);
      expect(suite.provider).toBe('mock');
      expect(suite.scorers.flatMap((s) => s.criteria)).toEqual(criteria);
      const scorers = buildScorers(suite, { judge: mock });
      for (const c of suite.cases) {
        if (c.mock?.answer !== undefined) continue;
        const messages = renderPrompt(suite.prompt, c);
        const result = await mock.complete({ messages, meta: { caseId: c.id, repeat: 0, expected: c.expected } });
        const scores = (await Promise.all(scorers.map((s) => s.score(result.text, c)))).flat();
        expect(scores.map((s) => s.criterion)).toEqual(criteria);
        expect(scores.filter((s) => s.passed !== true).map((s) => `${c.id} ${s.criterion}: ${s.reason}`)).toEqual([]);
        expect(decideCase(suite.pass, scores)).toBe('passed');
      }
    });
  }

  it('the rag prompt numbers the context passages and asks the question', () => {
    const suite = loadSuite(root + 'suites/rag-faq.yaml');
    const [msg] = renderPrompt(suite.prompt, suite.cases.find((c) => c.id === 'trash')!);
    expect(msg!.content).toContain('Context:\n[1] Deleted notes stay in the Trash for 30 days before they are removed permanently.\n[2] Admins can');
    expect(msg!.content).toContain('Question: How long are deleted notes kept in the trash?\nAnswer:');
  });

  it('rag-faq storage-free: the scripted answer states a wrong figure, and faithfulness names the claim', async () => {
    const suite = loadSuite(root + 'suites/rag-faq.yaml');
    const scorers = buildScorers(suite, { judge: mock });
    const c = suite.cases.find((x) => x.id === 'storage-free')!;
    const result = await mock.complete({ messages: renderPrompt(suite.prompt, c), meta: { caseId: c.id, expected: c.expected, script: c.mock!.answer } });
    expect(result.text).toBe('The Free plan includes 5 GB of storage. It works on up to 3 devices.');
    const scores = (await Promise.all(scorers.map((s) => s.score(result.text, c)))).flat();
    const faith = scores.find((s) => s.criterion === 'faithfulness')!;
    expect([faith.value, faith.passed]).toEqual([0.5, false]);
    expect(faith.claims!.map((x) => [x.verdict, x.chunk, x.text])).toEqual([
      ['contradicted', 'plan-free', 'The Free plan includes 5 GB of storage.'],
      ['supported', 'plan-free', 'It works on up to 3 devices.'],
    ]);
    expect(scores.find((s) => s.criterion === 'hallucination')).toMatchObject({ value: 0.5, passed: false });
    expect(decideCase(suite.pass, scores)).toBe('failed');
  });

  it('a wrong system answer fails the rag suite (the mock judge is not a rubber stamp)', async () => {
    const suite = loadSuite(root + 'suites/rag-faq.yaml');
    const scorers = buildScorers(suite, { judge: mock });
    const c = suite.cases.find((x) => x.id === 'refund')!;
    const scores = (await Promise.all(scorers.map((s) => s.score('Refunds are never possible.', c)))).flat();
    expect(decideCase(suite.pass, scores)).toBe('failed');
  });
});
