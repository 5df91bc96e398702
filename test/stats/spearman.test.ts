import { describe, expect, it } from 'vitest';
import { spearman } from '../../src/stats/spearman.js';
import { reasonOf } from './vectors.js';

// Reference values computed with scipy 1.17.1 scipy.stats.spearmanr (average ranks for ties).
describe('spearman', () => {
  it('matches scipy.stats.spearmanr on tie-heavy integer data', () => {
    const x = [1, 2, 2, 3, 4, 4, 4, 5, 1, 3, 2, 5];
    const y = [2, 1, 2, 3, 5, 4, 3, 5, 1, 2, 2, 4];
    expect(spearman(x, y).value).toBeCloseTo(0.8775269089525568, 13);
  });

  it('matches scipy on real-valued data with ties, a negative association', () => {
    expect(spearman([12.5, 3.1, 7.7, 7.7, 0.2, 9.9, 3.1], [1, 5, 2, 2, 7, 1, 4]).value).toBeCloseTo(-0.9814814814814815, 13);
  });

  it('drops pairs with a missing side (unscored is not 0)', () => {
    const withNull = spearman([1, 2, null, 3, 4], [1, 3, 100, 2, 4]).value;
    expect(withNull).toBeCloseTo(spearman([1, 2, 3, 4], [1, 3, 2, 4]).value!, 14);
    expect(withNull).toBeCloseTo(0.8, 14);
  });

  it('is 1 for any increasing transform and symmetric', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(spearman(x, x.map((v) => v ** 3 + 7)).value).toBeCloseTo(1, 14);
    const y = [2, 7, 1, 8, 2, 8, 1, 8];
    expect(spearman(x, y).value).toBeCloseTo(spearman(y, x).value!, 14);
  });

  it('is undefined for zero variance and for fewer than two pairs', () => {
    expect(reasonOf(spearman([1, 2, 3], [4, 4, 4]))).toMatch(/same score/);
    expect(reasonOf(spearman([1, null], [null, 2]))).toMatch(/fewer than two/);
    expect(spearman([], []).value).toBeNull();
  });
});

describe('spearman on a constant side', () => {
  it('is undefined, not a rounding-error -0.00 (12 items where mean rank is not exact in binary)', () => {
    const judge = Array.from({ length: 12 }, () => 5);
    const humans = [4.5, 5, 4, 5, 3.5, 5, 4, 4.5, 5, 3, 4, 5];
    const r = spearman(judge, humans);
    expect(r.value).toBeNull();
    expect(r).toHaveProperty('reason');
    const r2 = spearman([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4, 5, 6, 7]);
    expect(r2.value).toBeNull();
  });
});
