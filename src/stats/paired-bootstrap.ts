import { bootstrapCi } from './bootstrap.js';
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
 * (a difference of proportions) and for scores alike.
 */
export function pairedBootstrapDiff(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: { resamples?: number; seed?: number; clusters?: readonly (string | number)[] } = {},
): PairedDiff {
  if (baseline.length !== candidate.length) throw new RangeError(`pairedBootstrapDiff: ${baseline.length} baseline values against ${candidate.length}`);
  if (opts.clusters && opts.clusters.length !== baseline.length) throw new RangeError('pairedBootstrapDiff: one cluster id per pair');
  const resamples = opts.resamples ?? 10_000;
  const seed = opts.seed ?? 1;
  const n = baseline.length;
  if (n === 0) return { ...undefinedResult('no pairs to compare'), n: 0 };
  // Per-cluster sums make one resample O(clusters), not O(pairs).
  const index = new Map<string | number, number>();
  const diffSum: number[] = [];
  const count: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = candidate[i]! - baseline[i]!;
    if (!Number.isFinite(d)) throw new RangeError('pairedBootstrapDiff: values must be finite numbers');
    const key = opts.clusters ? opts.clusters[i]! : i;
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = diffSum.length));
      diffSum.push(0);
      count.push(0);
    }
    diffSum[k]! += d;
    count[k]!++;
    total += d;
  }
  const value = total / n;
  const clusters = diffSum.length;
  const base = { value, n, method: 'paired bootstrap' as const, resamples, seed, clusters };
  const boot = bootstrapCi(
    clusters,
    (idx) => {
      let s = 0;
      let m = 0;
      for (const k of idx) {
        s += diffSum[k]!;
        m += count[k]!;
      }
      return s / m;
    },
    { resamples, seed },
  );
  if (boot.ci95 === null) return { ...base, ci95: null, reason: clusters < 2 ? 'an interval needs at least two cases' : boot.reason };
  return { ...base, ci95: boot.ci95 };
}
