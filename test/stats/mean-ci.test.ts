import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../src/stats/mean-ci.js';

/**
 * References (statsmodels 0.13.5, scipy 1.10.1), y = 3,4,5,4,2,5,5,4,3,3,1,2 in 4 cases of 3 repeats:
 * - `scipy.stats.t.interval(0.95, 11, loc=mean, scale=sem)` = (2.5834605406925433, 4.24987279264079)
 * - `sm.OLS(y, ones).fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True).conf_int()` =
 *   (1.89318649, 4.94014685), SE 0.47871355, 3 df.
 */
describe('meanInterval', () => {
  const y = [3, 4, 5, 4, 2, 5, 5, 4, 3, 3, 1, 2];
  const g = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'd', 'd', 'd'];

  it('plain t interval matches scipy', () => {
    const r = meanInterval(y);
    expect(r).toMatchObject({ n: 12, clusters: 12, method: 't' });
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.value).toBeCloseTo(41 / 12, 14);
    expect(r.ci95[0]).toBeCloseTo(2.5834605406925433, 10);
    expect(r.ci95[1]).toBeCloseTo(4.24987279264079, 10);
  });

  it('clustered by case (repeats) matches statsmodels cluster-robust OLS with t(G-1)', () => {
    const r = meanInterval(y, g);
    expect(r).toMatchObject({ n: 12, clusters: 4, method: 'cluster t' });
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.ci95[0]).toBeCloseTo(1.89318649, 7);
    expect(r.ci95[1]).toBeCloseTo(4.94014685, 7);
  });

  it('leaves unscored (null) out: scipy 1.10.1 on [4,5,3,4,2,5,4] gives (2.868441165, 4.845844549)', () => {
    const r = meanInterval([4, null, 5, 3, 4, 2, null, 5, 4]);
    expect(r.n).toBe(7);
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.ci95[0]).toBeCloseTo(2.868441165002109, 8);
    expect(r.ci95[1]).toBeCloseTo(4.845844549283605, 8);
  });

  it('one value per cluster is the plain interval', () => {
    expect(meanInterval(y, y.map((_, i) => `c${i}`))).toEqual(meanInterval(y));
  });

  it('degenerate: no values is undefined; one case gives the mean but no interval, with a reason', () => {
    expect(meanInterval([])).toEqual({ value: null, n: 0, reason: 'no scored values' });
    expect(meanInterval([4])).toMatchObject({ value: 4, ci95: null, reason: expect.stringContaining('two') });
    expect(meanInterval([4, 5, 3], ['x', 'x', 'x'])).toMatchObject({ value: 4, ci95: null, clusters: 1 });
    expect(meanInterval([4, 4, 4])).toMatchObject({ value: 4, ci95: [4, 4] });
  });
});

describe('meanIntervalFromMoments / meanIntervalFromClusters (what the incremental run summary keeps)', () => {
  it('agree with meanInterval on the same data', async () => {
    const { meanIntervalFromMoments, meanIntervalFromClusters } = await import('../../src/stats/mean-ci.js');
    const y = [3, 4, 5, 4, 2, 5, 5, 4, 3, 3, 1, 2];
    const m = meanIntervalFromMoments(12, y.reduce((a, b) => a + b), y.reduce((a, b) => a + b * b, 0));
    const plain = meanInterval(y);
    if (m.value === null || m.ci95 === null || plain.value === null || plain.ci95 === null) throw new Error('undefined');
    expect(m.ci95[0]).toBeCloseTo(plain.ci95[0], 12);
    expect(m.ci95[1]).toBeCloseTo(plain.ci95[1], 12);
    const c = meanIntervalFromClusters([12, 11, 12, 6], [3, 3, 3, 3]);
    expect(c).toMatchObject({ clusters: 4, method: 'cluster t' });
    expect(c.value === null || c.ci95 === null ? null : c.ci95[0]).toBeCloseTo(1.89318649, 7);
    expect(meanIntervalFromMoments(0, 0, 0)).toMatchObject({ value: null });
  });
});

describe('scoreInterval', () => {
  it('0/1 scores are a proportion: Wilson (statsmodels (1, 6) = (0.030053369748306635, 0.5635028221864703)), not a t interval below 0', async () => {
    const { scoreInterval } = await import('../../src/stats/mean-ci.js');
    const r = scoreInterval([1, 0, 0, null, 0, 0, 0]);
    expect(r).toMatchObject({ n: 6, method: 'wilson' });
    if (r.value === null || r.ci95 === null) throw new Error('undefined');
    expect(r.ci95[0]).toBeCloseTo(0.030053369748306635, 12);
    expect(r.ci95[1]).toBeCloseTo(0.5635028221864703, 12);
    expect(scoreInterval([3, 4, 5])).toEqual(meanInterval([3, 4, 5]));
    expect(scoreInterval([1, 0, 1, 1], ['a', 'a', 'b', 'b'])).toMatchObject({ method: 'cluster t' });
  });
});
