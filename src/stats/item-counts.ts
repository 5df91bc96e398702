import { notYet } from './not-yet.js';
/**
 * items x raters matrix of category indices (null = not rated) -> items x categories count table,
 * the input of percentAgreement, fleissKappa, gwetAc, brennanPrediger, krippendorffAlphaFromCounts.
 */
export function itemCategoryCounts(ratings: readonly (readonly (number | null)[])[], k: number): number[][] {
  return notYet('itemCategoryCounts');
}
