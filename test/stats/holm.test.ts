import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm.js';

/** Reference: R 4.2 `p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm")` = 0.040 0.090 0.090 0.025 0.200 (statsmodels multipletests agrees). */
describe('holmAdjust', () => {
  it('matches R p.adjust(method = "holm"), in the input order', () => {
    const r = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2]);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((want, i) => expect(r[i]).toBeCloseTo(want, 14));
  });
  it('keeps nulls out of the family and caps at 1', () => {
    // m = 2: 0.01·2 = 0.02, max(0.02, 0.6·1) = 0.6
    expect(holmAdjust([0.6, null, 0.01])).toEqual([0.6, null, 0.02]);
    expect(holmAdjust([0.7, 0.8])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
  });
});
