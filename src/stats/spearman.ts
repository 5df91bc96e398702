/**
 * Spearman's rank correlation: Pearson's r of the average ranks (ties -> mid-ranks), the definition
 * used by scipy.stats.spearmanr and R cor(method = "spearman").
 */
import { type StatResult, undefinedResult } from './result.js';
import { averageRanks, completePairs } from './paired.js';

export function spearman(x: readonly (number | null)[], y: readonly (number | null)[]): StatResult {
  const [a, b] = completePairs(x, y, 'spearman');
  if (a.length < 2) return undefinedResult('fewer than two items have both scores');
  // Checked on the inputs, not on the variance: summing floating-point ranks can leave a tiny
  // non-zero variance for a constant column and turn "undefined" into a spurious -0.00.
  if (isConstant(a) || isConstant(b)) return undefinedResult('one side gives every item the same score, so there is no ordering to correlate');
  const r = pearson(averageRanks(a), averageRanks(b));
  return r === null ? undefinedResult('one side gives every item the same score, so there is no ordering to correlate') : { value: r };
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

function pearson(a: Float64Array, b: Float64Array): number | null {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}
