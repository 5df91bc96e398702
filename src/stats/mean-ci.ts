import { studentTQuantile } from './distributions.js';
import { wilsonInterval } from './wilson.js';
import { clusterSums } from './cluster-sums.js';

/** The range a criterion's values lie in: [0, 1] for checks and similarity metrics, a rubric's scale. */
export type Bounds = readonly [lo: number, hi: number];

export type MeanMethod = 't' | 'cluster t' | 'logit t' | 'cluster logit t' | 'wilson';

export type MeanInterval =
  | { value: number; ci95: [number, number]; n: number; clusters: number; method: MeanMethod }
  | { value: number; ci95: null; n: number; clusters: number; method: MeanMethod; reason: string }
  | { value: null; n: 0; reason: string };

/**
 * What every interval below needs, and all that an incremental summary has to keep: n, the mean,
 * the cluster-robust residual sum Σ_g (S_g − n_g·ȳ)² over G clusters (one value per cluster: the
 * plain Σ (y − ȳ)²), and where the values sat relative to the bounds.
 */
export interface MeanParts {
  n: number;
  mean: number;
  ss: number;
  clusters: number;
  /** 'ends': every value is the lowest or the highest of the range; 'outside': one fell outside it. */
  placement: Placement;
}
export type Placement = 'ends' | 'inside' | 'outside';

/** Where one value sits: at an end of the range, strictly inside, or outside (without bounds, 0/1 are the ends). */
export function placementOf(v: number, bounds: Bounds | undefined): Placement {
  const [lo, hi] = bounds ?? [0, 1];
  if (v === lo || v === hi) return 'ends';
  if (!bounds) return 'outside';
  return v > lo && v < hi ? 'inside' : 'outside';
}

/** The worse of two placements (ends < inside < outside): what a set of values is. */
export function widerPlacement(a: Placement, b: Placement): Placement {
  return a === 'outside' || b === 'outside' ? 'outside' : a === 'inside' || b === 'inside' ? 'inside' : 'ends';
}

/**
 * The 95% interval for a criterion's mean, kept inside the criterion's range. The one function
 * behind every figure (run summary, show, compare, JSON and HTML reports), so they all agree.
 *
 * - Every value at an end of the range (0/1 checks, a rubric scored only 1 or 5): a proportion,
 *   the Wilson interval on the rescaled values (Wilson 1927), which stays inside [0, 1].
 * - Otherwise, with bounds: a t interval on the logit of the rescaled mean p = (ȳ − lo)/(hi − lo),
 *   SE by the delta method, SE(p)/(p(1 − p)), mapped back. That is the intercept-only fractional
 *   logit model (Papke & Wooldridge 1996, J. Appl. Econometrics 11:619) with a cluster-robust
 *   sandwich SE and t(G − 1) — statsmodels `GLM(p, 1, family=Binomial()).fit(cov_type='cluster',
 *   use_t=True)`, and what R survey::svyciprop(method = "logit") does for a mean in [0, 1].
 *   Why this one: a symmetric t interval around 0.96 on [0, 1] runs past 1 because it ignores
 *   that the spread must shrink near a bound; the logit interval is asymmetric the way the data
 *   are, never leaves the range, and equals the t interval to first order away from the bounds.
 *   A percentile bootstrap also stays inside, but needs every value and a resampling loop at the
 *   end of a 10,000-case run, and would not come out of the running sums the summary keeps.
 * - Every value at one and the same end with repeats (p = 0 or 1, no spread to use): Wilson over
 *   the G cases, since repeats of one case are not independent trials.
 * - No bounds known (a custom scorer): the plain (cluster) t interval; 0/1 values still get Wilson.
 *   Values outside their declared bounds (a scorer bug) also fall back to t, rather than hide it.
 */
