import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/stats/result.js';
import { wilsonInterval } from '../../src/stats/wilson.js';

const ci = (s: number, n: number): [number, number] => (wilsonInterval(s, n) as Estimate).ci95!;

/**
 * References: Newcombe (1998), "Two-sided confidence intervals for the single proportion",
 * Stat. Med. 17:857–872, Table II, method 3 (score interval without continuity correction),
 * printed to 4 decimals; the 6-decimal values are statsmodels 0.13.5
 * proportion_confint(method='wilson'), which agree with the table.
 */
const CASES: Array<[number, number, number, number]> = [
  [81, 263, 0.255289, 0.36621],
  [15, 148, 0.062386, 0.160487],
  [0, 20, 0, 0.161125],
  [1, 29, 0.006113, 0.171755],
  [29, 29, 0.88303, 1],
  [25, 40, 0.470324, 0.75777],
  [20, 24, 0.641469, 0.933213],
  [5, 16, 0.141646, 0.555956],
];

describe('wilsonInterval', () => {
  it.each(CASES)('%i of %i', (s, n, lo, hi) => {
    expect(wilsonInterval(s, n).value).toBeCloseTo(s / n, 12);
    expect(ci(s, n)[0]).toBeCloseTo(lo, 6);
    expect(ci(s, n)[1]).toBeCloseTo(hi, 6);
  });

  it('matches Newcombe\'s printed table to 4 decimals', () => {
    expect(ci(81, 263).map((x) => x.toFixed(4))).toEqual(['0.2553', '0.3662']);
    expect(ci(1, 29).map((x) => x.toFixed(4))).toEqual(['0.0061', '0.1718']);
  });

  it('is undefined with no cases and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: null, reason: 'no cases to estimate a proportion from' });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});
