import { studentTQuantile } from './distributions.js';
import { wilsonInterval } from './wilson.js';
import { clusterSums } from './cluster-sums.js';

export type MeanInterval =
  | { value: number; ci95: [number, number]; n: number; clusters: number; method: 't' | 'cluster t' | 'wilson' }
  | { value: number; ci95: null; n: number; clusters: number; method: 't' | 'cluster t' | 'wilson'; reason: string }
  | { value: null; n: 0; reason: string };

/**
 * Mean with a 95% Student-t interval. With `clusters` (one id per value, e.g. the case id when a
 * suite runs with --repeat), repeats of one case are not independent draws, so the standard error is
 * the cluster-robust (CR1) one: SE² = G/(G−1) · Σ_g (Σ_{i∈g} (y_i − ȳ))² / N², with G − 1 degrees
 * of freedom — what statsmodels `OLS(y, 1).fit(cov_type='cluster', use_t=True)` reports. With one
 * value per cluster it reduces exactly to the textbook s/√n interval.
 */
export function meanInterval(values: readonly (number | null)[], clusters?: readonly (string | number)[]): MeanInterval {
  // null is unscored: left out, never a 0 (n says how many were used)
  const { sums, counts } = clusterSums(values, clusters, 'meanInterval');
  return meanIntervalFromClusters(sums, counts);
}

/**
 * The same interval from per-cluster sums and counts (what an incremental summary can keep):
 * Σ_g (S_g − n_g·ȳ)² is the cluster-robust residual sum. All counts 1 = the plain t interval.
 */
export function meanIntervalFromClusters(sums: readonly number[], counts: readonly number[]): MeanInterval {
  let n = 0;
  let total = 0;
  for (let g = 0; g < sums.length; g++) {
    n += counts[g]!;
    total += sums[g]!;
  }
  if (n === 0) return { value: null, n: 0, reason: 'no scored values' };
  const mean = total / n;
  const g = sums.length;
  const clustered = g < n;
  const method = clustered ? 'cluster t' : 't';
  if (g < 2) return { value: mean, ci95: null, n, clusters: g, method, reason: clustered ? 'an interval needs at least two cases' : 'an interval needs at least two values' };
  let ss = 0;
  for (let k = 0; k < g; k++) ss += (sums[k]! - counts[k]! * mean) ** 2;
  return withT(mean, Math.sqrt((g / (g - 1)) * ss) / n, n, g, method);
}

/** From running moments (n, Σy, Σy²), for one value per case: the textbook s/√n interval. */
export function meanIntervalFromMoments(n: number, sum: number, sumSq: number): MeanInterval {
  if (n === 0) return { value: null, n: 0, reason: 'no scored values' };
  const mean = sum / n;
  if (n < 2) return { value: mean, ci95: null, n, clusters: n, method: 't', reason: 'an interval needs at least two values' };
  // max(0, …): rounding can make a zero spread come out a hair below zero.
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  return withT(mean, Math.sqrt(variance / n), n, n, 't');
}

function withT(mean: number, se: number, n: number, clusters: number, method: 't' | 'cluster t'): MeanInterval {
  const half = studentTQuantile(0.975, clusters - 1) * se;
  return { value: mean, ci95: [mean - half, mean + half], n, clusters, method };
}

/**
 * The interval for a criterion's mean: a score that is only ever 0 or 1 (contains, exact...) is a
 * proportion, so it gets the Wilson interval, which stays inside [0, 1] (a t interval for 1 pass
 * in 6 reaches below 0). Anything else, or 0/1 values clustered by case, gets meanInterval.
 */
export function scoreInterval(values: readonly (number | null)[], clusters?: readonly (string | number)[]): MeanInterval {
  let n = 0;
  let ones = 0;
  for (const v of values) {
    if (v === null) continue;
    if (v !== 0 && v !== 1) return meanInterval(values, clusters);
    n++;
    ones += v;
  }
  if (n === 0 || (clusters && new Set(clusters.filter((_, i) => values[i] !== null)).size < n)) return meanInterval(values, clusters);
  return fromWilson(ones, n);
}

/** Wilson for n values that are all 0 or 1, `ones` of them 1 (the incremental summary's path). */
export function binaryInterval(ones: number, n: number): MeanInterval {
  return n === 0 ? { value: null, n: 0, reason: 'no scored values' } : fromWilson(ones, n);
}

function fromWilson(ones: number, n: number): MeanInterval {
  const w = wilsonInterval(ones, n);
  return w.value === null ? { value: null, n: 0, reason: w.reason } : { value: w.value, ci95: w.ci95, n, clusters: n, method: 'wilson' };
}
