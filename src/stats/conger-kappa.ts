/**
 * Conger's kappa: Conger (1980) "Integration and generalization of kappas for multiple raters",
 * Psychological Bulletin 88(2). The multi-rater extension of Cohen's kappa: pa as Fleiss, chance
 * agreement from each rater's own marginals (averaging the r(r-1)/2 pairwise Cohen-type pe):
 *   p_gk = share of rater g's ratings in category k, pbar_k = mean_g p_gk,
 *   s2_kl = (sum_g p_gk p_gl - r pbar_k pbar_l) / (r - 1),  pe = sum_kl w_kl (pbar_k pbar_l - s2_kl / r).
 * SE: Gwet's linearisation as in irrCAC `conger.kappa.raw` (Python port), raters with no rating dropped.
 */
import { type Coefficient, undefinedResult } from './result.js';
import { itemCategoryCounts } from './item-counts.js';
import { coefficientResult, degeneratePe, identityMatrix, linearisedSe, prepareTable, tooFewItems } from './multi-rater.js';
import { checkWeights, type WeightMatrix } from './weights.js';

/**
 * @param ratings items x raters matrix of category indices 0..k-1 (null = not rated). Rater identity
 *   matters here, unlike Fleiss/Gwet, so a count table is not enough.
 */
export function congerKappa(
  ratings: readonly (readonly (number | null)[])[],
  k: number,
  opts?: { weights?: WeightMatrix },
): Coefficient {
  const w = opts?.weights ?? identityMatrix(k);
  checkWeights(w, k, 'congerKappa');
  const width = ratings[0]?.length ?? 0;
  const active: number[] = [];
  for (let g = 0; g < width; g++) if (ratings.some((row) => row[g] !== null && row[g] !== undefined)) active.push(g);
  const rows = ratings.filter((row) => row.some((v) => v !== null && v !== undefined)).map((row) => active.map((g) => row[g] ?? null));
  if (rows.length === 0) return undefinedResult('there are no ratings');
  const r = active.length;
  if (r < 2) return undefinedResult('Conger\'s kappa needs ratings from at least two raters');
  const t = prepareTable({ counts: itemCategoryCounts(rows, k) }, w, 'congerKappa');
  if ('reason' in t) return t;
  const few = tooFewItems(t);
  if (few) return few;
  const n = rows.length;
  const ng = new Float64Array(r);
  const p = Array.from({ length: r }, () => new Float64Array(k));
  for (const row of rows) row.forEach((v, g) => { if (v !== null) { ng[g]!++; p[g]![v]!++; } });
  for (let g = 0; g < r; g++) for (let c = 0; c < k; c++) p[g]![c]! /= ng[g]!;
  const colSum = new Float64Array(k);
  for (let g = 0; g < r; g++) for (let c = 0; c < k; c++) colSum[c]! += p[g]![c]!;
  let pe = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let cross = 0;
      for (let g = 0; g < r; g++) cross += p[g]![a]! * p[g]![b]!;
      const pbarA = colSum[a]! / r;
      const pbarB = colSum[b]! / r;
      const s2 = (cross - r * pbarA * pbarB) / (r - 1);
      pe += w[a]![b]! * (pbarA * pbarB - s2 / r);
    }
  }
  const bad = degeneratePe(pe);
  if (bad) return bad;
  const kappa = (t.pa - pe) / (1 - pe);
  // Per-item chance-agreement terms of the linearised variance (irrCAC lambda_ig).
  const peItems = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lambda = 0;
    for (let g = 0; g < r; g++) {
      const v = rows[i]![g]!;
      const rated = v === null ? 0 : 1;
      for (let c = 0; c < k; c++) {
        let inner = 0;
        for (let l = 0; l < k; l++) inner += w[c]![l]! * ((v === l ? 1 : 0) - (rated - ng[g]! / n) * p[g]![l]!);
        lambda += (n / ng[g]!) * inner * (colSum[c]! - p[g]![c]!);
      }
    }
    peItems[i] = lambda / (r * (r - 1));
  }
  return coefficientResult(kappa, t.pa, pe, linearisedSe(t, kappa, pe, peItems), t.n);
}
