import { describe, expect, it } from 'vitest';
import { kendallTau } from '../../src/stats/kendall-tau.js';
import { reasonOf } from './vectors.js';

/** Independent O(n^2) tau-b straight from the definition (Kendall 1945). */
function naiveTauB(x: number[], y: number[]): number {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const s = Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
      if (s > 0) c++;
      else if (s < 0) d++;
      else if (x[i] === x[j] && y[i] !== y[j]) tx++;
      else if (y[i] === y[j] && x[i] !== x[j]) ty++;
    }
  }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

// Reference values computed with scipy 1.17.1 scipy.stats.kendalltau (variant 'b').
describe('kendallTau (tau-b)', () => {
  it('matches scipy.stats.kendalltau on tie-heavy data', () => {
    const x = [1, 2, 2, 3, 4, 4, 4, 5, 1, 3, 2, 5];
    const y = [2, 1, 2, 3, 5, 4, 3, 5, 1, 2, 2, 4];
    expect(kendallTau(x, y).value).toBeCloseTo(0.7787915579452677, 13);
    expect(kendallTau([12.5, 3.1, 7.7, 7.7, 0.2, 9.9, 3.1], [1, 5, 2, 2, 7, 1, 4]).value).toBeCloseTo(-0.9473684210526313, 13);
  });

  it('agrees with a naive O(n^2) tau-b on 500 random 1-5 ratings', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const x = Array.from({ length: 500 }, () => 1 + Math.floor(rand() * 5));
    const y = x.map((v) => Math.min(5, Math.max(1, v + Math.floor(rand() * 3) - 1)));
    expect(kendallTau(x, y).value).toBeCloseTo(naiveTauB(x, y), 12);
  });

  it('is -1 for a reversed order, symmetric, and drops null pairs', () => {
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1]).value).toBeCloseTo(-1, 14);
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const y = [2, 7, 1, 8, 2, 8, 1, 8];
    expect(kendallTau(x, y).value).toBeCloseTo(kendallTau(y, x).value!, 14);
    expect(kendallTau([1, null, 2, 3], [1, 5, 2, 3]).value).toBeCloseTo(1, 14);
  });

  it('is undefined for a constant side or fewer than two pairs', () => {
    expect(reasonOf(kendallTau([1, 1, 1], [1, 2, 3]))).toMatch(/same score/);
    expect(kendallTau([1], [2]).value).toBeNull();
  });
});
