/**
 * Agreement weight matrices: w[i][j] in [0, 1], 1 on the diagonal, 0 for the most distant pair.
 * Built over category indices 0..k-1 in scale order, or over explicit numeric `scores`.
 * Definitions follow Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014, §3.5) as coded in
 * irrCAC `weights.py`, and match Cohen (1968) / sklearn / SAS for linear and quadratic:
 * - none:      identity
 * - linear:    1 - |s_i - s_j| / (s_max - s_min)
 * - quadratic: 1 - (s_i - s_j)^2 / (s_max - s_min)^2
 * - ordinal:   1 - M_ij / max(M), M_ij = C(|i - j| + 1, 2) (rank-based, ignores scores)
 */
export type WeightScheme = 'none' | 'linear' | 'quadratic' | 'ordinal';

export type WeightMatrix = readonly (readonly number[])[];

export function weightMatrix(k: number, scheme: WeightScheme, scores?: readonly number[]): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`weightMatrix: k must be a positive integer, got ${k}`);
  if (scores && scores.length !== k) throw new RangeError(`weightMatrix: ${scores.length} scores for ${k} categories`);
  const s = scores ?? Array.from({ length: k }, (_, i) => i);
  const span = Math.max(...s) - Math.min(...s);
  const w: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    for (let j = 0; j < k; j++) {
      if (i === j || scheme === 'none') row.push(i === j ? 1 : 0);
      // With one category (or all scores equal) there is no distance to scale by: only i === j exists
      // or every pair is identical, so full agreement weight is the only meaningful value.
      else if (span === 0) row.push(1);
      else if (scheme === 'linear') row.push(1 - Math.abs(s[i]! - s[j]!) / span);
      else if (scheme === 'quadratic') row.push(1 - ((s[i]! - s[j]!) / span) ** 2);
      else {
        const d = Math.abs(i - j) + 1;
        row.push(1 - (d * (d - 1)) / 2 / ((k * (k - 1)) / 2));
      }
    }
    w.push(row);
  }
  return w;
}

/** True when `w` is the identity (an unweighted statistic). */
export function isIdentity(w: WeightMatrix): boolean {
  for (let i = 0; i < w.length; i++) for (let j = 0; j < w.length; j++) if (w[i]![j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/** Checks a caller-supplied matrix is q x q; a shape mismatch is a programming error, so it throws. */
export function checkWeights(w: WeightMatrix, q: number, where: string): void {
  if (w.length !== q || w.some((row) => row.length !== q)) {
    throw new RangeError(`${where}: weights must be ${q} x ${q} (one row and column per category)`);
  }
}
