import { describe, expect, it } from 'vitest';
import { agreementRates } from '../../src/stats/agreement-rates.js';

describe('agreementRates', () => {
  it('computes exact, within-one and mean bias (judge - human) over items both scored', () => {
    const judge = [5, 4, 3, null, 1, 2];
    const human = [5, 3, 1, 4, 1, null];
    const r = agreementRates(judge, human);
    expect(r.n).toBe(4);
    expect(r.exact.value).toBeCloseTo(2 / 4, 14);
    expect(r.withinOne.value).toBeCloseTo(3 / 4, 14);
    expect(r.meanBias.value).toBeCloseTo((0 + 1 + 2 + 0) / 4, 14);
  });
  it('has a negative bias when the judge is harsher', () => {
    expect(agreementRates([1, 2], [3, 3]).meanBias.value).toBeCloseTo(-1.5, 14);
  });
  it('is undefined for every rate when no pair is complete', () => {
    const r = agreementRates([null, 1], [2, null]);
    expect(r.n).toBe(0);
    expect(r.exact.value).toBeNull();
    expect(r.withinOne.value).toBeNull();
    expect(r.meanBias.value).toBeNull();
  });
});
