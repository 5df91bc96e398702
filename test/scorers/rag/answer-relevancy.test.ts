import { describe, expect, it } from 'vitest';
import { kase } from '../helpers.js';
import { refundCase, withMockJudge } from './support.js';

describe('answer-relevancy', () => {
  const judge = withMockJudge();

  it('is the share of the answer\'s claims relevant to the question', async () => {
    const output = 'Annual plans can be refunded in full within 14 days of purchase. Our office is in Lisbon.';
    const { score } = await judge.score('  - answer-relevancy', output, refundCase());
    expect(score.value).toBe(0.5);
    expect(score.reason).toBe('1 of 2 claims relevant to the question; irrelevant: "Our office is in Lisbon."');
    expect(score.claims!.map((c) => [c.text, c.verdict, c.chunk])).toEqual([
      ['Annual plans can be refunded in full within 14 days of purchase.', 'relevant', null],
      ['Our office is in Lisbon.', 'irrelevant', null],
    ]);
  });

  it('counts a bare short answer as relevant when it restates a retrieved chunk', async () => {
    const c = kase({
      id: 'trash',
      vars: { question: 'How long are deleted notes kept in the trash?' },
      context: ['Deleted notes stay in the Trash for 30 days before they are removed permanently.', 'Admins can restore notes.'],
    });
    expect((await judge.score('  - answer-relevancy', '30 days', c)).score.value).toBe(1);
  });

  it('is unscored on nonsense or a missing verdict', async () => {
    const bad = await judge.score('  - answer-relevancy', 'Annual plans can be refunded.', refundCase({ mock: { relevancy_verdicts: 'no comment' } }));
    expect(bad.score).toMatchObject({ value: null, reason: 'judge answer to relevancy_verdicts is not a JSON object: "no comment"' });
    const none = await judge.score('  - answer-relevancy', 'Annual plans can be refunded.', refundCase({ mock: { relevancy_verdicts: { verdicts: [] } } }));
    expect(none.score.reason).toBe('judge gave no verdict for claim 1 of 1 ("Annual plans can be refunded.")');
  });
});
