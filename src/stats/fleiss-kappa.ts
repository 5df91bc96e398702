/**
 * Fleiss' kappa. Fleiss (1971) "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5); for unequal numbers of ratings per item, and optionally weighted,
 * the generalisation of Gwet (Handbook of Inter-Rater Reliability, 4th ed., 2014, §2.3 and ch. 5)
 * as in irrCAC `fleiss.kappa.raw`. With equal ratings per item the two coincide exactly:
 *   pa = mean_i sum_k n_ik (n_ik - 1) / (r_i (r_i - 1)),  pi_k = mean_i n_ik / r_i,
 *   pe = sum_kl w_kl pi_k pi_l,  kappa = (pa - pe) / (1 - pe).
 * SE: linearised variance (Gwet 2008), CI with Student t, n - 1 df, as irrCAC prints.
 */
import type { Coefficient } from './result.js';
import { type CountPatterns, type CountTable, coefficientResult, degeneratePe, linearisedSe, prepareTable, tooFewItems } from './multi-rater.js';
import type { WeightMatrix } from './weights.js';

/**
 * @param counts items x categories: counts[i][k] = raters who put item i in category k.
 * @param opts.weights optional q x q agreement weight matrix (see `weightMatrix`); identity by default.
 */
export function fleissKappa(counts: CountTable, opts?: { weights?: WeightMatrix }): Coefficient {
  return fleissKappaFromPatterns({ counts }, opts);
}

/** The same from distinct count rows and how many items share each (see `countPatterns`). */
export function fleissKappaFromPatterns(table: CountPatterns, opts?: { weights?: WeightMatrix }): Coefficient {
  const t = prepareTable(table, opts?.weights, 'fleissKappa');
  if ('reason' in t) return t;
  const few = tooFewItems(t);
  if (few) return few;
  const { q, pi, w, rows, r, n } = t;
  let pe = 0;
  // Symmetrised W pi, used both for pe and for the per-item chance terms of the variance.
  const piW = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      pe += w[k]![l]! * pi[k]! * pi[l]!;
      piW[k]! += ((w[k]![l]! + w[l]![k]!) / 2) * pi[l]!;
    }
  }
  const bad = degeneratePe(pe);
  if (bad) return bad;
  const kappa = (t.pa - pe) / (1 - pe);
  const peItems = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    let s = 0;
    for (let k = 0; k < q; k++) s += rows[i]![k]! * piW[k]!;
    peItems[i] = s / r[i]!;
  }
  return coefficientResult(kappa, t.pa, pe, linearisedSe(t, kappa, pe, peItems), n);
}