export function boundedMeanInterval(parts: MeanParts, bounds?: Bounds): MeanInterval {
  const { n, mean, ss, clusters: g, placement } = parts;
  if (n === 0) return { value: null, n: 0, reason: 'no scored values' };
  const clustered = g < n;
  const [lo, hi] = bounds ?? [0, 1];
  const width = hi - lo;
  if (placement === 'ends' && !clustered && width > 0) return rescaledWilson(Math.round((mean - lo) / width * n), n, n, lo, width);
  const method = bounds && placement !== 'outside' && width > 0 ? (clustered ? 'cluster logit t' : 'logit t') : clustered ? 'cluster t' : 't';
  if (g < 2) return { value: mean, ci95: null, n, clusters: g, method, reason: clustered ? 'an interval needs at least two cases' : 'an interval needs at least two values' };
  const se = Math.sqrt((g / (g - 1)) * Math.max(0, ss)) / n;
  const t = studentTQuantile(0.975, g - 1);
  if (method === 't' || method === 'cluster t') return { value: mean, ci95: [mean - t * se, mean + t * se], n, clusters: g, method };
  const p = (mean - lo) / width;
  // p is 0 or 1 only when every value sits at that end: no spread to put on the logit scale.
  if (p <= 0 || p >= 1) {
    const w = rescaledWilson(Math.round(p * g), g, n, lo, width);
    return w.value === null ? w : { ...w, value: mean };
  }
  const l = Math.log(p / (1 - p));
  const half = (t * se) / width / (p * (1 - p));
  // min/max: the round trip through the logit must not move an end past the mean by a rounding hair.
  return { value: mean, ci95: [Math.min(mean, lo + width * expit(l - half)), Math.max(mean, lo + width * expit(l + half))], n, clusters: g, method };
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Wilson for `ones` of `trials` at the top of the range, mapped back onto [lo, lo + width]. */
function rescaledWilson(ones: number, trials: number, n: number, lo: number, width: number): MeanInterval {
  const w = wilsonInterval(ones, trials);
  if (w.value === null) return { value: null, n: 0, reason: w.reason };
  return { value: lo + width * w.value, ci95: [lo + width * w.ci95[0], lo + width * w.ci95[1]], n, clusters: trials, method: 'wilson' };
}

/** MeanParts from per-cluster sums and counts (one value per cluster: the plain residual sum). */
export function partsFromClusters(sums: readonly number[], counts: readonly number[], placement: Placement): MeanParts {
  let n = 0;
  let total = 0;
  for (let g = 0; g < sums.length; g++) {
    n += counts[g]!;
    total += sums[g]!;
  }
  const mean = n === 0 ? 0 : total / n;
  let ss = 0;
  for (let k = 0; k < sums.length; k++) ss += (sums[k]! - counts[k]! * mean) ** 2;
  return { n, mean, ss, clusters: sums.length, placement };
}

/** MeanParts from running moments (n, Σy, Σy²) of one value per case. */
export function partsFromMoments(n: number, sum: number, sumSq: number, placement: Placement): MeanParts {
  const mean = n === 0 ? 0 : sum / n;
  // max(0, …): rounding can make a zero spread come out a hair below zero.
  return { n, mean, ss: Math.max(0, sumSq - n * mean * mean), clusters: n, placement };
}

/**
 * The interval for a criterion's scored values (null = unscored: left out, never a 0), clustered
 * by case when `clusters` repeat an id (--repeat), kept inside `bounds`: see boundedMeanInterval.
 */
export function scoreInterval(values: readonly (number | null)[], clusters?: readonly (string | number)[], bounds?: Bounds): MeanInterval {
  const { sums, counts } = clusterSums(values, clusters, 'scoreInterval');
  let placement: Placement = 'ends';
  for (const v of values) if (v !== null) placement = widerPlacement(placement, placementOf(v, bounds));
  return boundedMeanInterval(partsFromClusters(sums, counts, placement), bounds);
}

/**
 * Mean with a 95% Student-t interval, for a quantity with no natural bounds. With `clusters` (one
 * id per value, e.g. the case id when a suite runs with --repeat), repeats of one case are not
 * independent draws, so the standard error is the cluster-robust (CR1) one:
 * SE² = G/(G−1) · Σ_g (Σ_{i∈g} (y_i − ȳ))² / N², with G − 1 degrees of freedom — what statsmodels
 * `OLS(y, 1).fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True)` reports. With one value
 * per cluster it reduces exactly to the textbook s/√n interval.
 */
export function meanInterval(values: readonly (number | null)[], clusters?: readonly (string | number)[]): MeanInterval {
  const { sums, counts } = clusterSums(values, clusters, 'meanInterval');
  return meanIntervalFromClusters(sums, counts);
}

/** meanInterval from per-cluster sums and counts. */
export function meanIntervalFromClusters(sums: readonly number[], counts: readonly number[]): MeanInterval {
  return boundedMeanInterval(partsFromClusters(sums, counts, 'outside'));
}

/** meanInterval from running moments (n, Σy, Σy²) of one value per case. */
export function meanIntervalFromMoments(n: number, sum: number, sumSq: number): MeanInterval {
  return boundedMeanInterval(partsFromMoments(n, sum, sumSq, 'outside'));
}

/** Wilson for n values that are all 0 or 1, `ones` of them 1. */
export function binaryInterval(ones: number, n: number): MeanInterval {
  return boundedMeanInterval(partsFromMoments(n, ones, ones, 'ends'), [0, 1]);
}
