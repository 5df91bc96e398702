import { describe, expect, it } from 'vitest';
import { refundCase, withMockJudge } from './support.js';

describe('context-recall', () => {
  const judge = withMockJudge();

  it('is the share of the golden answer\'s statements found in the context, stored as statements', async () => {
    const c = refundCase({ expected: 'Annual plans can be refunded within 14 days. Refunds go to the original card.' });
    const { score, calls } = await judge.score('  - context-recall', 'the output does not matter here', c);
    expect(score.value).toBe(0.5);
    expect(score.reason).toBe('1 of 2 golden-answer statements found in the context; missing: "Refunds go to the original card."');
    expect(score.claims!.map((s) => [s.kind, s.text, s.verdict, s.chunk])).toEqual([
      ['statement', 'Annual plans can be refunded within 14 days.', 'supported', 'kb-1'],
      ['statement', 'Refunds go to the original card.', 'not_found', null],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('follows the reference_* scripts, and is unscored without a golden answer', async () => {
    const c = refundCase({
      mock: {
        reference_claims: { claims: ['A', 'B', 'C'] },
        reference_verdicts: { verdicts: ['supported', 'supported', 'contradicted'].map((verdict, i) => ({ claim: i + 1, reason: 'r', verdict, chunk: '#2' })) },
      },
    });
    const { score } = await judge.score('  - context-recall', 'x', c);
    expect(score.value).toBe(0.6667);
    expect(score.claims!.map((s) => s.chunk)).toEqual(['kb-1', 'kb-1', 'kb-1']);
    const noExpected = refundCase();
    delete noExpected.expected;
    expect((await judge.score('  - context-recall', 'x', noExpected)).score).toMatchObject({ value: null, reason: 'case "refund" has no expected answer' });
  });
});
