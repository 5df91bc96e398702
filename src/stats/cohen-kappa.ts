import type { Coefficient } from './result.js';
import { notYet } from './not-yet.js';
export type KappaWeights = 'none' | 'linear' | 'quadratic';
/**
 * k x k contingency table (rows rater A, cols rater B) from two aligned vectors of category indices.
 * Pairs with a missing (null) side are dropped. With `labels` (sklearn's `labels=` semantics) the table
 * covers only those categories, in that order, and pairs where either side is outside them are dropped.
 */
export function contingencyTable(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  k: number,
  opts?: { labels?: readonly number[] },
): number[][] {
  return notYet('contingencyTable');
}
/**
 * Cohen's kappa (Cohen 1960), weighted (Cohen 1968), on a k x k table. `se` is the asymptotic SE of
 * Fleiss, Cohen & Everitt (1969) (SAS PROC FREQ, statsmodels std_kappa), ci95 = value +- 1.96 se.
 */
export function cohenKappa(
  table: readonly (readonly number[])[],
  opts?: { weights?: KappaWeights; scores?: readonly number[] },
): Coefficient {
  return notYet('cohenKappa');
}
