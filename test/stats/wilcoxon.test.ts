import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../src/stats/wilcoxon.js';
import { B3, C3 } from '../fixtures/wilcoxon-normal.js';

/**
 * References: R 4.2.2 `wilcox.test(cand, base, paired = TRUE)` (defaults: exact below 50 pairs with
 * no ties or zeros, else normal with tie and continuity correction); scipy 1.10.1 `wilcoxon` agrees
 * (exact: 0.0390625; approx with correction=True: 0.0015856048731333445).
 */
describe('wilcoxonSignedRank', () => {
  it('exact, no ties (Hollander & Wolfe 1973 p. 29 depression data, the example of R ?wilcox.test): V = 5, p = 0.0390625', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    expect(wilcoxonSignedRank(x, y)).toMatchObject({ statistic: 5, p_value: 0.0390625, n: 9, zeros: 0, method: 'exact' });
  });

  it('exact with V above the middle: V = 24, p = 0.109375', () => {
    const r = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7], [1.5, 2.7, 2.1, 5.4, 6.9, 6.2, 8.5]);
    expect(r).toMatchObject({ statistic: 24, method: 'exact' });
    expect(r.value).toBeCloseTo(0.10937500000000003, 14);
  });

  it('ordinal 1-5 scores with ties and zeros: normal approximation, p = 0.001585604873133346', () => {
    const b = [4, 5, 3, 4, 4, 5, 2, 3, 4, 5, 4, 3, 5, 4, 4, 3, 2, 5, 4, 4];
    const c = [3, 5, 2, 4, 3, 4, 2, 2, 4, 4, 3, 3, 4, 4, 2, 3, 2, 4, 4, 3];
    const r = wilcoxonSignedRank(b, c);
    expect(r).toMatchObject({ statistic: 0, n: 11, zeros: 9, method: 'normal, tie- and continuity-corrected' });
    expect(r.value).toBeCloseTo(0.001585604873133346, 12);
  });

  it('60 untied pairs: normal approximation with continuity correction, V = 1447, p = 9.1272918855671607e-05', () => {
    const r = wilcoxonSignedRank(B3, C3);
    expect(r).toMatchObject({ statistic: 1447, n: 60, method: 'normal, tie- and continuity-corrected' });
    expect(r.value).toBeCloseTo(9.1272918855671607e-5, 13);
  });

  it('every pair tied is undefined with a reason, not p = NaN', () => {
    expect(wilcoxonSignedRank([3, 4], [3, 4])).toEqual({ value: null, reason: expect.stringContaining('same score'), n: 0, zeros: 2 });
    expect(wilcoxonSignedRank([], [])).toMatchObject({ value: null, n: 0 });
  });
});
