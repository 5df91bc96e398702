import { afterAll, beforeAll } from 'vitest';
import type { Case } from '../../../src/core/case.js';
import type { Score } from '../../../src/core/score.js';
import { createMockProvider, type MockProvider } from '../../../src/providers/mock/mock-provider.js';
import type { ScorerCall } from '../../../src/scorers/scorer.js';
import { kase, suiteWith } from '../helpers.js';

/** A refund FAQ case: two chunks with ids, a golden answer, and optional `mock` scripts. */
export function refundCase(extra: Record<string, unknown> = {}): Case {
  return kase({
    id: 'refund',
    vars: { question: 'Do you offer refunds on annual plans?' },
    context: [
      { id: 'kb-2', text: 'Monthly plans are not refundable but can be cancelled at any time.', score: 0.71 },
      { id: 'kb-1', text: 'Annual plans can be refunded in full within 14 days of purchase.', score: 0.64 },
    ],
    expected: 'Annual plans can be refunded within 14 days.',
    ...extra,
  });
}

/**
 * The built-in mock as the judge, reached through the real OpenAI (or Anthropic) SDK, and a way to
 * score one output with a scorer built from suite YAML (so option parsing runs too).
 */
export function withMockJudge(spec = 'mock') {
  let judge: MockProvider;
  beforeAll(async () => {
    judge = await createMockProvider(spec);
  });
  afterAll(async () => {
    await judge?.close?.();
  });
  return {
    async score(scorerYaml: string, output: string, c: Case): Promise<{ score: Score; calls: ScorerCall[] }> {
      const { scorers } = suiteWith(scorerYaml, '', { judge });
      const calls: ScorerCall[] = [];
      const scores = await scorers[0]!.score(output, c, { onCall: (call) => void calls.push(call) });
      if (scores.length !== 1) throw new Error(`expected one score, got ${scores.length}`);
      return { score: scores[0]!, calls };
    },
  };
}
