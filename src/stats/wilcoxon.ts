import { normalCdf } from './distributions.js';
import { averageRanks } from './paired.js';
import { undefinedResult, type Undefined } from './result.js';

export type WilcoxonResult =
  | { value: number; p_value: number; statistic: number; n: number; zeros: number; method: 'exact' | 'normal, tie- and continuity-corrected' }
  | (Undefined & { n: number; zeros: number });

/**
 * Wilcoxon signed-rank test on paired differences (candidate − baseline), two-sided, exactly as R's
 * `wilcox.test(cand, base, paired = TRUE)` with its defaults: zero differences are dropped; with
 * fewer than 50 non-zero differences, no tied |differences| and no zeros, the exact null
 * distribution of V (sum of the ranks of the positive differences); otherwise the normal
 * approximation with the tie correction of the variance and a continuity correction of 0.5.
 * `value` is V's p-value, kept in `p_value` too for readability at call sites.
 */
export function wilcoxonSignedRank(baseline: readonly number[], candidate: readonly number[]): WilcoxonResult {
  if (baseline.length !== candidate.length) throw new RangeError(`wilcoxonSignedRank: ${baseline.length} baseline values against ${candidate.length}`);
  const diffs: number[] = [];
  let zeros = 0;
  for (let i = 0; i < baseline.length; i++) {
    const d = candidate[i]! - baseline[i]!;
    if (!Number.isFinite(d)) throw new RangeError('wilcoxonSignedRank: values must be finite numbers');
    if (d === 0) zeros++;
    else diffs.push(d);
  }
  const n = diffs.length;
  if (n === 0) return { ...undefinedResult(zeros ? 'every pair has the same score: nothing to test' : 'no pairs'), n, zeros };
  const ranks = averageRanks(diffs.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (diffs[i]! > 0) v += ranks[i]!;
  const ties = tieGroups(ranks);
  if (n < 50 && zeros === 0 && ties.length === 0) {
    const half = (n * (n + 1)) / 4;
    const p = v > half ? 1 - signedRankCdf(v - 1, n) : signedRankCdf(v, n);
    return { value: Math.min(1, 2 * p), p_value: Math.min(1, 2 * p), statistic: v, n, zeros, method: 'exact' };
  }
  let tieTerm = 0;
  for (const t of ties) tieTerm += t ** 3 - t;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const centred = v - (n * (n + 1)) / 4;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const p = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
  return { value: p, p_value: p, statistic: v, n, zeros, method: 'normal, tie- and continuity-corrected' };
}

/** Sizes of the groups of equal ranks (only groups of 2 or more). */
function tieGroups(ranks: Float64Array): number[] {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}

/**
 * P(V <= v) under the null for n untied ranks: count the subsets of {1..n} with each rank sum
 * (a subset-sum table; below n = 50 the counts, at most 2^49, are exact in a double).
 */
function signedRankCdf(v: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  const ways = new Float64Array(max + 1);
  ways[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) ways[s]! += ways[s - k]!;
  let below = 0;
  for (let s = 0; s <= Math.min(v, max); s++) below += ways[s]!;
  return below / 2 ** n;
}
