import { studentTQuantile } from './distributions.js';

export type MeanInterval =
  | { value: number; ci95: [number, number]; n: number; clusters: number; method: 't' | 'cluster t' }
  | { value: number; ci95: null; n: number; clusters: number; method: 't' | 'cluster t'; reason: string }
  | { value: null; n: 0; reason: string };

/**
 * Mean with a 95% Student-t interval. With `clusters` (one id per value, e.g. the case id when a
 * suite runs with --repeat), repeats of one case are not independent draws, so the standard error is
 * the cluster-robust (CR1) one: SE² = G/(G−1) · Σ_g (Σ_{i∈g} (y_i − ȳ))² / N², with G − 1 degrees
 * of freedom — what statsmodels `OLS(y, 1).fit(cov_type='cluster', use_t=True)` reports. With one
 * value per cluster it reduces exactly to the textbook s/√n interval.
 */
export function meanInterval(values: readonly number[], clusters?: readonly (string | number)[]): MeanInterval {
  if (clusters && clusters.length !== values.length) throw new RangeError(`meanInterval: ${values.length} values against ${clusters.length} cluster ids`);
  const n = values.length;
  if (n === 0) return { value: null, n: 0, reason: 'no scored values' };
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError('meanInterval: values must be finite numbers');
    sum += v;
  }
  const mean = sum / n;
  const residualSums = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const g = clusters ? clusters[i]! : i;
    residualSums.set(g, (residualSums.get(g) ?? 0) + values[i]! - mean);
  }
  const g = residualSums.size;
  const clustered = clusters !== undefined && g < n;
  const method = clustered ? 'cluster t' : 't';
  if (g < 2) return { value: mean, ci95: null, n, clusters: g, method, reason: clustered ? 'an interval needs at least two cases' : 'an interval needs at least two values' };
  let ss = 0;
  for (const r of residualSums.values()) ss += r * r;
  const se = Math.sqrt((g / (g - 1)) * ss) / n;
  const half = studentTQuantile(0.975, g - 1) * se;
  return { value: mean, ci95: [mean - half, mean + half], n, clusters: g, method };
}
