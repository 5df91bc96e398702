import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../src/stats/mean-ci.js';
import type { Estimate } from '../../src/stats/result.js';

describe('meanInterval', () => {
  it('matches scipy.stats.t.interval(0.95, n-1, mean, sem) and leaves nulls out', () => {
    // scipy 1.10.1: y = [4,5,3,4,2,5,4] -> mean 3.857142857, (2.868441165, 4.845844549)
    const r = meanInterval([4, null, 5, 3, 4, 2, null, 5, 4]) as Estimate & { n: number };
    expect(r.n).toBe(7);
    expect(r.value).toBeCloseTo(3.857142857142857, 12);
    expect(r.ci95![0]).toBeCloseTo(2.868441165002109, 8);
    expect(r.ci95![1]).toBeCloseTo(4.845844549283605, 8);
  });

  it('one value has no interval; none is undefined; a constant sample has zero width', () => {
    expect(meanInterval([3])).toEqual({ value: 3, n: 1 });
    expect(meanInterval([null])).toEqual({ value: null, reason: 'no scored values', n: 0 });
    expect((meanInterval([2, 2, 2]) as Estimate).ci95).toEqual([2, 2]);
  });
});
