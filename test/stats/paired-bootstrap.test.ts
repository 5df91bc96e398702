import { describe, expect, it } from 'vitest';
import { pairedBootstrapDiff } from '../../src/stats/paired-bootstrap.js';

/**
 * The exact intervals come from an independent re-implementation in Python (mulberry32 ported with
 * 32-bit masks, resampling with int(r() * k), numpy.percentile linear interpolation), run with
 * numpy 1.24; the normal-theory check is the Wald interval for a difference of paired proportions,
 * Agresti (2002) §10.1.1: se = sqrt((b + c)/n − (b − c)²/n²) / sqrt(n).
 */
describe('pairedBootstrapDiff', () => {
  // 60 -> 48 of 80: 16 pass->fail, 4 fail->pass, 44 pass both, 16 fail both.
  const base = [...Array(16).fill(1), ...Array(4).fill(0), ...Array(44).fill(1), ...Array(16).fill(0)];
  const cand = [...Array(16).fill(0), ...Array(4).fill(1), ...Array(44).fill(1), ...Array(16).fill(0)];

  it('60 -> 48 of 80 with seed 1 and 10,000 resamples: -0.15 [-0.2625, -0.05] (numpy re-implementation)', () => {
    const r = pairedBootstrapDiff(base, cand);
    expect(r).toEqual({ value: -0.15, ci95: [-0.2625, -0.05], n: 80, method: 'paired bootstrap', resamples: 10000, seed: 1, clusters: 80 });
  });

  it('is near the Wald interval for paired proportions (-0.2545, -0.0455)', () => {
    const r = pairedBootstrapDiff(base, cand, { seed: 9 });
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.ci95[0]).toBeGreaterThan(-0.2545 - 0.015);
    expect(r.ci95[0]).toBeLessThan(-0.2545 + 0.015);
    expect(r.ci95[1]).toBeGreaterThan(-0.0455 - 0.015);
    expect(r.ci95[1]).toBeLessThan(-0.0455 + 0.015);
  });

  it('a difference of two [0, 1] means stays in [−1, 1]: each resample averages differences that do', () => {
    // near the extreme: 11 pairs from 1 to 0 and one from 0.5 to 0.5 (a t interval would pass −1)
    const r = pairedBootstrapDiff([...Array(11).fill(1), 0.5], [...Array(11).fill(0), 0.5]);
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.ci95[0]).toBeGreaterThanOrEqual(-1);
    expect(r.ci95[1]).toBeLessThanOrEqual(1);
    expect(r.ci95[0]).toBe(-1); // a resample of only the eleven flips is the most extreme
  });

  it('is reproducible by seed and changes with it', () => {
    const a = pairedBootstrapDiff(base, cand, { seed: 5, resamples: 2000 });
    expect(pairedBootstrapDiff(base, cand, { seed: 5, resamples: 2000 })).toEqual(a);
    const b = pairedBootstrapDiff(base, cand, { seed: 6, resamples: 2000 });
    expect('ci95' in b && b.ci95).not.toEqual('ci95' in a && a.ci95);
  });

  it('clustered by case resamples whole cases (numpy re-implementation: [0, 0.96667])', () => {
    const d = [1, 0, 2, -1, 0, 0, 0, 0, 1, 2, 1, 1, 0, -1, 0, 1, 1, 0, 0, 0, 0, 3, 1, 2, -2, 0, 0, 1, 0, 1];
    const ids = d.map((_, i) => `case${Math.floor(i / 3)}`);
    const r = pairedBootstrapDiff(d.map(() => 0), d, { clusters: ids, resamples: 2000, seed: 42 });
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.value).toBeCloseTo(0.4666666666666667, 14);
    expect(r.clusters).toBe(10);
    expect(r.ci95[0]).toBeCloseTo(0, 12);
    expect(r.ci95[1]).toBeCloseTo(0.9666666666666667, 12);
  });

  it('degenerate: no pairs is undefined; one case has a value but no interval', () => {
    expect(pairedBootstrapDiff([], [])).toEqual({ value: null, reason: 'no pairs to compare', n: 0 });
    expect(pairedBootstrapDiff([1], [0])).toMatchObject({ value: -1, ci95: null, reason: expect.stringContaining('two cases') });
    expect(() => pairedBootstrapDiff([1], [])).toThrow(RangeError);
  });
});
