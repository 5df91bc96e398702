import { mulberry32, quantile } from './bootstrap.js';
import { clusterSums } from './cluster-sums.js';
import { undefinedResult, type Undefined } from './result.js';

export type PairedDiff =
  | { value: number; ci95: [number, number]; n: number; method: 'paired bootstrap'; resamples: number; seed: number; clusters: number }
  | { value: number; ci95: null; n: number; method: 'paired bootstrap'; resamples: number; seed: number; clusters: number; reason: string }
  | (Undefined & { n: 0 });

/**
 * Candidate minus baseline, averaged over pairs, with a seeded percentile-bootstrap 95% interval
 * (Efron & Tibshirani 1993, ch. 13). Pairs are resampled together, so the case-to-case spread that
 * both runs share cancels out — that is what makes a paired comparison far sharper than two
 * independent intervals. With `clusters` (the case id of each pair when there are repeats), whole
 * cases are resampled with all their repeats (the cluster bootstrap, Davison & Hinkley 1997 §3.8),
 * and the statistic is Σ differences / Σ pairs over the drawn cases. Works for 0/1 outcomes
 * (a difference of proportions) and for scores alike. Being an average of observed differences,
 * every resample — so the percentile interval — stays within [min d, max d]: a difference of two
 * [0, 1] means never leaves [−1, 1] (nor of two 1–5 means [−4, 4]), unlike a t interval.
 */
export function pairedBootstrapDiff(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: { resamples?: number; seed?: number; clusters?: readonly (string | number)[] } = {},
): PairedDiff {
  if (baseline.length !== candidate.length) throw new RangeError(`pairedBootstrapDiff: ${baseline.length} baseline values against ${candidate.length}`);
  const resamples = opts.resamples ?? 10_000;
  const seed = opts.seed ?? 1;
  const n = baseline.length;
  if (n === 0) return { ...undefinedResult('no pairs to compare'), n: 0 };
  const diffs = baseline.map((x, i) => candidate[i]! - x);
  // Per-cluster sums make one resample O(clusters), not O(pairs).
  const { sums: diffSum, counts: count } = clusterSums(diffs, opts.clusters, 'pairedBootstrapDiff');
  let total = 0;
  for (const d of diffSum) total += d;
  const value = total / n;
  const clusters = diffSum.length;
  const base = { value, n, method: 'paired bootstrap' as const, resamples, seed, clusters };
  if (clusters < 2) return { ...base, ci95: null, reason: 'an interval needs at least two cases' };
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`pairedBootstrapDiff: resamples must be a positive integer, got ${resamples}`);
  // The same draws as bootstrapCi (one mulberry32 stream, floor(r · clusters) per draw), in a
  // tight loop without a callback or an index array (about twice as fast on 10,000 cases).
  const rand = mulberry32(seed);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    let m = 0;
    for (let i = 0; i < clusters; i++) {
      const k = Math.floor(rand() * clusters);
      s += diffSum[k]!;
      m += count[k]!;
    }
    stats[r] = s / m;
  }
  stats.sort();
  return { ...base, ci95: [quantile(stats, 0.025), quantile(stats, 0.975)] };
}
