import { describe, expect, it } from 'vitest';
import { clusterSums } from '../../src/stats/cluster-sums.js';

describe('clusterSums', () => {
  it('sums per cluster in order of first appearance, skipping nulls', () => {
    expect(clusterSums([1, 2, null, 4, 5], ['b', 'a', 'a', 'b', 'c'], 'x')).toEqual({ sums: [5, 2, 5], counts: [2, 1, 1] });
    expect(clusterSums([1, 2], undefined, 'x')).toEqual({ sums: [1, 2], counts: [1, 1] });
  });
  it('refuses mismatched ids and non-finite values, naming the caller', () => {
    expect(() => clusterSums([1], ['a', 'b'], 'meanInterval')).toThrow(/meanInterval: 1 values against 2/);
    expect(() => clusterSums([NaN], undefined, 'f')).toThrow(RangeError);
  });
});
