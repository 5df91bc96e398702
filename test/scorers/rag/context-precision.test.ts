import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../../src/scorers/rag/context-precision.js';
import { kase } from '../helpers.js';
import { refundCase, withMockJudge } from './support.js';

describe('averagePrecision', () => {
  // Reference values: sklearn.metrics.average_precision_score(y_true, y_score) with y_score the
  // reversed ranks (equal to RAGAS's Σ precision@k·rel_k / Σ rel_k when every relevant item is ranked):
  // [0,1,1] → (1/2 + 2/3) / 2 = 0.58333; [1,0,1] → (1 + 2/3) / 2 = 0.83333; [1,1,0] → 1; [0,0,1] → 1/3.
  it('matches hand-computed average precision', () => {
    expect(averagePrecision([false, true, true])).toBeCloseTo(0.583333, 6);
    expect(averagePrecision([true, false, true])).toBeCloseTo(0.833333, 6);
    expect(averagePrecision([true, true, false])).toBe(1);
    expect(averagePrecision([false, false, true])).toBeCloseTo(1 / 3, 12);
    expect(averagePrecision([false, false])).toBe(0);
  });
});

describe('context-precision', () => {
  const judge = withMockJudge();

  it('judges each chunk against the golden answer and rewards relevant chunks ranked first', async () => {
    const { score, calls } = await judge.score('  - context-precision', 'unused', refundCase());
    // kb-2 (rank 1) is irrelevant, kb-1 (rank 2) is relevant: AP = 1/2
    expect(score.value).toBe(0.5);
    expect(score.reason).toBe('1 of 2 chunks relevant to the golden answer, at rank 2');
    expect(score.claims!.map((c) => [c.kind, c.chunk, c.verdict])).toEqual([
      ['chunk', 'kb-2', 'irrelevant'],
      ['chunk', 'kb-1', 'relevant'],
    ]);
    expect(score.claims![1]!.text).toBe('Annual plans can be refunded in full within 14 days of purchase.');
    expect(calls).toHaveLength(1);
  });

  it('scripted verdicts, matched by chunk label in any order; chunks without ids are #rank', async () => {
    const c = kase({
      id: 'p',
      vars: { question: 'q?' },
      expected: 'e',
      context: ['one', 'two', 'three'],
      mock: {
        chunk_verdicts: {
          verdicts: [
            { chunk: '#3', reason: 'yes', verdict: 'relevant' },
            { chunk: '#1', reason: 'no', verdict: 'irrelevant' },
            { chunk: '#2', reason: 'yes', verdict: 'relevant' },
          ],
        },
      },
    });
    const { score } = await judge.score('  - context-precision', 'x', c);
    expect(score.value).toBe(0.5833);
    expect(score.claims!.map((x) => [x.chunk, x.text, x.verdict])).toEqual([
      ['#1', 'one', 'irrelevant'],
      ['#2', 'two', 'relevant'],
      ['#3', 'three', 'relevant'],
    ]);
  });

  it('no relevant chunk is a real 0; no context or no golden answer is unscored', async () => {
    const none = await judge.score('  - context-precision', 'x', refundCase({ expected: 'Our office is in Lisbon.' }));
    expect(none.score).toMatchObject({ value: 0, passed: false, reason: 'none of 2 chunks relevant to the golden answer' });
    const noContext = refundCase();
    delete noContext.context;
    expect((await judge.score('  - context-precision', 'x', noContext)).score).toMatchObject({ value: null, reason: 'case "refund" has no context to judge' });
    const missing = await judge.score('  - context-precision', 'x', refundCase({ mock: { chunk_verdicts: { verdicts: [{ chunk: 'kb-2', reason: '', verdict: 'relevant' }] } } }));
    expect(missing.score).toMatchObject({ value: null, reason: 'judge gave no verdict for chunk kb-1 (2 of 2)' });
  });
});
