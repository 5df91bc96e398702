/**
 * Brennan & Prediger (1981) "Coefficient kappa: some uses, misuses, and alternatives",
 * Educational and Psychological Measurement 41; identical to Randolph's (2005) free-marginal
 * multirater kappa. Chance agreement assumes every category equally likely:
 *   pe = T_w / q^2 (= 1/q unweighted), BP = (pa - pe) / (1 - pe),
 * with pa as in Fleiss and the SE of irrCAC `bp.coeff.raw` (pe does not depend on the data).
 * q is the number of categories of the SCALE (table width).
 */
import type { Coefficient } from './result.js';
import { type CountPatterns, type CountTable, coefficientResult, degeneratePe, linearisedSe, prepareTable, tooFewItems } from './multi-rater.js';
import type { WeightMatrix } from './weights.js';

export function brennanPrediger(counts: CountTable, opts?: { weights?: WeightMatrix }): Coefficient {
  return brennanPredigerFromPatterns({ counts }, opts);
}

/** The same from distinct count rows and how many items share each (see `countPatterns`). */
export function brennanPredigerFromPatterns(table: CountPatterns, opts?: { weights?: WeightMatrix }): Coefficient {
  const t = prepareTable(table, opts?.weights, 'brennanPrediger');
  if ('reason' in t) return t;
  const few = tooFewItems(t);
  if (few) return few;
  let wSum = 0;
  for (const row of t.w) for (const v of row) wSum += v;
  const pe = wSum / (t.q * t.q);
  const bad = degeneratePe(pe);
  if (bad) return { value: null, reason: 'the scale has a single category, so agreement cannot be corrected for chance' };
  const bp = (t.pa - pe) / (1 - pe);
  return coefficientResult(bp, t.pa, pe, linearisedSe(t, bp, pe, null), t.n);
}
