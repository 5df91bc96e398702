import { describe, expect, it } from 'vitest';
import { bootstrapCi, mulberry32 } from '../../src/stats/bootstrap.js';

describe('mulberry32', () => {
  it('produces the reference sequence for seed 1 and stays in [0, 1)', () => {
    const r = mulberry32(1);
    const first = [r(), r(), r()];
    // Reference: the published mulberry32 (bryc/code, PRNGs.md) with seed 1 gives 0.6270739405881613 first.
    expect(first[0]).toBeCloseTo(0.6270739405881613, 15);
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(first).size).toBe(3);
  });
});

describe('bootstrapCi', () => {
  const data = [3, 1, 2, 5, 4, 9, 7, 8, 6, 10];
  const mean = (idx: readonly number[]) => idx.reduce((a, i) => a + data[i]!, 0) / idx.length;

  it('is reproducible for a seed and differs across seeds', () => {
    const a = bootstrapCi(data.length, mean, { resamples: 500, seed: 7 });
    const b = bootstrapCi(data.length, mean, { resamples: 500, seed: 7 });
    const c = bootstrapCi(data.length, mean, { resamples: 500, seed: 8 });
    expect(a).toEqual(b);
    expect(a.ci95).not.toEqual(c.ci95);
  });

  it('brackets the sample mean and is near the normal-theory interval', () => {
    const r = bootstrapCi(data.length, mean, { resamples: 4000, seed: 3 });
    if (r.ci95 === null) throw new Error(r.reason);
    const [lo, hi] = r.ci95;
    expect(lo).toBeLessThan(5.5);
    expect(hi).toBeGreaterThan(5.5);
    // SE of the mean = sd/sqrt(n) * sqrt((n-1)/n) for the bootstrap = 0.908; 95% half-width ~ 1.78.
    expect(hi - lo).toBeGreaterThan(3.0);
    expect(hi - lo).toBeLessThan(4.2);
  });

  it('uses numpy-style linear interpolation for the percentiles', () => {
    // With a statistic that ignores the resample and returns values 1..10 in turn, the interval is
    // numpy.percentile([1..10], [2.5, 97.5]) = [1.225, 9.775].
    let i = 0;
    const r = bootstrapCi(5, () => (i++ % 10) + 1, { resamples: 10 });
    expect(r.ci95).toEqual([1.225, 9.775]);
  });

  it('counts undefined resamples and gives up with a reason when most are undefined', () => {
    let i = 0;
    const some = bootstrapCi(10, () => (i++ % 4 === 0 ? null : 1), { resamples: 100 });
    expect(some).toMatchObject({ ci95: [1, 1], undefinedResamples: 25 });
    const none = bootstrapCi(10, () => null, { resamples: 50 });
    expect(none.ci95).toBeNull();
    expect(bootstrapCi(1, mean).ci95).toBeNull();
  });
});
