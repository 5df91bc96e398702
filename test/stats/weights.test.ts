import { describe, expect, it } from 'vitest';
import { weightMatrix } from '../../src/stats/weights.js';

describe('weightMatrix', () => {
  it('builds the irrCAC / Cohen (1968) linear and quadratic weights for 5 categories', () => {
    const lin = weightMatrix(5, 'linear');
    expect(lin[0]).toEqual([1, 0.75, 0.5, 0.25, 0]);
    const quad = weightMatrix(5, 'quadratic');
    expect(quad[0]).toEqual([1, 0.9375, 0.75, 0.4375, 0]);
    expect(quad[2]).toEqual([0.75, 0.9375, 1, 0.9375, 0.75]);
  });

  it('builds Gwet ordinal weights 1 - C(|i-j|+1, 2) / C(k, 2)', () => {
    // k = 5: C(d+1, 2) for d = 0..4 is 0, 1, 3, 6, 10; divided by 10.
    expect(weightMatrix(5, 'ordinal')[0]).toEqual([1, 0.9, 0.7, 0.4, 0]);
  });

  it('uses explicit scores (SAS / statsmodels style) and is symmetric with a unit diagonal', () => {
    const w = weightMatrix(3, 'linear', [1, 2, 5]);
    expect(w[0]).toEqual([1, 0.75, 0]);
    for (const scheme of ['none', 'linear', 'quadratic', 'ordinal'] as const) {
      const m = weightMatrix(4, scheme);
      for (let i = 0; i < 4; i++) {
        expect(m[i]![i]).toBe(1);
        for (let j = 0; j < 4; j++) expect(m[i]![j]).toBe(m[j]![i]);
      }
    }
    expect(weightMatrix(3, 'none')).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('rejects a bad size or score count', () => {
    expect(() => weightMatrix(0, 'linear')).toThrow(RangeError);
    expect(() => weightMatrix(3, 'linear', [1, 2])).toThrow(RangeError);
  });
});
