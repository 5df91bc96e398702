import type { StatResult } from './result.js';
import { notYet } from './not-yet.js';
/** Share of agreeing rater pairs per item, averaged over items with >= 2 ratings (items x categories counts). */
export function percentAgreement(counts: readonly (readonly number[])[]): StatResult {
  return notYet('percentAgreement');
}
