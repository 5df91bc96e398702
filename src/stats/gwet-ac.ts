/**
 * Gwet's AC1 (unweighted) and AC2 (weighted). Gwet (2008) "Computing inter-rater reliability and
 * its variance in the presence of high agreement", BJMSP 61:29-48; Handbook of Inter-Rater
 * Reliability, 4th ed. (2014), ch. 4-5; irrCAC `gwet.ac1.raw`:
 *   pa as in Fleiss (weighted), pi_k = mean_i n_ik / r_i,
 *   pe = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k), T_w = sum of all weights,
 *   AC = (pa - pe) / (1 - pe); SE linearised with pe_i = T_w / (q (q - 1)) * sum_k n_ik (1 - pi_k) / r_i.
 * q is the number of categories of the SCALE (table width), not just those observed.
 */
import { type Coefficient, undefinedResult } from './result.js';
import { type CountPatterns, type CountTable, coefficientResult, degeneratePe, linearisedSe, prepareTable, tooFewItems } from './multi-rater.js';
import { type WeightMatrix, type WeightScheme, weightMatrix } from './weights.js';

/**
 * @param counts items x categories count table.
 * @param opts.weights 'none' (AC1, default), 'linear' | 'quadratic' | 'ordinal' (AC2), or a q x q matrix.
 */
export function gwetAc(counts: CountTable, opts?: { weights?: WeightScheme | WeightMatrix }): Coefficient {
  return gwetAcFromPatterns({ counts }, opts);
}

/** The same from distinct count rows and how many items share each (see `countPatterns`). */
export function gwetAcFromPatterns(table: CountPatterns, opts?: { weights?: WeightScheme | WeightMatrix }): Coefficient {
  const q = table.counts[0]?.length ?? 0;
  const spec = opts?.weights ?? 'none';
  const w = typeof spec === 'string' ? (q > 0 ? weightMatrix(q, spec) : []) : spec;
  const t = prepareTable(table, w, 'gwetAc');
  if ('reason' in t) return t;
  const few = tooFewItems(t);
  if (few) return few;
  if (q < 2) return undefinedResult('the scale has a single category, so agreement cannot be corrected for chance');
  let wSum = 0;
  for (const row of t.w) for (const v of row) wSum += v;
  const factor = wSum / (q * (q - 1));
  let spread = 0;
  for (let k = 0; k < q; k++) spread += t.pi[k]! * (1 - t.pi[k]!);
  const pe = factor * spread;
  const bad = degeneratePe(pe);
  if (bad) return bad;
  const ac = (t.pa - pe) / (1 - pe);
  const peItems = new Float64Array(t.rows.length);
  for (let i = 0; i < t.rows.length; i++) {
    let s = 0;
    for (let k = 0; k < q; k++) s += t.rows[i]![k]! * (1 - t.pi[k]!);
    peItems[i] = (factor * s) / t.r[i]!;
  }
  return coefficientResult(ac, t.pa, pe, linearisedSe(t, ac, pe, peItems), t.n);
}
