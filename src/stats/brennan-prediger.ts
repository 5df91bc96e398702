import type { Coefficient } from './result.js';
import { notYet } from './not-yet.js';
/** Brennan & Prediger (1981) / Randolph (2005) free-marginal kappa, pe = 1/q (irrCAC bp.coeff.raw), with SE. */
export function brennanPrediger(counts: readonly (readonly number[])[], opts?: { weights?: readonly (readonly number[])[] }): Coefficient {
  return notYet('brennanPrediger');
}
