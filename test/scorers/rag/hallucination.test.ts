import { describe, expect, it } from 'vitest';
import { refundCase, withMockJudge } from './support.js';

describe('hallucination', () => {
  const judge = withMockJudge();

  it('is the contradicted share of the claims (lower is better): passes at or under the threshold', async () => {
    const output = 'Annual plans can be refunded in full within 30 days of purchase. Monthly plans can be cancelled at any time. Refunds are paid by cheque.';
    const { score } = await judge.score('  - hallucination: 0.2', output, refundCase());
    expect(score.value).toBe(0.3333);
    expect(score.passed).toBe(false);
    expect(score.reason).toBe('1 of 3 claims contradicted by the context: "Annual plans can be refunded in full within 30 days of purchase."');
    expect(score.claims!.map((c) => c.verdict)).toEqual(['contradicted', 'supported', 'not_found']);
    const clean = await judge.score('  - hallucination', 'Monthly plans can be cancelled at any time.', refundCase());
    expect(clean.score).toMatchObject({ value: 0, passed: true, reason: 'none of 1 claims contradicted by the context' });
  });

  it('is unscored when there are no claims', async () => {
    const { score } = await judge.score('  - hallucination', 'Hm.', refundCase({ mock: { answer_claims: { claims: ['  '] } } }));
    expect(score).toMatchObject({ value: null, reason: 'the judge found no claims in the answer' });
  });
});
