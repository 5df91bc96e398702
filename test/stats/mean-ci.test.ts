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

/**
 * Bounded scores: the fractional logit interval. References from statsmodels 0.13.5 (Debian
 * python3-statsmodels), p = (y − lo)/(hi − lo), groups = case ids (one per value when unclustered):
 *   r = sm.GLM(p, np.ones((n, 1)), family=sm.families.Binomial()).fit(
 *         cov_type='cluster', cov_kwds={'groups': groups}, use_t=True)
 *   lo + (hi − lo) · expit(r.conf_int()[0])
 */
describe('scoreInterval with bounds (kept inside the range)', () => {
  const bounded = async () => (await import('../../src/stats/mean-ci.js')).scoreInterval;
  const ci = (r: { value: number | null; ci95?: [number, number] | null }) => {
    if (r.value === null || !r.ci95) throw new Error('undefined');
    return r.ci95;
  };

  it('rubric 1–5, ten 5s and two 4s (rag-faq): [4.3208, 4.9634], where the t interval reached 5.20', async () => {
    const scoreInterval = await bounded();
    const y = [5, 5, 4, 5, 5, 5, 5, 5, 4, 5, 5, 5];
    const r = scoreInterval(y, undefined, [1, 5]);
    expect(r).toMatchObject({ n: 12, clusters: 12, method: 'logit t' });
    expect(r.value).toBeCloseTo(58 / 12, 12);
    expect(ci(r)[0]).toBeCloseTo(4.320815450763396, 9);
    expect(ci(r)[1]).toBeCloseTo(4.96336757882006, 9);
    expect(ci(scoreInterval(y))[1]).toBeGreaterThan(5); // without bounds: the old t interval
  });

  it('[0, 1] metrics near either end: 0.7446–0.9789 and 0.00435–0.3018 (statsmodels)', async () => {
    const scoreInterval = await bounded();
    const high = scoreInterval([1, 0.5, 1, 1, 0.75, 1, 1, 1, 1, 0.8, 1, 1], undefined, [0, 1]);
    expect(ci(high)[0]).toBeCloseTo(0.7445812944580645, 9);
    expect(ci(high)[1]).toBeCloseTo(0.9789077056370115, 9);
    const low = scoreInterval([0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], undefined, [0, 1]);
    expect(ci(low)[0]).toBeCloseTo(0.004354530758199499, 9);
    expect(ci(low)[1]).toBeCloseTo(0.301784617783424, 9);
  });

  it('clustered by case (repeats): cluster-robust SE with t(G−1) = 3 df, [1.9476, 4.5296]; unclustered [2.5592, 4.1392]', async () => {
    const scoreInterval = await bounded();
    const y = [3, 4, 5, 4, 2, 5, 5, 4, 3, 3, 1, 2];
    const g = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'd', 'd', 'd'];
    const r = scoreInterval(y, g, [1, 5]);
    expect(r).toMatchObject({ n: 12, clusters: 4, method: 'cluster logit t' });
    expect(ci(r)[0]).toBeCloseTo(1.9476030536620643, 9);
    expect(ci(r)[1]).toBeCloseTo(4.529643174730614, 9);
    const plain = scoreInterval(y, undefined, [1, 5]);
    expect(ci(plain)[0]).toBeCloseTo(2.5591994665906768, 9);
    expect(ci(plain)[1]).toBeCloseTo(4.1392041664866905, 9);
  });

  it('values only at the ends of the scale are a proportion: Wilson rescaled (5 of 6 at 5 on 1–5 = 1 + 4·Wilson(5, 6))', async () => {
    const scoreInterval = await bounded();
    const { wilsonInterval } = await import('../../src/stats/wilson.js');
    const w = wilsonInterval(5, 6);
    if (w.value === null) throw new Error('undefined');
    const r = scoreInterval([5, 5, 1, 5, 5, 5], undefined, [1, 5]);
    expect(r).toMatchObject({ method: 'wilson', n: 6 });
    expect(ci(r)[0]).toBeCloseTo(1 + 4 * w.ci95[0], 12);
    expect(ci(r)[1]).toBeCloseTo(1 + 4 * w.ci95[1], 12);
    // 0/1 checks with bounds [0, 1] are exactly today's Wilson
    expect(scoreInterval([1, 0, 0, 0, 0, 0], undefined, [0, 1])).toEqual(scoreInterval([1, 0, 0, 0, 0, 0]));
    // every value at the top, with repeats: Wilson over the 2 cases, not the 4 values
    const top = scoreInterval([5, 5, 5, 5], ['a', 'a', 'b', 'b'], [1, 5]);
    const w2 = wilsonInterval(2, 2);
    if (w2.value === null) throw new Error('undefined');
    expect(top).toMatchObject({ value: 5, n: 4, clusters: 2, method: 'wilson' });
    expect(ci(top)[0]).toBeCloseTo(1 + 4 * w2.ci95[0], 12);
  });

  it('never leaves the range, whatever the data (seeded draws of every shape)', async () => {
    const scoreInterval = await bounded();
    const { mulberry32 } = await import('../../src/stats/bootstrap.js');
    const rand = mulberry32(7);
    for (let k = 0; k < 500; k++) {
      const n = 2 + Math.floor(rand() * 30);
      const skew = rand();
      const y = Array.from({ length: n }, () => 1 + Math.min(4, Math.floor(4.999 * rand() ** (skew * 3))));
      const r = scoreInterval(y, undefined, [1, 5]);
      if (r.value === null || !r.ci95) continue;
      expect(r.ci95[0]).toBeGreaterThanOrEqual(1);
      expect(r.ci95[1]).toBeLessThanOrEqual(5);
      expect(r.ci95[0]).toBeLessThanOrEqual(r.value);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(r.value);
    }
  });

  it('keeps 95% coverage near the ceiling where the t interval does not (seeded, 2,000 draws of n = 12)', async () => {
    // P(5) = 0.9, P(4) = P(3) = 0.05 on 1–5, mean 4.85. The same simulation in numpy (seed 1)
    // gave coverage 0.982 for this interval, 0.719 for the t interval, 0.708 for a percentile bootstrap.
    const scoreInterval = await bounded();
    const { mulberry32 } = await import('../../src/stats/bootstrap.js');
    const rand = mulberry32(11);
    let logit = 0;
    let t = 0;
    const draws = 2000;
    for (let k = 0; k < draws; k++) {
      const y = Array.from({ length: 12 }, () => { const u = rand(); return u < 0.9 ? 5 : u < 0.95 ? 4 : 3; });
      const covers = (r: ReturnType<typeof scoreInterval>) => r.value !== null && r.ci95 !== null && r.ci95[0] <= 4.85 && 4.85 <= r.ci95[1];
      if (covers(scoreInterval(y, undefined, [1, 5]))) logit++;
      if (covers(meanInterval(y))) t++;
    }
    expect(logit / draws).toBeGreaterThanOrEqual(0.95);
    expect(logit / draws).toBeLessThanOrEqual(0.995);
    expect(t / draws).toBeLessThan(0.8);
  });

  it('a value outside its declared bounds (a scorer bug) falls back to the t interval instead of hiding it', async () => {
    const scoreInterval = await bounded();
    expect(scoreInterval([0.5, 1.5, 0.7], undefined, [0, 1])).toEqual(meanInterval([0.5, 1.5, 0.7]));
  });

  it('the running-sums form the summary keeps gives the same interval', async () => {
    const { boundedMeanInterval, partsFromMoments, partsFromClusters, scoreInterval } = await import('../../src/stats/mean-ci.js');
    const y = [5, 5, 4, 5, 5, 5, 5, 5, 4, 5, 5, 5];
    const sum = y.reduce((a, b) => a + b);
    const sq = y.reduce((a, b) => a + b * b, 0);
    const a = boundedMeanInterval(partsFromMoments(12, sum, sq, 'inside'), [1, 5]);
    expect(ci(a)[0]).toBeCloseTo(ci(scoreInterval(y, undefined, [1, 5]))[0], 12);
    const c = boundedMeanInterval(partsFromClusters([12, 11, 12, 6], [3, 3, 3, 3], 'inside'), [1, 5]);
    expect(ci(c)[1]).toBeCloseTo(4.529643174730614, 9);
  });
});
