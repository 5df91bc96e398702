import type { Coefficient } from './result.js';
import { notYet } from './not-yet.js';
/** Conger (1980) multi-rater Cohen kappa on an items x raters matrix of category indices (irrCAC conger.kappa.raw). */
export function congerKappa(ratings: readonly (readonly (number | null)[])[], k: number, opts?: { weights?: readonly (readonly number[])[] }): Coefficient {
  return notYet('congerKappa');
}
