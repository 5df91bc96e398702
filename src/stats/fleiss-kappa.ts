import type { Coefficient } from './result.js';
import { notYet } from './not-yet.js';
/** Fleiss (1971) kappa; for unequal ratings per item Gwet's generalisation (irrCAC fleiss.kappa.raw), with SE. */
export function fleissKappa(counts: readonly (readonly number[])[], opts?: { weights?: readonly (readonly number[])[] }): Coefficient {
  return notYet('fleissKappa');
}
