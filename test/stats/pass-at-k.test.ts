import { describe, expect, it } from 'vitest';
import { passAtK, passHatK } from '../../src/stats/pass-at-k.js';

/**
 * References computed independently with Python's math.comb: pass@k = 1 − C(n−c,k)/C(n,k)
 * (Chen et al. 2021, which also gives the numpy product form), pass^k = C(c,k)/C(n,k) (τ-bench).
 */
describe('passAtK', () => {
  it('n=5, c=2, k=2 is 1 − C(3,2)/C(5,2) = 0.7', () => {
    expect(passAtK([{ n: 5, c: 2 }], 2).value).toBeCloseTo(0.7, 12);
  });
  it('n=10, c=3: k=1 is 3/10, k=5 is 1 − C(7,5)/C(10,5) = 1 − 21/252', () => {
    expect(passAtK([{ n: 10, c: 3 }], 1).value).toBeCloseTo(0.3, 12);
    expect(passAtK([{ n: 10, c: 3 }], 5).value).toBeCloseTo(1 - 21 / 252, 12);
  });
  it.each([
    [10, 3, 5, 0.9166666666666666],
    [20, 7, 1, 0.35],
    [20, 7, 10, 0.9984520123839009],
    [200, 13, 100, 0.9999194971988055],
    [4, 0, 2, 0],
  ])('n=%i c=%i k=%i', (n, c, k, want) => {
    expect(passAtK([{ n, c }], k).value).toBeCloseTo(want, 12);
  });
  it('averages over cases and is undefined when a case has fewer than k attempts', () => {
    expect(passAtK([{ n: 5, c: 2 }, { n: 10, c: 0 }, { n: 4, c: 4 }], 2).value).toBeCloseTo((0.7 + 0 + 1) / 3, 12);
    expect(passAtK([{ n: 5, c: 2 }, { n: 1, c: 1 }], 2)).toEqual({ value: null, reason: 'k = 2 needs at least 2 attempts per case; a case has 1' });
    expect(passAtK([], 1)).toEqual({ value: null, reason: 'no cases' });
    expect(() => passAtK([{ n: 2, c: 3 }], 1)).toThrow(RangeError);
  });
});

describe('passHatK', () => {
  it.each([
    [5, 2, 2, 0.1],
    [10, 8, 3, 0.4666666666666667],
    [20, 15, 5, 0.19369195046439627],
    [4, 4, 4, 1],
    [10, 3, 5, 0],
  ])('n=%i c=%i k=%i', (n, c, k, want) => {
    expect(passHatK([{ n, c }], k).value).toBeCloseTo(want, 12);
  });
  it('k = 1 is the plain pass rate for both', () => {
    const cases = [{ n: 4, c: 1 }, { n: 4, c: 3 }];
    expect(passHatK(cases, 1).value).toBeCloseTo(0.5, 12);
    expect(passAtK(cases, 1).value).toBeCloseTo(0.5, 12);
  });
});
