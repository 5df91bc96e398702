import type { Coefficient } from './result.js';
import type { WeightScheme } from './weights.js';
import { notYet } from './not-yet.js';
/** Gwet's AC1 (weights none) / AC2 (weighted) with SE per irrCAC gwet.ac1.raw; items x categories counts. */
export function gwetAc(counts: readonly (readonly number[])[], opts?: { weights?: WeightScheme | readonly (readonly number[])[] }): Coefficient {
  return notYet('gwetAc');
}
